// ICE servers in every welcome (static list + TURN REST credentials), the JWT metadata merge, the explicit empty
// list, and REST `GET /v1/turn-credentials`. Credentials are checked by recomputing the HMAC with node:crypto.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { startServer, type PartialServerConfig, type RunningServer } from '../../server/index.js';
import { DEV_BEARER, RawClient, rest, signToken } from '../helpers/server-clients.js';

const TURN_SECRET = 'coturn-shared-secret-for-tests';
const TURN = { urls: ['turn:127.0.0.1:3478', 'turn:127.0.0.1:3478?transport=tcp'], secret: TURN_SECRET };
const STUN = { urls: 'stun:127.0.0.1:3478' };

async function withServer(config: PartialServerConfig, run: (server: RunningServer) => Promise<void>) {
  const server = await startServer({ port: 0, quiet: true, config });
  try {
    await run(server);
  } finally {
    await server.close();
  }
}

async function welcome(server: RunningServer, query?: string): Promise<Record<string, unknown>> {
  const client = await RawClient.welcomed(server, query);
  await client.close();
  return client.frames[0];
}

/** Asserts the TURN REST API shape for `peerId` and returns the expiry (unix seconds). */
function assertTurnEntry(entry: unknown, peerId: string, ttlSeconds: number, before: number, after: number): number {
  const { urls, username, credential } = entry as { urls: string[]; username: string; credential: string };
  assert.deepEqual(urls, TURN.urls);
  const match = /^(\d+):(.+)$/.exec(username);
  assert.ok(match, `username ${username} is <unix expiry>:<peerId>`);
  assert.equal(match[2], peerId);
  const expiresAt = Number(match[1]);
  assert.ok(expiresAt >= Math.floor(before / 1000) + ttlSeconds && expiresAt <= Math.floor(after / 1000) + ttlSeconds);
  assert.equal(credential, createHmac('sha1', TURN_SECRET).update(username).digest('base64'));
  return expiresAt;
}

describe('ICE servers in the welcome', () => {
  it('neither iceServers nor turn configured: no metadata at all (the room uses its own default)', async () => {
    await withServer({}, async (server) => {
      assert.equal('metadata' in (await welcome(server)), false);
      const token = await signToken({ sub: 'jwt-peer', metadata: { plan: 'pro' } });
      assert.deepEqual((await welcome(server, `token=${token}`)).metadata, { plan: 'pro' });
    });
  });

  it('an explicit empty list is sent as iceServers: [] ("none", so nothing reaches a public STUN server)', async () => {
    await withServer({ iceServers: [] }, async (server) => {
      assert.deepEqual((await welcome(server)).metadata, { iceServers: [] });
    });
  });

  it('publishable key: the static list then fresh TURN credentials for its peerId (HMAC-SHA1, default TTL 1 day)', async () => {
    await withServer({ iceServers: [STUN], turn: TURN }, async (server) => {
      const before = Date.now();
      const frame = await welcome(server);
      const after = Date.now();
      const { iceServers } = frame.metadata as { iceServers: unknown[] };
      assert.equal(iceServers.length, 2);
      assert.deepEqual(iceServers[0], STUN);
      assertTurnEntry(iceServers[1], String(frame.peerId), 86400, before, after);
      // Each connection gets its own credentials.
      const other = await welcome(server);
      assert.notEqual(other.peerId, frame.peerId);
      const otherTurn = (other.metadata as { iceServers: { username: string }[] }).iceServers[1];
      assert.match(otherTurn.username, new RegExp(`:${String(other.peerId)}$`));
    });
  });

  it('JWT: its own metadata and iceServers are kept, ours appended; ttlSeconds is honoured', async () => {
    await withServer({ iceServers: [STUN], turn: { ...TURN, ttlSeconds: 600 } }, async (server) => {
      const theirs = { urls: ['turns:turn.example.com:443'], username: 'app-user', credential: 'app-credential' };
      const token = await signToken({ sub: 'alice', metadata: { plan: 'pro', iceServers: [theirs] } });
      const before = Date.now();
      const frame = await welcome(server, `token=${token}`);
      const after = Date.now();
      const metadata = frame.metadata as { plan: string; iceServers: unknown[] };
      assert.equal(metadata.plan, 'pro');
      assert.deepEqual(metadata.iceServers.slice(0, 2), [theirs, STUN]);
      assertTurnEntry(metadata.iceServers[2], 'alice', 600, before, after);
      assert.equal(metadata.iceServers.length, 3);

      const bare = await signToken({ sub: 'bob', metadata: { plan: 'free' } });
      const bareMetadata = (await welcome(server, `token=${bare}`)).metadata as { plan: string; iceServers: unknown[] };
      assert.equal(bareMetadata.plan, 'free');
      assert.deepEqual(bareMetadata.iceServers[0], STUN);
      assert.equal(bareMetadata.iceServers.length, 2);
    });
  });

  it('JWT with iceServers and an explicit empty server list: exactly the token’s servers', async () => {
    await withServer({ iceServers: [] }, async (server) => {
      const theirs = [{ urls: 'stun:stun.example.com:3478' }];
      const token = await signToken({ sub: 'carol', metadata: { iceServers: theirs } });
      assert.deepEqual((await welcome(server, `token=${token}`)).metadata, { iceServers: theirs });
    });
  });
});

describe('GET /v1/turn-credentials', () => {
  it('secret-key auth; answers the static list + TURN credentials for ?peerId= and its expiry', async () => {
    await withServer({ iceServers: [STUN], turn: { ...TURN, ttlSeconds: 120 } }, async (server) => {
      assert.equal((await rest(server, 'GET', '/v1/turn-credentials', undefined, {})).status, 401);
      const wrong = { authorization: 'Bearer sk_id_dev_local:not-the-secret' };
      assert.equal((await rest(server, 'GET', '/v1/turn-credentials', undefined, wrong)).status, 401);

      const before = Date.now();
      const answer = await rest(server, 'GET', '/v1/turn-credentials?peerId=alice');
      const after = Date.now();
      assert.equal(answer.status, 200);
      assert.deepEqual(Object.keys(answer.body).sort(), ['expiresAt', 'iceServers']);
      const iceServers = answer.body.iceServers as unknown[];
      assert.deepEqual(iceServers[0], STUN);
      const expiresAt = assertTurnEntry(iceServers[1], 'alice', 120, before, after);
      assert.equal(answer.body.expiresAt, expiresAt);

      // Without a peerId the user part is still unique per answer.
      const anonymous = await rest(server, 'GET', '/v1/turn-credentials', undefined, DEV_BEARER);
      const username = (anonymous.body.iceServers as { username: string }[])[1].username;
      assert.match(username, /^\d+:[0-9a-f-]{36}$/);

      const bad = await rest(server, 'GET', `/v1/turn-credentials?peerId=${encodeURIComponent('a\u0001b')}`);
      assert.deepEqual([bad.status, bad.body.error], [400, 'invalid_request']);
    });
  });

  it('without TURN configured: 404 turn_not_configured with a message that says how to configure it', async () => {
    await withServer({ iceServers: [STUN] }, async (server) => {
      const answer = await rest(server, 'GET', '/v1/turn-credentials?peerId=alice');
      assert.equal(answer.status, 404);
      assert.equal(answer.body.error, 'turn_not_configured');
      assert.match(String(answer.body.message), /config\.turn/);
      assert.match(String(answer.body.message), /--turn-url/);
    });
  });
});
