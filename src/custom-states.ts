/**
 * An element's state as CSS custom states, through `ElementInternals.states`, so a page shows or hides its own
 * content with CSS alone: `metered-room:state(joined)` (the room's `state`), `metered-video:state(speaking)`. One
 * state at a time.
 *
 * Browser workaround (Chromium before 125 accepted only `--joined`-style names and threw on plain ones; browsers
 * without `states` or `attachInternals` (Safari before 16.4) have none): guarded here, where
 * test/room-states.test.ts checks that a page rule matches and that an element is built without `attachInternals`.
 */
export class CustomStates {
  readonly #states: { add(state: string): void; clear(): void } | undefined;

  constructor(host: HTMLElement) {
    try {
      this.#states = host.attachInternals().states;
    } catch {
      this.#states = undefined; // attachInternals missing, or already called by a subclass
    }
  }

  /** Makes `state` the one custom state the element matches (none for null). */
  set(state: string | null): void {
    if (!this.#states) return;
    this.#states.clear();
    if (state === null) return;
    try {
      this.#states.add(state);
    } catch {
      // An older Chromium refuses names without `--`: no custom state there rather than an error on every change.
    }
  }
}
