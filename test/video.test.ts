import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { MeteredRoom } from '../src/room/metered-room.js';
import type { MeteredVideo } from '../src/video/metered-video.js';
import { addRoom, GUARD_MS, remoteVideo, uniqueChannel, waitForRemoteFrames, waitForState } from './helpers/room.js';
import { mainServer } from './helpers/server.js';

interface Side {
  room: MeteredRoom;
  video: MeteredVideo;
}

const tiles = (video: MeteredVideo) => [...video.shadowRoot!.querySelectorAll<HTMLElement>('[part~="tile"]')];
const tileOf = (video: MeteredVideo, peerId: string, role = 'camera') =>
  video.shadowRoot!.querySelector<HTMLElement>(
    `[part~="tile"][data-peer-id="${CSS.escape(peerId)}"][data-role="${role}"]`,
  );
const selfTile = (video: MeteredVideo) =>
  video.shadowRoot!.querySelector<HTMLElement>('[part~="tile"][data-local="true"]');
const labelOf = (tile: HTMLElement) => tile.querySelector('[part="label"]')!.textContent;

/** Two rooms with fake camera and microphone, each with a <metered-video>, in a container the runner removes. */
async function twoVideoRooms(names = ['Ada', 'Bob']): Promise<[Side, Side]> {
  const server = await mainServer();
  const channel = uniqueChannel('video');
  const parent = await fixture<HTMLElement>(html`<div></div>`);
  const sides = names.map((displayName) => {
    const room = addRoom(server, { channel, displayName, children: '<metered-video></metered-video>' }, parent);
    return { room, video: room.querySelector('metered-video')! };
  });
  for (const { room } of sides) await waitForState(room, 'joined');
  await waitUntil(() => sides.every(({ room }) => room.participants.length === 2), 'the rooms never met', {
    timeout: GUARD_MS,
  });
  return [sides[0], sides[1]];
}

describe('<metered-video> tiles', () => {
  it('shows a mirrored, muted self-view and a labelled remote tile with frames arriving', async () => {
    const [a, b] = await twoVideoRooms();
    await waitForRemoteFrames(a.video, b.room.peerId!);

    const self = selfTile(a.video)!;
    expect(self.dataset.peerId).to.equal(a.room.peerId);
    const selfVideo = self.querySelector('video')!;
    expect(selfVideo.muted, 'self-view must be muted (no echo)').to.equal(true);
    expect(getComputedStyle(selfVideo).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
    expect(labelOf(self)).to.equal('Ada (you)');
    await waitUntil(() => !selfVideo.paused, 'self-view does not play');

    const remote = tileOf(a.video, b.room.peerId!)!;
    const remoteEl = remote.querySelector('video')!;
    expect(remoteEl.muted, 'remote audio must be heard').to.equal(false);
    expect(getComputedStyle(remoteEl).transform).to.equal('none');
    await waitUntil(() => labelOf(remote) === 'Bob', 'remote label never showed the claimed name');
    expect(tiles(a.video)).to.have.length(2);
    expect(remote.querySelector('[part="badge"]')).to.equal(null);
    await expect(a.video).to.be.accessible();
  });

  it('layout="speaker" reflects, enlarges the remote tile, and keeps the same <video> elements', async () => {
    const [a, b] = await twoVideoRooms();
    await waitForRemoteFrames(a.video, b.room.peerId!);
    const before = [...a.video.shadowRoot!.querySelectorAll('video')];

    a.video.layout = 'speaker';
    await a.video.updateComplete;
    expect(a.video.getAttribute('layout')).to.equal('speaker');
    const featured = a.video.shadowRoot!.querySelector<HTMLElement>('[part~="tile-featured"]')!;
    expect(featured.dataset.peerId).to.equal(b.room.peerId);
    expect(featured.getBoundingClientRect().width).to.be.greaterThan(selfTile(a.video)!.getBoundingClientRect().width);
    expect([...a.video.shadowRoot!.querySelectorAll('video')]).to.have.members(before);

    a.video.setAttribute('layout', 'grid');
    await a.video.updateComplete;
    expect(a.video.shadowRoot!.querySelector('[part~="tile-featured"]')).to.equal(null);
    const [first, second] = tiles(a.video).map((t) => t.getBoundingClientRect().width);
    expect(first).to.equal(second);
  });

  it('removes the tile of a participant who leaves, and unbinds its stream', async () => {
    const [a, b] = await twoVideoRooms();
    const bobId = b.room.peerId!;
    await waitForRemoteFrames(a.video, bobId);
    const removedVideo = remoteVideo(a.video, bobId)!;

    await b.room.leave();
    await waitUntil(() => tileOf(a.video, bobId) === null, 'tile of the leaver was not removed', { timeout: GUARD_MS });
    expect(tiles(a.video).map((t) => t.dataset.peerId)).to.deep.equal([a.room.peerId]);
    expect(removedVideo.srcObject === null, 'a removed tile keeps no reference to the stream').to.equal(true);
  });

  it('shows a screen share as its own tile with role "screen" (a canvas stream stands in for getDisplayMedia)', async () => {
    const [a, b] = await twoVideoRooms();
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 180;
    const context = canvas.getContext('2d')!;
    let frame = 0;
    const paint = setInterval(() => {
      frame += 1;
      context.fillStyle = frame % 2 ? '#2563eb' : '#f59e0b';
      context.fillRect(0, 0, canvas.width, canvas.height);
    }, 50);
    try {
      await a.room.startScreenShare(canvas.captureStream(10));
      await waitForRemoteFrames(b.video, a.room.peerId!, 'screen');
      const screen = tileOf(b.video, a.room.peerId!, 'screen')!;
      expect(labelOf(screen)).to.equal('Ada (screen)');
      expect(tileOf(b.video, a.room.peerId!, 'camera'), 'the camera keeps its own tile').to.not.equal(null);
      // Our own screen share is shown to us too, unmirrored (mirrored text would be unreadable).
      await waitUntil(() => tileOf(a.video, a.room.peerId!, 'screen'), 'own screen tile missing');
      const ownScreen = tileOf(a.video, a.room.peerId!, 'screen')!.querySelector('video')!;
      expect(getComputedStyle(ownScreen).transform).to.equal('none');
      expect(ownScreen.muted).to.equal(true);

      b.video.layout = 'speaker';
      await b.video.updateComplete;
      expect(b.video.shadowRoot!.querySelector<HTMLElement>('[part~="tile-featured"]')!.dataset.role).to.equal(
        'screen',
      );

      a.room.stopScreenShare();
      await waitUntil(() => tileOf(b.video, a.room.peerId!, 'screen') === null, 'screen tile not removed', {
        timeout: GUARD_MS,
      });
    } finally {
      clearInterval(paint);
    }
  });
});
