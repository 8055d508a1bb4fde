// The ICE, TURN, TLS and host flags of `metered-elements-server`, run as a real child process: what the welcome
// carries, what is printed (never a secret), and how a mistake exits.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '../../server/index.js';
import { RawClient, until } from '../helpers/server-clients.js';
import { selfSignedCertificate } from './tls-cert.js';

const ENV_SECRET = 'env-turn-secret-value';
const FLAG_SECRET = 'flag-turn-secret-value';

interface Cli {
  child: ChildProcess;
  /** stdout + stderr so far. */
  output(): string;
  exit: Promise<[number | null, NodeJS.Signals | null]>;
}

function runCli(args: string[], env: Record<string, string> = {}): Cli {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, METERED_TURN_SECRET: '', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exit = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, output: () => output, exit };
}

/** Waits for the banner and returns the server's port. */
async function started(cli: Cli): Promise<number> {
  await until(() => /listening on \S+:(\d+)/.test(cli.output()) || cli.child.exitCode !== null, 'the start banner');
  const port = /listening on \S+:(\d+)/.exec(cli.output())?.[1];
  assert.ok(port, cli.output());
  return Number(port);
}

async function stop(cli: Cli): Promise<void> {
  if (cli.child.exitCode === null) cli.child.kill('SIGTERM');
  await cli.exit;
}

async function welcomeAt(wsOrigin: string): Promise<Record<string, unknown>> {
  const client = await RawClient.welcomed({ wsUrl: wsOrigin } as RunningServer);
  await client.close();
  return client.frames[0];
}

