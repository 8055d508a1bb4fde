// The REST control plane: auth, token minting, channel peers, server-side publish, admin kick, usage.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../../server/index.js';
import { RawClient, rest, until } from '../helpers/server-clients.js';

const FULL = { authorization: 'Bearer sk_id_full:sk_secret_full_0123456789' };
const NARROW = { authorization: 'Bearer sk_id_narrow:sk_secret_narrow_0123456789' };

describe('REST /v1', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({
      port: 0,
      quiet: true,
      config: {
        publishableKeys: [
          { id: 'pk_rest', channelPatterns: ['**'], actions: ['subscribe', 'presence', 'publish', 'send'] },
        ],
        secretKeys: [
          {
            id: 'sk_id_full',
            secret: 'sk_secret_full_0123456789',
            channelPatterns: ['**'],
            actions: ['subscribe', 'publish', 'presence', 'send'],
          },
          {
            id: 'sk_id_narrow',
            secret: 'sk_secret_narrow_0123456789',
            channelPatterns: ['room-*'],
            actions: ['subscribe'],
          },
        ],
        limits: { messageQuota: 1000 },
      },
    });
  });
  after(() => server.close());

  it('every bad credential gets the same 401 {error:"unauthorized"}', async () => {
    const bodies = new Set<string>();
    for (const authorization of [
      undefined,
      'Bearer sk_id_full',
      'Bearer sk_id_full:',
      'Bearer sk_id_full:wrong-secret',
      'Bearer sk_id_nobody:sk_secret_full_0123456789',
      'Bearer pk_rest',
      'Bearer pk_rest:anything',
      'Basic c2tfaWRfZnVsbDpza19zZWNyZXRfZnVsbF8wMTIzNDU2Nzg5',
      'sk_id_full:sk_secret_full_0123456789',
    ]) {
      const res = await rest(server, 'GET', '/v1/usage', undefined, authorization ? { authorization } : {});
      assert.equal(res.status, 401, authorization);
      assert.equal(res.body.error, 'unauthorized');
      bodies.add(JSON.stringify(res.body));
    }
    assert.equal(bodies.size, 1);
    assert.equal([...bodies][0].includes('sk_secret'), false);
  });

  it('POST /v1/tokens mints an HS256 JWT the WebSocket accepts, with claims applied', async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await rest(
      server,
      'POST',
      '/v1/tokens',
      {
        peerId: 'minted',
        channels: ['room-*'],
        permissions: ['subscribe', 'presence'],
        expiresInSec: 120,
        metadata: { iceServers: [] },
        peerMetadata: { name: 'Minted' },
      },
      FULL,
    );
    assert.equal(res.status, 200);
    const { token, expiresAt } = res.body as { token: string; expiresAt: number };
    assert.ok(expiresAt >= before + 120 && expiresAt <= before + 121);
    const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as Record<string, unknown>;
    assert.deepEqual({ alg: header.alg, kid: header.kid }, { alg: 'HS256', kid: 'sk_id_full' });
    const client = await RawClient.connect(server, `token=${token}`);
    const welcome = await client.next('welcome');
    assert.deepEqual(welcome, {
      type: 'welcome',
      peerId: 'minted',
      expiresAt,
      serverTime: welcome.serverTime,
      maxMessageSize: 65536,
      metadata: { iceServers: [] },
    });
    assert.equal((await client.request({ type: 'publish', channel: 'room-1', data: 1 })).code, 'action_not_permitted');
    assert.equal((await client.request({ type: 'subscribe', channel: 'room-1' })).type, 'ack');
    const peers = await rest(server, 'GET', '/v1/channels/room-1/peers', undefined, FULL);
    assert.deepEqual(peers, {
      status: 200,
      body: { channel: 'room-1', peers: [{ peerId: 'minted', metadata: { name: 'Minted' } }] },
    });
    await client.close();
  });

  it('POST /v1/tokens validates its body: 400 invalid_request, 403 outside the key, 413 over 32 KB', async () => {
    const cases: [unknown, number, string][] = [
      [{}, 400, 'invalid_request'],
      [{ peerId: '' }, 400, 'invalid_request'],
      [{ peerId: 'bad\nid' }, 400, 'invalid_request'],
      [{ peerId: 'p', channels: 'room-1' }, 400, 'invalid_request'],
      [{ peerId: 'p', permissions: ['fly'] }, 400, 'invalid_request'],
      [{ peerId: 'p', expiresInSec: 0 }, 400, 'invalid_request'],
      [{ peerId: 'p', expiresInSec: 86401 }, 400, 'invalid_request'],
      [{ peerId: 'p', expiresInSec: 1.5 }, 400, 'invalid_request'],
      [{ peerId: 'p', peerMetadata: { x: 'y'.repeat(4100) } }, 400, 'invalid_request'],
      [{ peerId: 'p', metadata: [] }, 400, 'invalid_request'],
      ['not json', 400, 'invalid_request'],
      [[1, 2], 400, 'invalid_request'],
      [{ peerId: 'p', pad: 'x'.repeat(33 * 1024) }, 413, 'invalid_request'],
    ];
    for (const [body, status, error] of cases) {
      const res = await rest(server, 'POST', '/v1/tokens', body, FULL);
      assert.deepEqual([res.status, res.body.error], [status, error], JSON.stringify(body).slice(0, 60));
      assert.equal(typeof res.body.message, 'string');
    }
    const outside = await rest(server, 'POST', '/v1/tokens', { peerId: 'p', channels: ['admin'] }, NARROW);
    assert.deepEqual([outside.status, outside.body.error], [403, 'channel_not_authorized']);
    const wider = await rest(server, 'POST', '/v1/tokens', { peerId: 'p', channels: ['**'] }, NARROW);
    assert.deepEqual([wider.status, wider.body.error], [403, 'channel_not_authorized']);
    const inside = await rest(server, 'POST', '/v1/tokens', { peerId: 'p', channels: ['room-*', 'room-9'] }, NARROW);
    assert.equal(inside.status, 200);
    const more = await rest(server, 'POST', '/v1/tokens', { peerId: 'p', permissions: ['publish'] }, NARROW);
    assert.deepEqual([more.status, more.body.error], [403, 'action_not_permitted']);
  });

  it('GET /v1/channels/:channel/peers: URL-encoded names, reserved 400, outside key 403, needs presence', async () => {
    const a = await RawClient.welcomed(server, 'key=pk_rest');
    await a.request({ type: 'subscribe', channel: 'team/blue room' });
    const res = await rest(
      server,
      'GET',
      `/v1/channels/${encodeURIComponent('team/blue room')}/peers`,
      undefined,
      FULL,
    );
    assert.deepEqual(res, {
      status: 200,
      body: { channel: 'team/blue room', peers: [{ peerId: a.frames[0].peerId }] },
    });
    assert.deepEqual((await rest(server, 'GET', '/v1/channels/empty/peers', undefined, FULL)).body, {
      channel: 'empty',
      peers: [],
    });
    const reserved = await rest(server, 'GET', '/v1/channels/_system%2Fx/peers', undefined, FULL);
    assert.deepEqual([reserved.status, reserved.body.error], [400, 'channel_reserved']);
    const badEncoding = await rest(server, 'GET', '/v1/channels/%E0%A4%A/peers', undefined, FULL);
    assert.deepEqual([badEncoding.status, badEncoding.body.error], [400, 'invalid_request']);
    const outside = await rest(server, 'GET', '/v1/channels/admin/peers', undefined, NARROW);
    assert.deepEqual([outside.status, outside.body.error], [403, 'channel_not_authorized']);
    const noPresence = await rest(server, 'GET', '/v1/channels/room-1/peers', undefined, NARROW);
    assert.deepEqual([noPresence.status, noPresence.body.error], [403, 'action_not_permitted']);
    await a.close();
  });

  it('POST /v1/channels/:channel/publish delivers message (fromMetadata only to subscribers who asked)', async () => {
    const plain = await RawClient.welcomed(server, 'key=pk_rest');
    const stamped = await RawClient.welcomed(server, 'key=pk_rest');
    await plain.request({ type: 'subscribe', channel: 'announce' });
    await stamped.request({ type: 'subscribe', channel: 'announce', includeSenderMetadata: true });
    const res = await rest(
      server,
      'POST',
      '/v1/channels/announce/publish',
      { data: { text: 'hi' }, from: 'ops', peerMetadata: { team: 'ops' } },
      FULL,
    );
    assert.deepEqual(res, { status: 200, body: { channel: 'announce', delivered: 2 } });
    assert.deepEqual(await plain.next('message'), {
      type: 'message',
      channel: 'announce',
      from: 'ops',
      data: { text: 'hi' },
    });
    assert.deepEqual(await stamped.next('message'), {
      type: 'message',
      channel: 'announce',
      from: 'ops',
      data: { text: 'hi' },
      fromMetadata: { team: 'ops' },
    });
    await rest(server, 'POST', '/v1/channels/announce/publish', { data: 0 }, FULL);
    assert.deepEqual(await plain.next('message'), { type: 'message', channel: 'announce', from: 'server', data: 0 });
    const missing = await rest(server, 'POST', '/v1/channels/announce/publish', { from: 'ops' }, FULL);
    assert.deepEqual([missing.status, missing.body.error], [400, 'invalid_request']);
    const badFrom = await rest(server, 'POST', '/v1/channels/announce/publish', { data: 1, from: '' }, FULL);
    assert.deepEqual([badFrom.status, badFrom.body.error], [400, 'invalid_request']);
    const notAllowed = await rest(server, 'POST', '/v1/channels/room-1/publish', { data: 1 }, NARROW);
    assert.deepEqual([notAllowed.status, notAllowed.body.error], [403, 'action_not_permitted']);
    await Promise.all([plain.close(), stamped.close()]);
  });

  it('GET /v1/usage reports live connections, message totals and limits', async () => {
    const usage = async () =>
      (await rest(server, 'GET', '/v1/usage', undefined, FULL)).body as {
        connections: { current: number; max: number };
        messages: { published: number; sent: number; delivered: number; quota: number; remaining: number };
        limits: Record<string, unknown>;
      };
    await until(async () => (await usage()).connections.current === 0, 'idle');
    const start = await usage();
    assert.equal(start.connections.max, 1000);
    assert.equal(start.limits.maxFrameBytes, 65536);
    const a = await RawClient.welcomed(server, 'key=pk_rest');
    const b = await RawClient.welcomed(server, 'key=pk_rest');
    await b.request({ type: 'subscribe', channel: 'u' });
    await a.request({ type: 'publish', channel: 'u', data: 1 });
    await a.request({ type: 'send', to: b.frames[0].peerId, data: 1 });
    const during = await usage();
    assert.equal(during.connections.current, 2);
    assert.equal(during.messages.published, start.messages.published + 1);
    assert.equal(during.messages.sent, start.messages.sent + 1);
    assert.equal(during.messages.delivered, start.messages.delivered + 2);
    assert.equal(during.messages.remaining, 1000 - during.messages.published - during.messages.sent);
    await Promise.all([a.close(), b.close()]);
    await until(async () => (await usage()).connections.current === 0, 'connections gone');
  });

  it('unknown routes and methods → 404 not_found', async () => {
    for (const [method, path] of [
      ['GET', '/v1/nothing'],
      ['GET', '/v1/tokens'],
      ['PUT', '/v1/usage'],
      ['GET', '/v1/channels/x'],
      ['POST', '/v1/peers/x'],
    ]) {
      const res = await rest(server, method, path, undefined, FULL);
      assert.deepEqual([res.status, res.body.error], [404, 'not_found'], `${method} ${path}`);
    }
  });

  it('300 seeded random requests: every answer is JSON {error, message} or a success, never a 5xx', async () => {
    let state = 0xc0ffee;
    const random = () => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 4294967296;
    };
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const segment = () =>
      pick(['tokens', 'usage', 'channels', 'peers', 'publish', '%FF', '', 'x%2Fy', '\u00e9', '_system%2Fa']);
    const bodies = [
      undefined,
      '',
      '{',
      '[]',
      'null',
      '{"peerId":7}',
      '{"peerId":"p","channels":[1]}',
      '{"data":null}',
      JSON.stringify({ peerId: 'p', metadata: { a: 1 } }),
    ];
    for (let i = 0; i < 300; i++) {
      const path = `/v1/${Array.from({ length: 1 + Math.floor(random() * 3) }, segment).join('/')}`;
      const method = pick(['GET', 'POST', 'DELETE', 'PUT', 'PATCH']);
      const body = method === 'GET' ? undefined : pick(bodies);
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: pick([FULL, NARROW, {}]),
        ...(body !== undefined ? { body } : {}),
      });
      assert.ok(res.status < 500, `${method} ${path} → ${res.status}`);
      const json = (await res.json()) as Record<string, unknown>;
      if (res.status >= 400) assert.deepEqual(Object.keys(json).sort(), ['error', 'message'], `${method} ${path}`);
    }
    assert.equal((await rest(server, 'GET', '/v1/usage', undefined, FULL)).status, 200);
  });
});
