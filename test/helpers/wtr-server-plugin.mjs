// Node side of the browser tests: runs REAL signalling servers (server/index.ts, loaded through tsx) and lets
// tests drive them with `executeServerCommand` (see test/helpers/server.ts for the browser side). Also serves a
// token-url for tests (`/test-token?...`) that mints through the server's own REST `POST /v1/tokens`.
//
// Also runs real coturn servers (test/helpers/coturn.mjs) and hands their TURN config to test servers.
//
// Secrets stay here: the browser receives minted tokens and the dev publishable key, never the signing secret,
// and never a coturn's shared secret (a test server is told "use coturn c1", the plugin fills in the secret).
import { randomBytes } from 'node:crypto';
import { tsImport } from 'tsx/esm/api';
import { SignJWT } from 'jose';
import { startCoturn } from './coturn.mjs';

const serverModule = await tsImport('../../server/index.ts', import.meta.url);
const { startServer, DEV_PUBLISHABLE_KEY, DEV_SECRET_KEY_ID, DEV_SECRET } = serverModule;

/** @type {Map<string, { server: any, options: any }>} */
const servers = new Map();
let nextId = 1;
/** @type {Map<string, { coturn: Awaited<ReturnType<typeof startCoturn>>, secret: string }>} */
const coturns = new Map();
let nextCoturnId = 1;
/** Successful answers per token-url `key`, for `failAfter`. */
const tokenCounts = new Map();

async function start(id, options) {
  const server = await startServer({ port: 0, quiet: true, ...options });
  servers.set(id, { server, options: { ...options, port: server.port } });
  return describe(id);
}

function describe(id) {
  const entry = servers.get(id);
  if (!entry) throw new Error(`no test server "${id}"`);
  return { id, url: entry.server.url, wsUrl: entry.server.wsUrl, port: entry.server.port, publishableKey: DEV_PUBLISHABLE_KEY };
}

function lookup(id = 'main') {
  const entry = servers.get(id);
  if (!entry) throw new Error(`no test server "${id}"`);
  return entry;
}

/** The dev secret key of the server (dev mode), or the first configured one. */
function secretKey(id) {
  const { server } = lookup(id);
  return server.config.secretKeys[0] ?? { id: DEV_SECRET_KEY_ID, secret: DEV_SECRET };
}

async function rest(id, method, path, body) {
  const { server } = lookup(id);
  const key = secretKey(id);
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key.id}:${key.secret}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: response.status, body: json };
}

const commands = {
  async 'server-info'({ id = 'main' } = {}) {
    return describe(id);
  },
  /**
   * `turnFrom: { coturn: id, wrongSecret?, ttlSeconds? }` configures `turn` with that coturn's URL and secret (or
   * a secret coturn does not know).
   */
  async 'server-start'({ config = {}, turnFrom } = {}) {
    // Same per-IP lift as the main server, unless the test sets its own limit.
    const limits = { connectAttemptsPerMinute: 1_000_000, ...(config.limits ?? {}) };
    const turn = turnFrom ? turnConfigFrom(turnFrom) : undefined;
    return start(`s${nextId++}`, { config: { ...config, limits, ...(turn ? { turn } : {}) } });
  },
  /** Starts a coturn on 127.0.0.1 with a fresh secret that never leaves Node. Answers `{ id, url }`. */
  async 'coturn-start'() {
    const secret = randomBytes(24).toString('base64url');
    const coturn = await startCoturn({ secret });
    const id = `c${nextCoturnId++}`;
    coturns.set(id, { coturn, secret });
    return { id, url: coturn.url };
  },
  async 'coturn-stop'({ id }) {
    const entry = coturns.get(id);
    if (!entry) throw new Error(`no test coturn "${id}"`);
    coturns.delete(id);
    await entry.coturn.stop();
    return true;
  },
  async 'server-stop'({ id }) {
    await lookup(id).server.close();
    return true;
  },
  /** Starts the stopped server again on the same port with the same configuration. */
  async 'server-restart'({ id }) {
    const { options } = lookup(id);
    return start(id, options);
  },
  async 'server-rest'({ id = 'main', method = 'GET', path, body }) {
    return rest(id, method, path, body);
  },
  /** Mints a token through REST; `wrongSecret` signs one locally with a secret the server does not know. */
  async 'mint-token'({ id = 'main', wrongSecret = false, ...claims }) {
    if (wrongSecret) {
      const key = secretKey(id);
      return new SignJWT({ channels: claims.channels ?? ['**'] })
        .setProtectedHeader({ alg: 'HS256', kid: key.id })
        .setSubject(claims.peerId ?? 'wrong-secret-peer')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('sk_secret_not_the_right_one'));
    }
    const { status, body } = await rest(id, 'POST', '/v1/tokens', claims);
    if (status !== 200) throw new Error(`POST /v1/tokens answered ${status}: ${JSON.stringify(body)}`);
    return body.token;
  },
};

