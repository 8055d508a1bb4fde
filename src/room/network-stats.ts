/**
 * What one `RTCPeerConnection.getStats()` report says about the path to a remote participant, and the 0–3 level
 * the room shows for it. Pure functions (no timers, no connection): network-quality.ts polls, this reads. Tested
 * with recorded Chromium stats values (test/network-stats.test.ts), since loss and delay cannot be provoked on
 * loopback.
 */
import type { NetworkQualityLevel } from '../room-context.js';
import { isRecord } from '../wire/is-record.js';

/** One measurement of the path to a remote participant. */
export interface NetworkSample {
  /** Round-trip time of the selected candidate pair (ms), or null before one is measured. */
  readonly rttMs: number | null;
  /** Fraction (0–1) of incoming RTP packets lost since the previous sample, or null when none were expected. */
  readonly packetLoss: number | null;
  /** Interarrival jitter of the incoming audio (video when there is no audio), in ms, or null. */
  readonly jitterMs: number | null;
  /** True when either end of the selected candidate pair is a TURN relay. */
  readonly relayed: boolean;
}

/** Running totals of the incoming RTP streams: the next sample's loss is the difference. */
export interface RtpTotals {
  readonly packetsLost: number;
  readonly packetsReceived: number;
}

/**
 * The level thresholds. A level is the lowest one whose limits any measurement reaches; 3 (good) needs all of
 * them under the "fair" limits AND a direct path: a relay adds a hop, so a relayed call shows at most 2 bars.
 */
export const QUALITY_LIMITS = {
  bad: { packetLoss: 0.1, rttMs: 800, jitterMs: 150 },
  poor: { packetLoss: 0.05, rttMs: 400, jitterMs: 80 },
  fair: { packetLoss: 0.02, rttMs: 200, jitterMs: 40 },
} as const;

type StatsEntry = Readonly<Record<string, unknown>>;
/** The part of an RTCStatsReport we read (a Map of recorded values works too). */
export type StatsLike = ReadonlyMap<string, unknown>;

function entries(report: StatsLike): StatsEntry[] {
  return [...report.values()].filter(isRecord);
}

function numberField(entry: StatsEntry | undefined, field: string): number | null {
  const value = entry?.[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function byId(report: StatsLike, id: unknown): StatsEntry | undefined {
  if (typeof id !== 'string') return undefined;
  const value = report.get(id);
  return isRecord(value) ? value : undefined;
}

/** The candidate pair ICE uses: the transport's `selectedCandidatePairId`, else the nominated succeeded pair. */
function selectedPair(report: StatsLike, all: StatsEntry[]): StatsEntry | undefined {
  for (const transport of all.filter((entry) => entry.type === 'transport')) {
    const pair = byId(report, transport.selectedCandidatePairId);
    if (pair) return pair;
  }
  return all.find(
    (entry) => entry.type === 'candidate-pair' && entry.nominated === true && entry.state === 'succeeded',
  );
}

/** Reads one sample from a stats report; `previous` holds the totals of the last one (null for the first). */
export function readSample(
  report: StatsLike,
  previous: RtpTotals | null,
): { sample: NetworkSample; totals: RtpTotals } {
  const all = entries(report);
  const pair = selectedPair(report, all);
  const pairRtt = numberField(pair, 'currentRoundTripTime');
  // Before the pair's first STUN response comes back, the receiver report of what we send has an RTT too.
  const reportRtt = all
    .filter((entry) => entry.type === 'remote-inbound-rtp')
    .map((entry) => numberField(entry, 'roundTripTime'))
    .find((rtt) => rtt !== null);
  const rttSeconds = pairRtt ?? reportRtt ?? null;
  const relayed = [byId(report, pair?.localCandidateId), byId(report, pair?.remoteCandidateId)].some(
    (candidate) => candidate?.candidateType === 'relay',
  );

  const inbound = all.filter((entry) => entry.type === 'inbound-rtp');
  let packetsLost = 0;
  let packetsReceived = 0;
  for (const stream of inbound) {
    // packetsLost can be negative (duplicates): never count it as a gain.
    packetsLost += Math.max(0, numberField(stream, 'packetsLost') ?? 0);
    packetsReceived += numberField(stream, 'packetsReceived') ?? 0;
  }
  const totals = { packetsLost, packetsReceived };
  // A new connection (after a reconnect) starts its counters again: then this sample stands on its own.
  const restarted =
    previous !== null && (packetsReceived < previous.packetsReceived || packetsLost < previous.packetsLost);
  const base = previous && !restarted ? previous : { packetsLost: 0, packetsReceived: 0 };
  const lost = packetsLost - base.packetsLost;
  const expected = lost + (packetsReceived - base.packetsReceived);
  const packetLoss = expected > 0 ? lost / expected : null;

  const audio = inbound.find((entry) => entry.kind === 'audio' && numberField(entry, 'jitter') !== null);
  const video = inbound.find((entry) => entry.kind === 'video' && numberField(entry, 'jitter') !== null);
  const jitterSeconds = numberField(audio ?? video, 'jitter');

  return {
    sample: {
      rttMs: rttSeconds === null ? null : rttSeconds * 1000,
      packetLoss,
      jitterMs: jitterSeconds === null ? null : jitterSeconds * 1000,
      relayed,
    },
    totals,
  };
}

function reaches(sample: NetworkSample, limits: { packetLoss: number; rttMs: number; jitterMs: number }): boolean {
  return (
    (sample.packetLoss ?? 0) >= limits.packetLoss ||
    (sample.rttMs ?? 0) >= limits.rttMs ||
    (sample.jitterMs ?? 0) >= limits.jitterMs
  );
}

/** The level for a sample of a connected path (see QUALITY_LIMITS); unknown measurements count as fine. */
export function qualityLevel(sample: NetworkSample): NetworkQualityLevel {
  if (reaches(sample, QUALITY_LIMITS.bad)) return 0;
  if (reaches(sample, QUALITY_LIMITS.poor)) return 1;
  if (reaches(sample, QUALITY_LIMITS.fair) || sample.relayed) return 2;
  return 3;
}
