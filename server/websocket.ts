/**
 * The WebSocket endpoint `/v1`: what happens between an HTTP upgrade request and a live `Connection`.
 *
 * Before the upgrade (refused with an HTTP status and a JSON body): wrong path 404, too many attempts from one
 * source IP 429, credential problems 401 (see auth.ts). After the upgrade (close codes the SDK can read):
 * shutting down 1001, suspended 4012, bad signature / unknown kid 4001, expired 4002, over the concurrent cap 4010.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { precheckCredential, verifyToken, type Principal, type TokenVerdict } from './auth.js';
import { Connection } from './connection.js';
import type { ServerContext } from './context.js';
import { AttemptWindow } from './rate-limits.js';
import { describeError } from './log.js';

const STATUS_TEXT: Record<number, string> = { 401: 'Unauthorized', 404: 'Not Found', 429: 'Too Many Requests' };
/**
 * A client that vanished without closing (network gone, laptop lid shut) would otherwise hold its presence and a
 * concurrent-connection slot forever: every interval each socket gets a protocol ping (browsers answer it
 * automatically), and one that has not answered the previous ping is cut.
 */
const HEARTBEAT_INTERVAL_MS = 30_000;

export interface WebSocketEndpoint {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Sends `going_away` + close 1001 to everyone, waits up to `graceMs` for sockets to close, then cuts the rest. */
  shutdown(graceMs: number): Promise<void>;
}

export function createWebSocketEndpoint(
  context: ServerContext,
  { heartbeatIntervalMs = HEARTBEAT_INTERVAL_MS }: { heartbeatIntervalMs?: number } = {},
): WebSocketEndpoint {
  const { config, hub, log } = context;
  // ws enforces the frame cap itself and closes with 1009 when a frame is larger.
  const wss = new WebSocketServer({ noServer: true, maxPayload: config.limits.maxFrameBytes });
  const attempts = new AttemptWindow(config.limits.connectAttemptsPerMinute);
  let nextConnectionId = 1;
  let shuttingDown = false;
  const awaitingPong = new WeakSet<WebSocket>();
  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (awaitingPong.has(ws)) {
        ws.terminate();
        continue;
      }
      awaitingPong.add(ws);
      ws.ping();
    }
  }, heartbeatIntervalMs);
  heartbeat.unref();

  function refuse(socket: Duplex, status: number, error: string, ip: string | undefined): void {
    const body = JSON.stringify({ error });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_TEXT[status]}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
    log({ event: 'upgrade_refused', status, reason: error, ...(ip ? { ip } : {}) });
  }

  function admit(ws: WebSocket, principal: Principal | null, verdict: TokenVerdict | null): void {
    const id = nextConnectionId++;
    ws.on('pong', () => awaitingPong.delete(ws));
    const closeWith = (code: number, reason: string) => {
      log({ event: 'closed_by_server', connection: id, code, reason });
      ws.close(code, reason);
    };
    if (shuttingDown) return closeWith(1001, 'going_away');
    if (config.suspended) return closeWith(4012, 'account_suspended');
    if (verdict && !verdict.ok) return closeWith(verdict.closeCode, verdict.reason);
    const who = principal ?? (verdict?.ok ? verdict.principal : null);
    if (!who) return closeWith(4001, 'invalid_token');
    if (hub.connectionCount >= config.limits.maxConcurrentConnections) return closeWith(4010, 'over_concurrent_limit');
    new Connection(id, ws, who, context).start();
  }

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => {
      /* a client that vanishes mid-handshake is not our problem */
    });
    const ip = req.socket.remoteAddress;
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== '/v1') return refuse(socket, 404, 'not_found', ip);
    if (!attempts.allow(ip ?? 'unknown')) return refuse(socket, 429, 'rate_limited', ip);
    const precheck = precheckCredential(url, req.headers.origin, config);
    if (!precheck.ok) return refuse(socket, precheck.refusal.status, precheck.refusal.error, ip);
    const principal = 'principal' in precheck ? precheck.principal : null;
    const verdict = 'token' in precheck ? await verifyToken(precheck.token, precheck.keyId, config) : null;
    if (socket.destroyed) return;
    wss.handleUpgrade(req, socket, head, (ws) => admit(ws, principal, verdict));
  }

  return {
    handleUpgrade(req, socket, head) {
      handleUpgrade(req, socket, head).catch((err: unknown) => {
        // Not reachable by design (verifyToken reports failures as verdicts); never let it crash the process.
        log({ event: 'error', reason: 'upgrade handler failed', ...describeError(err) });
        if (!socket.destroyed) socket.destroy();
      });
    },
    async shutdown(graceMs) {
      shuttingDown = true;
      clearInterval(heartbeat);
      hub.silent = true;
      for (const member of hub.allMembers()) {
        if (member instanceof Connection) member.goAway(config.goingAwayRetryAfterMs);
      }
      const deadline = Date.now() + graceMs;
      while (wss.clients.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
