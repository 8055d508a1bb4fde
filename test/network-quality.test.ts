import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { NetworkQualityDetail } from '../src/events.js';
import type { MeteredRoom } from '../src/room/metered-room.js';
import { QUALITY_POLL_MS } from '../src/room/network-quality.js';
import { qualityLevel } from '../src/room/network-stats.js';
import { QUALITY_LABELS } from '../src/video/quality-indicator.js';
import { addRoom, defaultVideo, GUARD_MS, roomSuite, uniqueChannel, waitForState } from './helpers/room.js';

/**
 * Counts every getStats() call on any RTCPeerConnection of the page (a spy: the real method still runs), so a
 * test can see the room's polling go on and stop. Nothing else on the page reads stats (the SDK does not).
 */
function countStatsCalls(): { readonly calls: number; restore(): void } {
  const proto = RTCPeerConnection.prototype;
  const original = proto.getStats;
  const counter = { calls: 0, restore: () => (proto.getStats = original) };
  proto.getStats = function (this: RTCPeerConnection, ...args: Parameters<typeof original>) {
    counter.calls += 1;
    return original.apply(this, args);
  } as typeof original;
  return counter;
}

/**
 * Tracks the intervals the page starts and clears (a spy: the real timers run). Only the quality poller uses
 * setInterval in the room and the SDK; counting by its period keeps anything else out.
 */
function trackIntervals(period: number): { readonly running: Set<number>; readonly started: number; restore(): void } {
  const realSet = window.setInterval;
  const realClear = window.clearInterval;
  const running = new Set<number>();
  let started = 0;
  window.setInterval = ((handler: TimerHandler, timeout?: number, ...args: unknown[]) => {
    const id = realSet(handler, timeout, ...args);
    if (timeout === period) {
      running.add(id);
      started += 1;
    }
    return id;
  }) as typeof window.setInterval;
  window.clearInterval = ((id?: number) => {
    if (id !== undefined) running.delete(id);
    realClear(id);
  }) as typeof window.clearInterval;
  return {
    running,
    get started() {
      return started;
    },
    restore: () => {
      window.setInterval = realSet;
      window.clearInterval = realClear;
    },
  };
}

/** Resolves after `ms`: only to let a stopped interval prove it stays stopped (nothing is timed). */
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function remoteOf(room: MeteredRoom) {
  return room.participants.find((p) => !p.isLocal);
}

