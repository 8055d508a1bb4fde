// The command-line entry (start, print URL and dev keys, graceful SIGTERM) and static file serving.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { startServer, type RunningServer } from '../../server/index.js';
import { RawClient, rest, until } from '../helpers/server-clients.js';

describe('cli', () => {
  it('prints the URL and the dev keys, serves, and on SIGTERM sends going_away + 1001 and exits 0', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--port', '0', '--quiet'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      await until(() => /pk_dev_local/.test(output), 'the start banner');
      const url = /(http:\/\/localhost:\d+)/.exec(output)?.[1];
      assert.ok(url, output);
      assert.match(output, /sk_id_dev_local/);
      assert.match(output, /sk_secret_dev_local/);
      const server = { url, wsUrl: url.replace('http', 'ws') } as RunningServer;
      const usage = await rest(server, 'GET', '/v1/usage');
      assert.equal(usage.status, 200);
      const client = await RawClient.welcomed(server);
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      assert.equal((await client.closed).code, 1001);
      assert.deepEqual(client.frames.at(-1), { type: 'going_away', retryAfterMs: 1000 });
      const [code] = await exited;
      assert.equal(code, 0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('--help prints usage; an unknown option exits 2 with usage on stderr', async () => {
    const help = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--help'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    help.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    assert.deepEqual(await once(help, 'exit'), [0, null]);
    assert.match(text, /--port <n>/);
    const bad = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--nope'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    bad.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    assert.deepEqual(await once(bad, 'exit'), [2, null]);
    assert.match(err, /Unknown option '--nope'/);
  });

  it('a config file with an invalid field fails with a message naming the field, not its value', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'me-config-'));
    const file = join(dir, 'config.json');
    writeFileSync(
      file,
      JSON.stringify({
        secretKeys: [{ id: 'sk_id_x', secret: 'short-and-secret', channelPatterns: 'x', actions: [] }],
      }),
    );
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', '--config', file, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    assert.deepEqual(await once(child, 'exit'), [1, null]);
    assert.match(err, /config\.secretKeys\[0\]\.channelPatterns must be an array/);
    assert.doesNotMatch(err, /short-and-secret/);
  });
});

describe('static files', () => {
  it('serves each staticDir under its prefix (longest first), as files only, with JSON 404s', async () => {
    const root = mkdtempSync(join(tmpdir(), 'me-static-'));
    mkdirSync(join(root, 'demo'));
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'demo', 'index.html'), '<!doctype html><title>demo</title>');
    writeFileSync(join(root, 'dist', 'bundle.js'), 'export const x = 1;');
    writeFileSync(join(root, 'secret.txt'), 'outside');
    const server = await startServer({
      port: 0,
      quiet: true,
      config: {
        staticDirs: [
          { urlPrefix: '/', dir: join(root, 'demo') },
          { urlPrefix: '/dist', dir: join(root, 'dist') },
        ],
      },
    });
    try {
      const page = await fetch(`${server.url}/`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type') ?? '', /text\/html/);
      assert.match(await page.text(), /<title>demo<\/title>/);
      const bundle = await fetch(`${server.url}/dist/bundle.js`);
      assert.equal(bundle.status, 200);
      assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
      assert.equal(await bundle.text(), 'export const x = 1;');
      for (const path of [
        '/missing.js',
        '/dist/missing.js',
        '/../secret.txt',
        '/%2e%2e/secret.txt',
        '/dist/..%2f..%2fsecret.txt',
      ]) {
        const res = await fetch(`${server.url}${path}`);
        assert.equal(res.status, 404, path);
        assert.equal(((await res.json()) as { error: string }).error, 'not_found');
      }
      const post = await fetch(`${server.url}/`, { method: 'POST', body: 'x' });
      assert.equal(post.status, 405);
      await post.text();
    } finally {
      await server.close();
    }
  });
});
