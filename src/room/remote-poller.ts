/**
 * The polling of the remote participants' media connections, shared by the room's connection sampler
 * (peer-events.ts: stall and media-path checks, audio levels) and network-quality.ts: every `periodMs`, while at
 * least one remote participant is watched, measure each of them (e.g. read `getStats()` of its connection) and then
 * finish the round. Network quality keeps an interval of its own (QUALITY_POLL_MS, eight sampler ticks), which
 * test/network-quality.test.ts watches start and stop with the participants.
 *
 * - One interval per poller, running only while someone is watched: `stop()` (leave, removal, a failed join) and
 *   the last `forget()` clear it.
 * - A slow `getStats()` (a loaded machine) never stacks rounds: a tick while a round is in flight is skipped.
 * - A measurement that lands after `stop()`, or after its participant left, is stale: `measure` asks `current()`
 *   before it records anything, and a round that lands after `stop()` is not finished.
 */
import type { RemotePeer } from '@metered-ca/realtime';

/** What a poller keeps per participant; `remote` is whom it measures. */
export interface Polled {
  readonly remote: RemotePeer;
}

/** Measures one participant; true when what it shows changed. Records nothing once `current()` is false. */
export type Measure<T extends Polled> = (watched: T, current: () => boolean) => Promise<boolean>;

export class RemotePoller<T extends Polled> {
  readonly #watched = new Map<string, T>();
  readonly #periodMs: number;
  readonly #measure: Measure<T>;
  readonly #finish: (changed: boolean) => void;
  #timer: ReturnType<typeof setInterval> | null = null;
  /** Bumped by stop(): a round that started before it is discarded. */
  #generation = 0;
  #polling = false;

  /** `finish` runs after each current round, with whether any participant's measurement changed. */
  constructor(periodMs: number, measure: Measure<T>, finish: (changed: boolean) => void) {
    this.#periodMs = periodMs;
    this.#measure = measure;
    this.#finish = finish;
  }

  /** Starts measuring `watched.remote` (and the interval, if it was idle); a participant already watched is kept. */
  watch(watched: T): void {
    if (this.#watched.has(watched.remote.id)) return;
    this.#watched.set(watched.remote.id, watched);
    this.#timer ??= setInterval(() => void this.#poll(), this.#periodMs);
  }

  get(peerId: string): T | undefined {
    return this.#watched.get(peerId);
  }

  /** Stops measuring a participant that left; the interval stops with the last one. */
  forget(peerId: string): void {
    this.#watched.delete(peerId);
    if (this.#watched.size === 0) this.#clearTimer();
  }

  /** Stops everything (the join is over). */
  stop(): void {
    this.#watched.clear();
    this.#generation += 1;
    this.#clearTimer();
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  async #poll(): Promise<void> {
    if (this.#polling) return;
    this.#polling = true;
    const generation = this.#generation;
    try {
      const changed = await Promise.all(
        [...this.#watched.values()].map((watched) =>
          this.#measure(
            watched,
            () => generation === this.#generation && this.#watched.get(watched.remote.id) === watched,
          ),
        ),
      );
      if (generation === this.#generation) this.#finish(changed.some(Boolean));
    } finally {
      this.#polling = false;
    }
  }
}
