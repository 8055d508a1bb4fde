// Every error frame code and close code the server raises, provoked on purpose and observed on the wire (and,
// where it matters, through the official SDK). Limits are configured small so nothing waits on real time.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { SignallingClient } from '@metered-ca/realtime';
import { startServer, type RunningServer } from '../../server/index.js';
import { RawClient, refusedUpgrade, rest, sdkClient, sdkPeer, signToken, until, wsFactory } from '../helpers/server-clients.js';

const KEYS = {
  publishableKeys: [
    { id: 'pk_all', channelPatterns: ['**'], actions: ['subscribe', 'publish', 'presence', 'send'] as const },
    { id: 'pk_rooms_listen', channelPatterns: ['room-*'], actions: ['subscribe', 'presence'] as const },
  ].map((key) => ({ ...key, actions: [...key.actions] })),
  secretKeys: [
    {
      id: 'sk_id_all',
      secret: 'sk_secret_all_0123456789',
      channelPatterns: ['**'],
      actions: ['subscribe' as const, 'publish' as const, 'presence' as const, 'send' as const],
    },
  ],
};
const SK = { kid: 'sk_id_all', secret: 'sk_secret_all_0123456789' };

describe('error frames (the connection stays open)', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({
      port: 0,
      quiet: true,
      config: { ...KEYS, limits: { maxChannelsPerConnection: 3, messageQuota: 4 } },
    });
  });
  after(() => server.close());

  const expectError = async (client: RawClient, frame: Record<string, unknown>, code: string) => {
    const answer = await client.request(frame);
    assert.equal(answer.type, 'error', JSON.stringify(frame));
    assert.equal(answer.code, code, JSON.stringify(frame));
    assert.equal(typeof answer.message, 'string');
  };

  it('malformed_message: not JSON, not an object, no string type, invalid requestId, binary frame', async () => {
    const client = await RawClient.welcomed(server, 'key=pk_all');
    const bad = ['{', 'null', '[]', '"subscribe"', '42', '{}', '{"type":7}', '{"type":null}',
      '{"type":"ping","requestId":""}', '{"type":"ping","requestId":5}', `{"type":"ping","requestId":"${'x'.repeat(129)}"}`];
    for (const text of bad) {
      client.send(text);
      const answer = await client.next();
      assert.deepEqual([answer.type, answer.code, 'requestId' in answer], ['error', 'malformed_message', false], text);
    }
    client.socket.send(Buffer.from('{"type":"ping"}'), { binary: true });
    assert.equal((await client.next()).code, 'malformed_message');
    client.send({ type: 'ping' });
    assert.deepEqual(await client.next(), { type: 'pong' });
    await client.close();
  });

  it('unknown_type, invalid_channel, channel_reserved, invalid_peer_id, missing_data', async () => {
    const client = await RawClient.welcomed(server, 'key=pk_all');
    await expectError(client, { type: 'teleport' }, 'unknown_type');
    for (const channel of ['', 'x'.repeat(257), 'a\u0000b', 'tab\there', 'del\u007f', 'c1\u0085', 42, null, undefined]) {
      await expectError(client, { type: 'subscribe', channel }, 'invalid_channel');
      await expectError(client, { type: 'publish', channel, data: 1 }, 'invalid_channel');
      await expectError(client, { type: 'unsubscribe', channel }, 'invalid_channel');
    }
    assert.equal((await client.request({ type: 'subscribe', channel: 'x'.repeat(256) })).type, 'ack');
    for (const channel of ['_metered/a', '_INTERNAL/b', '_System/c']) {
      await expectError(client, { type: 'subscribe', channel }, 'channel_reserved');
      await expectError(client, { type: 'publish', channel, data: 1 }, 'channel_reserved');
    }
    assert.equal((await client.request({ type: 'subscribe', channel: '_metered' })).type, 'ack', 'only the prefix with / is reserved');
    for (const to of ['', 'x'.repeat(129), 'new\nline', 'é', 7, undefined]) {
      await expectError(client, { type: 'send', to, data: 1 }, 'invalid_peer_id');
    }
    await expectError(client, { type: 'publish', channel: 'c' }, 'missing_data');
    await expectError(client, { type: 'send', to: 'someone' }, 'missing_data');
    await client.close();
  });

  it('peer_not_found for an unknown send target', async () => {
    const client = await RawClient.welcomed(server, 'key=pk_all');
    await expectError(client, { type: 'send', to: 'ghost', data: 1 }, 'peer_not_found');
    await client.close();
  });

  it('channel_not_authorized and action_not_permitted for a publishable key (connection stays open)', async () => {
    const client = await RawClient.welcomed(server, 'key=pk_rooms_listen');
    await expectError(client, { type: 'subscribe', channel: 'admin' }, 'channel_not_authorized');
    await expectError(client, { type: 'subscribe', channel: 'room-1/sub' }, 'channel_not_authorized');
    assert.equal((await client.request({ type: 'subscribe', channel: 'room-1' })).type, 'ack');
    await expectError(client, { type: 'publish', channel: 'room-1', data: 1 }, 'action_not_permitted');
    await expectError(client, { type: 'send', to: 'x', data: 1 }, 'action_not_permitted');
    client.send({ type: 'ping' });
    await client.next('pong');
    await client.close();
  });

  it('channel_limit_exceeded past maxChannelsPerConnection (re-subscribing does not count)', async () => {
    const client = await RawClient.welcomed(server, 'key=pk_all');
    for (const channel of ['c1', 'c2', 'c3', 'c3']) assert.equal((await client.request({ type: 'subscribe', channel })).type, 'ack');
    await expectError(client, { type: 'subscribe', channel: 'c4' }, 'channel_limit_exceeded');
    await client.request({ type: 'unsubscribe', channel: 'c1' });
    assert.equal((await client.request({ type: 'subscribe', channel: 'c4' })).type, 'ack');
    await client.close();
  });

  it('over_message_quota once publish + send reach messageQuota; delivery and other frames continue', async () => {
    const a = await RawClient.welcomed(server, 'key=pk_all');
    const b = await RawClient.welcomed(server, 'key=pk_all');
    const bId = b.frames[0].peerId;
    await b.request({ type: 'subscribe', channel: 'q' });
    const used = async () => {
      const { messages } = (await rest(server, 'GET', '/v1/usage', undefined, { authorization: `Bearer ${SK.kid}:${SK.secret}` })).body as {
        messages: { published: number; sent: number };
      };
      return messages.published + messages.sent;
    };
    while ((await used()) < 4) assert.equal((await a.request({ type: 'send', to: bId, data: 'x' })).type, 'ack');
    await expectError(a, { type: 'publish', channel: 'q', data: 1 }, 'over_message_quota');
    await expectError(a, { type: 'send', to: bId, data: 1 }, 'over_message_quota');
    assert.equal((await a.request({ type: 'subscribe', channel: 'q' })).type, 'ack');
    const sdk = sdkClient(server, { apiKey: 'pk_all' });
    await sdk.connect();
    await assert.rejects(sdk.publish('q', 1), { name: 'over_message_quota' });
    await sdk.close();
    await Promise.all([a.close(), b.close()]);
  });
});