describe('cli: ICE and TURN flags', () => {
  it('--stun (repeatable), --turn-url, --turn-ttl and METERED_TURN_SECRET reach every welcome; no secret printed', async () => {
    const cli = runCli(
      [
        '--port',
        '0',
        '--stun',
        'stun:127.0.0.1:3478',
        '--stun',
        'stun:127.0.0.1:3479',
        '--turn-url',
        'turn:127.0.0.1:3478',
        '--turn-url',
        'turns:127.0.0.1:5349',
        '--turn-ttl',
        '300',
      ],
      { METERED_TURN_SECRET: ENV_SECRET },
    );
    try {
      const port = await started(cli);
      const frame = await welcomeAt(`ws://localhost:${port}`);
      const [stun, turn] = (frame.metadata as { iceServers: Record<string, unknown>[] }).iceServers;
      assert.deepEqual(stun, { urls: ['stun:127.0.0.1:3478', 'stun:127.0.0.1:3479'] });
      assert.deepEqual(turn.urls, ['turn:127.0.0.1:3478', 'turns:127.0.0.1:5349']);
      const username = String(turn.username);
      const expiry = Number(username.split(':')[0]);
      assert.ok(Math.abs(expiry - (Math.floor(Date.now() / 1000) + 300)) <= 5, username);
      assert.equal(turn.credential, createHmac('sha1', ENV_SECRET).update(username).digest('base64'));
      assert.match(cli.output(), /TURN turn:127\.0\.0\.1:3478 turns:127\.0\.0\.1:5349 \(credentials valid 300 s\)/);
    } finally {
      await stop(cli);
    }
    assert.doesNotMatch(cli.output(), new RegExp(ENV_SECRET));
  });

  it('--turn-secret wins over the environment and warns that argv is visible, without printing it', async () => {
    const cli = runCli(['--port', '0', '--turn-url', 'turn:127.0.0.1:3478', '--turn-secret', FLAG_SECRET], {
      METERED_TURN_SECRET: ENV_SECRET,
    });
    try {
      const port = await started(cli);
      const frame = await welcomeAt(`ws://localhost:${port}`);
      const [turn] = (frame.metadata as { iceServers: { username: string; credential: string }[] }).iceServers;
      assert.equal(turn.credential, createHmac('sha1', FLAG_SECRET).update(turn.username).digest('base64'));
      assert.match(cli.output(), /--turn-secret is visible to other users .* prefer METERED_TURN_SECRET/);
    } finally {
      await stop(cli);
    }
    assert.doesNotMatch(cli.output(), new RegExp(`${FLAG_SECRET}|${ENV_SECRET}`));
  });

  it('a config file may hold turn without its secret (the environment supplies it); a stray variable alone adds nothing', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'me-cli-')), 'server.json');
    writeFileSync(file, JSON.stringify({ turn: { urls: ['turn:127.0.0.1:3478'], ttlSeconds: 60 } }));
    const withFile = runCli(['--port', '0', '--config', file], { METERED_TURN_SECRET: ENV_SECRET });
    const stray = runCli(['--port', '0'], { METERED_TURN_SECRET: ENV_SECRET });
    try {
      const frame = await welcomeAt(`ws://localhost:${await started(withFile)}`);
      const [turn] = (frame.metadata as { iceServers: { username: string; credential: string }[] }).iceServers;
      assert.equal(turn.credential, createHmac('sha1', ENV_SECRET).update(turn.username).digest('base64'));
      assert.equal('metadata' in (await welcomeAt(`ws://localhost:${await started(stray)}`)), false);
    } finally {
      await Promise.all([stop(withFile), stop(stray)]);
    }
  });

  it('mistakes exit with a message naming the flag or field: no secret, a bad URL, a bad TTL, a misspelt key', async () => {
    const noSecret = runCli(['--port', '0', '--turn-url', 'turn:127.0.0.1:3478']);
    assert.deepEqual(await noSecret.exit, [1, null]);
    assert.match(
      noSecret.output(),
      /ConfigError: config\.turn\.secret must be a non-empty string .*METERED_TURN_SECRET/,
    );

    const badUrl = runCli(['--port', '0', '--stun', 'http://stun.example.com']);
    assert.deepEqual(await badUrl.exit, [1, null]);
    assert.match(badUrl.output(), /config\.iceServers\[0\]\.urls\[0\] must be a stun:, stuns:, turn: or turns: URL/);

    const badTtl = runCli(['--turn-ttl', 'soon']);
    assert.deepEqual(await badTtl.exit, [2, null]);
    assert.match(badTtl.output(), /--turn-ttl must be an integer/);

    const file = join(mkdtempSync(join(tmpdir(), 'me-cli-')), 'server.json');
    writeFileSync(file, JSON.stringify({ turn: { urls: ['turn:127.0.0.1:3478'], secrett: 'file-secret-value' } }));
    const misspelt = runCli(['--port', '0', '--config', file]);
    assert.deepEqual(await misspelt.exit, [1, null]);
    assert.match(misspelt.output(), /ConfigError: config\.turn\.secrett is not a known setting/);
    assert.doesNotMatch(misspelt.output(), /file-secret-value/);
  });

  it('--help lists every new flag', async () => {
    const help = runCli(['--help']);
    assert.deepEqual(await help.exit, [0, null]);
    for (const flag of ['--stun <url>', '--turn-url <url>', '--turn-secret', '--turn-ttl', '--tls-cert', '--tls-key']) {
      assert.ok(help.output().includes(flag), flag);
    }
    assert.match(help.output(), /METERED_TURN_SECRET/);
  });
});

describe('cli: host and TLS flags', () => {
  it('--host 0.0.0.0 answers on 127.0.0.1 and on ::1 (so localhost works either way) and warns about dev keys', async () => {
    const cli = runCli(['--port', '0', '--host', '0.0.0.0']);
    try {
      const port = await started(cli);
      assert.equal((await welcomeAt(`ws://127.0.0.1:${port}`)).type, 'welcome');
      assert.equal((await welcomeAt(`ws://[::1]:${port}`)).type, 'welcome');
      assert.match(cli.output(), /These keys are public: anyone who can reach this address can use them/);
      assert.match(cli.output(), /a phone needs HTTPS for its camera: add --tls-cert and --tls-key/);
    } finally {
      await stop(cli);
    }
  });

  it('--tls-cert + --tls-key serve https:// and wss://; one without the other exits 2', async () => {
    const certificate = await selfSignedCertificate();
    const cli = runCli(['--port', '0', '--tls-cert', certificate.certFile, '--tls-key', certificate.keyFile]);
    try {
      await started(cli);
      assert.match(cli.output(), /listening on https:\/\/localhost:\d+ {2}\(WebSocket: wss:\/\/localhost:\d+\/v1\)/);
    } finally {
      await stop(cli);
    }
    const half = runCli(['--tls-cert', certificate.certFile]);
    assert.deepEqual(await half.exit, [2, null]);
    assert.match(half.output(), /--tls-cert and --tls-key go together/);
  });
});
