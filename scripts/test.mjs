#!/usr/bin/env node
// `npm test`: every check the project has, in the order a failure is cheapest to find. Each stage runs even when
// an earlier one failed (so one run shows every problem); the exit code is non-zero when any stage failed.
import { spawnSync } from 'node:child_process';

const STAGES = [
  ['build', 'npm', ['run', '--silent', 'build']],
  ['lint', 'npm', ['run', '--silent', 'lint']],
  ['manifest is current', 'node', ['scripts/check-manifest.mjs']],
  ['packaging and toolchains', 'node', ['test/toolchain/run.mjs']],
  ['server tests', 'npm', ['run', '--silent', 'test:server']],
  ['browser tests', 'npm', ['run', '--silent', 'test:browser']],
  ['CMS embeds', 'node', ['test/toolchain/cms-embeds.mjs']],
  ['end-to-end demo', 'node', ['scripts/e2e-demo.mjs']],
  // Needs root and `ip netns` (prints "skipped: why" and passes otherwise); about 50 s.
  ['NAT lab', 'node', ['scripts/nat-lab.mjs']],
];

const only = process.argv.slice(2);
const results = [];
for (const [name, command, args] of STAGES) {
  if (only.length && !only.some((word) => name.includes(word))) continue;
  console.log(`\n=== ${name}`);
  const started = Date.now();
  const run = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  const ok = run.status === 0;
  results.push({ name, ok, seconds: (Date.now() - started) / 1000 });
  console.log(`=== ${name}: ${ok ? 'ok' : `FAILED (exit ${run.status ?? run.signal})`}`);
}

console.log('\nSummary');
for (const { name, ok, seconds } of results) console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name} (${seconds.toFixed(1)} s)`);
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} of ${results.length} stages ok${failed ? `, ${failed} failed` : ""}`);
process.exit(failed ? 1 : 0);
