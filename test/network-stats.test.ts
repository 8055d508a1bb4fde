import { expect } from '@open-wc/testing';
import { qualityLevel, readSample, type NetworkSample } from '../src/room/network-stats.js';

/**
 * Loss, delay and relays cannot be provoked for real on loopback, so the level computation is tested as a pure
 * function. `LOOPBACK` is a getStats() report recorded from two rooms in Chromium (headless, fake camera,
 * 2026-12-01), trimmed to the entries and fields network-stats.ts reads; the degraded reports change its numbers.
 */
const LOOPBACK = [
  { type: 'transport', id: 'T01', selectedCandidatePairId: 'CPR0i5q7cT_WoDm86/O' },
  {
    type: 'candidate-pair',
    id: 'CPIC3GbcwP_3/bcP2cG',
    currentRoundTripTime: 0.001,
    nominated: true,
    state: 'succeeded',
    localCandidateId: 'IIC3GbcwP',
    remoteCandidateId: 'I3/bcP2cG',
  },
  {
    type: 'candidate-pair',
    id: 'CPR0i5q7cT_WoDm86/O',
    currentRoundTripTime: 0.003,
    nominated: true,
    state: 'succeeded',
    localCandidateId: 'IR0i5q7cT',
    remoteCandidateId: 'IWoDm86/O',
  },
  { type: 'local-candidate', id: 'IIC3GbcwP', candidateType: 'host' },
  { type: 'local-candidate', id: 'IR0i5q7cT', candidateType: 'host' },
  { type: 'remote-candidate', id: 'I3/bcP2cG', candidateType: 'host' },
  { type: 'remote-candidate', id: 'IWoDm86/O', candidateType: 'host' },
  { type: 'inbound-rtp', id: 'IT01A1671960011', kind: 'audio', packetsLost: 0, packetsReceived: 11, jitter: 0.001 },
  { type: 'inbound-rtp', id: 'IT01V2886289582', kind: 'video', packetsLost: 0, packetsReceived: 27, jitter: 0.01 },
  { type: 'remote-inbound-rtp', id: 'RIV3773219751', kind: 'video', packetsLost: 0, roundTripTime: 0.002 },
];

type Entry = Record<string, unknown>;
function report(entries: Entry[]): Map<string, Entry> {
  return new Map(entries.map((entry) => [entry.id as string, entry]));
}
/** LOOPBACK with the entries of the given ids changed. */
function changed(changes: Record<string, Entry>): Map<string, Entry> {
  return report(LOOPBACK.map((entry) => ({ ...entry, ...changes[entry.id] })));
}
const sample = (overrides: Partial<NetworkSample>): NetworkSample => ({
  rttMs: 1,
  packetLoss: 0,
  jitterMs: 1,
  relayed: false,
  ...overrides,
});

describe('network stats → quality level (network-stats.ts)', () => {
  it('reads the recorded loopback report: selected pair RTT, audio jitter, direct, no loss → good (3)', () => {
    const { sample: read, totals } = readSample(report(LOOPBACK), null);
    // The transport's selected pair (3 ms), not the other nominated one (1 ms).
    expect(read.rttMs).to.be.closeTo(3, 1e-9);
    expect(read.jitterMs).to.be.closeTo(1, 1e-9); // the audio stream's, not the video's 10 ms
    expect(read).to.include({ packetLoss: 0, relayed: false });
    expect(totals).to.deep.equal({ packetsLost: 0, packetsReceived: 38 });
    expect(qualityLevel(read)).to.equal(3);
  });

  it('counts loss over the interval since the previous sample, not since the call started', () => {
    const first = readSample(report(LOOPBACK), null);
    const next = changed({
      IT01A1671960011: { packetsLost: 6, packetsReceived: 61 }, // +6 lost, +50 received
      IT01V2886289582: { packetsLost: 4, packetsReceived: 117 }, // +4 lost, +90 received
    });
    const { sample: read } = readSample(next, first.totals);
    expect(read.packetLoss).to.be.closeTo(10 / 150, 1e-9);
    expect(qualityLevel(read)).to.equal(1);
    // Without the previous totals, the same report counts from the start: 10 of 188.
    expect(readSample(next, null).sample.packetLoss).to.be.closeTo(10 / 188, 1e-9);
  });

  it('a connection that restarted its counters (after a reconnect) is measured on its own', () => {
    const { sample: read } = readSample(report(LOOPBACK), { packetsLost: 50, packetsReceived: 5000 });
    expect(read.packetLoss).to.equal(0);
  });

  it('no packets expected in the interval: loss unknown, not 0 % and not 100 %', () => {
    const first = readSample(report(LOOPBACK), null);
    expect(readSample(report(LOOPBACK), first.totals).sample.packetLoss).to.equal(null);
  });

  it('a relay at either end of the selected pair is "relayed", and caps the level at fair (2)', () => {
    const local = readSample(changed({ IR0i5q7cT: { candidateType: 'relay' } }), null).sample;
    const remote = readSample(changed({ 'IWoDm86/O': { candidateType: 'relay' } }), null).sample;
    // A relay on a pair that is not the selected one does not count.
    const other = readSample(changed({ IIC3GbcwP: { candidateType: 'relay' } }), null).sample;
    expect([local.relayed, remote.relayed, other.relayed]).to.deep.equal([true, true, false]);
    expect(qualityLevel(local)).to.equal(2);
  });

  it('without a selected pair yet: RTT from the receiver report, else unknown', () => {
    const noTransport = LOOPBACK.filter((entry) => entry.type !== 'transport' && entry.type !== 'candidate-pair');
    expect(readSample(report(noTransport), null).sample.rttMs).to.be.closeTo(2, 1e-9);
    const nothing = noTransport.filter((entry) => entry.type !== 'remote-inbound-rtp');
    expect(readSample(report(nothing), null).sample).to.include({ rttMs: null, relayed: false });
  });

  it('levels follow the documented limits (the lowest level any measurement reaches)', () => {
    const cases: [Partial<NetworkSample>, number][] = [
      [{}, 3],
      [{ rttMs: null, packetLoss: null, jitterMs: null }, 3],
      [{ rttMs: 199 }, 3],
      [{ rttMs: 200 }, 2],
      [{ packetLoss: 0.02 }, 2],
      [{ jitterMs: 40 }, 2],
      [{ relayed: true }, 2],
      [{ rttMs: 400 }, 1],
      [{ packetLoss: 0.05 }, 1],
      [{ jitterMs: 80 }, 1],
      [{ rttMs: 800 }, 0],
      [{ packetLoss: 0.1 }, 0],
      [{ jitterMs: 150 }, 0],
      [{ rttMs: 250, packetLoss: 0.12, relayed: true }, 0],
    ];
    for (const [overrides, level] of cases) {
      expect(qualityLevel(sample(overrides)), JSON.stringify(overrides)).to.equal(level);
    }
  });
});
