import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { MeteredRoom } from '../src/room/metered-room.js';
import {
  addRoom,
  collectErrors,
  defaultVideo,
  GUARD_MS,
  spyOnCaptures,
  uniqueChannel,
  waitForError,
  waitForRemoteFrames,
  waitForState,
} from './helpers/room.js';
import { liveConnections, restartServer, startServer, stopServer, type TestServer } from './helpers/server.js';
import type { StoreProbe } from './helpers/store-probe.js';
import './helpers/store-probe.js';

/** Resolves when the server counts `count` live connections (it learns about closes asynchronously). */
async function connectionsReach(server: TestServer, count: number): Promise<void> {
  await waitUntil(async () => (await liveConnections(server)) === count, `server never got to ${count} connections`, {
    timeout: GUARD_MS,
    interval: 100,
  });
}

describe('<metered-room> lifecycle', () => {
  // A server of our own: its connection count is ours alone.
  let server: TestServer;
  let captures: ReturnType<typeof spyOnCaptures>;
  const rooms: MeteredRoom[] = [];

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await stopServer(server);
  });
  beforeEach(() => {
    captures = spyOnCaptures();
  });
  afterEach(async () => {
    captures.restore();
    for (const room of rooms.splice(0)) room.remove();
    await connectionsReach(server, 0);
  });

  it('removing a room mid-call stops every capture track and closes its server connection', async () => {
    const room = addRoom(server, { channel: uniqueChannel('remove') });
    rooms.push(room);
    await waitForState(room, 'joined');
    expect(captures.liveTracks().map((t) => t.kind).sort()).to.deep.equal(['audio', 'video']);
    await connectionsReach(server, 1);
    room.remove();
    // A removal is final once the task is over (a move within the page keeps the call): then the light goes off.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(captures.liveTracks(), 'the camera light is still on').to.deep.equal([]);
    await connectionsReach(server, 0);
  });

  it('removing a room mid-join, before getUserMedia resolves, stops the late tracks and leaves no connection behind', async () => {
    // Hold getUserMedia (the real one) until the room is gone, as a slow permission prompt would.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const media = navigator.mediaDevices;
    const spied = media.getUserMedia;
    media.getUserMedia = async (constraints) => {
      const stream = await spied.call(media, constraints);
      await gate;
      return stream;
    };
    try {
      const room = addRoom(server, { channel: uniqueChannel('midjoin') });
      rooms.push(room);
      await waitUntil(() => captures.streams.length === 1, 'getUserMedia was never called', { timeout: GUARD_MS });
      expect(room.state).to.equal('joining');
      room.remove();
      release();
      await waitUntil(() => captures.liveTracks().length === 0, 'late capture tracks were left live', { timeout: GUARD_MS });
      expect(room.peer).to.equal(null);
      // The socket opens while the camera starts (they run in parallel), so the removal may have had one to close.
      await connectionsReach(server, 0);
    } finally {
      Reflect.deleteProperty(media, 'getUserMedia');
      captures.restore();
      captures = spyOnCaptures();
    }
  });

  it('removing a room mid-join, while the socket connects, leaves no connection behind', async () => {
    // Remove the room right after the SDK creates its WebSocket (a spy subclass; the socket itself is real).
    const RealWebSocket = window.WebSocket;
    let room!: MeteredRoom;
    let stateAtRemoval = '';
    window.WebSocket = class extends RealWebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        queueMicrotask(() => {
          stateAtRemoval = room.state;
          room.remove();
        });
      }
    };
    try {
      room = addRoom(server, { channel: uniqueChannel('midsocket') });
      rooms.push(room);
      await waitUntil(() => stateAtRemoval !== '', 'no WebSocket was created', { timeout: GUARD_MS });
    } finally {
      window.WebSocket = RealWebSocket;
    }
    expect(stateAtRemoval).to.equal('joining');
    await waitUntil(() => captures.liveTracks().length === 0, 'capture tracks were left live', { timeout: GUARD_MS });
    await waitUntil(() => room.state === 'left', `room ended in ${room.state}`, { timeout: GUARD_MS });
    await connectionsReach(server, 0);
    expect(room.peer).to.equal(null);
  });

  for (const [how, move] of [
    ['appended elsewhere (a keyed-list reorder)', (room: MeteredRoom, to: HTMLElement) => to.appendChild(room)],
    [
      'removed, then re-inserted a microtask later (a portal)',
      async (room: MeteredRoom, to: HTMLElement) => {
        room.remove();
        await Promise.resolve();
        to.appendChild(room);
      },
    ],
  ] as const) {
    it(`a joined room moved within the page in one task keeps its call: ${how}`, async () => {
      const room = addRoom(server, { channel: uniqueChannel('moved'), media: 'none' });
      rooms.push(room);
      await waitForState(room, 'joined');
      const { peer, peerId } = room;
      const events: string[] = [];
      for (const name of ['metered-left', 'metered-state-change', 'metered-joined'] as const) {
        room.addEventListener(name, () => events.push(name));
      }
      const elsewhere = document.createElement('div');
      document.body.appendChild(elsewhere);
      try {
        await move(room, elsewhere);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(events, 'the call was left and joined again').to.deep.equal([]);
        expect(room.state).to.equal('joined');
        expect(room.peer).to.equal(peer);
        expect(room.peerId).to.equal(peerId);
        await connectionsReach(server, 1);
      } finally {
        room.remove();
        elsewhere.remove();
      }
    });
  }

  it('a room removed and put back a task later leaves, then auto-joins again', async () => {
    const room = addRoom(server, { channel: uniqueChannel('back'), media: 'none' });
    rooms.push(room);
    await waitForState(room, 'joined');
    const firstPeer = room.peer;
    const left = oneEvent(room, 'metered-left');
    room.remove();
    expect((await left).detail.reason).to.equal('removed');
    document.body.appendChild(room);
    await waitForState(room, 'joined');
    expect(room.peer).to.not.equal(firstPeer);
    await connectionsReach(server, 1);
  });

  it('leave() then join() builds a fresh peer and joins again, with the state sequence in events', async () => {
    const room = addRoom(server, { channel: uniqueChannel('again') });
    rooms.push(room);
    const states: string[] = [];
    room.addEventListener('metered-state-change', (e) => states.push(`${e.detail.from}>${e.detail.to}`));
    await waitForState(room, 'joined');
    const firstPeer = room.peer;
    const left = oneEvent(room, 'metered-left');
    await room.leave();
    expect((await left).detail.reason).to.equal('leave');
    expect(room.peer).to.equal(null);
    expect(captures.liveTracks()).to.deep.equal([]);
    await connectionsReach(server, 0);
    await room.join();
    await waitForState(room, 'joined');
    expect(room.peer).to.not.equal(firstPeer);
    await connectionsReach(server, 1);
    expect(states).to.deep.equal([
      'idle>joining',
      'joining>joined',
      'joined>leaving',
      'leaving>left',
      'left>joining',
      'joining>joined',
    ]);
  });

  it('server shutdown and restart: reconnects, media resumes, messages flow again', async () => {
    const channel = uniqueChannel('restart');
    const alice = addRoom(server, {
      channel,
      displayName: 'Alice',
      children: '<metered-video></metered-video><store-probe></store-probe>',
    });
    const bob = addRoom(server, { channel, children: '<metered-video></metered-video><store-probe></store-probe>' });
    rooms.push(alice, bob);
    const aliceErrors = collectErrors(alice);
    await waitForState(alice, 'joined');
    await waitForState(bob, 'joined');
    await waitForRemoteFrames(bob.querySelector('metered-video')!, alice.peerId!);
    const streamBefore = bob.participants.find((p) => !p.isLocal)!.streams[0].stream;

    await stopServer(server);
    expect((await waitForError(aliceErrors, 'going_away')).fatal).to.equal(false);
    await waitForState(alice, 'reconnecting');
    await alice.updateComplete;
    expect(alice.shadowRoot!.querySelector('[part="banner"]')?.textContent).to.contain('Reconnecting');

    server = await restartServer(server);
    await waitForState(alice, 'joined');
    await waitForState(bob, 'joined');
    // The SDK hands a new MediaStream after the reconnect; frames must arrive through it.
    await waitUntil(() => bob.participants.find((p) => !p.isLocal)?.streams[0]?.stream !== streamBefore, 'no fresh stream', {
      timeout: GUARD_MS,
    });
    await waitForRemoteFrames(bob.querySelector('metered-video')!, alice.peerId!);
    // With a publishable key Alice came back under a new peerId: her name must have come back with her.
    await waitUntil(() => bob.participants.find((p) => p.peerId === alice.peerId)?.displayName === 'Alice', 'name lost', {
      timeout: GUARD_MS,
    });

    const probe = bob.querySelector<StoreProbe>('store-probe')!;
    await alice.peer!.send({ text: 'back again' });
    await waitUntil(() => probe.received.length === 1, 'the message never arrived after the restart', { timeout: GUARD_MS });
    expect(probe.received[0]).to.deep.include({ senderPeerId: alice.peerId, data: { text: 'back again' }, kind: 'broadcast' });
    expect(aliceErrors.filter((e) => e.fatal)).to.deep.equal([]);
  });

  it('a default-layout room is torn down cleanly too (video and chat inside its shadow root)', async () => {
    const room = addRoom(server, { channel: uniqueChannel('default') });
    rooms.push(room);
    const other = addRoom(server, { channel: room.channel });
    rooms.push(other);
    await waitForState(room, 'joined');
    await waitForState(other, 'joined');
    await waitForRemoteFrames(defaultVideo(room), other.peerId!);
    room.remove();
    await waitUntil(() => other.participants.length === 1, 'the other room still sees the removed one', { timeout: GUARD_MS });
    expect(captures.liveTracks().length, 'only the other room still captures').to.equal(2);
  });
});
