import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { CloseErrorDetail } from '../src/errors.js';
import type { MeteredRoom } from '../src/room/metered-room.js';
import {
  addRoom,
  removeRooms,
  roomSuite,
  collectErrors,
  defaultVideo,
  framesArrive,
  GUARD_MS,
  remoteVideo,
  uniqueChannel,
  waitForError,
  waitForRemoteFrames,
  waitForState,
} from './helpers/room.js';
import { startServer, stopServer, tokenUrl } from './helpers/server.js';

function control(room: MeteredRoom, label: string): HTMLButtonElement {
  const button = [...room.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="controls"] button')].find(
    (b) => b.textContent!.trim() === label,
  );
  if (!button) throw new Error(`no "${label}" control`);
  return button;
}

describe('<metered-room> controls, names and limits', () => {
  const suite = roomSuite();
  const { rooms } = suite;

  it('the microphone and camera buttons switch the local tracks, and Leave leaves', async () => {
    const room = addRoom(suite.server, { channel: uniqueChannel('controls') });
    rooms.push(room);
    await waitForState(room, 'joined');
    await room.updateComplete;
    const camera = room.participants[0].streams[0].stream;
    const mic = control(room, 'Microphone');
    expect(mic.getAttribute('aria-pressed')).to.equal('true');
    mic.click();
    await room.updateComplete;
    expect(mic.getAttribute('aria-pressed')).to.equal('false');
    expect(camera.getAudioTracks()[0].enabled).to.equal(false);
    control(room, 'Camera').click();
    await room.updateComplete;
    expect(camera.getVideoTracks()[0].enabled).to.equal(false);
    room.setCameraEnabled(true);
    await room.updateComplete;
    expect(control(room, 'Camera').getAttribute('aria-pressed')).to.equal('true');
    expect(camera.getVideoTracks()[0].enabled).to.equal(true);

    const left = oneEvent(room, 'metered-left');
    control(room, 'Leave').click();
    expect((await left).detail.reason).to.equal('leave');
    expect(camera.getTracks().map((t) => t.readyState)).to.deep.equal(['ended', 'ended']);
    await room.updateComplete;
    expect(room.shadowRoot!.querySelector('[part="join"]'), 'a Join button to come back').to.not.equal(null);
  });

  it('with children it renders them and no controls, unless the controls attribute is set', async () => {
    const room = addRoom(suite.server, {
      channel: uniqueChannel('slotted'),
      media: 'none',
      children: '<p>my layout</p>',
    });
    rooms.push(room);
    await room.updateComplete;
    expect(room.shadowRoot!.querySelector('metered-video')).to.equal(null);
    expect(room.shadowRoot!.querySelector('[part~="controls"]')).to.equal(null);
    room.controls = true;
    await room.updateComplete;
    expect(room.shadowRoot!.querySelector('[part~="controls"]')).to.not.equal(null);
  });

  it('selecting a camera swaps the track, and the other side keeps receiving frames', async () => {
    const channel = uniqueChannel('device');
    const alice = addRoom(suite.server, { channel });
    const bob = addRoom(suite.server, { channel });
    rooms.push(alice, bob);
    await waitForState(alice, 'joined');
    await waitForState(bob, 'joined');
    await waitForRemoteFrames(defaultVideo(bob), alice.peerId!);
    const cameras = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
    const stream = alice.participants[0].streams[0].stream;
    const before = stream.getVideoTracks()[0];
    const errors = collectErrors(alice);
    await alice.selectDevice('videoinput', cameras[cameras.length - 1].deviceId);
    expect(errors).to.deep.equal([]);
    expect(before.readyState, 'the old camera track was not stopped').to.equal('ended');
    expect(stream.getVideoTracks()[0]).to.not.equal(before);
    expect(stream.getVideoTracks()[0].readyState).to.equal('live');
    const video = remoteVideo(defaultVideo(bob), alice.peerId!)!;
    await Promise.race([
      framesArrive(video, 10),
      new Promise((_, reject) => setTimeout(() => reject(new Error('frames stopped after the switch')), GUARD_MS)),
    ]);
  });

  it('names from token peerMetadata are verified; claimed names are not', async () => {
    const channel = uniqueChannel('names');
    const alice = addRoom(suite.server, {
      channel,
      media: 'none',
      tokenUrl: tokenUrl(suite.server, { peer: 'alice', name: 'Alice (verified)' }),
    });
    const bob = addRoom(suite.server, { channel, media: 'none', displayName: 'Bob (claimed)' });
    rooms.push(alice, bob);
    await waitForState(alice, 'joined');
    await waitForState(bob, 'joined');
    await waitUntil(
      () => bob.participants.length === 2 && alice.participants[1]?.displayName === 'Bob (claimed)',
      'names never arrived',
      {
        timeout: GUARD_MS,
      },
    );
    expect(bob.participants[1]).to.include({ displayName: 'Alice (verified)', nameVerified: true });
    expect(alice.participants[1]).to.include({ displayName: 'Bob (claimed)', nameVerified: false });
  });

  it('over the concurrent-connection cap, the join fails with over_concurrent_limit (4010)', async () => {
    const small = await startServer({ limits: { maxConcurrentConnections: 1 } });
    try {
      const first = addRoom(small, { channel: uniqueChannel('cap'), media: 'none' });
      rooms.push(first);
      await waitForState(first, 'joined');
      const second = addRoom(small, { channel: first.channel, media: 'none' });
      rooms.push(second);
      const detail = (await waitForError(collectErrors(second), 'over_concurrent_limit')) as CloseErrorDetail;
      expect(detail).to.include({ fatal: true, closeCode: 4010 });
      await waitForState(second, 'failed');
      expect(first.state).to.equal('joined');
    } finally {
      removeRooms(rooms);
      await stopServer(small);
    }
  });

  it('passes an accessibility audit while showing a fatal error', async () => {
    const room = addRoom(suite.server, { channel: uniqueChannel('a11y-error'), apiKey: 'pk_wrong', media: 'none' });
    rooms.push(room);
    await waitForState(room, 'failed');
    await room.updateComplete;
    expect(room.shadowRoot!.querySelector('[part="error"]')).to.not.equal(null);
    // Announced once, in the room's one live region (which exists from the first render).
    expect(room.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('could not connect');
    await expect(room).to.be.accessible();
  });
});
