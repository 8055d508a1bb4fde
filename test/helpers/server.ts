/**
 * Browser side of the test servers (see wtr-server-plugin.mjs): the main server started with the runner, extra
 * servers with their own configuration, REST calls signed on the Node side, and token minting.
 */
import { executeServerCommand } from '@web/test-runner-commands';

export interface TestServer {
  id: string;
  /** http://localhost:PORT (page + REST origin of the signalling server). */
  url: string;
  /** ws://localhost:PORT — the room's `server-url`. */
  wsUrl: string;
  port: number;
  /** The dev publishable key (every channel, every action). */
  publishableKey: string;
}

export interface RestAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export function mainServer(): Promise<TestServer> {
  return executeServerCommand<TestServer, { id: string }>('server-info', { id: 'main' });
}

/** A real coturn on 127.0.0.1 (Debian's `turnserver`), run by the test runner; its secret stays in Node. */
export interface TestCoturn {
  id: string;
  /** turn:127.0.0.1:PORT */
  url: string;
}

/** Where a test server's `turn` config comes from: a test coturn, with its secret or (`wrongSecret`) another. */
export interface TurnFrom {
  coturn: TestCoturn;
  wrongSecret?: boolean;
  ttlSeconds?: number;
}

/**
 * Starts a server with its own configuration (keys, limits, `suspended`, `iceServers`, …), and with `turnFrom`
 * a `turn` config pointing at a test coturn. Stop it with `stopServer`.
 */
export function startServer(config: Record<string, unknown> = {}, turnFrom?: TurnFrom): Promise<TestServer> {
  return executeServerCommand('server-start', {
    config,
    ...(turnFrom ? { turnFrom: { ...turnFrom, coturn: turnFrom.coturn.id } } : {}),
  });
}

export function startCoturn(): Promise<TestCoturn> {
  return executeServerCommand('coturn-start', {});
}

export function stopCoturn(coturn: TestCoturn): Promise<boolean> {
  return executeServerCommand('coturn-stop', { id: coturn.id });
}

export function stopServer(server: TestServer): Promise<boolean> {
  return executeServerCommand('server-stop', { id: server.id });
}

/** Starts a stopped server again on the same port. */
export function restartServer(server: TestServer): Promise<TestServer> {
  return executeServerCommand('server-restart', { id: server.id });
}

export function rest<T = Record<string, unknown>>(
  server: TestServer,
  method: string,
  path: string,
  body?: unknown,
): Promise<RestAnswer<T>> {
  return executeServerCommand('server-rest', { id: server.id, method, path, body });
}

/** Live WebSocket connections the server counts right now (`GET /v1/usage`). */
export async function liveConnections(server: TestServer): Promise<number> {
  const answer = await rest<{ connections: { current: number } }>(server, 'GET', '/v1/usage');
  return answer.body.connections.current;
}

export interface TokenClaims {
  peerId: string;
  channels?: string[];
  permissions?: string[];
  expiresInSec?: number;
  peerMetadata?: Record<string, unknown>;
  /** The token's `metadata` claim, which the server puts in its welcome (e.g. `iceServers`). */
  metadata?: Record<string, unknown>;
  /** Sign with a secret the server does not know (the right kid): the server closes with 4001. */
  wrongSecret?: boolean;
}

export function mintToken(server: TestServer, claims: TokenClaims): Promise<string> {
  return executeServerCommand('mint-token', { id: server.id, ...claims });
}

/**
 * A token-url served by the test runner: every fetch mints a fresh token (the same peerId each time). After
 * `failAfter` successful answers it answers 503 (a token service that broke).
 */
export function tokenUrl(
  server: TestServer,
  options: { peer?: string; expiresInSec?: number; failAfter?: number; name?: string; channels?: string[]; format?: 'json' | 'text' } = {},
): string {
  const params = new URLSearchParams({ server: server.id, key: `${Date.now()}-${Math.random()}` });
  for (const [name, value] of Object.entries(options)) {
    if (value !== undefined) params.set(name, Array.isArray(value) ? value.join(',') : String(value));
  }
  return `/test-token?${params}`;
}
