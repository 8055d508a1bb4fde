/**
 * Proof that a real coturn (`use-auth-secret`) accepts the TURN credentials our server mints: the ICE servers come
 * from a real `welcome` over a real WebSocket, two real RTCPeerConnections in Chromium are forced to relay
 * (`iceTransportPolicy: 'relay'`), a data-channel message goes both ways, and getStats() shows a relay pair on
 * both sides. With a secret coturn does not share, no relay candidate is gathered (bounded wait, no hang).
 *
 * The same through `<metered-room>` (TURN credentials in the welcome, video and chat): room-relay-call.test.ts.
 */
import { expect } from '@open-wc/testing';
import {
  startCoturn,
  startServer,
  stopCoturn,
  stopServer,
  type TestCoturn,
  type TestServer,
} from './helpers/server.js';

/** Generous guard for ICE through coturn on a loaded machine; a broken setup fails instead of hanging. */
const GUARD_MS = 20_000;

/** The `metadata.iceServers` of the welcome a publishable-key connection receives. */
async function welcomeIceServers(server: TestServer): Promise<RTCIceServer[]> {
  const socket = new WebSocket(`${server.wsUrl}/v1?key=${encodeURIComponent(server.publishableKey)}`);
  try {
    const welcome = await new Promise<Record<string, unknown>>((resolve, reject) => {
      socket.addEventListener('message', (event) => resolve(JSON.parse(String(event.data))), { once: true });
      socket.addEventListener('close', () => reject(new Error('closed before welcome')), { once: true });
    });
    expect(welcome.type).to.equal('welcome');
    const metadata = welcome.metadata as { iceServers?: RTCIceServer[] } | undefined;
    expect(metadata?.iceServers, 'welcome.metadata.iceServers').to.be.an('array');
    return metadata!.iceServers!;
  } finally {
    socket.close();
  }
}

function withGuard<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout>;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up waiting for ${what}`)), GUARD_MS);
  });
  return Promise.race([promise, guard]).finally(() => clearTimeout(timer));
}

function nextMessage(channel: RTCDataChannel): Promise<string> {
  return new Promise((resolve) =>
    channel.addEventListener('message', (event) => resolve(String(event.data)), { once: true }),
  );
}

function opened(channel: RTCDataChannel): Promise<void> {
  if (channel.readyState === 'open') return Promise.resolve();
  return new Promise((resolve) => channel.addEventListener('open', () => resolve(), { once: true }));
}

/** The local and remote candidate types of the pair the transport selected. */
async function selectedPairTypes(pc: RTCPeerConnection): Promise<{ local: string; remote: string }> {
  const stats = await pc.getStats();
  let pairId: string | undefined;
  stats.forEach((report) => {
    if (report.type === 'transport' && report.selectedCandidatePairId) pairId = report.selectedCandidatePairId;
  });
  expect(pairId, 'a selected candidate pair').to.be.a('string');
  const pair = stats.get(pairId!);
  return {
    local: stats.get(pair.localCandidateId)?.candidateType,
    remote: stats.get(pair.remoteCandidateId)?.candidateType,
  };
}

describe('TURN relay through a real coturn with our server’s credentials', () => {
  let coturn: TestCoturn;
  const servers: TestServer[] = [];
  const connections: RTCPeerConnection[] = [];

  before(async () => {
    coturn = await startCoturn();
  });
  afterEach(async () => {
    for (const pc of connections.splice(0)) pc.close();
    await Promise.all(servers.splice(0).map((server) => stopServer(server)));
  });
  after(async () => {
    await stopCoturn(coturn);
  });

  it('two relay-only peer connections connect, exchange data both ways, and select a relay pair on both sides', async () => {
    // `iceServers: []` keeps every test off public STUN: only our TURN entry is handed out.
    const server = await startServer({ iceServers: [] }, { coturn });
    servers.push(server);
    const iceServers = await welcomeIceServers(server);
    expect(iceServers).to.have.length(1);
    expect(iceServers[0].urls).to.deep.equal([coturn.url]);
    expect(iceServers[0].username).to.match(/^\d+:[0-9a-f-]{36}$/);

    const config: RTCConfiguration = { iceServers, iceTransportPolicy: 'relay' };
    const caller = new RTCPeerConnection(config);
    const callee = new RTCPeerConnection(config);
    connections.push(caller, callee);
    caller.addEventListener('icecandidate', ({ candidate }) => candidate && void callee.addIceCandidate(candidate));
    callee.addEventListener('icecandidate', ({ candidate }) => candidate && void caller.addIceCandidate(candidate));
    const callerChannel = caller.createDataChannel('relay-proof');
    const calleeChannel = new Promise<RTCDataChannel>((resolve) =>
      callee.addEventListener('datachannel', ({ channel }) => resolve(channel), { once: true }),
    );
    await caller.setLocalDescription(await caller.createOffer());
    await callee.setRemoteDescription(caller.localDescription!);
    await callee.setLocalDescription(await callee.createAnswer());
    await caller.setRemoteDescription(callee.localDescription!);

    const answerChannel = await withGuard(calleeChannel, 'the data channel to reach the callee');
    await withGuard(Promise.all([opened(callerChannel), opened(answerChannel)]), 'both channel ends to open');
    const atCallee = nextMessage(answerChannel);
    callerChannel.send('ping over the relay');
    expect(await withGuard(atCallee, 'the caller’s message')).to.equal('ping over the relay');
    const atCaller = nextMessage(callerChannel);
    answerChannel.send('pong over the relay');
    expect(await withGuard(atCaller, 'the callee’s message')).to.equal('pong over the relay');

    expect(await selectedPairTypes(caller)).to.deep.equal({ local: 'relay', remote: 'relay' });
    expect(await selectedPairTypes(callee)).to.deep.equal({ local: 'relay', remote: 'relay' });
  });

  it('credentials from a server whose secret coturn does not share give no relay candidate, and gathering ends', async () => {
    const server = await startServer({ iceServers: [] }, { coturn, wrongSecret: true });
    servers.push(server);
    const iceServers = await welcomeIceServers(server);
    const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: 'relay' });
    connections.push(pc);
    const candidateTypes: string[] = [];
    const errorCodes: number[] = [];
    pc.addEventListener('icecandidate', ({ candidate }) => candidate && candidateTypes.push(candidate.type ?? '?'));
    pc.addEventListener('icecandidateerror', (event) => errorCodes.push(event.errorCode));
    const gathered = new Promise<void>((resolve) =>
      pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve()),
    );
    pc.createDataChannel('never-relayed');
    await pc.setLocalDescription(await pc.createOffer());
    await withGuard(gathered, 'ICE gathering to complete');
    expect(candidateTypes).to.deep.equal([]);
    // coturn answers the Allocate with 401 Unauthorized: the browser reports it instead of retrying forever.
    expect(errorCodes).to.include(401);
  });
});
