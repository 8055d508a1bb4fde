#!/usr/bin/env node
// `npm test` stage "manifest is current": regenerates custom-elements.json in memory (same analyzer, same config
// as `npm run analyze`) and fails when the committed file differs, so the published manifest never drifts from
// the elements' JSDoc. The files generated from it are checked the same way: the docs (docs/api.md, the README's
// error table), the React/Vue types and the VS Code / JetBrains editor data (scripts/integrations.mjs); and the
// demo's event log must list every documented event.
import { readFileSync, existsSync } from 'node:fs';
import { cli } from '@custom-elements-manifest/analyzer/cli.js';
import { apiMarkdown, readmeWithErrors } from './docs.mjs';
import { staleIntegrations } from './integrations.mjs';

const COMMITTED = 'custom-elements.json';

const fresh = await cli({
  argv: ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'],
  cwd: process.cwd(),
  noWrite: true,
});
// The analyzer writes exactly this serialisation (cli.js), so a byte comparison is a fair one.
const expected = `${JSON.stringify(fresh, null, 2)}\n`;

if (!existsSync(COMMITTED)) {
  console.error(`${COMMITTED} is missing: run npm run analyze and commit the result.`);
  process.exit(1);
}
const committed = readFileSync(COMMITTED, 'utf8');
if (committed !== expected) {
  const a = committed.split('\n');
  const b = expected.split('\n');
  const line = a.findIndex((text, i) => text !== b[i]);
  console.error(
    `${COMMITTED} is stale (first difference at line ${line + 1}): run npm run analyze and commit the result.`,
  );
  console.error(`  committed: ${(a[line] ?? '<end of file>').trim()}`);
  console.error(`  current:   ${(b[line] ?? '<end of file>').trim()}`);
  process.exit(1);
}
const staleDocs = [
  ['docs/api.md', apiMarkdown(fresh)],
  ['README.md', await readmeWithErrors(readFileSync('README.md', 'utf8'))],
].filter(([file, text]) => !existsSync(file) || readFileSync(file, 'utf8') !== text);
for (const [file] of staleDocs) console.error(`${file} is stale: run npm run analyze and commit the result.`);
const staleGenerated = staleIntegrations(fresh);
for (const file of staleGenerated) console.error(`${file} is stale: run npm run analyze and commit the result.`);
// The demo's event log is how a newcomer meets the events: it must list every one the elements document.
const demoEvents = new Set(
  readFileSync('demo/demo.js', 'utf8')
    .match(/'metered-[a-z-]+'/g)
    ?.map((name) => name.slice(1, -1)),
);
const documentedEvents = fresh.modules
  .flatMap((m) => m.declarations ?? [])
  .flatMap((d) => d.events ?? [])
  .map((event) => event.name)
  .filter((name) => name.startsWith('metered-'));
const unlogged = [...new Set(documentedEvents)].filter((name) => !demoEvents.has(name));
if (unlogged.length) console.error(`demo/demo.js does not log ${unlogged.join(', ')}: add them to its EVENTS.`);
if (staleDocs.length || staleGenerated.length || unlogged.length) process.exit(1);

const tags = fresh.modules
  .flatMap((m) => m.declarations ?? [])
  .filter((d) => d.customElement)
  .map((d) => d.tagName);
console.log(
  `${COMMITTED}, docs/api.md, the README's error table, framework types and editor data are current (${tags.length} elements: ${tags.join(', ') || 'none yet'}).`,
);
