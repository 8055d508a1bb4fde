// The server is its own package (server/package.json, metered-elements-server) but serves the demo and the bundle
// of the elements package: its default static folders must be the repository's demo/ and dist/, not server/'s.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { packageRoot, resolveConfig } from '../../server/config.js';

const repository = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('packageRoot', () => {
  it('is the metered-elements package (the repository), not the server package beside it', () => {
    assert.equal(packageRoot(), repository);
  });

  it('makes the default static folders the demo and the bundle folder', () => {
    const dirs = resolveConfig({}).staticDirs;
    assert.deepEqual(dirs, [
      { urlPrefix: '/', dir: join(repository, 'demo') },
      { urlPrefix: '/dist', dir: join(repository, 'dist') },
    ]);
    assert.ok(existsSync(join(dirs[0].dir, 'index.html')), 'demo/index.html is there');
  });
});
