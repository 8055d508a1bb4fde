/**
 * "You are muted": shown while the local user speaks with the microphone switched off in a call, and for a moment
 * after, so it does not flicker between words. The level comes from a clone of the muted track (level-meter.ts).
 */
import type { ReactiveControllerHost } from 'lit';
import { LevelMeter } from './level-meter.js';

/** The level (0 to 1, see LevelMeter) from which the user counts as speaking. */
const SPEAKING_LEVEL = 0.06;
/** How long the hint stays after the last loud moment, in ms. */
const HOLD_MS = 1500;

export class MutedHint {
  /** True while the hint is shown. */
  shown = false;

  readonly #host: ReactiveControllerHost;
  readonly #meter = new LevelMeter((level) => this.#onLevel(level));
  #lastLoud = -Infinity;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** Watches `track` (the call's microphone while it is muted), or nothing when null. */
  watch(track: MediaStreamTrack | null): void {
    this.#meter.measure(track);
    if (track === null && this.shown) this.#set(false);
  }

  #onLevel(level: number): void {
    const now = performance.now();
    if (level >= SPEAKING_LEVEL) this.#lastLoud = now;
    const shown = now - this.#lastLoud < HOLD_MS;
    if (shown !== this.shown) this.#set(shown);
  }

  #set(shown: boolean): void {
    this.shown = shown;
    this.#host.requestUpdate();
  }
}
