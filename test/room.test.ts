import { expect, waitUntil } from '@open-wc/testing';
import type { MeteredRoom } from '../src/room/metered-room.js';
import {
  addRoom,
  collectErrors,
  defaultVideo,
  GUARD_MS,
  uniqueChannel,
  waitForRemoteFrames,
  waitForState,
} from './helpers/room.js';
import { mainServer, type TestServer } from './helpers/server.js';

describe('<metered-room> call', () => {
  let server: TestServer;
  const rooms: MeteredRoom[] = [];

  before(async () => {
    server = await mainServer();
  });

  afterEach(() => {
    for (const room of rooms.splice(0)) room.remove();
  });

  it('two rooms in one page see each other\'s video with frames arriving', async () => {
    const channel = uniqueChannel('call');
    const alice = addRoom(server, { channel, displayName: 'Alice' });
    const bob = addRoom(server, { channel, displayName: 'Bob' });
    rooms.push(alice, bob);
    const errors = [...collectErrors(alice), ...collectErrors(bob)];
    await waitForState(alice, 'joined');
    await waitForState(bob, 'joined');
    await waitForRemoteFrames(defaultVideo(alice), bob.peerId!);
    await waitForRemoteFrames(defaultVideo(bob), alice.peerId!);
    expect(alice.participants.map((p) => p.isLocal)).to.deep.equal([true, false]);
    await waitUntil(() => alice.participants[1]?.displayName === 'Bob', 'claimed name never arrived', { timeout: GUARD_MS });
    expect(alice.participants[1].nameVerified).to.equal(false);
    expect(errors).to.deep.equal([]);
  });
});
