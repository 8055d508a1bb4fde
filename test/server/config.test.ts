// Configuration (defaults, file + code precedence, validation messages, dev mode), channel patterns, and the
// structured log lines.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, isDevMode, startServer } from '../../server/index.js';
import { resolveConfig } from '../../server/config.js';
import { matchesAny, patternCoveredBy } from '../../server/channel-patterns.js';
import { RawClient, refusedUpgrade } from '../helpers/server-clients.js';

const STUN_OK = { urls: 'stun:127.0.0.1:3478' };

describe('configuration', () => {
  it('defaults: dev mode with the three dev keys, the documented limits, port 8080 on 127.0.0.1', () => {
    const config = resolveConfig({});
    assert.equal(isDevMode(config), true);
    assert.deepEqual(config.publishableKeys, [
      { id: 'pk_dev_local', channelPatterns: ['**'], actions: ['subscribe', 'publish', 'presence', 'send'] },
    ]);
    assert.deepEqual(
      config.secretKeys.map((k) => k.id),
      ['sk_id_dev_local'],
    );
    assert.deepEqual(config.limits, {
      maxConcurrentConnections: 1000,
      maxFrameBytes: 65536,
      maxChannelsPerConnection: 100,
      messagesPerSecond: 100,
      messageBurst: 200,
      connectAttemptsPerMinute: 60,
      messageQuota: null,
    });
    assert.deepEqual(
      [config.port, config.host, config.suspended, config.goingAwayRetryAfterMs],
      [8080, '127.0.0.1', false, 1000],
    );
    assert.deepEqual(
      config.staticDirs.map((d) => d.urlPrefix),
      ['/', '/dist'],
    );
  });

  it('configured keys replace the dev keys entirely', async () => {
    const server = await startServer({
      port: 0,
      quiet: true,
      config: { publishableKeys: [{ id: 'pk_mine', channelPatterns: ['**'], actions: ['subscribe'] }] },
    });
    try {
      assert.equal(isDevMode(server.config), false);
      assert.deepEqual((await refusedUpgrade(server, 'key=pk_dev_local')).body, { error: 'invalid_key' });
      await (await RawClient.welcomed(server, 'key=pk_mine')).close();
    } finally {
      await server.close();
    }
  });

  it('a config file is read, `config` overrides it, and `port` overrides both', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'me-cfg-')), 'server.json');
    writeFileSync(
      file,
      JSON.stringify({ port: 1, suspended: true, limits: { maxChannelsPerConnection: 7, messageBurst: 9 } }),
    );
    const server = await startServer({
      port: 0,
      quiet: true,
      configFile: file,
      config: { suspended: false, limits: { messageBurst: 11 } },
    });
    try {
      assert.notEqual(server.port, 1);
      assert.equal(server.config.suspended, false);
      assert.equal(server.config.limits.maxChannelsPerConnection, 7);
      assert.equal(server.config.limits.messageBurst, 11);
    } finally {
      await server.close();
    }
  });

  it('invalid configuration fails with a ConfigError naming the field (never the secret)', async () => {
    const cases: [unknown, RegExp][] = [
      [[], /config must be a JSON object/],
      [{ port: 'eighty' }, /config\.port must be an integer/],
      [{ limits: { messageBurst: -1 } }, /config\.limits\.messageBurst must be a non-negative number/],
      [{ limits: { frames: 1 } }, /config\.limits\.frames is not a known limit/],
      [{ limits: { maxFrameBytes: 10 } }, /maxFrameBytes must be at least 1024/],
      [
        { publishableKeys: [{ id: 'pk', channelPatterns: ['**'], actions: ['fly'] }] },
        /publishableKeys\[0\]\.actions must be/,
      ],
      [
        { publishableKeys: [{ id: 'pk', channelPatterns: ['**'], actions: [], allowedOrigins: 'x' }] },
        /allowedOrigins/,
      ],
      [
        { secretKeys: [{ id: 'sk', secret: 'hunter2', channelPatterns: ['**'], actions: [] }] },
        /secretKeys\[0\]\.secret must be a string of at least 16/,
      ],
      [
        {
          secretKeys: [
            { id: 'a', secret: 'x'.repeat(16), channelPatterns: [], actions: [] },
            { id: 'a', secret: 'y'.repeat(16), channelPatterns: [], actions: [] },
          ],
        },
        /two keys with the same id/,
      ],
      [{ suspended: 'yes' }, /config\.suspended must be true or false/],
      [{ staticDirs: [{ urlPrefix: 'demo', dir: '.' }] }, /urlPrefix must start with \//],
    ];
    for (const [input, message] of cases) {
      assert.throws(
        () => resolveConfig(input),
        (err: Error) => err instanceof ConfigError && message.test(err.message) && !err.message.includes('hunter2'),
      );
    }
    const file = join(mkdtempSync(join(tmpdir(), 'me-cfg-')), 'broken.json');
    writeFileSync(file, '{"secretKeys": [{"secret": "do-not-print-me"');
    await assert.rejects(
      startServer({ port: 0, quiet: true, configFile: file }),
      (err: Error) =>
        err instanceof ConfigError && /not valid JSON/.test(err.message) && !err.message.includes('do-not-print-me'),
    );
    await assert.rejects(
      startServer({ port: 0, quiet: true, configFile: join(tmpdir(), 'does-not-exist.json') }),
      /cannot read config file .*ENOENT/,
    );
  });
});

