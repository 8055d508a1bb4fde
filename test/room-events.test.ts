import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { InvalidConfigDetail } from '../src/errors.js';
import type { LeftDetail, PeerDetail } from '../src/events.js';
import {
  addRoom,
  collectErrors,
  defaultVideo,
  GUARD_MS,
  roomSuite,
  uniqueChannel,
  waitForError,
  waitForState,
} from './helpers/room.js';
import { restartServer, startServer, stopServer } from './helpers/server.js';

/**
 * Every element in `root` and the shadow roots below it that a screen reader treats as a live region, except the
 * chat's message list (`role="log"`: new messages are meant to be read out).
 */
function liveRegions(root: ParentNode): Element[] {
  const found: Element[] = [];
  for (const element of root.querySelectorAll('*')) {
    if (element.matches('[role="status"], [role="alert"], [aria-live]:not([aria-live="off"])')) {
      found.push(element);
    }
    if (element.shadowRoot) found.push(...liveRegions(element.shadowRoot));
  }
  return found;
}

describe('<metered-room> events and what people are told', () => {
  const suite = roomSuite();

  it('metered-peer-joined carries the newcomer’s real name; a later name change is metered-peer-updated, and the self tile follows', async () => {
    const channel = uniqueChannel('names');
    const bob = addRoom(suite.server, { channel, displayName: 'Bob', media: 'none' });
    suite.rooms.push(bob);
    await waitForState(bob, 'joined');
    const joined = oneEvent(bob, 'metered-peer-joined');
    const alice = addRoom(suite.server, { channel, displayName: 'Alice', media: 'none' });
    suite.rooms.push(alice);
    const detail = (await joined).detail as PeerDetail;
    expect(detail).to.include({ peerId: alice.peerId ?? detail.peerId, displayName: 'Alice', nameVerified: false });
    await waitForState(alice, 'joined');

    const updated = oneEvent(bob, 'metered-peer-updated');
    alice.displayName = 'Alice Liddell';
    expect((await updated).detail).to.include({ peerId: alice.peerId, displayName: 'Alice Liddell' });
    expect(bob.participants.find((p) => p.peerId === alice.peerId)?.displayName).to.equal('Alice Liddell');
    // The renamed room itself: its participants and its own tile.
    await alice.updateComplete;
    expect(alice.participants[0]).to.include({ isLocal: true, displayName: 'Alice Liddell' });
    const video = defaultVideo(alice) as HTMLElement & { updateComplete: Promise<unknown> };
    await video.updateComplete;
    expect(video.shadowRoot!.textContent).to.contain('Alice Liddell');
  });

  it('one listener on document hears metered-left with reason "removed"', async () => {
    const room = addRoom(suite.server, { channel: uniqueChannel('doc'), media: 'none' });
    suite.rooms.push(room);
    await waitForState(room, 'joined');
    const heard: LeftDetail[] = [];
    const listener = (event: Event) => heard.push((event as CustomEvent<LeftDetail>).detail);
    document.addEventListener('metered-left', listener);
    try {
      room.remove();
      await waitUntil(() => heard.length > 0, 'document never heard metered-left', { timeout: GUARD_MS });
      expect(heard).to.have.length(1);
      expect(heard[0]).to.include({ reason: 'removed' });
    } finally {
      document.removeEventListener('metered-left', listener);
    }
  });

  it('a room with no channel says so once its configuration settled, and joins when the channel arrives', async () => {
    const room = document.createElement('metered-room');
    room.setAttribute('prejoin', 'off');
    room.setAttribute('server-url', suite.server.wsUrl);
    room.setAttribute('api-key', suite.server.publishableKey);
    room.setAttribute('media', 'none');
    const errors = collectErrors(room);
    document.body.appendChild(room);
    suite.rooms.push(room);
    const detail = (await waitForError(errors, 'invalid_config')) as InvalidConfigDetail;
    expect(detail).to.include({ attribute: 'channel', fatal: false });
    await room.updateComplete;
    expect(room.shadowRoot!.querySelector('[part="hint"]')?.textContent).to.contain('set its channel attribute');
    room.channel = uniqueChannel('late');
    await waitForState(room, 'joined');
    await room.updateComplete;
    expect(room.shadowRoot!.querySelector('[part="hint"]')).to.equal(null);
    expect(errors.map((e) => e.code)).to.deep.equal(['invalid_config']);
  });

  it('a channel set right after insertion (as frameworks do) raises no invalid_config', async () => {
    const room = document.createElement('metered-room');
    room.setAttribute('prejoin', 'off');
    room.setAttribute('server-url', suite.server.wsUrl);
    room.setAttribute('api-key', suite.server.publishableKey);
    room.setAttribute('media', 'none');
    const errors = collectErrors(room);
    document.body.appendChild(room);
    suite.rooms.push(room);
    await Promise.resolve();
    room.channel = uniqueChannel('framework');
    await waitForState(room, 'joined');
    expect(errors).to.deep.equal([]);
  });

  it('a network blip is announced once, by the room’s one live region, present from the first render', async () => {
    const server = await startServer();
    try {
      const channel = uniqueChannel('blip');
      const room = addRoom(server, { channel, displayName: 'Ann' });
      const other = addRoom(server, { channel, displayName: 'Ben' });
      suite.rooms.push(room, other);
      await room.updateComplete;
      const regions = liveRegions(room.shadowRoot!);
      expect(regions.length, 'the room has no live region before joining').to.equal(1);
      await waitForState(room, 'joined');
      await waitForState(other, 'joined');
      await waitUntil(() => room.participants.length === 2, 'the rooms never met', { timeout: GUARD_MS });
      await stopServer(server);
      await waitForState(room, 'reconnecting');
      await room.updateComplete;
      expect(liveRegions(room.shadowRoot!), 'tiles, chat or banners add live regions').to.deep.equal(regions);
      expect(regions[0].textContent).to.contain('Reconnecting');
      await restartServer(server);
      await waitForState(room, 'joined');
      await room.updateComplete;
      expect(regions[0].textContent).to.contain('Reconnected');
    } finally {
      await stopServer(server);
    }
  });
});
