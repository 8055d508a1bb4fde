/**
 * Network quality per remote participant: every QUALITY_POLL_MS while the room has someone to measure, reads
 * `getStats()` of each remote's media connection (the SDK's `RemotePeer.pc`), turns it into a 0–3 level
 * (network-stats.ts) and tells the room when a level changes — the store (tiles show bars) at once, the page's
 * `metered-network-quality` event at most once per QUALITY_EVENT_GAP_MS per participant, so a flapping link does
 * not flood listeners (the settled level still goes out, at the first poll after the gap).
 *
 * One interval for all participants, running only while someone is watched: `stop()` (leave, removal, a failed
 * join) and the last `forget()` clear it, and a poll still in flight then is discarded when it lands.
 */
import type { RemotePeer } from '@metered-ca/realtime';
import type { NetworkQualityDetail } from '../events.js';
import type { NetworkQualityLevel } from '../room-context.js';
import { qualityLevel, readSample, type NetworkSample, type RtpTotals, type StatsLike } from './network-stats.js';

/** How often each remote connection's stats are read. */
export const QUALITY_POLL_MS = 2000;
/** Least time between two `metered-network-quality` events for one participant. */
export const QUALITY_EVENT_GAP_MS = 5000;

/** What the poller needs from the room. */
export interface NetworkQualityHost {
  /** A participant's level changed: the snapshot changed. */
  changed(): void;
  /** Whether the page has heard `metered-peer-joined` for this peer: its quality events wait for that. */
  announced(peerId: string): boolean;
  emit(detail: NetworkQualityDetail): void;
}

interface Watched {
  readonly remote: RemotePeer;
  /** The connection `totals` were read from: after a reconnect the SDK swaps in a new one, counting from zero. */
  measuredPc: unknown;
  totals: RtpTotals | null;
  level: NetworkQualityLevel | undefined;
  sample: NetworkSample | null;
  emittedLevel: NetworkQualityLevel | undefined;
  emittedAt: number;
}

interface StatsSource {
  getStats(): Promise<StatsLike>;
}

/** The SDK types `pc` as a minimal interface without getStats; in a browser it is a real RTCPeerConnection. */
function hasStats(pc: unknown): pc is StatsSource {
  return typeof pc === 'object' && pc !== null && typeof (pc as Partial<StatsSource>).getStats === 'function';
}

export class NetworkQuality {
  readonly #host: NetworkQualityHost;
  readonly #watched = new Map<string, Watched>();
  #timer: ReturnType<typeof setInterval> | null = null;
  /** Bumped by stop(): a poll that started before it is discarded. */
  #generation = 0;
  #polling = false;

  constructor(host: NetworkQualityHost) {
    this.#host = host;
  }

  /** Starts measuring `remote` (and the interval, if it was idle). */
  watch(remote: RemotePeer): void {
    if (this.#watched.has(remote.id)) return;
    this.#watched.set(remote.id, {
      remote,
      measuredPc: null,
      totals: null,
      level: undefined,
      sample: null,
      emittedLevel: undefined,
      emittedAt: -Infinity,
    });
    this.#timer ??= setInterval(() => void this.#poll(), QUALITY_POLL_MS);
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

  /** The participant's last level, or undefined before the first measurement of its connected path. */
  levelOf(peerId: string): NetworkQualityLevel | undefined {
    return this.#watched.get(peerId)?.level;
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
  }

  async #poll(): Promise<void> {
    // A slow getStats (a loaded machine) must not stack polls.
    if (this.#polling) return;
    this.#polling = true;
    const generation = this.#generation;
    try {
      const changed = await Promise.all(
        [...this.#watched.values()].map((watched) => this.#measure(watched, generation)),
      );
      if (generation === this.#generation && changed.some(Boolean)) this.#host.changed();
    } finally {
      this.#polling = false;
    }
  }

  /** Measures one participant; true when its level changed. */
  async #measure(watched: Watched, generation: number): Promise<boolean> {
    const { remote } = watched;
    const pc = remote.pc;
    let level: NetworkQualityLevel | undefined;
    switch (pc.connectionState) {
      case 'connected': {
        if (!hasStats(pc)) return false;
        let report: StatsLike;
        try {
          report = await pc.getStats();
        } catch {
          return false; // closed meanwhile (a leave, a reconnect): the next poll reads the new connection
        }
        if (generation !== this.#generation || this.#watched.get(remote.id) !== watched) return false;
        const { sample, totals } = readSample(report, watched.measuredPc === pc ? watched.totals : null);
        watched.measuredPc = pc;
        watched.totals = totals;
        watched.sample = sample;
        level = qualityLevel(sample);
        break;
      }
      case 'disconnected':
      case 'failed':
        // No media path at all right now: the lowest level, with nothing measured.
        watched.sample = null;
        level = 0;
        break;
      default:
        // new / connecting / closed: nothing to measure yet (the tile says "Connecting…").
        level = undefined;
    }
    const changed = level !== watched.level;
    watched.level = level;
    this.#maybeEmit(watched);
    return changed;
  }

  #maybeEmit(watched: Watched): void {
    const { level, sample, remote } = watched;
    const now = Date.now();
    if (level === undefined || level === watched.emittedLevel) return;
    if (now - watched.emittedAt < QUALITY_EVENT_GAP_MS || !this.#host.announced(remote.id)) return;
    watched.emittedLevel = level;
    watched.emittedAt = now;
    this.#host.emit({
      peerId: remote.id,
      quality: level,
      rttMs: sample?.rttMs ?? null,
      packetLoss: sample?.packetLoss ?? null,
      jitterMs: sample?.jitterMs ?? null,
      relayed: sample?.relayed ?? false,
    });
  }
}