describe('configuration: unknown keys, iceServers, turn, tls', () => {
  const key = { id: 'sk', secret: 'a-secret-of-16-chars!', channelPatterns: ['**'], actions: [] };
  const turn = { urls: ['turn:127.0.0.1:3478'], secret: 'turn-secret-value' };

  it('a misspelt key anywhere is a ConfigError naming it (top level, limits, turn, key entries, lists)', () => {
    const cases: [unknown, string][] = [
      [{ prot: 8080 }, 'config.prot is not a known setting'],
      [{ limits: { messageQuotas: 1 } }, 'config.limits.messageQuotas is not a known limit'],
      [{ turn: { ...turn, ttl: 60 } }, 'config.turn.ttl is not a known setting'],
      [{ secretKeys: [{ ...key, secert: 'x' }] }, 'config.secretKeys[0].secert is not a known setting'],
      [
        { publishableKeys: [{ id: 'pk', channelPatterns: ['**'], actions: [], allowedOrigin: [] }] },
        'config.publishableKeys[0].allowedOrigin is not a known setting',
      ],
      [{ iceServers: [{ url: 'stun:x' }] }, 'config.iceServers[0].url is not a known setting'],
      [
        { staticDirs: [{ urlPrefix: '/', dir: '.', index: true }] },
        'config.staticDirs[0].index is not a known setting',
      ],
      [{ tls: { certFile: 'c', keyFile: 'k', ca: 'x' } }, 'config.tls.ca is not a known setting'],
    ];
    for (const [input, message] of cases) {
      assert.throws(
        () => resolveConfig(input),
        (err: Error) => err instanceof ConfigError && err.message === message,
      );
    }
  });

  it('iceServers: only stun:/stuns:/turn:/turns: URLs; turn: entries need credentials; errors name the entry, not values', () => {
    const cases: [unknown, RegExp][] = [
      [{ iceServers: {} }, /^config\.iceServers must be an array/],
      [{ iceServers: ['stun:x'] }, /^config\.iceServers\[0\] must be an object/],
      [{ iceServers: [{ urls: [] }] }, /^config\.iceServers\[0\]\.urls must be a URL or a non-empty array/],
      [
        { iceServers: [{ urls: 'https://stun.example.com' }] },
        /^config\.iceServers\[0\]\.urls must be a stun:, stuns:/,
      ],
      [
        { iceServers: [STUN_OK, { urls: ['stun:a', 'http://leak-me.example'] }] },
        /^config\.iceServers\[1\]\.urls\[1\] must be a stun:/,
      ],
      [{ iceServers: [{ urls: 'stun:' }] }, /urls must be a stun:/],
      [
        { iceServers: [{ urls: 'turn:t:3478', username: 'u' }] },
        /iceServers\[0\] has a turn: URL, so it needs username and credential/,
      ],
      [{ iceServers: [{ urls: 'stun:s', credential: 7 }] }, /iceServers\[0\]\.credential must be a string/],
      [{ turn: { ...turn, urls: 'turn:x' } }, /^config\.turn\.urls must be a non-empty array/],
      [{ turn: { ...turn, urls: ['stun:x'] } }, /^config\.turn\.urls\[0\] must be a turn: or turns: URL/],
      [{ turn: { urls: turn.urls } }, /^config\.turn\.secret must be a non-empty string/],
      [{ turn: { ...turn, ttlSeconds: 1.5 } }, /^config\.turn\.ttlSeconds must be a positive integer/],
      [{ tls: { certFile: 'c' } }, /^config\.tls\.keyFile must be a file path/],
    ];
    for (const [input, message] of cases) {
      assert.throws(
        () => resolveConfig(input),
        (err: Error) =>
          err instanceof ConfigError &&
          message.test(err.message) &&
          !err.message.includes('turn-secret-value') &&
          !err.message.includes('leak-me'),
        `${JSON.stringify(input)} → ${message}`,
      );
    }
  });

  it('valid iceServers and turn are kept as given; turn gets the default TTL; unset means null', () => {
    const config = resolveConfig({
      iceServers: [STUN_OK, { urls: ['turns:t.example:443'], username: 'u', credential: 'c' }],
      turn,
    });
    assert.deepEqual(config.iceServers, [STUN_OK, { urls: ['turns:t.example:443'], username: 'u', credential: 'c' }]);
    assert.deepEqual(config.turn, { ...turn, ttlSeconds: 86400 });
    assert.deepEqual([resolveConfig({}).iceServers, resolveConfig({}).turn, resolveConfig({}).tls], [null, null, null]);
    assert.deepEqual(resolveConfig({ iceServers: [] }).iceServers, []);
  });
});

