import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { addRoom, GUARD_MS, roomSuite, spyOnCaptures, uniqueChannel, waitForState } from './helpers/room.js';
import { liveConnections, startServer, stopServer } from './helpers/server.js';

/**
 * join() and leave() called without awaiting, in every order a page (or a framework re-rendering) can produce.
 * The contract (room-session.ts): a join called while a leave is under way runs once the leave is over; a leave
 * wins over any join still in flight; two joins make one.
 */
describe('<metered-room> join() and leave() without awaiting', () => {
  const suite = roomSuite();
  let captures: ReturnType<typeof spyOnCaptures>;
  beforeEach(() => {
    captures = spyOnCaptures();
  });
  afterEach(() => captures.restore());

  it('leave(); join() leaves, then joins again with a fresh peer', async () => {
    const room = addRoom(suite.server, { channel: uniqueChannel('rejoin'), media: 'none' });
    suite.rooms.push(room);
    await waitForState(room, 'joined');
    const firstPeer = room.peer;
    const left = oneEvent(room, 'metered-left');
    void room.leave();
    const joining = room.join();
    expect((await left).detail.reason).to.equal('leave');
    await joining;
    await waitForState(room, 'joined', 'the join after the leave was dropped');
    expect(room.peer).to.not.equal(firstPeer);
  });

  it('join(); leave() ends left, with no capture and no connection left behind', async () => {
    // A server of its own: the shared one still counts connections that earlier rooms are closing.
    const server = await startServer();
    try {
      const room = addRoom(server, { channel: uniqueChannel('cancel'), autoJoin: false });
      suite.rooms.push(room);
      const joining = room.join();
      await room.leave();
      await joining;
      expect(room.state).to.equal('left');
      await waitUntil(() => captures.liveTracks().length === 0, 'a capture track is still live', { timeout: GUARD_MS });
      await waitUntil(async () => (await liveConnections(server)) === 0, 'a connection outlived the leave', {
        timeout: GUARD_MS,
      });
    } finally {
      await stopServer(server);
    }
  });

  it('join(); join() makes one join', async () => {
    const room = addRoom(suite.server, { channel: uniqueChannel('twice'), autoJoin: false, media: 'none' });
    suite.rooms.push(room);
    const joined: string[] = [];
    room.addEventListener('metered-joined', (event) => joined.push(event.detail.peerId));
    await Promise.all([room.join(), room.join()]);
    await waitForState(room, 'joined');
    expect(joined.length).to.equal(1);
  });

  it('a channel change during the join ends joined in the new channel only', async () => {
    const room = addRoom(suite.server, { channel: uniqueChannel('first') });
    suite.rooms.push(room);
    const joinedChannels: string[] = [];
    room.addEventListener('metered-joined', (event) => joinedChannels.push(event.detail.channel));
    const second = uniqueChannel('second');
    // Changed the moment the join starts (polling could miss a join that is over in one poll interval).
    const joining = new Promise<void>((resolve) =>
      room.addEventListener('metered-state-change', (event) => {
        if (event.detail.to !== 'joining') return;
        room.channel = second;
        resolve();
      }),
    );
    await joining;
    expect(joinedChannels, 'the first channel had joined already').to.deep.equal([]);
    await waitUntil(() => room.state === 'joined' && joinedChannels.at(-1) === second, 'never joined the new channel', {
      timeout: GUARD_MS,
    });
    expect(room.peer!.channel).to.equal(second);
    expect(captures.liveTracks().map((track) => track.kind).sort(), 'one capture, not two').to.deep.equal(['audio', 'video']);
  });
});
