import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import {
  addRoom,
  removeRooms,
  roomSuite,
  collectErrors,
  defaultVideo,
  GUARD_MS,
  remoteVideo,
  uniqueChannel,
  waitForError,
  waitForRemoteFrames,
  waitForState,
} from './helpers/room.js';
import { startServer, stopServer } from './helpers/server.js';
import './helpers/store-probe.js';

describe('<metered-room> call', () => {
  const suite = roomSuite();
  const { rooms } = suite;

  it("two rooms in one page see each other's video with frames arriving", async () => {
    const channel = uniqueChannel('call');
    const alice = addRoom(suite.server, { channel, displayName: 'Alice' });
    const bob = addRoom(suite.server, { channel, displayName: 'Bob' });
    rooms.push(alice, bob);
    const errors = [...collectErrors(alice), ...collectErrors(bob)];
    await waitForState(alice, 'joined');
    await waitForState(bob, 'joined');
    await waitForRemoteFrames(defaultVideo(alice), bob.peerId!);
    await waitForRemoteFrames(defaultVideo(bob), alice.peerId!);
    expect(alice.participants.map((p) => p.isLocal)).to.deep.equal([true, false]);
    await waitUntil(() => alice.participants[1]?.displayName === 'Bob', 'claimed name never arrived', {
      timeout: GUARD_MS,
    });
    expect(alice.participants[1].nameVerified, 'a claimed name is not verified').to.equal(false);
    expect(errors).to.deep.equal([]);
  });

  it('a third room joining and leaving updates both others', async () => {
    const channel = uniqueChannel('third');
    const alice = addRoom(suite.server, { channel, media: 'none' });
    const bob = addRoom(suite.server, { channel, media: 'none' });
    rooms.push(alice, bob);
    // Each hears of the other once its hello arrives, which may be after both are in `participants`: wait for
    // those events, or the listeners below would catch them instead of Carol's.
    const met = Promise.all([oneEvent(alice, 'metered-peer-joined'), oneEvent(bob, 'metered-peer-joined')]);
    await waitForState(alice, 'joined');
    await waitForState(bob, 'joined');
    await met;
    await waitUntil(() => alice.participants.length === 2 && bob.participants.length === 2, 'the two never met', {
      timeout: GUARD_MS,
    });

    const aliceSeesJoin = oneEvent(alice, 'metered-peer-joined');
    const bobSeesJoin = oneEvent(bob, 'metered-peer-joined');
    const carol = addRoom(suite.server, { channel, media: 'none', displayName: 'Carol' });
    rooms.push(carol);
    await waitForState(carol, 'joined');
    expect((await aliceSeesJoin).detail.peerId).to.equal(carol.peerId);
    expect((await bobSeesJoin).detail.peerId).to.equal(carol.peerId);
    await waitUntil(() => alice.participants.length === 3 && bob.participants.length === 3, 'not three participants', {
      timeout: GUARD_MS,
    });

    const carolId = carol.peerId;
    const aliceSeesLeave = oneEvent(alice, 'metered-peer-left');
    const bobSeesLeave = oneEvent(bob, 'metered-peer-left');
    await carol.leave();
    expect(carol.state).to.equal('left');
    const left = (await aliceSeesLeave).detail;
    expect(left.peerId).to.equal(carolId);
    expect(left.displayName).to.equal('Carol');
    expect((await bobSeesLeave).detail.peerId).to.equal(carolId);
    expect(alice.participants.map((p) => p.peerId)).to.not.include(carolId);
    expect(bob.participants.map((p) => p.peerId)).to.not.include(carolId);
  });

  it('a screen share (a canvas stream standing in for getDisplayMedia) arrives as role "screen", and role messages never reach consumers', async () => {
    const channel = uniqueChannel('screen');
    const alice = addRoom(suite.server, { channel });
    const bob = addRoom(suite.server, {
      channel,
      children: '<metered-video></metered-video><store-probe></store-probe>',
    });
    rooms.push(alice, bob);
    await waitForState(alice, 'joined');
    await waitForState(bob, 'joined');
    await waitForRemoteFrames(bob.querySelector('metered-video')!, alice.peerId!, 'camera');

    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 120;
    const context = canvas.getContext('2d')!;
    const paint = setInterval(() => {
      context.fillStyle = `hsl(${Date.now() % 360} 80% 50%)`;
      context.fillRect(0, 0, 160, 120);
    }, 30);
    try {
      await alice.startScreenShare(canvas.captureStream(15));
      await waitUntil(
        () => bob.participants.find((p) => p.peerId === alice.peerId)?.streams.some((s) => s.role === 'screen'),
        'the screen share never arrived as role "screen"',
        { timeout: GUARD_MS },
      );
      const remote = bob.participants.find((p) => p.peerId === alice.peerId)!;
      expect(remote.streams.map((s) => s.role)).to.deep.equal(['camera', 'screen']);
      await waitForRemoteFrames(bob.querySelector('metered-video')!, alice.peerId!, 'screen');
      expect(bob.querySelector('store-probe')!.received, 'stream-role / hello messages leaked into data').to.deep.equal(
        [],
      );

      alice.stopScreenShare();
      await waitUntil(
        () => remoteVideo(bob.querySelector('metered-video')!, alice.peerId!, 'screen') === null,
        'screen tile stayed',
        {
          timeout: GUARD_MS,
        },
      );
    } finally {
      clearInterval(paint);
    }
  });

  it('changing channel while joined leaves and joins the new channel', async () => {
    const first = uniqueChannel('first');
    const second = uniqueChannel('second');
    const mover = addRoom(suite.server, { channel: first, media: 'none' });
    const stayer = addRoom(suite.server, { channel: first, media: 'none' });
    const waiting = addRoom(suite.server, { channel: second, media: 'none' });
    rooms.push(mover, stayer, waiting);
    for (const room of rooms) await waitForState(room, 'joined');
    await waitUntil(() => stayer.participants.length === 2, 'mover never met stayer', { timeout: GUARD_MS });

    const left = oneEvent(mover, 'metered-left');
    const joined = oneEvent(mover, 'metered-joined');
    const stayerSeesLeave = oneEvent(stayer, 'metered-peer-left');
    mover.channel = second;
    expect((await left).detail).to.include({ channel: first, reason: 'channel-change' });
    expect((await joined).detail.channel).to.equal(second);
    await stayerSeesLeave;
    await waitUntil(() => waiting.participants.length === 2, 'the new channel never saw the mover', {
      timeout: GUARD_MS,
    });
    await waitUntil(
      () => mover.participants.some((p) => p.peerId === waiting.peerId),
      'the mover never saw the new channel',
      {
        timeout: GUARD_MS,
      },
    );
    expect(mover.participants).to.have.length(2);
  });

  it('passes an accessibility audit while in a call', async () => {
    const room = addRoom(suite.server, { channel: uniqueChannel('a11y'), displayName: 'Ada' });
    rooms.push(room);
    await waitForState(room, 'joined');
    await expect(room).to.be.accessible();
  });

  it('reports no_media_received when a peer joins but no stream arrives (a key without the Send action)', async () => {
    const noSend = await startServer({
      publishableKeys: [{ id: 'pk_no_send', channelPatterns: ['**'], actions: ['subscribe', 'publish', 'presence'] }],
    });
    try {
      const channel = uniqueChannel('nosend');
      const alice = addRoom(noSend, { channel, apiKey: 'pk_no_send', autoJoin: false });
      const bob = addRoom(noSend, { channel, apiKey: 'pk_no_send', autoJoin: false });
      rooms.push(alice, bob);
      const errors = collectErrors(alice);
      alice.noMediaTimeoutMs = 1500;
      await alice.join();
      await bob.join();
      const detail = await waitForError(errors, 'no_media_received');
      expect(detail).to.include({ code: 'no_media_received', fatal: false, peerId: bob.peerId });
      expect(detail.message).to.contain('no audio or video');
      expect(alice.state).to.equal('joined');
    } finally {
      removeRooms(rooms);
      await stopServer(noSend);
    }
  });
});
