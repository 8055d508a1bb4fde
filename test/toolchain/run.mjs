#!/usr/bin/env node
// `npm test` stage "toolchain": the package as users get it, in the toolchains they use. Needs `npm run build`.
// 1. Packs both packages as `npm publish` would and checks what is inside (see package-checks.mjs).
// 2. Installs the packed metered-elements into test/toolchain/.work/node_modules (the fixtures' folder; its
//    dependencies resolve from the repository's node_modules above it) and copies fixtures/ there, plus every
//    README block marked `<!-- recipe: path -->`, so the README's recipes are compiled exactly as written.
// 3. Compiles: plain TypeScript (tsc), React 19 (tsc), Vue 3 (vue-tsc -b, as the vue-ts template runs it) — each
//    with negative checks (`@ts-expect-error` / `@vue-expect-error`: a mistake that compiles fails the stage) —
//    and builds the Vue project with Vite.
// Ends with "N passed, N failed"; exits 1 on any failure.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageChecks } from './package-checks.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HERE = join(ROOT, 'test', 'toolchain');
const WORK = join(HERE, '.work');
const BIN = join(ROOT, 'node_modules', '.bin');

let passed = 0;
let failed = 0;
async function check(name, fn) {
  const started = Date.now();
  try {
    const note = await fn();
    passed += 1;
    console.log(`  ok    ${name}${note ? ` (${note})` : ''} ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    failed += 1;
    console.log(`  FAIL  ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Runs a command in `cwd`; throws with its output when it fails. */
function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' } });
  if (result.status !== 0) {
    throw new Error(`${[command, ...args].join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`.trim());
  }
  return result.stdout;
}

/** README blocks marked `<!-- recipe: path -->` (the next fenced block), as { path, code }. */
export function readmeRecipes(readme) {
  const recipes = [];
  const marker = /<!-- recipe: (\S+) -->\s*\n```[a-z]*\n([\s\S]*?)\n```/g;
  for (const [, path, code] of readme.matchAll(marker)) recipes.push({ path, code: `${code}\n` });
  return recipes;
}

/** `npm pack` of the root package into a scratch folder; returns the tarball path and npm's file list. */
function pack(args) {
  const scratch = mkdtempSync(join(tmpdir(), 'metered-pack-'));
  const [info] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', scratch, ...args], { cwd: ROOT, encoding: 'utf8' }));
  return { tarball: join(scratch, info.filename), files: info.files.map((f) => f.path), scratch };
}

rmSync(WORK, { recursive: true, force: true });
mkdirSync(join(WORK, 'node_modules'), { recursive: true });
cpSync(join(HERE, 'fixtures'), WORK, { recursive: true });

const elements = pack([]);
const server = pack(['--workspace', 'server']);
try {
  console.log(`packed ${elements.files.length} files (metered-elements), ${server.files.length} (metered-elements-server)`);
  for (const [name, fn] of packageChecks({ root: ROOT, elements: elements.files, server: server.files })) await check(name, fn);

  execFileSync('tar', ['-xzf', elements.tarball, '-C', join(WORK, 'node_modules')]);
  renameSync(join(WORK, 'node_modules', 'package'), join(WORK, 'node_modules', 'metered-elements'));

  await check('README recipes copied into the fixtures', () => {
    const recipes = readmeRecipes(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    if (recipes.length === 0) throw new Error('README.md has no <!-- recipe: … --> blocks');
    for (const { path, code } of recipes) {
      if (!existsSync(join(WORK, path.split('/')[0]))) throw new Error(`recipe ${path}: no fixture project ${path.split('/')[0]}`);
      mkdirSync(dirname(join(WORK, path)), { recursive: true });
      writeFileSync(join(WORK, path), code);
    }
    return recipes.map((r) => r.path).join(', ');
  });

  await check('require() of the package says it is ESM only', () => {
    const result = spawnSync(process.execPath, ['-e', "require('metered-elements')"], { cwd: WORK, encoding: 'utf8' });
    if (result.status === 0) throw new Error('require() succeeded');
    if (!result.stderr.includes('ERR_METERED_ELEMENTS_ESM_ONLY') || !result.stderr.includes("import 'metered-elements/define'")) {
      throw new Error(`unexpected error:\n${result.stderr.split('\n').slice(0, 8).join('\n')}`);
    }
  });

  await check('plain TypeScript: define alone brings the event maps (tsc, skipLibCheck false)', () => {
    run(join(BIN, 'tsc'), ['-p', 'plain'], WORK);
  });
  await check('React 19 recipe and mistakes (tsc, skipLibCheck false)', () => {
    run(join(BIN, 'tsc'), ['-p', 'react'], WORK);
  });
  await check('Vue 3 recipe and mistakes (vue-tsc -b, the vue-ts template)', () => {
    run(join(BIN, 'vue-tsc'), ['-b'], join(WORK, 'vue'));
  });
  await check('Vue 3 recipe builds with Vite', () => {
    run(join(BIN, 'vite'), ['build', '--logLevel', 'warn'], join(WORK, 'vue'));
    const assets = readdirSync(join(WORK, 'vue', 'dist', 'assets')).filter((f) => f.endsWith('.js'));
    const code = assets.map((f) => readFileSync(join(WORK, 'vue', 'dist', 'assets', f), 'utf8')).join('');
    if (!code.includes('metered-room')) throw new Error('the built app does not contain the elements');
    return assets.join(', ');
  });
} finally {
  rmSync(elements.scratch, { recursive: true, force: true });
  rmSync(server.scratch, { recursive: true, force: true });
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
