// custom-elements.json is generated from the elements' JSDoc (@summary @attr @fires @slot @csspart @cssprop) by
// `npm run analyze`; scripts/check-manifest.mjs fails the tests when the committed copy is stale.
//
// The elements dispatch through one typed helper (`emit(this, 'metered-error', detail)` in src/events.ts), which
// the analyzer cannot follow, and `@fires metered-error - text` carries no type. The plugin below fills each
// event's type from the one place the types live — the `MeteredEventMap` interface in src/events.ts — so the
// manifest says `CustomEvent<MeteredErrorDetail>` and links the detail type to its module.
// Likewise src/define.ts registers tags through a guard, `define('metered-room', MeteredRoom)`, which the analyzer
// does not recognise as `customElements.define`; the second plugin reads those calls and marks the classes.
// Two more fill in what JSDoc would only repeat: the parts the room re-exports from its default children, and the
// default of every custom property (from the styles).

/** @returns {import('@custom-elements-manifest/analyzer').Plugin} */
function guardedDefineCalls() {
  /** class name → tag name */
  const tags = new Map();
  return {
    name: 'metered-guarded-define',
    analyzePhase({ ts, node }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'define') return;
      const [tag, element] = node.arguments;
      if (tag && element && ts.isStringLiteral(tag) && ts.isIdentifier(element)) tags.set(element.text, tag.text);
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          const tag = tags.get(declaration.name);
          if (tag && declaration.kind === 'class') {
            declaration.tagName = tag;
            declaration.customElement = true;
          }
        }
        if (mod.path !== 'src/define.ts') continue;
        // The analyzer records the helper's own `customElements.define(tag, element)` as a definition of a tag
        // literally named "tag"; only the calls of the helper are real definitions.
        mod.exports = (mod.exports ?? []).filter((e) => e.kind !== 'custom-element-definition' || tags.has(e.declaration?.name));
        for (const [className, tag] of tags) {
          const source = customElementsManifest.modules.find((m) => m.declarations?.some((d) => d.name === className));
          if (!source) continue;
          mod.exports ??= [];
          if (!mod.exports.some((e) => e.kind === 'custom-element-definition' && e.name === tag)) {
            mod.exports.push({ kind: 'custom-element-definition', name: tag, declaration: { name: className, module: source.path } });
          }
        }
      }
    },
  };
}

/** @returns {import('@custom-elements-manifest/analyzer').Plugin} */
function meteredEventTypes() {
  /** event name → event alias, e.g. 'metered-error' → 'MeteredErrorEvent' (from `interface MeteredEventMap`) */
  const eventAlias = new Map();
  /** event alias → detail type, e.g. 'MeteredErrorEvent' → 'MeteredErrorDetail' (from `type X = CustomEvent<D>`) */
  const aliasDetail = new Map();

  return {
    name: 'metered-event-types',
    analyzePhase({ ts, node }) {
      if (ts.isInterfaceDeclaration(node) && node.name.text === 'MeteredEventMap') {
        for (const member of node.members) {
          if (ts.isPropertySignature(member) && member.type && member.name && ts.isStringLiteral(member.name)) {
            eventAlias.set(member.name.text, member.type.getText());
          }
        }
      }
      if (
        ts.isTypeAliasDeclaration(node) &&
        ts.isTypeReferenceNode(node.type) &&
        node.type.typeName.getText() === 'CustomEvent' &&
        node.type.typeArguments?.length === 1
      ) {
        aliasDetail.set(node.name.text, node.type.typeArguments[0].getText());
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      const moduleOf = new Map();
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) moduleOf.set(declaration.name, mod.path);
      }
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          for (const event of declaration.events ?? []) {
            const alias = eventAlias.get(event.name);
            if (!alias) {
              if (event.name?.startsWith('metered-')) {
                throw new Error(`${declaration.name} documents @fires ${event.name}, which src/events.ts does not declare`);
              }
              continue;
            }
            if (event.type && event.type.text !== alias) continue; // an explicit, different type wins
            const detail = aliasDetail.get(alias);
            const text = detail ? `CustomEvent<${detail}>` : alias;
            const referenced = detail ?? alias;
            const start = text.indexOf(referenced);
            const module = moduleOf.get(referenced);
            event.type = {
              text,
              ...(module ? { references: [{ name: referenced, module, start, end: start + referenced.length }] } : {}),
            };
          }
        }
      }
    },
  };
}

/**
 * Every part a container re-exports from a default child, as its own manifest entry. The room forwards each part of
 * its default `<metered-video>` / `<metered-chat>` as `video-<part>` / `chat-<part>` through `exportParts(prefix,
 * 'part part …')` calls (src/room/metered-room.ts); this plugin reads those calls, so the list cannot drift from the
 * code, and describes each entry from the child's own `@csspart` text. A forwarded part the child does not document
 * fails the analysis (and so `npm test`).
 * @returns {import('@custom-elements-manifest/analyzer').Plugin}
 */
