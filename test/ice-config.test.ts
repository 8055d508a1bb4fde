// ICE configuration of <metered-room> (issue 9): the `iceServers` property, `ice-servers-url` and
// `ice-transport-policy` reach the SDK's RTCPeerConnections (read through the SDK's documented `remote.pc` escape
// hatch: getConfiguration() is the one public view of what a connection was built with). Real server, real
// Chromium; the ICE servers named here are loopback ports where nothing listens, so nothing leaves the machine.
import { expect, waitUntil } from '@open-wc/testing';
import type { IceServerRejectedDetail, IceServersUnavailableDetail, InvalidConfigDetail } from '../src/errors.js';
import { DEFAULT_ICE_SERVERS, mergeIceServers } from '../src/room/ice-servers.js';
import type { MeteredRoom } from '../src/room/metered-room.js';
import {
  addRoom,
  collectErrors,
  defaultVideo,
  GUARD_MS,
  roomSuite,
  uniqueChannel,
  waitForError,
  waitForRemoteFrames,
  waitForState,
  type RoomOptions,
} from './helpers/room.js';
import { mintToken, restartServer, startServer, stopServer } from './helpers/server.js';

const STUN = { urls: 'stun:127.0.0.1:3478' };
const TURN = { urls: ['turn:127.0.0.1:3479?transport=udp'], username: '1:test', credential: 'not-a-secret' };

/** The configuration of `room`'s connection to the other participant, once there is one. */
async function connectionConfig(room: MeteredRoom): Promise<RTCConfiguration> {
  await waitUntil(() => room.peer?.remotePeers.length === 1, 'no connection to the other participant', {
    timeout: GUARD_MS,
  });
  return (room.peer!.remotePeers[0]!.pc as unknown as RTCPeerConnection).getConfiguration();
}

function urlsOf(config: RTCConfiguration): string[] {
  return (config.iceServers ?? []).flatMap((server) => server.urls);
}

/** An ice-servers-url served by the test runner (test/helpers/ice-servers-url-middleware.mjs). */
function iceUrl(body: string, options: { status?: number; delayMs?: number; key?: string } = {}): string {
  const params = new URLSearchParams({ body, key: options.key ?? `${Math.random()}` });
  if (options.status) params.set('status', String(options.status));
  if (options.delayMs) params.set('delayMs', String(options.delayMs));
  return `/test-ice-servers?${params}`;
}

async function fetchCount(key: string): Promise<number> {
  const answer = await fetch(`/test-ice-servers-count?key=${encodeURIComponent(key)}`);
  return ((await answer.json()) as { fetches: number }).fetches;
}