function turnConfigFrom({ coturn: id, wrongSecret = false, ttlSeconds }) {
  const entry = coturns.get(id);
  if (!entry) throw new Error(`no test coturn "${id}"`);
  const secret = wrongSecret ? randomBytes(24).toString('base64url') : entry.secret;
  return { urls: [entry.coturn.url], secret, ...(ttlSeconds !== undefined ? { ttlSeconds } : {}) };
}

/** A token-url for tests: `/test-token?server=main&peer=alice&expiresInSec=2&failAfter=1&key=k&format=json`. */
async function tokenMiddleware(context, next) {
  if (context.path !== '/test-token') return next();
  const query = context.query;
  const key = String(query.key ?? '');
  const served = tokenCounts.get(key) ?? 0;
  const failAfter = query.failAfter === undefined ? Infinity : Number(query.failAfter);
  context.set('cache-control', 'no-store');
  if (served >= failAfter) {
    context.status = 503;
    context.body = 'token service unavailable';
    return;
  }
  const claims = {
    // Stable per token-url (key): a reconnect with a fresh token is the same participant, as in a real app.
    peerId: `${query.peer ?? 'peer'}-${key.replace(/[^a-z0-9]/gi, '').slice(-10)}`,
    ...(query.expiresInSec ? { expiresInSec: Number(query.expiresInSec) } : {}),
    ...(query.channels ? { channels: String(query.channels).split(',') } : {}),
    ...(query.name ? { peerMetadata: { displayName: String(query.name) } } : {}),
  };
  const { status, body } = await rest(String(query.server ?? 'main'), 'POST', '/v1/tokens', claims);
  if (status !== 200) {
    context.status = 502;
    context.body = `mint failed: ${status}`;
    return;
  }
  tokenCounts.set(key, served + 1);
  if (query.format === 'text') {
    context.type = 'text/plain';
    context.body = body.token;
  } else {
    context.type = 'application/json';
    context.body = JSON.stringify({ token: body.token });
  }
}

export const tokenUrlMiddleware = tokenMiddleware;

/** The wtr plugin: starts the main server with the runner and stops every server with it. */
export function serverPlugin() {
  return {
    name: 'metered-test-servers',
    async serverStart() {
      // Every browser test connects from 127.0.0.1: lift the per-IP limit (default 60 upgrades/min → HTTP 429).
      await start('main', { config: { limits: { connectAttemptsPerMinute: 1_000_000 } } });
    },
    async serverStop() {
      await Promise.all([...servers.values()].map(({ server }) => server.close().catch(() => {})));
      await Promise.all([...coturns.values()].map(({ coturn }) => coturn.stop().catch(() => {})));
    },
    async executeCommand({ command, payload }) {
      const handler = commands[command];
      if (!handler) return undefined;
      return handler(payload ?? {});
    },
  };
}
