// The script-tag bundle: dist/metered-elements.js, ONE self-contained, minified ES module that defines the three
// elements when imported. Input is tsc's output (dist/esm/define.js), so TypeScript runs once and rollup only
// resolves, tree-shakes and minifies. The bundler build (dist/esm) is tsc's output as-is, with lit, @lit/context
// and the SDK left as dependencies for the user's bundler to resolve.
import minifyHTML from '@lit-labs/rollup-plugin-minify-html-literals';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Browsers the minified CSS must keep working in (lightningcss's bit-shifted versions). Without targets
 * lightningcss rewrites `(max-width: 40rem)` into range syntax `(width <= 40rem)`, which Safari < 16.4 ignores.
 */
const CSS_TARGETS = { chrome: 100 << 16, edge: 100 << 16, firefox: 100 << 16, safari: (15 << 16) | (4 << 8) };

/**
 * Plugins shared with bench/bundle-size.mjs, so the "floor" bundle is built exactly like the real one.
 * - `browser` + `production` export conditions: Lit ships its dev build (extra checks and console warnings)
 *   under `development`; we never resolve it.
 * - NODE_ENV replaced in case a dependency branches on it (none does today; cheap insurance against a
 *   `process is not defined` crash on a plain page).
 * - `html`/`css` template literals of OUR modules (tsc's output in dist/esm; dependencies are already minified)
 *   minified by Lit's maintained plugin: html-minifier-next with `conservativeCollapse` (runs of whitespace become
 *   one space, never none, so text next to a binding keeps its spacing) and lightningcss for the styles, for the
 *   browsers in CSS_TARGETS.
 *   `failOnError`: a template it cannot parse fails the build instead of shipping half-minified.
 * - terser without `unsafe` options (two compress passes); rollup emits no eval/new Function, so the bundle runs under a strict CSP
 *   (`script-src 'self'`). Lit's styles use adoptedStyleSheets, which also needs no `style-src 'unsafe-inline'`.
 * - The SDK's debug- and info-level log lines (`this.logger.debug(…)`, `this.logger.info(…)`) are left out, as
 *   Lit's production build leaves out its dev-mode messages: they only ever print with the room's `debug`
 *   attribute, and cost ~400 B gzip. Its warnings and errors stay. The npm build (dist/esm) keeps every line.
 * - `SCRIPT_TAG_BUNDLE` is true: code that only a build whose elements may be defined one at a time needs (Lit's
 *   ContextRoot, see room-store-controller.ts) is left out of this bundle, which defines all three at once.
 */
export function bundlePlugins() {
  return [
    replace({
      preventAssignment: true,
      values: { 'process.env.NODE_ENV': JSON.stringify('production'), SCRIPT_TAG_BUNDLE: 'true' },
    }),
    minifyHTML({
      include: ['dist/esm/**/*.js'],
      failOnError: true,
      options: { minifyOptions: { conservativeCollapse: true, minifyCSS: { targets: CSS_TARGETS } } },
    }),
    nodeResolve({ browser: true, exportConditions: ['browser', 'production'] }),
    terser({
      ecma: 2020,
      module: true,
      compress: { passes: 2, pure_funcs: ['this.logger.debug', 'this.logger.info'] },
      format: { comments: false },
    }),
  ];
}

/**
 * Rollup's warning handler minus two known-harmless notices: circular imports inside dependencies, and tsc's
 * decorator helper `(this && this.__decorate) || …` at module top level, where `this` is undefined by design.
 */
function onwarn(warning, warn) {
  if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules'))) return;
  if (warning.code === 'THIS_IS_UNDEFINED' && warning.frame?.includes('__decorate')) return;
  warn(warning);
}

/**
 * Subresource Integrity for the script-tag bundle: prints the sha384 of the file exactly as written and records it
 * in dist/metered-elements.integrity.json (shipped), which the README tells hosts to read and which the end-to-end
 * test (scripts/e2e-demo.mjs) puts in the `integrity` attribute it loads the bundle with. Computed at every build,
 * so no hash is ever written by hand or goes stale.
 */
function subresourceIntegrity() {
  return {
    name: 'metered-subresource-integrity',
    writeBundle(options) {
      const file = options.file;
      const integrity = `sha384-${createHash('sha384').update(readFileSync(file)).digest('base64')}`;
      const record = join(dirname(file), 'metered-elements.integrity.json');
      writeFileSync(record, `${JSON.stringify({ file: basename(file), integrity }, null, 2)}\n`);
      console.log(`${basename(file)} integrity="${integrity}" (also in ${record})`);
    },
  };
}

export default {
  input: 'dist/esm/define.js',
  output: { file: 'dist/metered-elements.js', format: 'es', sourcemap: true },
  plugins: [...bundlePlugins(), subresourceIntegrity()],
  onwarn,
};
