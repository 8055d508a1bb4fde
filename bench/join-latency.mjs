// Join → first remote video frame: bench/pages/rooms.html (two <metered-room>s) vs bench/pages/peers.html (two
// bare MeteredPeers wired by hand, doing the same user-visible work: self-view, remote video with its audio).
// The first version of the bare page (`peers.html?minimal`: no self-view, remote muted) is measured alongside and
// reported for reference. Same in-process server, same browser, runs rotating between the sides so drift
// (thermal, caches, other load on the machine) hits all of them alike. Reports medians and rooms/peers.
import { fileURLToPath } from 'node:url';
import { startServer } from '../server/dist/server/index.js';
import { launchBrowser } from '../scripts/demo-page.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
export const GOAL_RATIO = 1.1;
/** A run that has not finished by then is recorded as a failure (a bound, not a measurement). */
const RUN_TIMEOUT_MS = 60_000;
/** Each side and the page it opens. */
export const SIDES = { rooms: 'rooms.html', peers: 'peers.html', 'peers-minimal': 'peers.html?minimal' };

export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * 90% bootstrap interval of median(rooms) / median(baseline): resample both sides with replacement, 2,000 times
 * (seeded, so the same samples always give the same interval). On this machine both pages' times are bimodal
 * (runs where ICE completes at once, and runs ~60 ms slower), so a median of a few dozen runs can land in either
 * mode and the ratio of two such medians swings by ±0.15 between invocations; the interval shows how far.
 */
export function bootstrapRatioInterval(rooms, baseline, rounds = 2000) {
  if (!rooms.length || !baseline.length) return null;
  let seed = 0x9e3779b9;
  const random = () => {
    // mulberry32
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const resample = (values) => values.map(() => values[Math.floor(random() * values.length)]);
  const ratios = [];
  for (let i = 0; i < rounds; i += 1) ratios.push(median(resample(rooms)) / median(resample(baseline)));
  ratios.sort((a, b) => a - b);
  return [ratios[Math.floor(rounds * 0.05)], ratios[Math.floor(rounds * 0.95)]];
}

async function runOnce(browser, baseUrl, side, index) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    const path = SIDES[side];
    await page.goto(`${baseUrl}/${path}${path.includes('?') ? '&' : '?'}channel=bench-${side}-${index}-${Date.now()}`);
    await page.waitForFunction(() => window.benchResult, { timeout: RUN_TIMEOUT_MS, polling: 100 });
    return await page.evaluate(() => window.benchResult);
  } catch (error) {
    return { error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  } finally {
    await context.close();
  }
}

/** The local server the benchmark pages are served from (in-process, free port), with the bundle and the SDK. */
/** The local server serving the bench pages; `extra` is merged into its config (e.g. `turn` for join-relay.mjs). */
export function startBenchServer(extra = {}) {
  return startServer({
    port: 0,
    quiet: true,
    config: {
      staticDirs: [
        { urlPrefix: '/', dir: here('./pages') },
        { urlPrefix: '/dist', dir: here('../dist') },
        { urlPrefix: '/sdk', dir: here('../node_modules/@metered-ca/realtime/dist') },
      ],
      // Every run opens two connections; don't let the per-IP upgrade limiter (60/min) throttle the benchmark.
      limits: { connectAttemptsPerMinute: 10_000 },
      ...extra,
    },
  });
}

export async function measureJoinLatency({ runs = 8, log = console.log } = {}) {
  const server = await startBenchServer();
  const browser = await launchBrowser();
  const sides = Object.keys(SIDES);
  const samples = Object.fromEntries(sides.map((side) => [side, []]));
  const failures = [];
  try {
    // One discarded warm-up each: first-load costs (module compile, codec start-up) are not what we compare.
    for (const side of sides) await runOnce(browser, server.url, side, -1);
    let run = 0;
    for (let round = 0; round < runs; round += 1) {
      // Every side once per round, the order rotated each round, so no side always follows the same other one.
      const order = sides.map((_, i) => sides[(i + round) % sides.length]);
      for (const side of order) {
        run += 1;
        const result = await runOnce(browser, server.url, side, run);
        if (typeof result?.ms === 'number') {
          samples[side].push(result.ms);
          log(`  run ${String(run).padStart(2)}  ${side.padEnd(13)} ${result.ms.toFixed(0)} ms`);
        } else {
          failures.push({ side, run, error: result?.error ?? 'no result' });
          log(`  run ${String(run).padStart(2)}  ${side.padEnd(13)} FAILED: ${result?.error}`);
        }
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const medianMs = Object.fromEntries(sides.map((side) => [side, samples[side].length ? median(samples[side]) : null]));
  const rangeMs = Object.fromEntries(
    sides.map((side) => [side, samples[side].length ? [Math.min(...samples[side]), Math.max(...samples[side])] : null]),
  );
  const ratioTo = (baseline) =>
    medianMs.rooms !== null && medianMs[baseline] ? medianMs.rooms / medianMs[baseline] : null;
  const ratio = ratioTo('peers');
  return {
    runsPerSide: runs,
    pages: SIDES,
    samplesMs: samples,
    medianMs,
    rangeMs,
    ratio,
    ratioInterval90: bootstrapRatioInterval(samples.rooms, samples.peers),
    ratioToMinimal: ratioTo('peers-minimal'),
    goalRatio: GOAL_RATIO,
    meetsGoal: ratio !== null && ratio <= GOAL_RATIO,
    failures,
  };
}