describe('network quality per remote participant (network-quality.ts)', function () {
  this.timeout(4 * GUARD_MS);
  const suite = roomSuite();

  it('two real rooms: each gets a level for the other, as an event, on the participant and on the tile', async () => {
    const channel = uniqueChannel('quality');
    const ann = addRoom(suite.server, { channel, displayName: 'Ann' });
    const ben = addRoom(suite.server, { channel, displayName: 'Ben' });
    suite.rooms.push(ann, ben);
    const events = [oneEvent(ann, 'metered-network-quality'), oneEvent(ben, 'metered-network-quality')];
    await waitForState(ann, 'joined');
    await waitForState(ben, 'joined');
    const [annHears, benHears] = (await Promise.all(events)).map((event) => event.detail as NetworkQualityDetail);

    for (const [room, detail, other] of [
      [ann, annHears, ben],
      [ben, benHears, ann],
    ] as const) {
      expect(detail.peerId).to.equal(other.peerId);
      // Loopback: a direct path, with a measured round trip; the level is the documented function of the numbers.
      expect(detail.relayed).to.equal(false);
      expect(detail.rttMs).to.be.a('number').and.at.least(0);
      expect(detail.quality).to.equal(qualityLevel(detail));
      await waitUntil(() => remoteOf(room)?.quality !== undefined, 'the participant never got a level', {
        timeout: GUARD_MS,
      });
      expect(room.participants.find((p) => p.isLocal)?.quality, 'no level for ourselves').to.equal(undefined);

      const video = defaultVideo(room);
      await waitUntil(
        () => video.shadowRoot?.querySelector(`[data-peer-id="${CSS.escape(other.peerId!)}"] [part="quality"]`),
        'no quality indicator on the remote tile',
        { timeout: GUARD_MS },
      );
      const indicator = video.shadowRoot!.querySelector(
        `[data-peer-id="${CSS.escape(other.peerId!)}"] [part="quality"]`,
      )!;
      const level = remoteOf(room)!.quality!;
      expect(indicator.getAttribute('role')).to.equal('img');
      expect(indicator.getAttribute('aria-label')).to.equal(QUALITY_LABELS[level]);
      expect(indicator.hasAttribute('aria-live')).to.equal(false);
      // Our own tile has no indicator: there is no path to measure.
      expect(video.shadowRoot!.querySelector(`[data-local="true"] [part="quality"]`)).to.equal(null);
    }
  });

  it('polling stops when the other participant leaves, and when the room leaves: no timer left behind', async () => {
    const stats = countStatsCalls();
    const intervals = trackIntervals(QUALITY_POLL_MS);
    try {
      const channel = uniqueChannel('quality-stop');
      const ann = addRoom(suite.server, { channel, displayName: 'Ann' });
      const ben = addRoom(suite.server, { channel, displayName: 'Ben' });
      suite.rooms.push(ann, ben);
      await Promise.all([oneEvent(ann, 'metered-network-quality'), oneEvent(ben, 'metered-network-quality')]);
      expect(stats.calls, 'the spy saw the polling').to.be.greaterThan(0);
      expect(intervals.running.size, 'one poller per room').to.equal(2);

      // Ben leaves: Ann has nobody left to measure.
      await ben.leave();
      await waitUntil(() => remoteOf(ann) === undefined, 'Ann never saw Ben leave', { timeout: GUARD_MS });
      const afterBenLeft = stats.calls;
      expect(intervals.running.size, 'a poller still runs with nobody to measure').to.equal(0);
      await pause(3 * QUALITY_POLL_MS);
      expect(stats.calls, 'getStats still polled after everyone else left').to.equal(afterBenLeft);

      // Ben comes back: Ann polls again; then Ann leaves and her polling stops too (Ben's stops once Ann is gone).
      await ben.join();
      await oneEvent(ann, 'metered-network-quality');
      await ann.leave();
      await waitUntil(() => remoteOf(ben) === undefined, 'Ben never saw Ann leave', { timeout: GUARD_MS });
      const afterAnnLeft = stats.calls;
      expect(intervals.running.size, 'a poller still runs after leave').to.equal(0);
      await pause(3 * QUALITY_POLL_MS);
      expect(stats.calls, 'getStats still polled after leave').to.equal(afterAnnLeft);
    } finally {
      intervals.restore();
      stats.restore();
    }
  });

  it('removing a joined room from the page stops its polling', async () => {
    const stats = countStatsCalls();
    const intervals = trackIntervals(QUALITY_POLL_MS);
    try {
      const channel = uniqueChannel('quality-remove');
      const ann = addRoom(suite.server, { channel, displayName: 'Ann' });
      const ben = addRoom(suite.server, { channel, displayName: 'Ben' });
      suite.rooms.push(ann, ben);
      await Promise.all([oneEvent(ann, 'metered-network-quality'), oneEvent(ben, 'metered-network-quality')]);
      // Both rooms go at once (no peer-left first): only the teardown can stop the polling.
      ann.remove();
      ben.remove();
      await waitUntil(() => ann.state === 'left' && ben.state === 'left', 'the rooms never left', {
        timeout: GUARD_MS,
      });
      const afterRemoval = stats.calls;
      expect(intervals.started, 'both rooms polled').to.equal(2);
      expect(intervals.running.size, 'a poller outlived its room').to.equal(0);
      await pause(3 * QUALITY_POLL_MS);
      expect(stats.calls, 'getStats still polled after removal').to.equal(afterRemoval);
    } finally {
      intervals.restore();
      stats.restore();
    }
  });
});
