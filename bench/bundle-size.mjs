// Bundle size: dist/metered-elements.js vs the floor (bench/floor-entry.js), both built here by rollup with the
// plugins of rollup.config.mjs, so the only difference is our code. Ceiling: the whole bundle ≤ 48 KB gzip (issue
// 10; also checked in `npm test`, test/toolchain/package-checks.mjs); the floor shows what our own code costs.
import { gzipSync } from 'node:zlib';
import { rollup } from 'rollup';
import config, { bundlePlugins } from '../rollup.config.mjs';

export const BUDGET_GZIP_BYTES = 48 * 1024;

async function build(input) {
  const bundle = await rollup({ input, plugins: bundlePlugins(), onwarn: config.onwarn });
  const { output } = await bundle.generate({ format: 'es' });
  await bundle.close();
  const { code, modules } = output[0];
  // Where the bytes come from (rendered size before minification, our own modules only): where to look when over.
  const ownModules = Object.entries(modules)
    .filter(([id]) => !id.includes('node_modules') && !id.startsWith('\0'))
    .map(([id, info]) => ({ module: id.slice(id.indexOf('dist/esm/') + 9), renderedBytes: info.renderedLength }))
    .sort((a, b) => b.renderedBytes - a.renderedBytes);
  return { minified: Buffer.byteLength(code), gzip: gzipSync(code, { level: 9 }).length, ownModules };
}

export async function measureBundleSize() {
  const elements = await build(config.input);
  const floor = await build('bench/floor-entry.js');
  const addedGzip = elements.gzip - floor.gzip;
  return {
    elements,
    floor,
    ratio: { minified: elements.minified / floor.minified, gzip: elements.gzip / floor.gzip },
    delta: { minified: elements.minified - floor.minified, gzip: addedGzip },
    budgetGzip: BUDGET_GZIP_BYTES,
    withinBudget: elements.gzip <= BUDGET_GZIP_BYTES,
  };
}
