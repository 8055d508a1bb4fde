#!/usr/bin/env node
// `npm run bench`: builds, then measures (1) bundle size against the lit + @lit/context + SDK floor and (2) join →
// first remote video frame, elements vs bare SDK. Prints a summary and writes bench/results/<name>.json.
// Numbers, not assertions: this is not part of `npm test`. Exit 1 only when a measurement could not be taken.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { measureBundleSize } from './bundle-size.mjs';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '40' },
    'skip-build': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');

if (!values['skip-build']) {
  console.log('building (npm run build)…');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}

const environment = { node: process.version, cpus: cpus().length, date: new Date().toISOString() };
mkdirSync('bench/results', { recursive: true });
const save = (name, result) =>
  writeFileSync(`bench/results/${name}.json`, `${JSON.stringify({ ...result, environment }, null, 2)}\n`);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
let incomplete = false;

if (!values.only || values.only === 'size') {
  console.log('\nbundle size (rollup, same plugins, this process)');
  const size = await measureBundleSize();
  save('bundle-size', size);
  console.log(`  dist/metered-elements.js  ${kb(size.elements.minified)} min, ${kb(size.elements.gzip)} gzip`);
  console.log(`  floor (lit+context+SDK)   ${kb(size.floor.minified)} min, ${kb(size.floor.gzip)} gzip`);
  console.log(`  ratio ${size.ratio.gzip.toFixed(2)}× gzip (${size.ratio.minified.toFixed(2)}× min)`);
  console.log(
    `  elements add ${kb(size.delta.gzip)} gzip; whole bundle ceiling ${kb(size.budgetGzip)}: ${size.withinBudget ? 'within' : 'OVER'}`,
  );
  const largest = size.elements.ownModules.slice(0, 6).map((m) => `${m.module} ${kb(m.renderedBytes)}`);
  console.log(`  largest own modules (before minification): ${largest.join(', ')}`);
}

if (!values.only || values.only === 'join') {
  // Imported here: it needs server/dist, which the build above produced.
  const { measureJoinLatency } = await import('./join-latency.mjs');
  console.log(`\njoin → first remote video frame (${runs} runs per side, rotating)`);
  const join = await measureJoinLatency({ runs });
  save('join-latency', join);
  const ms = (v) => (v === null ? 'n/a' : `${v.toFixed(0)} ms`);
  const spread = (r) => (r ? ` (${r[0].toFixed(0)}–${r[1].toFixed(0)})` : '');
  const ratio = (r) => (r === null ? 'n/a' : r.toFixed(2));
  console.log('  medians:');
  console.log(`    rooms                          ${ms(join.medianMs.rooms)}${spread(join.rangeMs.rooms)}`);
  console.log(`    bare peers (self-view, audio)  ${ms(join.medianMs.peers)}${spread(join.rangeMs.peers)}`);
  console.log(
    `    bare peers, minimal page       ${ms(join.medianMs['peers-minimal'])}${spread(join.rangeMs['peers-minimal'])}`,
  );
  console.log(
    `  ratio rooms/peers ${ratio(join.ratio)} — goal ≤ ${join.goalRatio}: ${join.meetsGoal ? 'met' : 'NOT met'}`,
  );
  if (join.ratioInterval90) {
    const [low, high] = join.ratioInterval90;
    console.log(`  90% bootstrap interval of that ratio: ${ratio(low)}–${ratio(high)}`);
  }
  console.log(`  (rooms/minimal page ${ratio(join.ratioToMinimal)}, for reference)`);
  if (join.failures.length) {
    console.log(`  ${join.failures.length} run(s) failed`);
    incomplete = Object.values(join.medianMs).some((value) => value === null);
  }
}
console.log('\nresults written to bench/results/');
process.exit(incomplete ? 1 : 0);