describe('channel patterns', () => {
  it('* stays inside one /-segment, ** crosses segments, everything else is literal', () => {
    assert.equal(matchesAny('room-42', ['room-*']), true);
    assert.equal(matchesAny('room-', ['room-*']), true);
    assert.equal(matchesAny('admin-1', ['room-*']), false);
    assert.equal(matchesAny('room-4/2', ['room-*']), false);
    assert.equal(matchesAny('team/a/b', ['team/**']), true);
    assert.equal(matchesAny('team/a/b', ['team/*']), false);
    assert.equal(matchesAny('anything/at/all', ['**']), true);
    assert.equal(matchesAny('a.b', ['a?b', 'a+b', 'a.b']), true);
    assert.equal(matchesAny('axb', ['a.b']), false, 'regex characters are literal');
    assert.equal(matchesAny('line\nbreak', ['line*']), true);
  });

  it('a requested token pattern must stay inside the key patterns', () => {
    assert.equal(patternCoveredBy('room-1', ['room-*']), true);
    assert.equal(patternCoveredBy('room-*', ['room-*']), true);
    assert.equal(patternCoveredBy('room-*', ['room-1']), false);
    assert.equal(patternCoveredBy('**', ['room-*']), false);
    assert.equal(patternCoveredBy('team/**', ['team/**']), true);
    assert.equal(patternCoveredBy('team/*', ['**']), true);
    assert.equal(patternCoveredBy('team/**', ['team/*']), false);
  });
});

describe('structured logs', () => {
  it('one JSON line per connection event, with the peerId and close code but never a credential', async () => {
    const lines: string[] = [];
    const server = await startServer({ port: 0, log: (line) => lines.push(line) });
    try {
      const client = await RawClient.welcomed(server);
      const peerId = client.frames[0].peerId;
      await client.close();
      await refusedUpgrade(server, 'key=pk_wrong_key_value');
      await server.close();
      const events = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.deepEqual(
        events.map((e) => e.event),
        ['listening', 'connect', 'disconnect', 'upgrade_refused', 'shutdown'],
      );
      assert.ok(events.every((e) => typeof e.time === 'string'));
      assert.deepEqual([events[1].peerId, events[1].auth], [peerId, 'key']);
      assert.deepEqual([events[2].peerId, events[2].code], [peerId, 1005]); // the client closed without a status code
      assert.deepEqual([events[3].status, events[3].reason], [401, 'invalid_key']);
      assert.ok(lines.every((line) => !line.includes('pk_dev_local') && !line.includes('pk_wrong_key_value')));
    } finally {
      await server.close();
    }
  });

  it('quiet: no lines at all', async () => {
    const lines: string[] = [];
    const server = await startServer({ port: 0, quiet: true, log: (line) => lines.push(line) });
    await (await RawClient.welcomed(server)).close();
    await server.close();
    assert.deepEqual(lines, []);
  });
});