function reexportedParts() {
  /** { file, prefix, parts } per exportParts() call */
  const calls = [];
  /** The string value of a literal or a `+` concatenation of literals; undefined for anything else. */
  const stringValue = (ts, node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isParenthesizedExpression(node)) return stringValue(ts, node.expression);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
      const left = stringValue(ts, node.left);
      const right = stringValue(ts, node.right);
      return left === undefined || right === undefined ? undefined : left + right;
    }
    return undefined;
  };
  return {
    name: 'metered-reexported-parts',
    analyzePhase({ ts, node }) {
      if (!ts.isCallExpression(node) || !ts.isIdentifier(node.expression) || node.expression.text !== 'exportParts') return;
      const [prefix, parts] = node.arguments;
      if (!prefix || !parts) return;
      const prefixText = stringValue(ts, prefix);
      const partsText = stringValue(ts, parts);
      if (prefixText === undefined || partsText === undefined) {
        throw new Error(`exportParts() in ${node.getSourceFile().fileName} must be called with string literals`);
      }
      calls.push({ file: node.getSourceFile().fileName, prefix: prefixText, parts: partsText.split(/\s+/).filter(Boolean) });
    },
    packageLinkPhase({ customElementsManifest }) {
      const elements = customElementsManifest.modules.flatMap((mod) =>
        (mod.declarations ?? []).filter((d) => d.customElement).map((declaration) => ({ mod, declaration })),
      );
      for (const { file, prefix, parts } of calls) {
        const container = elements.find(({ mod }) => file.endsWith(mod.path));
        const child = elements.find(({ declaration }) => declaration.tagName === `metered-${prefix}`);
        if (!container || !child) throw new Error(`exportParts('${prefix}', …) in ${file}: no element metered-${prefix} to take parts from`);
        const own = container.declaration;
        own.cssParts ??= [];
        for (const part of parts) {
          const documented = child.declaration.cssParts?.find((p) => p.name === part);
          if (!documented) {
            throw new Error(`${own.tagName} re-exports the part "${part}" of metered-${prefix}, which metered-${prefix} does not document (@csspart)`);
          }
          const name = `${prefix}-${part}`;
          if (own.cssParts.some((p) => p.name === name)) continue;
          own.cssParts.push({ name, description: `The default \`<metered-${prefix}>\`'s \`${part}\` part: ${documented.description}` });
        }
      }
    },
  };
}

/**
 * The default of every `--metered-*` custom property, read from the styles rather than written again in JSDoc:
 * the fallback of its `var(--metered-x, fallback)` in a `css` template, with the dark-scheme fallback (inside
 * `@media (prefers-color-scheme: dark)`) after it when it differs. Filled in wherever a `@cssprop` has no default.
 * @returns {import('@custom-elements-manifest/analyzer').Plugin}
 */
function cssPropertyDefaults() {
  /** property → { light, dark } */
  const defaults = new Map();
  /** [start, end) ranges of `@media (prefers-color-scheme: dark) { … }` blocks in `text` */
  const darkBlocks = (text) => {
    const ranges = [];
    for (const match of text.matchAll(/@media\s*\(prefers-color-scheme:\s*dark\)\s*\{/g)) {
      let depth = 1;
      let i = match.index + match[0].length;
      for (; i < text.length && depth > 0; i++) depth += text[i] === '{' ? 1 : text[i] === '}' ? -1 : 0;
      ranges.push([match.index, i]);
    }
    return ranges;
  };
  return {
    name: 'metered-css-property-defaults',
    analyzePhase({ ts, node }) {
      if (!ts.isTaggedTemplateExpression(node) || node.tag.getText() !== 'css') return;
      const text = node.template.getText();
      const dark = darkBlocks(text);
      for (const match of text.matchAll(/var\(\s*(--metered-[\w-]+)\s*,/g)) {
        // The fallback runs to the parenthesis that closes this var(…), commas and nested parentheses included.
        let depth = 1;
        let i = match.index + match[0].length;
        for (; i < text.length && depth > 0; i++) depth += text[i] === '(' ? 1 : text[i] === ')' ? -1 : 0;
        const fallback = text.slice(match.index + match[0].length, i - 1).trim();
        const scheme = dark.some(([start, end]) => match.index >= start && match.index < end) ? 'dark' : 'light';
        const entry = defaults.get(match[1]) ?? {};
        entry[scheme] ??= fallback;
        defaults.set(match[1], entry);
      }
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          for (const property of declaration.cssProperties ?? []) {
            const found = defaults.get(property.name);
            if (property.default || !found?.light) continue;
            property.default = found.dark && found.dark !== found.light ? `${found.light} (dark: ${found.dark})` : found.light;
          }
        }
      }
    },
  };
}

/**
 * Modules in path order. The analyzer lists them in the order the file system returns the files, which differs
 * between checkouts (a fresh clone ordered them unlike the working tree), so the staleness check would fail there.
 * @returns {import('@custom-elements-manifest/analyzer').Plugin}
 */
function modulesInPathOrder() {
  return {
    name: 'metered-modules-in-path-order',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  };
}

export default {
  globs: ['src/**/*.ts'],
  // sdk-workarounds.ts is a checklist for maintainers (read by a test), not API.
  exclude: ['src/**/*.test.ts', 'src/**/*.d.ts', 'src/sdk-workarounds.ts'],
  outdir: '.',
  litelement: true,
  // package.json already points tools at the manifest ("customElements"); don't let the analyzer rewrite it.
  packagejson: false,
  plugins: [guardedDefineCalls(), meteredEventTypes(), reexportedParts(), cssPropertyDefaults(), modulesInPathOrder()],
};
