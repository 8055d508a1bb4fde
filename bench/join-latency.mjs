// Join → first remote video frame: bench/pages/rooms.html (two <metered-room>s) vs bench/pages/peers.html (two
// bare MeteredPeers wired by hand). Same in-process server, same browser, runs alternating so drift (thermal,
// caches, other load on the machine) hits both sides alike. Reports medians and rooms/peers.
import { fileURLToPath } from 'node:url';
import { startServer } from '../dist/server/index.js';
import { launchBrowser } from '../scripts/demo-page.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
export const GOAL_RATIO = 1.1;
/** A run that has not finished by then is recorded as a failure (a bound, not a measurement). */
const RUN_TIMEOUT_MS = 60_000;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function runOnce(browser, baseUrl, kind, index) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/${kind}.html?channel=bench-${kind}-${index}-${Date.now()}`);
    await page.waitForFunction(() => window.benchResult, { timeout: RUN_TIMEOUT_MS, polling: 100 });
    return await page.evaluate(() => window.benchResult);
  } catch (error) {
    return { error: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  } finally {
    await context.close();
  }
}

export async function measureJoinLatency({ runs = 8, log = console.log } = {}) {
  const server = await startServer({
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
    },
  });
  const browser = await launchBrowser();
  const samples = { rooms: [], peers: [] };
  const failures = [];
  try {
    // One discarded warm-up each: first-load costs (module compile, codec start-up) are not what we compare.
    await runOnce(browser, server.url, 'peers', -1);
    await runOnce(browser, server.url, 'rooms', -1);
    for (let i = 0; i < runs * 2; i += 1) {
      // Alternate, and swap who goes first every pair (ABBA…), so neither side always follows the other.
      const kind = (i % 2 === 0) === (Math.floor(i / 2) % 2 === 0) ? 'peers' : 'rooms';
      const result = await runOnce(browser, server.url, kind, i);
      if (typeof result?.ms === 'number') {
        samples[kind].push(result.ms);
        log(`  run ${String(i + 1).padStart(2)}  ${kind.padEnd(5)} ${result.ms.toFixed(0)} ms`);
      } else {
        failures.push({ kind, run: i + 1, error: result?.error ?? 'no result' });
        log(`  run ${String(i + 1).padStart(2)}  ${kind.padEnd(5)} FAILED: ${result?.error}`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const roomsMedian = samples.rooms.length ? median(samples.rooms) : null;
  const peersMedian = samples.peers.length ? median(samples.peers) : null;
  const ratio = roomsMedian !== null && peersMedian ? roomsMedian / peersMedian : null;
  const range = (values) => (values.length ? [Math.min(...values), Math.max(...values)] : null);
  return {
    runsPerSide: runs,
    samplesMs: samples,
    medianMs: { rooms: roomsMedian, peers: peersMedian },
    rangeMs: { rooms: range(samples.rooms), peers: range(samples.peers) },
    ratio,
    goalRatio: GOAL_RATIO,
    meetsGoal: ratio !== null && ratio <= GOAL_RATIO,
    failures,
  };
}
