/**
 * While a room on the page is joining, our elements render at the next idle moment (`requestIdleCallback`) instead
 * of in Lit's microtask, so the join's own main-thread work runs first.
 *
 * Why: a join is a chain of short main-thread steps — getUserMedia alone is about eight (capabilities, stream
 * generation, track creation: each a reply from the browser process that waits for the main thread), then the
 * SDK's offer and answer. A render that runs in between delays the next step by its whole length, and with two
 * layouts to style, lay out and paint, that added up to tens of ms per join (bench/README.md has the numbers).
 * The render is not skipped: it runs at the first idle moment, and at most MAX_WAIT_MS late on a page that never
 * idles. Browsers without `requestIdleCallback` render as before.
 */
import { LitElement } from 'lit';
import type { RoomState } from './room-context.js';

/** Rooms on the page in state `joining`. */
let joining = 0;
/** The longest a render waits for the join (a busy page may have no idle moment). */
const MAX_WAIT_MS = 100;

/**
 * Keeps the count of joining rooms (called by the room on every state change).
 * @internal
 */
export function countJoining(from: RoomState, to: RoomState): void {
  joining += Number(to === 'joining') - Number(from === 'joining');
}

/**
 * The base of our three elements: Lit's update cycle, deferred while a room joins.
 * @internal
 */
export class JoinYieldingElement extends LitElement {
  protected override scheduleUpdate(): void | Promise<unknown> {
    if (joining === 0 || typeof requestIdleCallback !== 'function') return super.scheduleUpdate();
    return new Promise((resolve) => requestIdleCallback(resolve, { timeout: MAX_WAIT_MS })).then(() =>
      super.scheduleUpdate(),
    );
  }
}