describe('<metered-room> ICE configuration', () => {
  const suite = roomSuite();
  const { rooms } = suite;

  /** Two rooms in one channel; the first gets `options`, the second none (no ICE servers). */
  function pair(prefix: string, options: Partial<RoomOptions> = {}, media = 'none'): [MeteredRoom, MeteredRoom] {
    const channel = uniqueChannel(prefix);
    // Media on one side is enough to negotiate a connection (and keeps the test light).
    const alice = addRoom(suite.server, { channel, media, ...options });
    const bob = addRoom(suite.server, { channel, media: 'audio video' });
    rooms.push(alice, bob);
    return [alice, bob];
  }

  it('the iceServers property reaches the connection, and the call still connects', async () => {
    const [alice, bob] = pair('ice-prop', { iceServers: [STUN, TURN] }, 'audio video');
    const errors = collectErrors(alice);
    const config = await connectionConfig(alice);
    expect(urlsOf(config)).to.deep.equal([STUN.urls, ...TURN.urls]);
    expect(config.iceServers![1]).to.include({ username: TURN.username, credential: TURN.credential });
    expect(config.iceTransportPolicy).to.equal('all');
    await waitForState(bob, 'joined');
    await waitForRemoteFrames(defaultVideo(alice), bob.peerId!);
    expect(errors).to.deep.equal([]);
  });

  it('ice-transport-policy="relay" reaches the connection; an unknown policy is invalid_config', async () => {
    const [alice] = pair('ice-relay', { iceServers: [TURN], iceTransportPolicy: 'relay' });
    expect((await connectionConfig(alice)).iceTransportPolicy).to.equal('relay');

    const wrong = addRoom(suite.server, { channel: uniqueChannel('ice-policy'), iceTransportPolicy: 'direct' });
    rooms.push(wrong);
    const errors = collectErrors(wrong);
    await waitForState(wrong, 'failed');
    expect(errors[0] as InvalidConfigDetail).to.include({ code: 'invalid_config', attribute: 'ice-transport-policy' });
  });

  it('an ice-servers-url that is not http(s) is invalid_config naming the attribute', async () => {
    const room = addRoom(suite.server, {
      channel: uniqueChannel('ice-url-scheme'),
      iceServersUrl: 'ftp://127.0.0.1/ice',
    });
    rooms.push(room);
    const errors = collectErrors(room);
    await waitForState(room, 'failed');
    expect(errors[0] as InvalidConfigDetail).to.include({ code: 'invalid_config', attribute: 'ice-servers-url' });
  });

  it('URLs with other schemes are dropped with an ice_server_rejected warning, never the URL itself', async () => {
    const [alice] = pair('ice-scheme', {
      iceServers: [{ urls: ['https://user:pw@example.test/turn', STUN.urls] }, { urls: 'turn:127.0.0.1:3479' }],
    });
    const errors = collectErrors(alice);
    const detail = (await waitForError(errors, 'ice_server_rejected')) as IceServerRejectedDetail;
    expect(detail).to.include({ fatal: false, source: 'iceServers' });
    // https: is not an ICE scheme; a TURN URL without username and credential would make RTCPeerConnection throw.
    expect(detail.schemes).to.deep.equal(['https', 'turn']);
    expect(JSON.stringify(detail)).not.to.contain('pw@');
    expect(urlsOf(await connectionConfig(alice))).to.deep.equal([STUN.urls]);
    await waitForState(alice, 'joined');
  });

  for (const [shape, body] of [
    ['a JSON array (Metered TURN credentials API)', JSON.stringify([STUN, TURN])],
    ['{ "iceServers": [...] }', JSON.stringify({ iceServers: [STUN, TURN] })],
  ] as const) {
    it(`ice-servers-url answering ${shape} reaches the connection, merged after the property`, async () => {
      const own = { urls: 'stun:127.0.0.1:3480' };
      const [alice] = pair('ice-url', { iceServers: [own], iceServersUrl: iceUrl(body) });
      expect(urlsOf(await connectionConfig(alice))).to.deep.equal([own.urls, STUN.urls, ...TURN.urls]);
    });
  }

  it('ice-servers-url works where AbortSignal.timeout is missing (Chromium before 103, Safari before 16; faked)', async () => {
    const timeout = Object.getOwnPropertyDescriptor(AbortSignal, 'timeout')!;
    Reflect.deleteProperty(AbortSignal, 'timeout');
    try {
      const [alice] = pair('ice-url-old', { iceServersUrl: iceUrl(JSON.stringify([STUN])) });
      const errors = collectErrors(alice);
      expect(urlsOf(await connectionConfig(alice))).to.deep.equal([STUN.urls]);
      expect(errors.map((e) => e.code)).to.deep.equal([]);
    } finally {
      Object.defineProperty(AbortSignal, 'timeout', timeout);
    }
  });

  for (const [failure, reason, options] of [
    ['HTTP 503', 'http', { status: 503 }],
    ['malformed JSON', 'json', {}],
    ['JSON of another shape', 'shape', {}],
    ['no answer within 5 s', 'timeout', { delayMs: 8000 }],
  ] as const) {
    it(`an ice-servers-url with ${failure} is a typed warning and a notice; the join completes`, async () => {
      const body = reason === 'json' ? '[{"urls": "stun:' : reason === 'shape' ? '{"servers": []}' : '[]';
      const [alice, bob] = pair(
        'ice-url-bad',
        { iceServers: [STUN], iceServersUrl: iceUrl(body, options) },
        'audio video',
      );
      const errors = collectErrors(alice);
      const detail = (await waitForError(errors, 'ice_servers_unavailable')) as IceServersUnavailableDetail;
      expect(detail).to.include({ fatal: false, reason });
      if (reason === 'http') expect(detail.status).to.equal(503);
      await waitForState(alice, 'joined');
      await waitUntil(() => alice.shadowRoot!.querySelector('[part="notice"]'), 'no notice', { timeout: GUARD_MS });
      expect(alice.shadowRoot!.querySelector('[part="notice"]')!.textContent).to.contain(detail.message);
      // What it had (the property) is still used, and the call connects.
      expect(urlsOf(await connectionConfig(alice))).to.deep.equal([STUN.urls]);
      await waitForState(bob, 'joined');
      await waitForRemoteFrames(defaultVideo(alice), bob.peerId!);
    });
  }

  it('ice-servers-url is fetched again before every join and every reconnect', async () => {
    const server = await startServer();
    try {
      const key = `refetch-${Math.random()}`;
      const room = addRoom(server, {
        channel: uniqueChannel('ice-refetch'),
        media: 'none',
        iceServersUrl: iceUrl('[]', { key }),
      });
      rooms.push(room);
      await waitForState(room, 'joined');
      expect(await fetchCount(key)).to.equal(1);
      await room.leave();
      await room.join();
      await waitForState(room, 'joined');
      expect(await fetchCount(key)).to.equal(2);
      await stopServer(server);
      await waitForState(room, 'reconnecting');
      await restartServer(server);
      await waitForState(room, 'joined');
      expect(await fetchCount(key)).to.be.at.least(3);
    } finally {
      await stopServer(server).catch(() => {});
    }
  });

  /** A room (not yet in the page) whose token carries `metadata.iceServers`, which the server's welcome passes on. */
  async function roomWithWelcomeServers(channel: string, welcome: RTCIceServer[]): Promise<MeteredRoom> {
    const token = await mintToken(suite.server, {
      peerId: `ice-${Math.random()}`.slice(0, 20),
      metadata: { iceServers: welcome },
    });
    const room = document.createElement('metered-room');
    room.setAttribute('prejoin', 'off');
    room.setAttribute('server-url', suite.server.wsUrl);
    room.setAttribute('channel', channel);
    room.setAttribute('media', 'none');
    room.tokenProvider = async () => token;
    return room;
  }

  it("the welcome's metadata.iceServers are kept, after the room's own", async () => {
    const channel = uniqueChannel('ice-welcome');
    const alice = await roomWithWelcomeServers(channel, [TURN]);
    alice.iceServers = [STUN];
    document.body.append(alice);
    const bob = addRoom(suite.server, { channel });
    rooms.push(alice, bob);
    expect(urlsOf(await connectionConfig(alice))).to.deep.equal([STUN.urls, ...TURN.urls]);
  });

  it('an empty welcome list, with nothing else configured, means no ICE servers (not the default)', async () => {
    const channel = uniqueChannel('ice-welcome-empty');
    const alice = await roomWithWelcomeServers(channel, []);
    document.body.append(alice); // iceServers left unset
    const bob = addRoom(suite.server, { channel });
    rooms.push(alice, bob);
    expect((await connectionConfig(alice)).iceServers).to.deep.equal([]);
  });

  it('uses the default STUN server only when nothing is configured; an empty list turns it off', () => {
    // Checked on the merge itself: a test must never make Chromium contact the real public server.
    const none = { property: undefined, fromUrl: undefined, welcome: undefined };
    expect(mergeIceServers(none)).to.deep.equal(DEFAULT_ICE_SERVERS);
    expect(DEFAULT_ICE_SERVERS).to.deep.equal([{ urls: 'stun:stun.relay.metered.ca:80' }]);
    expect(mergeIceServers({ ...none, property: [] })).to.deep.equal([]);
    expect(mergeIceServers({ ...none, fromUrl: [] })).to.deep.equal([]);
    expect(mergeIceServers({ ...none, welcome: [] })).to.deep.equal([]);
    // The welcome's servers are kept, after the room's own.
    expect(mergeIceServers({ ...none, property: [STUN], welcome: [TURN] })).to.deep.equal([STUN, TURN]);
  });
});
