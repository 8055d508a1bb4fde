#!/usr/bin/env node
// Framework types and editor data, generated from custom-elements.json by break-stuff's maintained generators, so
// they follow the elements as attributes, properties and events are added:
// - types/custom-elements-jsx.d.ts (custom-element-jsx-integration), used by the React entry types/react.d.ts;
// - types/vue.d.ts (custom-element-vuejs-integration): Vue's `GlobalComponents`, the `metered-elements/vue` entry;
// - vscode.html-custom-data.json + vscode.css-custom-data.json (custom-element-vs-code-integration);
// - web-types.json (custom-element-jet-brains-integration), which package.json's "web-types" points JetBrains at.
// `node scripts/integrations.mjs` writes them (run by `npm run analyze`); scripts/check-manifest.mjs (a stage of
// `npm test`) generates them into a temporary folder and fails when a committed copy differs.
//
// They run as functions rather than as analyzer plugins because they disagree with the manifest schema about one
// field: in custom-elements.json an event's `type` is the event's type (`CustomEvent<MeteredErrorDetail>`), while
// the JSX and Vue generators expect the detail type and wrap it in `CustomEvent<…>` themselves (they would write
// `CustomEvent<CustomEvent<…>>`). forGenerators() hands them a copy that suits them; the manifest stays right.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateJsxTypes } from 'custom-element-jsx-integration';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';
import { generateVsCodeCustomElementData } from 'custom-element-vs-code-integration';
import { generateJetBrainsWebTypes } from 'custom-element-jet-brains-integration';

/** Every generated file, relative to the package root. */
export const GENERATED_FILES = [
  'types/custom-elements-jsx.d.ts',
  'types/vue.d.ts',
  'vscode.html-custom-data.json',
  'vscode.css-custom-data.json',
  'web-types.json',
];

/**
 * Type paths are relative to types/: the declarations tsc emits for the package root (dist/esm/index.d.ts), which
 * export the element classes and every event detail type. Attribute and property types are taken from the classes
 * (`MeteredRoom['channel']`), so they cannot disagree with the elements.
 */
const TYPE_SOURCE = '../dist/esm/index.js';

/**
 * A copy of the manifest as the generators expect it:
 * - an event's type is its detail, written as an inline `import("…").Detail` type. (The JSX generator imports bare
 *   detail names once per element, so a detail two elements share — MeteredErrorDetail — would be imported twice,
 *   a TS2300 error; it imports nothing for a type that contains a quote.)
 * - read-only properties (`state`, `peer`, …) are left out: markup cannot set them.
 * - for Vue (`vueNames`), names in Vue's own spelling, camel case: vue-tsc looks up `:display-name` as the prop
 *   `displayName` and `@metered-joined` as the prop `onMeteredJoined` (Vue's runtime normalises them the same way,
 *   and sets `displayName` as a property), while the generator writes the attribute's name and `on` + the event's.
 */
export function forGenerators(manifest, { vueNames = false } = {}) {
  const camel = (name) => name.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());
  const copy = structuredClone(manifest);
  for (const mod of copy.modules) {
    for (const declaration of mod.declarations ?? []) {
      if (declaration.members) declaration.members = declaration.members.filter((member) => !member.readonly);
      if (vueNames) for (const attribute of declaration.attributes ?? []) attribute.name = camel(attribute.name);
      for (const event of declaration.events ?? []) {
        const detail = /^CustomEvent<(\w+)>$/.exec(event.type?.text ?? '')?.[1];
        if (detail) event.type = { text: `import('${TYPE_SOURCE}').${detail}` };
        if (vueNames) event.name = camel(`-${event.name}`);
      }
    }
  }
  return copy;
}

/** Writes every file of GENERATED_FILES under `root` (the package root, or a temporary folder for the check). */
export function generateIntegrations(manifest, root) {
  const elements = forGenerators(manifest);
  const quiet = { hideLogs: true };
  const typeSource = TYPE_SOURCE;
  generateJsxTypes(elements, { ...quiet, outdir: join(root, 'types'), fileName: 'custom-elements-jsx.d.ts', globalTypePath: typeSource });
  generateVuejsTypes(forGenerators(manifest, { vueNames: true }), { ...quiet, outdir: join(root, 'types'), fileName: 'vue.d.ts', globalTypePath: typeSource });
  generateVsCodeCustomElementData(elements, {
    ...quiet,
    outdir: root,
    htmlFileName: 'vscode.html-custom-data.json',
    cssFileName: 'vscode.css-custom-data.json',
  });
  // packageJson: false — package.json's "web-types" field is written by hand, never by a generator.
  generateJetBrainsWebTypes(elements, { ...quiet, outdir: root, webTypesFileName: 'web-types.json', packageJson: false });
}

/** Files whose committed copy differs from a fresh generation (empty when all are current). */
export function staleIntegrations(manifest) {
  const scratch = mkdtempSync(join(tmpdir(), 'metered-integrations-'));
  // The generators announce every file they write (their `hideLogs` silences only some lines); in a check, the
  // scratch files are nobody's business.
  const log = console.log;
  console.log = () => {};
  try {
    generateIntegrations(manifest, scratch);
    console.log = log;
    return GENERATED_FILES.filter((file) => {
      let committed;
      try {
        committed = readFileSync(file, 'utf8');
      } catch {
        return true;
      }
      return committed !== readFileSync(join(scratch, file), 'utf8');
    });
  } finally {
    console.log = log;
    rmSync(scratch, { recursive: true, force: true });
  }
}

const isMain = import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  generateIntegrations(JSON.parse(readFileSync('custom-elements.json', 'utf8')), '.');
  for (const file of GENERATED_FILES) console.log(`wrote ${relative('.', file)}`);
}
