#!/usr/bin/env node
// `npm test`: every check the project has, in the order a failure is cheapest to find. Each stage runs even when
// an earlier one failed (so one run shows every problem); the exit code is non-zero when any stage failed.
import { spawn } from 'node:child_process';

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
  const { code, output } = await runTeed(command, args);
  const ok = code === 0;
  results.push({ name, ok, seconds: (Date.now() - started) / 1000, output });
  console.log(`=== ${name}: ${ok ? 'ok' : `FAILED (exit ${code})`}`);
}

console.log('\nSummary');
for (const { name, ok, seconds } of results) console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name} (${seconds.toFixed(1)} s)`);
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} of ${results.length} stages ok${failed ? `, ${failed} failed` : ""}`);
// CI shows only the end of the log, so each failed stage repeats its failure lines here, after the summary.
for (const { name, ok, output } of results) {
  if (ok) continue;
  console.log(`\nWhy "${name}" failed:`);
  for (const line of failureLines(output)) console.log(`  ${line}`);
}
process.exit(failed ? 1 : 0);

/** Runs a command with its output shown as it comes and kept, for the failure lines. */
function runTeed(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ['inherit', 'pipe', 'pipe'], env: process.env });
    let output = '';
    const keep = (stream, sink) =>
      stream.on('data', (chunk) => {
        sink.write(chunk);
        output += chunk;
      });
    keep(child.stdout, process.stdout);
    keep(child.stderr, process.stderr);
    child.on('close', (code, signal) => resolve({ code: code ?? signal, output }));
  });
}

/** The lines that say what failed (test runners' failure marks and errors), else the last lines: at most 30, each cut to 300 characters. */
function failureLines(output) {
  // Progress bars redraw with terminal escapes: strip them.
  const lines = output.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').split('\n').map((line) => line.trimEnd());
  const marked = lines.filter((line) => /❌|✖|not ok|FAIL|Error|expected|Timed out|timeout/i.test(line));
  const picked = [...new Set(marked.length ? marked : lines.filter(Boolean).slice(-30))];
  // A diff of a generated file can be one very long line: the start says enough.
  return picked.slice(0, 30).map((line) => (line.length > 300 ? `${line.slice(0, 300)}…` : line));
}
