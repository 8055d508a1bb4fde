// What must be inside the two packed packages (file lists from `npm pack --json`), as [name, check] pairs for
// run.mjs. Each check throws with the offending files named.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseAst } from 'rollup/parseAst';

/** The whole dist/metered-elements.js, gzip level 9 (issue 10: everything the script tag loads, dependencies included). */
const BUNDLE_CEILING_GZIP_BYTES = 48 * 1024;

/**
 * The nodes of `type` in an ESTree AST. The bundle's target browsers (rollup.config.mjs: Chrome, Edge, Firefox 100,
 * Safari 15.4) parse everything in it but class static blocks, which Safari has only since 16.4: one there and the
 * whole bundle is a SyntaxError. tsc writes one for every `static x = …` (ES2022 output with
 * `useDefineForClassFields: false`), so the elements declare `styles` and `properties` as static getters.
 */
function nodesOfType(node, type, found = []) {
  if (Array.isArray(node)) for (const child of node) nodesOfType(child, type, found);
  else if (node && typeof node === 'object') {
    if (node.type === type) found.push(node);
    for (const [key, child] of Object.entries(node)) if (key !== 'type') nodesOfType(child, type, found);
  }
  return found;
}

/** Every string target in an "exports" value (conditions and subpaths flattened). */
function exportTargets(value) {
  if (typeof value === 'string') return [value];
  return Object.values(value ?? {}).flatMap(exportTargets);
}

/** Relative Markdown link targets of `text` (no URLs, no in-page anchors), without their #fragment. */
function relativeLinks(text) {
  const links = [];
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target) || target.startsWith('#')) continue;
    links.push(target.split('#')[0]);
  }
  return links;
}

/** Files of `packed` that a Markdown file of the same package links to but that are not packed. */
function brokenLinks(packageDir, packed) {
  const inside = new Set(packed);
  const isPacked = (path) => inside.has(path) || packed.some((file) => file.startsWith(`${path.replace(/\/$/, '')}/`));
  return packed
    .filter((file) => file.endsWith('.md'))
    .flatMap((file) =>
      relativeLinks(readFileSync(join(packageDir, file), 'utf8'))
        .map((target) => normalize(join(dirname(file), target)))
        .filter((target) => !isPacked(target))
        .map((target) => `${file} → ${target}`),
    );
}

function fail(what, items) {
  if (items.length) throw new Error(`${what}: ${items.join(', ')}`);
}

export function packageChecks({ root, elements, server }) {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const serverManifest = JSON.parse(readFileSync(join(root, 'server', 'package.json'), 'utf8'));
  const serverDir = join(root, 'server');
  return [
    [
      'metered-elements: every file package.json names is packed',
      () => {
        const named = [
          ...exportTargets(manifest.exports),
          manifest.main,
          manifest.module,
          manifest.types,
          manifest.customElements,
          manifest['web-types'],
          'LICENSE',
          'README.md',
        ].map((path) => normalize(path));
        fail('not packed', [...new Set(named)].filter((path) => !elements.includes(path)));
        return `${elements.length} files`;
      },
    ],
    [
      'metered-elements: no server code, no server dependencies',
      () => {
        fail('server files packed', elements.filter((file) => /^(server|dist\/server|dist\/src)\//.test(file)));
        fail('server dependencies', Object.keys(manifest.dependencies).filter((name) => ['ws', 'jose', 'sirv'].includes(name)));
        return `dependencies: ${Object.keys(manifest.dependencies).join(', ')}`;
      },
    ],
    ['metered-elements: Markdown links resolve inside the package', () => fail('broken links', brokenLinks(root, elements))],
    [
      'metered-elements: the script-tag bundle is within its 48 KB gzip ceiling',
      () => {
        const gzip = gzipSync(readFileSync(join(root, 'dist', 'metered-elements.js')), { level: 9 }).length;
        if (gzip > BUNDLE_CEILING_GZIP_BYTES) throw new Error(`${gzip} bytes gzip, over ${BUNDLE_CEILING_GZIP_BYTES}`);
        return `${gzip} bytes gzip, ${BUNDLE_CEILING_GZIP_BYTES - gzip} to spare`;
      },
    ],
    [
      'metered-elements: the script-tag bundle parses in its target browsers (no class static blocks: Safari < 16.4)',
      () => {
        const ast = parseAst(readFileSync(join(root, 'dist', 'metered-elements.js'), 'utf8'));
        const found = nodesOfType(ast, 'StaticBlock');
        if (found.length > 0) throw new Error(`${found.length} class static blocks (\`static { … }\`)`);
      },
    ],
    [
      'metered-elements: the recorded SRI hash is the bundle’s',
      () => {
        const { integrity } = JSON.parse(readFileSync(join(root, 'dist', 'metered-elements.integrity.json'), 'utf8'));
        const actual = `sha384-${createHash('sha384').update(readFileSync(join(root, 'dist', 'metered-elements.js'))).digest('base64')}`;
        if (integrity !== actual) throw new Error(`recorded ${integrity}, bundle is ${actual}`);
      },
    ],
    [
      'metered-elements-server: self-contained (bin, exports, shared src/wire, every relative import packed)',
      () => {
        const named = [...exportTargets(serverManifest.exports), ...Object.values(serverManifest.bin), 'LICENSE', 'README.md'];
        fail('not packed', named.map((path) => normalize(path)).filter((path) => !server.includes(path)));
        const wire = readdirSync(join(root, 'src', 'wire')).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
        fail('shared wire modules not packed', wire.map((f) => `dist/src/wire/${f.replace(/\.ts$/, '.js')}`).filter((f) => !server.includes(f)));
        const unresolved = server
          .filter((file) => file.endsWith('.js'))
          .flatMap((file) =>
            [...readFileSync(join(serverDir, file), 'utf8').matchAll(/from '(\.{1,2}\/[^']+)'/g)]
              .map(([, spec]) => normalize(join(dirname(file), spec)))
              .filter((target) => !server.includes(target))
              .map((target) => `${file} → ${target}`),
          );
        fail('imports of files not packed', unresolved);
        fail('browser-only dependencies', Object.keys(serverManifest.dependencies).filter((name) => name === 'lit'));
        return `${server.length} files`;
      },
    ],
    [
      'metered-elements-server: source maps resolve (sources inlined)',
      () => {
        const maps = server.filter((file) => file.endsWith('.js.map'));
        if (!maps.length) throw new Error('no source maps packed');
        const missing = maps.filter((file) => {
          const map = JSON.parse(readFileSync(join(serverDir, file), 'utf8'));
          return map.sources.some((source, i) => {
            const packed = server.includes(normalize(join(dirname(file), map.sourceRoot ?? '', source)));
            return !packed && typeof map.sourcesContent?.[i] !== 'string';
          });
        });
        fail('maps whose sources are neither packed nor inlined', missing);
        return `${maps.length} maps`;
      },
    ],
    ['metered-elements-server: Markdown links resolve inside the package', () => fail('broken links', brokenLinks(serverDir, server))],
  ];
}
