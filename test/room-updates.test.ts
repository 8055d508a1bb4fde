/**
 * The room renders a change once: work done in `updated()` that changes what the room shows schedules one more
 * update after every change (Lit's "change-in-update" warning). `updateComplete` resolves to false when another
 * update was pending, which is what these tests check. Real rooms on the real server.
 */
import { expect } from '@open-wc/testing';
import { addRoom, roomSuite, uniqueChannel, waitForState } from './helpers/room.js';

describe('<metered-room> renders each change once', () => {
  const suite = roomSuite();
  const { rooms } = suite;

  it('a new display-name during the call renders once (no update scheduled from the one that showed it)', async () => {
    const room = addRoom(suite.server, { channel: uniqueChannel('chrome-rename'), media: 'none', displayName: 'Ada' });
    rooms.push(room);
    await waitForState(room, 'joined');
    await room.updateComplete;
    room.displayName = 'Ada L.';
    expect(await room.updateComplete, 'another update was pending').to.equal(true);
    expect(room.participants[0].displayName).to.equal('Ada L.');
  });

  it('a room whose channel arrives after it is in the page starts joining without a second update', async () => {
    const room = addRoom(suite.server, { channel: '', media: 'none' });
    rooms.push(room);
    await room.updateComplete;
    room.channel = uniqueChannel('late-channel');
    expect(await room.updateComplete, 'another update was pending').to.equal(true);
    await waitForState(room, 'joined');
  });
});
