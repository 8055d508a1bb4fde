// "No media path" (issue 9, src/room/media-path-watch.ts): when no media connection can form with a participant,
// the room says so — a typed, non-fatal `no_media_path` naming the participant, and plain text on its tile —
// within 20 s of the join, instead of "Connecting…" / "Reconnecting…" forever. Jammed for real: both rooms allow
// only relayed candidates (`ice-transport-policy="relay"`) and their only TURN server is a closed loopback port.
import { expect, waitUntil } from '@open-wc/testing';
import type { NoMediaPathDetail } from '../src/errors.js';
import { addRoom, collectErrors, defaultVideo, roomSuite, uniqueChannel, waitForState } from './helpers/room.js';

/** The bound, from the join to the error: a guard on the wait, not a measured timing. */
const BOUND_MS = 20_000;
const CLOSED_TURN = { urls: 'turn:127.0.0.1:9?transport=udp', username: '1:test', credential: 'not-a-secret' };

describe('<metered-room> no media path', () => {
  const suite = roomSuite();
  const { rooms } = suite;

  it('reports no_media_path for each side within 20 s, and the tile says so in words', async function () {
    this.timeout(BOUND_MS + 15_000);
    const channel = uniqueChannel('no-path');
    const jammed = { channel, iceServers: [CLOSED_TURN], iceTransportPolicy: 'relay' };
    const alice = addRoom(suite.server, { ...jammed, displayName: 'Alice' });
    const bob = addRoom(suite.server, { ...jammed, displayName: 'Bob' });
    rooms.push(alice, bob);
    const aliceErrors = collectErrors(alice);
    const bobErrors = collectErrors(bob);
    await waitForState(alice, 'joined');
    await waitForState(bob, 'joined');
    const noPath = (errors: typeof aliceErrors) => errors.find((e) => e.code === 'no_media_path') as NoMediaPathDetail;
    await waitUntil(() => noPath(aliceErrors) && noPath(bobErrors), 'no no_media_path within the bound', {
      timeout: BOUND_MS,
      interval: 250,
    });
    expect(noPath(aliceErrors)).to.include({ fatal: false, peerId: bob.peerId });
    expect(noPath(bobErrors)).to.include({ fatal: false, peerId: alice.peerId });
    expect(noPath(aliceErrors).message).to.match(/no audio or video connection/i);
    expect(alice.participants.find((p) => p.peerId === bob.peerId)?.noMediaPath).to.equal(true);
    const tile = defaultVideo(alice).shadowRoot!.querySelector(`[data-peer-id="${CSS.escape(bob.peerId!)}"]`)!;
    expect(tile.textContent).to.contain('TURN server');
    expect(tile.textContent).not.to.contain('Reconnecting');
    // The rooms stay in the call (chat still works over the server): the error is not fatal.
    expect([alice.state, bob.state]).to.deep.equal(['joined', 'joined']);
  });
});
