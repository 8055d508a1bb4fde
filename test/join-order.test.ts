// The room opens its connection while getUserMedia is still pending (they run in parallel). These tests hold the
// capture back until the SDK has joined, as a slow camera or permission prompt would, and check what the room
// promises anyway: the camera still reaches the others, events keep their order, a removal stops everything.
import { expect, waitUntil } from '@open-wc/testing';
import type { MeteredRoom } from '../src/room/metered-room.js';
import {
  addRoom,
  collectErrors,
  defaultVideo,
  GUARD_MS,
  holdCaptures,
  spyOnCaptures,
  uniqueChannel,
  waitForRemoteFrames,
  waitForState,
} from './helpers/room.js';
import { liveConnections, startServer, stopServer, type TestServer } from './helpers/server.js';

describe('<metered-room> capture finishing after the connection', () => {
  let server: TestServer;
  const rooms: MeteredRoom[] = [];

  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await stopServer(server);
  });
  afterEach(() => {
    for (const room of rooms.splice(0)) room.remove();
  });

  it('a camera captured after the SDK joined is still published to the room already there, in event order', async () => {
    const channel = uniqueChannel('late-capture');
    const alice = addRoom(server, { channel, displayName: 'Alice' });
    rooms.push(alice);
    await waitForState(alice, 'joined');

    const hold = holdCaptures();
    let bob!: MeteredRoom;
    try {
      bob = addRoom(server, { channel, displayName: 'Bob' });
      rooms.push(bob);
      const events: string[] = [];
      for (const type of ['metered-joined', 'metered-peer-joined']) bob.addEventListener(type, () => events.push(type));
      const errors = [...collectErrors(alice), ...collectErrors(bob)];
      // Connected and in the channel while the camera is still held: Alice already sees Bob.
      await waitUntil(() => bob.peer?.state === 'joined', 'the SDK never joined while the capture was held', {
        timeout: GUARD_MS,
      });
      await waitUntil(() => alice.participants.length === 2, 'Alice never saw Bob join', { timeout: GUARD_MS });
      expect(bob.state, 'the room is joined only once its capture is over').to.equal('joining');
      expect(events).to.deep.equal([]);

      hold.release();
      await waitForState(bob, 'joined');
      await waitForRemoteFrames(defaultVideo(alice), bob.peerId!, 'camera');
      await waitForRemoteFrames(defaultVideo(bob), alice.peerId!, 'camera');
      await waitUntil(() => alice.participants[1]?.displayName === 'Bob', 'the hello never arrived', {
        timeout: GUARD_MS,
      });
      expect(events).to.deep.equal(['metered-joined', 'metered-peer-joined']);
      expect(errors).to.deep.equal([]);
    } finally {
      hold.restore();
    }
  });

  it('removing a room whose SDK joined but whose capture is still pending stops the late tracks and its connection', async () => {
    const captures = spyOnCaptures();
    const hold = holdCaptures();
    try {
      const room = addRoom(server, { channel: uniqueChannel('late-remove') });
      rooms.push(room);
      await waitUntil(() => room.peer?.state === 'joined', 'the SDK never joined while the capture was held', {
        timeout: GUARD_MS,
      });
      room.remove();
      hold.release();
      await waitUntil(() => captures.streams.length === 1, 'getUserMedia never resolved', { timeout: GUARD_MS });
      await waitUntil(() => captures.liveTracks().length === 0, 'late capture tracks were left live', {
        timeout: GUARD_MS,
      });
      await waitUntil(async () => (await liveConnections(server)) === 0, 'a connection outlived the room', {
        timeout: GUARD_MS,
        interval: 100,
      });
      expect(room.peer).to.equal(null);
      expect(room.state).to.equal('left');
    } finally {
      hold.restore();
      captures.restore();
    }
  });
});
