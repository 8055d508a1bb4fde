// custom-elements.json is generated from the elements' JSDoc (@summary @attr @fires @slot @csspart @cssprop) by
// `npm run analyze`; scripts/check-manifest.mjs fails the tests when the committed copy is stale.
//
// The elements dispatch through one typed helper (`emit(this, 'metered-error', detail)` in src/events.ts), which
// the analyzer cannot follow, and `@fires metered-error - text` carries no type. The plugin below fills each
// event's type from the one place the types live — the `MeteredEventMap` interface in src/events.ts — so the
// manifest says `CustomEvent<MeteredErrorDetail>` and links the detail type to its module.
// Likewise src/define.ts registers tags through a guard, `define('metered-room', MeteredRoom)`, which the analyzer
// does not recognise as `customElements.define`; the second plugin reads those calls and marks the classes.

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
  exclude: ['src/**/*.test.ts', 'src/**/*.d.ts'],
  outdir: '.',
  litelement: true,
  // package.json already points tools at the manifest ("customElements"); don't let the analyzer rewrite it.
  packagejson: false,
  plugins: [guardedDefineCalls(), meteredEventTypes(), modulesInPathOrder()],
};
