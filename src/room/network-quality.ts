/**
 * Network quality per remote participant: every QUALITY_POLL_MS while the room has someone to measure, reads
 * `getStats()` of each remote's media connection (the SDK's `RemotePeer.pc`), turns it into a 0–3 level
 * (network-stats.ts) and tells the room when a level changes — the store (tiles show bars) at once, the page's
 * `metered-network-quality` event at most once per QUALITY_EVENT_GAP_MS per participant, so a flapping link does
 * not flood listeners (the settled level still goes out, at the first poll after the gap).
 *
 * The interval, its lifecycle and the discarding of stale reads are remote-poller.ts's, shared with
 * audio-levels.ts.
 */
import type { RemotePeer } from '@metered-ca/realtime';
import type { NetworkQualityDetail } from '../events.js';
import type { NetworkQualityLevel } from '../room-context.js';
import { qualityLevel, readSample, type NetworkSample, type RtpTotals } from './network-stats.js';
import { browserConnection } from './peer-connection.js';
import { RemotePoller } from './remote-poller.js';

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

export class NetworkQuality {
  readonly #host: NetworkQualityHost;
  readonly #poller = new RemotePoller<Watched>(
    QUALITY_POLL_MS,
    (watched, current) => this.#measure(watched, current),
    (changed) => {
      if (changed) this.#host.changed();
    },
  );

  constructor(host: NetworkQualityHost) {
    this.#host = host;
  }

  /** Starts measuring `remote` (and the interval, if it was idle). */
  watch(remote: RemotePeer): void {
    this.#poller.watch({
      remote,
      measuredPc: null,
      totals: null,
      level: undefined,
      sample: null,
      emittedLevel: undefined,
      emittedAt: -Infinity,
    });
  }

  /** Stops measuring a participant that left; the interval stops with the last one. */
  forget(peerId: string): void {
    this.#poller.forget(peerId);
  }

  /** Stops everything (the join is over). */
  stop(): void {
    this.#poller.stop();
  }

  /** The participant's last level, or undefined before the first measurement of its connected path. */
  levelOf(peerId: string): NetworkQualityLevel | undefined {
    return this.#poller.get(peerId)?.level;
  }

  /** Measures one participant; true when its level changed. */
  async #measure(watched: Watched, current: () => boolean): Promise<boolean> {
    const pc = browserConnection(watched.remote.pc);
    let level: NetworkQualityLevel | undefined;
    switch (pc?.connectionState) {
      case 'connected': {
        let report: RTCStatsReport;
        try {
          report = await pc.getStats();
        } catch {
          return false; // closed meanwhile (a leave, a reconnect): the next poll reads the new connection
        }
        if (!current()) return false;
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
