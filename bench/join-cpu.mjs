#!/usr/bin/env node
// CPU time one join costs, per Chromium thread, for each page of the join benchmark: a Chromium trace from the
// moment the page starts joining (`?wait` + window.benchGo(), see pages/first-frame.js) to its first remote frames,
// summing the thread time of top-level trace events per process/thread. On this 2-core machine without a GPU the
// wall-clock join time is dominated by run-to-run noise (ICE timing, other load); the CPU each page spends is far
// steadier, so this is the tool for telling whether a change to the elements made a join cheaper.
// `npm run build` first. Usage: node bench/join-cpu.mjs [--runs N] (default 4 per page). Numbers, not assertions.
import { parseArgs } from 'node:util';
import { launchBrowser } from '../scripts/demo-page.mjs';
import { SIDES, startBenchServer } from './join-latency.mjs';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '4' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');

/** Thread time (ms) per "process/thread" in one trace, counting only events not nested in another on that thread. */
function threadTimes(events) {
  const names = new Map();
  const processes = new Map();
  for (const event of events) {
    if (event.name === 'thread_name') names.set(`${event.pid}:${event.tid}`, event.args.name);
    if (event.name === 'process_name') processes.set(event.pid, event.args.name);
  }
  const byThread = new Map();
  for (const event of events) {
    if (event.ph !== 'X' || event.tdur === undefined) continue;
    const key = `${event.pid}:${event.tid}`;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(event);
  }
  const totals = new Map();
  for (const [key, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts);
    let end = -1;
    let sum = 0;
    for (const event of list) {
      if (event.ts < end) continue; // nested in the previous top-level event
      sum += event.tdur;
      end = event.ts + event.dur;
    }
    // Pool threads are numbered (ThreadPoolForegroundWorker3 …): count them together.
    const label = `${processes.get(Number(key.split(':')[0])) ?? '?'}/${(names.get(key) ?? '?').replace(/\d+$/, '')}`;
    totals.set(label, (totals.get(label) ?? 0) + sum / 1000);
  }
  return totals;
}

async function traceOnce(browser, baseUrl, path, index) {
  const context = await browser.createBrowserContext();
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/${path}${path.includes('?') ? '&' : '?'}wait&channel=cpu-${index}-${Date.now()}`);
    await page.waitForFunction(() => typeof window.benchGo === 'function', { polling: 20 });
    await page.tracing.start({ categories: ['toplevel', '__metadata'] });
    await page.evaluate(() => window.benchGo());
    await page.waitForFunction(() => window.benchResult, { timeout: 60_000, polling: 50 });
    const result = await page.evaluate(() => window.benchResult);
    const trace = JSON.parse(Buffer.from(await page.tracing.stop()).toString('utf8'));
    return result.ms === undefined ? null : threadTimes(trace.traceEvents);
  } catch {
    return null;
  } finally {
    await context.close();
  }
}

const server = await startBenchServer();
const browser = await launchBrowser();
const sides = Object.keys(SIDES);
const totals = Object.fromEntries(sides.map((side) => [side, new Map()]));
const counts = Object.fromEntries(sides.map((side) => [side, 0]));
try {
  for (let round = -1; round < runs; round += 1) {
    for (const side of sides) {
      const times = await traceOnce(browser, server.url, SIDES[side], `${side}-${round}`);
      if (round < 0 || !times) continue; // round -1 is the warm-up; a failed run is left out
      counts[side] += 1;
      for (const [label, ms] of times) totals[side].set(label, (totals[side].get(label) ?? 0) + ms);
    }
  }
} finally {
  await browser.close();
  await server.close();
}
const mean = (side, label) => (counts[side] ? (totals[side].get(label) ?? 0) / counts[side] : NaN);
const labels = [...totals.rooms.keys()].sort((a, b) => mean('rooms', b) - mean('rooms', a)).slice(0, 12);
console.log(`CPU ms per join (mean of ${runs} runs per page), by process/thread`);
console.log(`${'process/thread'.padEnd(48)}${sides.map((side) => side.padStart(15)).join('')}`);
for (const label of labels) {
  console.log(
    `${label.slice(0, 47).padEnd(48)}${sides.map((side) => mean(side, label).toFixed(1).padStart(15)).join('')}`,
  );
}
const all = (side) => [...totals[side].values()].reduce((a, b) => a + b, 0) / (counts[side] || NaN);
console.log(`${'all threads'.padEnd(48)}${sides.map((side) => all(side).toFixed(1).padStart(15)).join('')}`);
