// Every close code (and upgrade refusal) the server raises, provoked on purpose and observed on the wire and
// through the official SDK. Limits are configured small, and a 2-second token stands in for token expiry.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { SignallingClient } from '@metered-ca/realtime';
import { startServer, type RunningServer } from '../../server/index.js';
import { resolveConfig } from '../../server/config.js';
import { Hub } from '../../server/hub.js';
import { createWebSocketEndpoint } from '../../server/websocket.js';
import { closeServer, createHttpServer, listenAll } from '../../server/http-server.js';
import {
  RawClient,
  refusedUpgrade,
  rest,
  sdkClient,
  sdkPeer,
  signToken,
  until,
  wsFactory,
} from '../helpers/server-clients.js';

describe('close codes', () => {
  it('1009 for an inbound frame over maxFrameBytes (a frame of exactly the cap is fine)', async () => {
    const server = await startServer({ port: 0, quiet: true });
    try {
      const client = await RawClient.welcomed(server);
      const frameOf = (bytes: number) => {
        const shell = JSON.stringify({ type: 'publish', channel: 'big', data: '', requestId: 'r' });
        return JSON.stringify({
          type: 'publish',
          channel: 'big',
          data: 'x'.repeat(bytes - shell.length),
          requestId: 'r',
        });
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

  it('1008 for a reader so slow that its outgoing queue passes 8 MB (the server does not buffer without bound)', async () => {
    const server = await startServer({
      port: 0,
      quiet: true,
      config: { limits: { messagesPerSecond: 1e6, messageBurst: 1e6 } },
    });
    try {
      const slow = await RawClient.welcomed(server);
      const fast = await RawClient.welcomed(server);
      await slow.request({ type: 'subscribe', channel: 'firehose' });
      // Stop reading: the kernel buffers fill, then the server's own queue grows.
      const tcp = (slow.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
      tcp.pause();
      const chunk = 'x'.repeat(60_000);
      for (let i = 0; i < 800; i++) fast.send({ type: 'publish', channel: 'firehose', data: chunk });
      await fast.flush();
      tcp.resume();
      assert.deepEqual(await slow.closed, { code: 1008, reason: 'slow_consumer' });
      fast.send({ type: 'ping' });
      assert.equal((await fast.next('pong')).type, 'pong');
      await fast.close();
    } finally {
      await server.close();
    }
  });

  it('defaults: 100 channels per connection, then channel_limit_exceeded; a 400-frame burst closes 4011', async () => {
    const server = await startServer({ port: 0, quiet: true });
    try {
      const client = await RawClient.welcomed(server);
      for (let i = 0; i < 100; i++) client.send({ type: 'subscribe', channel: `ch-${i}`, requestId: `s${i}` });
      const last = await client.request({ type: 'subscribe', channel: 'ch-100' });
      assert.equal(last.code, 'channel_limit_exceeded');
      assert.equal(client.frames.filter((f) => f.type === 'ack').length, 100);
      // Burst 200 at 100/s: 400 frames sent at once cannot all fit, whatever the machine's speed (< 2 s to send).
      const flooder = await RawClient.welcomed(server);
      for (let i = 0; i < 400; i++) flooder.send({ type: 'ping' });
      assert.equal((await flooder.closed).code, 4011);
      assert.ok(flooder.frames.filter((f) => f.type === 'pong').length < 400);
      await client.close();
    } finally {
      await server.close();
    }
  });

  it('4011 when the per-connection token bucket is empty', async () => {
    const server = await startServer({
      port: 0,
      quiet: true,
      config: { limits: { messagesPerSecond: 1, messageBurst: 5 } },
    });
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
      await until(
        async () => ((await rest(server, 'GET', '/v1/usage')).body.connections as { current: number }).current === 1,
        'a gone',
      );
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

      const shortLived = await RawClient.connect(
        server,
        `token=${await signToken({ sub: 'short' }, { expiresInSec: 2 })}`,
      );
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
      assert.deepEqual(
        disconnects.map(({ code, willReconnect }) => ({ code, willReconnect })),
        [{ code: 4003, willReconnect: false }],
      );
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

describe('heartbeat', () => {
  it('a client that stops answering protocol pings is cut (1006) and leaves presence; live clients stay', async () => {
    const config = resolveConfig({ port: 0 });
    const hub = new Hub();
    const context = { config, hub, log: () => {}, quotaAllows: () => true };
    // The production interval is 30 s; wire the endpoint by hand with a short one instead of waiting.
    const endpoint = createWebSocketEndpoint(context, { heartbeatIntervalMs: 50 });
    const { port, servers } = await listenAll(createHttpServer(context, endpoint), 0, '127.0.0.1');
    const server = { url: `http://localhost:${port}`, wsUrl: `ws://localhost:${port}` } as RunningServer;
    try {
      const healthy = await RawClient.welcomed(server);
      let pingsAnswered = 0;
      healthy.socket.on('ping', () => pingsAnswered++);
      await healthy.request({ type: 'subscribe', channel: 'hb' });
      const deaf = new RawClient(new WebSocket(`${server.wsUrl}/v1?key=pk_dev_local`, { autoPong: false }));
      await deaf.next('welcome');
      await deaf.request({ type: 'subscribe', channel: 'hb' });
      assert.equal((await deaf.closed).code, 1006);
      const deafId = deaf.frames[0].peerId;
      await until(
        () =>
          healthy.frames.some(
            (f) => f.type === 'presence' && JSON.stringify(f.left) === JSON.stringify([{ peerId: deafId }]),
          ),
        'left',
      );
      assert.ok(
        healthy.frames.some(
          (f) => f.type === 'presence' && JSON.stringify(f.joined) === JSON.stringify([{ peerId: deafId }]),
        ),
      );
      // Several more heartbeat rounds pass; the client that answers them is never cut.
      const seen = pingsAnswered;
      await until(() => pingsAnswered >= seen + 3, 'three more heartbeat rounds');
      await healthy.flush();
      assert.equal(healthy.socket.readyState, WebSocket.OPEN);
      assert.equal(hub.connectionCount, 1);
      await healthy.close();
    } finally {
      await endpoint.shutdown(100);
      await Promise.all(servers.map(closeServer));
    }
  });
});
