// The auth matrix: each bad credential gets its documented result, and no token or secret leaks into an HTTP
// body, a close reason, an error frame or a log line.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SignJWT } from 'jose';
import { startServer, type RunningServer } from '../../server/index.js';
import { RawClient, refusedUpgrade, sdkClient, signToken } from '../helpers/server-clients.js';

const SECRET = 'sk_secret_matrix_0123456789';
const NARROW_SECRET = 'sk_secret_narrow_0123456789';
const CONFIG = {
  publishableKeys: [
    { id: 'pk_open', channelPatterns: ['**'], actions: ['subscribe' as const, 'presence' as const] },
    {
      id: 'pk_site',
      channelPatterns: ['**'],
      actions: ['subscribe' as const],
      allowedOrigins: ['https://good.example'],
    },
  ],
  secretKeys: [
    {
      id: 'sk_id_matrix',
      secret: SECRET,
      channelPatterns: ['**'],
      actions: ['subscribe' as const, 'publish' as const, 'presence' as const, 'send' as const],
    },
    {
      id: 'sk_id_narrow',
      secret: NARROW_SECRET,
      channelPatterns: ['room-*'],
      actions: ['subscribe' as const, 'presence' as const],
    },
  ],
};

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('auth matrix', () => {
  let server: RunningServer;
  const logLines: string[] = [];
  const seenTexts: string[] = [];
  const secretsAndTokens: string[] = [SECRET, NARROW_SECRET];

  before(async () => {
    server = await startServer({ port: 0, config: CONFIG, log: (line) => logLines.push(line) });
  });
  after(async () => {
    await server.close();
    // Nothing any test saw (bodies, reasons, frames) nor any log line contains a token or a secret.
    for (const text of [...seenTexts, ...logLines]) {
      for (const secret of secretsAndTokens)
        assert.equal(text.includes(secret), false, `leaked into: ${text.slice(0, 80)}`);
    }
    assert.ok(logLines.length > 10, 'the server logged connection events');
  });

  const token = async (claims: Record<string, unknown>, options: Parameters<typeof signToken>[1] = {}) => {
    const value = await signToken(claims, { kid: 'sk_id_matrix', secret: SECRET, ...options });
    secretsAndTokens.push(value);
    return value;
  };
  const expectClose = async (query: string, code: number, reason: string) => {
    const client = await RawClient.connect(server, query);
    const closed = await client.closed;
    seenTexts.push(closed.reason, JSON.stringify(client.frames));
    assert.deepEqual(closed, { code, reason });
    assert.deepEqual(client.frames, [], 'no welcome');
  };
  const expectRefused = async (query: string, error: string, headers: Record<string, string> = {}) => {
    const refused = await refusedUpgrade(server, query, headers);
    seenTexts.push(refused.raw);
    assert.deepEqual({ status: refused.status, body: refused.body }, { status: 401, body: { error } });
  };

  it('a valid JWT and a valid publishable key are welcomed', async () => {
    const viaToken = await RawClient.welcomed(server, `token=${await token({ sub: 'ok' })}`);
    const viaKey = await RawClient.welcomed(server, 'key=pk_open');
    assert.equal(viaToken.frames[0].peerId, 'ok');
    await Promise.all([viaToken.close(), viaKey.close()]);
  });

  it('wrong secret → close 4001 after the upgrade', async () => {
    await expectClose(`token=${await token({ sub: 'x' }, { secret: 'not-the-secret-at-all' })}`, 4001, 'invalid_token');
  });

  it('unknown kid → close 4001', async () => {
    await expectClose(`token=${await token({ sub: 'x' }, { kid: 'sk_id_nobody' })}`, 4001, 'invalid_token');
  });

  it('missing kid → HTTP 401 invalid_token before the upgrade', async () => {
    await expectRefused(`token=${await token({ sub: 'x' }, { kid: null })}`, 'invalid_token');
  });

  it('alg none (and any algorithm but HS256) → close 4001', async () => {
    const exp = Math.floor(Date.now() / 1000) + 600;
    const unsigned = `${b64({ alg: 'none', kid: 'sk_id_matrix' })}.${b64({ sub: 'mallory', exp })}.`;
    secretsAndTokens.push(unsigned);
    await expectClose(`token=${unsigned}`, 4001, 'invalid_token');
    const hs512 = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS512', kid: 'sk_id_matrix' })
      .setSubject('mallory')
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(SECRET));
    secretsAndTokens.push(hs512);
    await expectClose(`token=${hs512}`, 4001, 'invalid_token');
    // The HS256 header with a forged body: the signature no longer matches.
    const good = await token({ sub: 'alice' });
    const [header, , signature] = good.split('.');
    await expectClose(`token=${header}.${b64({ sub: 'admin', exp })}.${signature}`, 4001, 'invalid_token');
  });

  it('expired → close 4002 (SDK: connect rejects with closeCode 4002)', async () => {
    const expired = await token({ sub: 'old' }, { expiresInSec: -1 });
    await expectClose(`token=${expired}`, 4002, 'token_expired');
    const sdk = sdkClient(server, { token: expired });
    await assert.rejects(sdk.connect(), { name: 'SignallingConnectError', closeCode: 4002 });
  });

  it('invalid claims → close 4001: bad sub, oversized peerMetadata / metadata, non-array channels, unknown permission', async () => {
    for (const claims of [
      { sub: 'tab\there' },
      { sub: 'x'.repeat(129) },
      { sub: 'big', peerMetadata: { blob: 'x'.repeat(4100) } },
      { sub: 'big', metadata: { blob: 'x'.repeat(8200) } },
      { sub: 'odd', peerMetadata: ['not', 'an', 'object'] },
      { sub: 'odd', channels: 'room-1' },
      { sub: 'odd', permissions: ['subscribe', 'admin'] },
    ]) {
      await expectClose(`token=${await token(claims)}`, 4001, 'invalid_token');
    }
  });

  it('unparseable token, unknown publishable key, no credential → HTTP 401', async () => {
    await expectRefused('token=not.a.jwt', 'invalid_token');
    await expectRefused('token=garbage', 'invalid_token');
    await expectRefused('key=pk_nobody', 'invalid_key');
    await expectRefused('', 'missing_credential');
    await expectRefused('key=', 'missing_credential');
  });

  it('publishable key with allowedOrigins: wrong or missing Origin → HTTP 401 origin_not_allowed', async () => {
    await expectRefused('key=pk_site', 'origin_not_allowed', { origin: 'https://evil.example' });
    await expectRefused('key=pk_site', 'origin_not_allowed');
    const ok = await RawClient.connect(server, 'key=pk_site', { origin: 'https://good.example' });
    assert.equal((await ok.next()).type, 'welcome');
    await ok.close();
  });

  it('channel outside the JWT claim → channel_not_authorized then close 4003; outside the key → same', async () => {
    for (const [query, channel] of [
      [`token=${await token({ sub: 'c', channels: ['room-1'] })}`, 'room-2'],
      [`token=${await token({ sub: 'n', channels: ['**'] }, { kid: 'sk_id_narrow', secret: NARROW_SECRET })}`, 'admin'],
    ]) {
      const client = await RawClient.welcomed(server, query);
      const answer = await client.request({ type: 'subscribe', channel });
      assert.equal(answer.code, 'channel_not_authorized');
      const closed = await client.closed;
      seenTexts.push(closed.reason, JSON.stringify(client.frames));
      assert.deepEqual(closed, { code: 4003, reason: 'channel_not_authorized' });
    }
  });

  it('action not permitted → error frame action_not_permitted, connection stays open', async () => {
    const viaToken = await RawClient.welcomed(
      server,
      `token=${await token({ sub: 'ro', permissions: ['subscribe'] })}`,
    );
    assert.equal((await viaToken.request({ type: 'publish', channel: 'a', data: 1 })).code, 'action_not_permitted');
    assert.equal((await viaToken.request({ type: 'send', to: 'ro', data: 1 })).code, 'action_not_permitted');
    assert.equal((await viaToken.request({ type: 'subscribe', channel: 'a' })).type, 'ack');
    // A token cannot grant more than its key: sk_id_narrow has no publish.
    const narrow = await RawClient.welcomed(
      server,
      `token=${await token({ sub: 'n2', permissions: ['publish', 'subscribe'] }, { kid: 'sk_id_narrow', secret: NARROW_SECRET })}`,
    );
    assert.equal((await narrow.request({ type: 'publish', channel: 'room-1', data: 1 })).code, 'action_not_permitted');
    const viaKey = await RawClient.welcomed(server, 'key=pk_open');
    assert.equal((await viaKey.request({ type: 'publish', channel: 'a', data: 1 })).code, 'action_not_permitted');
    seenTexts.push(JSON.stringify(viaToken.frames), JSON.stringify(narrow.frames), JSON.stringify(viaKey.frames));
    await Promise.all([viaToken.close(), narrow.close(), viaKey.close()]);
  });
});