describe('close codes', () => {
  it('1009 for an inbound frame over maxFrameBytes (a frame of exactly the cap is fine)', async () => {
    const server = await startServer({ port: 0, quiet: true });
    try {
      const client = await RawClient.welcomed(server);
      const frameOf = (bytes: number) => {
        const shell = JSON.stringify({ type: 'publish', channel: 'big', data: '', requestId: 'r' });
        return JSON.stringify({ type: 'publish', channel: 'big', data: 'x'.repeat(bytes - shell.length), requestId: 'r' });
      };
      assert.equal(frameOf(65536).length, 65536);
      client.send(frameOf(65536));
      assert.deepEqual(await client.next(), { type: 'ack', requestId: 'r' });
      client.send(frameOf(65537));
      assert.equal((await client.closed).code, 1009);
    } finally {
      await server.close();
    }
  });

  it('1007 (from ws, per RFC 6455) for a text frame that is not valid UTF-8; other clients are unaffected', async () => {
    const server = await startServer({ port: 0, quiet: true });
    try {
      const bystander = await RawClient.welcomed(server);
      const client = await RawClient.welcomed(server);
      // Send raw invalid UTF-8 as a *text* frame by bypassing ws's string conversion.
      client.socket.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
      assert.equal((await client.closed).code, 1007);
      bystander.send({ type: 'ping' });
      assert.deepEqual(await bystander.next(), { type: 'pong' });
      await bystander.close();
    } finally {
      await server.close();
    }
  });

  it('4011 when the per-connection token bucket is empty', async () => {
    const server = await startServer({ port: 0, quiet: true, config: { limits: { messagesPerSecond: 1, messageBurst: 5 } } });
    try {
      const client = await RawClient.welcomed(server);
      for (let i = 0; i < 20; i++) client.send({ type: 'ping' });
      const { code, reason } = await client.closed;
      assert.equal(code, 4011);
      assert.equal(reason, 'over_message_rate');
      assert.ok(client.frames.filter((f) => f.type === 'pong').length <= 6);
    } finally {
      await server.close();
    }
  });

  it('4010 past maxConcurrentConnections (SDK: connect rejects with closeCode 4010)', async () => {
    const server = await startServer({ port: 0, quiet: true, config: { limits: { maxConcurrentConnections: 2 } } });
    try {
      const a = await RawClient.welcomed(server);
      const b = await RawClient.welcomed(server);
      const c = await RawClient.connect(server, 'key=pk_dev_local');
      assert.deepEqual(await c.closed, { code: 4010, reason: 'over_concurrent_limit' });
      assert.deepEqual(c.frames, [], 'no welcome before the close');
      const sdk = sdkClient(server);
      await assert.rejects(sdk.connect(), { name: 'SignallingConnectError', closeCode: 4010 });
      await a.close();
      await until(async () => ((await rest(server, 'GET', '/v1/usage')).body.connections as { current: number }).current === 1, 'a gone');
      const d = await RawClient.welcomed(server);
      await Promise.all([b.close(), d.close()]);
    } finally {
      await server.close();
    }
  });

  it('4012 for every connection while suspended (SDK: terminal, closeCode 4012)', async () => {
    const server = await startServer({ port: 0, quiet: true, config: { suspended: true } });
    try {
      const client = await RawClient.connect(server, 'key=pk_dev_local');
      assert.deepEqual(await client.closed, { code: 4012, reason: 'account_suspended' });
      const sdk = sdkClient(server, { token: await signToken({ sub: 'x' }) });
      await assert.rejects(sdk.connect(), { name: 'SignallingConnectError', closeCode: 4012 });
    } finally {
      await server.close();
    }
  });

  it('4020 from DELETE /v1/peers/:id on every connection of the peer (SDK MeteredPeer: admin_disconnect error)', async () => {
    const server = await startServer({ port: 0, quiet: true });
    try {
      const token = await signToken({ sub: 'kick-me' });
      const raw = await RawClient.welcomed(server, `token=${token}`);
      const peer = sdkPeer(server, { tokenProvider: async () => token });
      const errors: string[] = [];
      peer.on('error', ({ err }) => errors.push(err.name));
      await peer.join('room');
      const res = await rest(server, 'DELETE', '/v1/peers/kick-me');
      assert.deepEqual(res, { status: 200, body: { peerId: 'kick-me', closed: 2 } });
      assert.deepEqual(await raw.closed, { code: 4020, reason: 'admin_disconnect' });
      await until(() => peer.state === 'closed', 'peer closed');
      assert.deepEqual(errors, ['admin_disconnect']);
      assert.deepEqual((await rest(server, 'DELETE', '/v1/peers/kick-me')).body, { peerId: 'kick-me', closed: 0 });
    } finally {
      await server.close();
    }
  });

  it('4002 at connect for an expired token, and ~250 ms before exp for a live one; the SDK refreshes via tokenProvider', async () => {
    const server = await startServer({ port: 0, quiet: true });
    try {
      const expired = await signToken({ sub: 'late' }, { expiresInSec: -10 });
      const raw = await RawClient.connect(server, `token=${expired}`);
      assert.deepEqual(await raw.closed, { code: 4002, reason: 'token_expired' });

      const shortLived = await RawClient.connect(server, `token=${await signToken({ sub: 'short' }, { expiresInSec: 2 })}`);
      assert.equal((await shortLived.next('welcome')).peerId, 'short');
      assert.deepEqual(await shortLived.closed, { code: 4002, reason: 'token_expired' });

      let minted = 0;
      const refreshing = new SignallingClient({
        url: server.wsUrl,
        tokenProvider: async () => {
          minted++;
          return signToken({ sub: 'refresher' }, { expiresInSec: minted === 1 ? 2 : 3600 });
        },
        webSocketFactory: wsFactory,
      });
      const connects: boolean[] = [];
      const closes: number[] = [];
      refreshing.on('connected', (e) => connects.push(e.isReconnect));
      refreshing.on('disconnected', (e) => closes.push(e.code));
      await refreshing.connect();
      await until(() => connects.length === 2, 'reconnected with a fresh token');
      assert.deepEqual(closes, [4002]);
      assert.deepEqual(connects, [false, true]);
      await refreshing.close();
    } finally {
      await server.close();
    }
  });

  it('4003 (after a correlated channel_not_authorized error) when a JWT subscribes outside its channels claim', async () => {
    const server = await startServer({ port: 0, quiet: true });
    try {
      const token = await signToken({ sub: 'narrow', channels: ['room-*'] });
      const raw = await RawClient.welcomed(server, `token=${token}`);
      assert.equal((await raw.request({ type: 'subscribe', channel: 'room-7' })).type, 'ack');
      const answer = await raw.request({ type: 'subscribe', channel: 'admin' });
      assert.equal(answer.code, 'channel_not_authorized');
      assert.deepEqual(await raw.closed, { code: 4003, reason: 'channel_not_authorized' });

      const sdk = sdkClient(server, { token });
      const disconnects: { code: number; willReconnect: boolean }[] = [];
      sdk.on('disconnected', (e) => disconnects.push(e));
      await sdk.connect();
      await assert.rejects(sdk.subscribe('admin'), { name: 'channel_not_authorized' });
      await until(() => disconnects.length === 1, 'disconnected');
      assert.deepEqual(disconnects.map(({ code, willReconnect }) => ({ code, willReconnect })), [{ code: 4003, willReconnect: false }]);
    } finally {
      await server.close();
    }
  });

  it('HTTP 429 at upgrade past connectAttemptsPerMinute from one IP; HTTP 404 off /v1', async () => {
    const server = await startServer({ port: 0, quiet: true, config: { limits: { connectAttemptsPerMinute: 3 } } });
    try {
      for (let i = 0; i < 3; i++) await (await RawClient.welcomed(server)).close();
      const refused = await refusedUpgrade(server, 'key=pk_dev_local');
      assert.equal(refused.status, 429);
      assert.deepEqual(refused.body, { error: 'rate_limited' });
    } finally {
      await server.close();
    }
    const other = await startServer({ port: 0, quiet: true });
    try {
      const wrongPath = await new Promise<number>((resolve) => {
        const socket = new WebSocket(`${other.wsUrl}/v2?key=pk_dev_local`);
        socket.on('unexpected-response', (_req, res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        socket.on('error', () => {});
      });
      assert.equal(wrongPath, 404);
    } finally {
      await other.close();
    }
  });
});
