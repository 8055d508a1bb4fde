/**
 * The room's state as CSS custom states: `metered-room:state(joined)`, through `ElementInternals.states`, so a page
 * shows or hides its own content with CSS alone. One state at a time, the room's `state`.
 *
 * Browser workaround (Chromium before 125 accepted only `--joined`-style names and threw on plain ones; browsers
 * without `states` have none): guarded here, where test/room-states.test.ts checks that a page rule matches.
 */
import type { RoomState } from '../room-context.js';

export class CustomStates {
  readonly #states: { add(state: string): void; clear(): void } | undefined;

  constructor(host: HTMLElement) {
    try {
      this.#states = host.attachInternals().states;
    } catch {
      this.#states = undefined; // attachInternals missing, or already called by a subclass
    }
  }

  /** Makes `state` the one custom state the element matches. */
  set(state: RoomState): void {
    if (!this.#states) return;
    this.#states.clear();
    try {
      this.#states.add(state);
    } catch {
      // An older Chromium refuses names without `--`: no custom state there rather than an error on every change.
    }
  }
}
