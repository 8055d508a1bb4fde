// The SDK upgrade checklist (src/sdk-workarounds.ts) stays true: it is keyed to the SDK version that is installed,
// every workaround file it lists names that version, and every proof test it lists still exists. An SDK upgrade
// fails here first, which is the point: the checklist is then worked through before the version is bumped.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SDK_VERSION, SDK_WORKAROUNDS } from '../../src/sdk-workarounds.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The installed SDK's version, from its own package.json (found through node_modules, as the build finds it). */
function installedSdkVersion(): string {
  const require = createRequire(join(ROOT, 'package.json'));
  const entry = require.resolve('@metered-ca/realtime');
  let dir = dirname(entry);
  while (!dir.endsWith(join('node_modules', '@metered-ca', 'realtime'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

describe('SDK workaround checklist', () => {
  it('is keyed to the installed SDK version (an upgrade must go through the checklist)', () => {
    assert.equal(installedSdkVersion(), SDK_VERSION);
    const declared = (JSON.parse(read('package.json')) as { dependencies: Record<string, string> }).dependencies;
    assert.match(declared['@metered-ca/realtime'], new RegExp(`^[~^]?${SDK_VERSION.replaceAll('.', '\\.')}$`));
  });

  for (const workaround of SDK_WORKAROUNDS) {
    it(`lists live code and a live proof: ${workaround.code.join(', ')}`, () => {
      for (const file of workaround.code) {
        assert.ok(read(file).includes(SDK_VERSION), `${file} does not name SDK ${SDK_VERSION} next to its workaround`);
      }
      assert.ok(read(workaround.proof.file).includes(workaround.proof.test), `${workaround.proof.file} has no test "${workaround.proof.test}"`);
    });
  }
});
