/**
 * Issue 9's proof at the level users see: a `<metered-room>` call relayed through a real coturn (`use-auth-secret`)
 * with nothing configured on the page but `ice-transport-policy="relay"`. The TURN credentials come from OUR server's
 * turn config in the welcome (`metadata.iceServers`), exactly as in production with `--turn-url`/`--turn-secret`.
 * Video frames and chat go both ways, and getStats() of each room's connection shows a relay pair. With a secret
 * coturn does not share, the rooms do not hang in "Connecting…": each says `no_media_path` (typed, non-fatal).
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { MeteredRoom } from '../src/room/metered-room.js';
import { texts, typeAndSend } from './helpers/chat-dom.js';
import { addRoom, collectErrors, defaultVideo, uniqueChannel, waitForRemoteFrames, waitForState } from './helpers/room.js';
import { startCoturn, startServer, stopCoturn, stopServer, type TestCoturn, type TestServer } from './helpers/server.js';
import type { MeteredChat } from '../src/chat/metered-chat.js';

/** The bound for `no_media_path`, from the join: a guard on the wait, not a measured timing. */
const NO_PATH_BOUND_MS = 20_000;

/** The default layout's chat, inside the room's shadow root. */
function chatOf(room: MeteredRoom): MeteredChat {
  const chat = room.shadowRoot!.querySelector<MeteredChat>('metered-chat');
  if (!chat) throw new Error('the room rendered no <metered-chat>');
  return chat;
}

/** Candidate types of the pair the room's connection to its one remote peer selected (the SDK's `pc`). */
async function selectedPair(room: MeteredRoom): Promise<{ local?: string; remote?: string }> {
  const pc = room.peer!.remotePeers[0]!.pc as unknown as RTCPeerConnection;
  const stats = await pc.getStats();
  let pairId: string | undefined;
  stats.forEach((report) => {
    if (report.type === 'transport' && report.selectedCandidatePairId) pairId = report.selectedCandidatePairId;
  });
  const pair = pairId ? stats.get(pairId) : undefined;
  return { local: stats.get(pair?.localCandidateId)?.candidateType, remote: stats.get(pair?.remoteCandidateId)?.candidateType };
}

describe('<metered-room> relayed call through a real coturn, TURN credentials from our server', () => {
  let coturn: TestCoturn;
  let server: TestServer | undefined;
  const rooms: MeteredRoom[] = [];

  before(async () => {
    coturn = await startCoturn();
  });
  afterEach(async () => {
    for (const room of rooms.splice(0)) room.remove();
    if (server) await stopServer(server);
    server = undefined;
  });
  after(async () => {
    await stopCoturn(coturn);
  });

  /** Two rooms (default layout: video and chat) on a fresh channel, relay only, ICE servers only from the welcome. */
  function twoRelayRooms(from: TestServer): [MeteredRoom, MeteredRoom] {
    const channel = uniqueChannel('relay');
    const options = { channel, iceTransportPolicy: 'relay', iceServers: [] };
    const alice = addRoom(from, { ...options, displayName: 'Alice' });
    const bob = addRoom(from, { ...options, displayName: 'Bob' });
    rooms.push(alice, bob);
    return [alice, bob];
  }

  it('video and chat go both ways, and both rooms selected a relay candidate pair', async function () {
    this.timeout(60_000);
    // `iceServers: []` on the server: no STUN, only the TURN entry with credentials minted for each connection.
    server = await startServer({ iceServers: [] }, { coturn });
    const [alice, bob] = twoRelayRooms(server);
    const errors = [...collectErrors(alice), ...collectErrors(bob)];
    await waitForState(alice, 'joined');
    await waitForState(bob, 'joined');
    await waitForRemoteFrames(defaultVideo(alice), bob.peerId!);
    await waitForRemoteFrames(defaultVideo(bob), alice.peerId!);

    await typeAndSend(chatOf(alice), 'hello over the relay');
    await waitUntil(() => texts(chatOf(bob)).includes('hello over the relay'), 'Bob never got the message');
    await typeAndSend(chatOf(bob), 'and back');
    await waitUntil(() => texts(chatOf(alice)).includes('and back'), 'Alice never got the message');

    expect(await selectedPair(alice)).to.deep.equal({ local: 'relay', remote: 'relay' });
    expect(await selectedPair(bob)).to.deep.equal({ local: 'relay', remote: 'relay' });
    expect(errors, 'no metered-error during a relayed call').to.deep.equal([]);
  });

  it('with a secret coturn does not share, each room says no_media_path instead of connecting forever', async function () {
    this.timeout(NO_PATH_BOUND_MS + 30_000);
    server = await startServer({ iceServers: [] }, { coturn, wrongSecret: true });
    const [alice, bob] = twoRelayRooms(server);
    const aliceErrors = collectErrors(alice);
    const bobErrors = collectErrors(bob);
    await waitForState(alice, 'joined');
    await waitForState(bob, 'joined');
    const noPath = (errors: typeof aliceErrors) => errors.find((e) => e.code === 'no_media_path');
    await waitUntil(() => noPath(aliceErrors) && noPath(bobErrors), 'no no_media_path within the bound', {
      timeout: NO_PATH_BOUND_MS,
      interval: 250,
    });
    expect(noPath(aliceErrors)).to.include({ fatal: false, peerId: bob.peerId });
    expect(noPath(bobErrors)).to.include({ fatal: false, peerId: alice.peerId });
    // The tile says what to do (a TURN server); the chat still works over the server, so the rooms stay in the call.
    const tile = defaultVideo(alice).shadowRoot!.querySelector(`[data-peer-id="${CSS.escape(bob.peerId!)}"]`)!;
    expect(tile.textContent).to.contain('TURN server');
    expect([alice.state, bob.state]).to.deep.equal(['joined', 'joined']);
  });
});
