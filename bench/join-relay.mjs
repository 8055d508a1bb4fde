#!/usr/bin/env node
// Relayed vs direct: join → first remote video frame when the media goes through a real coturn (TURN, relay-only)
// against the same join on a direct path, as a ratio measured in one run (issue 9). Both sides of each join are a
// <metered-room> in its own browser context (pages/room.html, as join-tail.mjs), on one local server whose welcome
// hands out TURN REST credentials for a coturn started here (test/helpers/coturn.mjs, Debian's coturn, installed
// when missing). The only difference between the two kinds of run is `ice-transport-policy="relay"`.
// `npm run build` first. Usage: node bench/join-relay.mjs [--runs N] (per kind, default 30). Not part of `npm test`.
// Writes bench/results/join-relay.json.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { launchBrowser } from '../scripts/demo-page.mjs';
import { startCoturn } from '../test/helpers/coturn.mjs';
import { bootstrapRatioInterval, median, startBenchServer } from './join-latency.mjs';
import { benchEnvironment, firstLine, twoPageJoin } from './two-page-join.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
/** A run that has not finished by then is recorded as a failure (a bound, not a measurement). */
const RUN_TIMEOUT_MS = 60_000;
const KINDS = { direct: '', relay: '&relay' };

/** The selected candidate pair's local type on this page's room ('host', 'srflx', 'relay'): proof of the path. */
function selectedLocalType() {
  const pc = document.querySelector('metered-room').peer?.remotePeers[0]?.pc;
  if (!pc) return null; // a failed run may have no connection at all
  return pc.getStats().then((stats) => {
    let type = null;
    stats.forEach((report) => {
      if (report.type !== 'transport' || !report.selectedCandidatePairId) return;
      const pair = stats.get(report.selectedCandidatePairId);
      type = stats.get(pair.localCandidateId)?.candidateType ?? null;
    });
    return type;
  });
}

/** For a failed run: what each side's room and connections were doing (where a stuck join got stuck). */
function connectionStates() {
  const room = document.querySelector('metered-room');
  return {
    room: room.state,
    remotes: (room.peer?.remotePeers ?? []).map(({ polite, pc }) => ({
      polite,
      connection: pc.connectionState,
      ice: pc.iceConnectionState,
      gathering: pc.iceGatheringState,
      signaling: pc.signalingState,
    })),
  };
}

async function runOnce(browser, baseUrl, kind, index) {
  const channel = `relay-bench-${kind}-${index}-${Date.now()}`;
  const urlForName = (name) =>
    `${baseUrl}/room.html?wait&welcome-ice-only${KINDS[kind]}&channel=${channel}&name=${name}`;
  try {
    const results = await twoPageJoin(browser, urlForName, {
      timeoutMs: RUN_TIMEOUT_MS,
      inspect: async (page) => ({
        path: await page.evaluate(selectedLocalType),
        connections: await page.evaluate(connectionStates),
      }),
    });
    const failed = results.find((result) => typeof result.ms !== 'number');
    // Both sides' states, not only the failed one's: a stuck join shows in how the two differ.
    if (failed) return { error: failed.error ?? 'no result', connections: results.map((r) => r.connections) };
    return { ms: Math.max(...results.map((r) => r.ms)), paths: results.map((r) => r.path) };
  } catch (error) {
    return { error: firstLine(error) };
  }
}

const install = spawnSync(process.execPath, ['scripts/ensure-coturn.mjs'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (install.status !== 0) throw new Error('coturn is missing and could not be installed');
const secret = randomBytes(24).toString('base64url');
// Closed pages do not always release their allocations (each holds a relay port for 10 min): room for every run.
const coturn = await startCoturn({ secret, relayPortCount: 1000 });
const server = await startBenchServer({ iceServers: [], turn: { urls: [coturn.url], secret } });
const browser = await launchBrowser();
const samples = { direct: [], relay: [] };
const wrongPath = { direct: 0, relay: 0 };
const failures = [];
const loadBefore = loadavg()[0];
try {
  for (const kind of Object.keys(KINDS)) await runOnce(browser, server.url, kind, -1); // discarded warm-ups
  for (let run = 1; run <= runs; run += 1) {
    // Alternate which kind goes first, so a drifting machine load weighs on both alike.
    const order = run % 2 ? ['direct', 'relay'] : ['relay', 'direct'];
    for (const kind of order) {
      const result = await runOnce(browser, server.url, kind, run);
      if (typeof result.ms !== 'number') {
        failures.push({ kind, run, error: result.error, connections: result.connections });
        console.log(
          `  ${kind.padEnd(6)} run ${String(run).padStart(3)}  FAILED: ${result.error} ${JSON.stringify(result.connections ?? null)}`,
        );
        continue;
      }
      samples[kind].push(result.ms);
      const relayed = result.paths.every((path) => path === 'relay');
      if (relayed !== (kind === 'relay')) wrongPath[kind] += 1;
      console.log(
        `  ${kind.padEnd(6)} run ${String(run).padStart(3)}  ${result.ms.toFixed(0)} ms  (${result.paths.join('/')})`,
      );
    }
  }
} finally {
  await browser.close();
  await server.close();
  await coturn.stop();
}

const ratio = samples.direct.length && samples.relay.length ? median(samples.relay) / median(samples.direct) : null;
const result = {
  runsPerKind: runs,
  medianMs: { direct: median(samples.direct), relay: median(samples.relay) },
  ratioRelayToDirect: ratio,
  ratio90PercentInterval: bootstrapRatioInterval(samples.relay, samples.direct),
  // Runs whose selected pair was not what the kind promises (a direct run through the relay, or the reverse).
  runsOnTheWrongPath: wrongPath,
  samplesMs: samples,
  failures,
  environment: benchEnvironment(loadBefore),
};
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/join-relay.json', `${JSON.stringify(result, null, 2)}\n`);
console.log(
  `\njoin → first remote frame, relayed through coturn vs direct, ${samples.relay.length}+${samples.direct.length} runs`,
);
console.log(
  `  median direct ${result.medianMs.direct?.toFixed(0)} ms, relayed ${result.medianMs.relay?.toFixed(0)} ms`,
);
if (ratio)
  console.log(
    `  relayed / direct ${ratio.toFixed(2)} (90% interval ${result.ratio90PercentInterval.map((r) => r.toFixed(2)).join('–')})`,
  );
console.log(`  runs on the wrong path: ${JSON.stringify(wrongPath)}; failed runs: ${failures.length}`);
console.log('written to bench/results/join-relay.json');
process.exit(failures.length ? 1 : 0);
