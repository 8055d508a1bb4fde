/**
 * Media state between rooms: each room says in its hello whether its microphone is muted and its camera off
 * (room-messages.ts), broadcast when it changes and sent to each newcomer; the others' tiles show a crossed-out
 * microphone and, instead of the black frames a switched-off camera sends, an avatar with the initial.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { MeteredRoom } from '../src/room/metered-room.js';
import { parseHello } from '../src/room/room-messages.js';
import { addRoom, GUARD_MS, uniqueChannel, waitForRemoteFrames, waitForState } from './helpers/room.js';
import { joined } from './helpers/chat-dom.js';
import { mainServer, restartServer, startServer, stopServer } from './helpers/server.js';

/** The camera tile of `peerId` in the <metered-video> of `room`. */
function tileIn(room: MeteredRoom, peerId: string): HTMLElement | null {
  const video = room.querySelector('metered-video')!;
  return video.shadowRoot!.querySelector<HTMLElement>(`[data-peer-id="${CSS.escape(peerId)}"][data-role="camera"]`);
}
const mutedIcon = (tile: HTMLElement | null) => tile?.querySelector('[part="muted"]') ?? null;
const avatar = (tile: HTMLElement | null) => tile?.querySelector('[part="avatar"]') ?? null;

describe('media state between rooms', () => {
  it('parses the hello exactly: the media fields are optional booleans, anything else is not a hello', () => {
    const hello = { type: 'metered-elements/hello', displayName: 'Ann', publishes: true, key: 'k1' };
    expect(parseHello(hello)).to.deep.equal(hello); // an older sender: no media state, none shown
    expect(parseHello({ ...hello, audioMuted: true, videoMuted: false })).to.deep.equal({
      ...hello,
      audioMuted: true,
      videoMuted: false,
    });
    expect(parseHello({ ...hello, audioMuted: 'yes' })).to.equal(null);
    expect(parseHello({ ...hello, videoMuted: 1 })).to.equal(null);
  });

  it('a muted microphone and a camera turned off show on the others\' tiles (muted icon, avatar), and go again', async () => {
    const server = await mainServer();
    const channel = uniqueChannel('media-state');
    const parent = await fixture<HTMLElement>(html`<div></div>`);
    const children = '<metered-video></metered-video>';
    const alice = addRoom(server, { channel, displayName: 'alice', children }, parent);
    const bob = addRoom(server, { channel, displayName: 'Bob', children }, parent);
    await joined(alice, bob);
    const aliceId = alice.peerId!;
    await waitForRemoteFrames(bob.querySelector('metered-video')!, aliceId);
    expect(mutedIcon(tileIn(bob, aliceId)), 'muted before muting').to.equal(null);
    expect(avatar(tileIn(bob, aliceId)), 'avatar over a live camera').to.equal(null);

    alice.setMicrophoneEnabled(false);
    alice.setCameraEnabled(false);
    await waitUntil(() => mutedIcon(tileIn(bob, aliceId)) && avatar(tileIn(bob, aliceId)), 'Bob never saw the change', {
      timeout: GUARD_MS,
    });
    const tile = tileIn(bob, aliceId)!;
    expect(mutedIcon(tile)!.getAttribute('aria-label')).to.equal('Microphone off');
    expect(avatar(tile)!.textContent).to.equal('A');
    expect(tile.querySelector('[part="label"]')!.textContent).to.equal('alice');
    // The avatar covers the tile (the black frames of a camera that is off are not seen).
    const tileBox = tile.getBoundingClientRect();
    const cover = tile.querySelector('[part="placeholder"]')!.getBoundingClientRect();
    expect([cover.width, cover.height]).to.deep.equal([tileBox.width, tileBox.height]);
    expect(bob.participants.find((p) => p.peerId === aliceId)).to.include({ audioMuted: true, videoMuted: true });
    expect(alice.participants[0]).to.include({ isLocal: true, audioMuted: true, videoMuted: true });
    // Alice's own tile says the same.
    expect(mutedIcon(tileIn(alice, aliceId))).to.not.equal(null);

    // A newcomer hears it from the hello sent to it directly.
    const carol = addRoom(server, { channel, displayName: 'Carol', media: 'none', children }, parent);
    await waitUntil(() => mutedIcon(tileIn(carol, aliceId)) && avatar(tileIn(carol, aliceId)), 'Carol never saw it', {
      timeout: GUARD_MS,
    });
    // Carol sends nothing: her tiles elsewhere say so.
    await waitUntil(() => carol.peerId && mutedIcon(tileIn(bob, carol.peerId)), 'Carol without media not shown muted', {
      timeout: GUARD_MS,
    });

    alice.setMicrophoneEnabled(true);
    alice.setCameraEnabled(true);
    await waitUntil(
      () => !mutedIcon(tileIn(bob, aliceId)) && !avatar(tileIn(bob, aliceId)) && !avatar(tileIn(carol, aliceId)),
      'the indicators stayed after Alice turned both back on',
      { timeout: GUARD_MS },
    );
    expect(bob.participants.find((p) => p.peerId === aliceId)).to.include({ audioMuted: false, videoMuted: false });
  });

  it('a microphone muted while the connection is down reaches the others after the reconnect', async () => {
    const server = await startServer();
    const parent = await fixture<HTMLElement>(html`<div></div>`);
    try {
      const channel = uniqueChannel('media-state-reconnect');
      const children = '<metered-video></metered-video>';
      const alice = addRoom(server, { channel, displayName: 'Alice', media: 'audio', children }, parent);
      const bob = addRoom(server, { channel, displayName: 'Bob', media: 'none', children }, parent);
      await joined(alice, bob);
      const aliceTile = () => tileIn(bob, alice.peerId ?? '');
      await waitUntil(() => aliceTile() && !mutedIcon(aliceTile()), 'Alice never shown unmuted', { timeout: GUARD_MS });

      await stopServer(server);
      await waitForState(alice, 'reconnecting');
      alice.setMicrophoneEnabled(false); // nobody can hear of it now
      await restartServer(server);
      await joined(alice, bob);
      await waitUntil(() => mutedIcon(aliceTile()), 'Bob never heard that Alice muted', { timeout: GUARD_MS });
    } finally {
      await stopServer(server);
    }
  });
});
