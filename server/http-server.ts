/**
 * HTTP(S) wiring: one request handler (REST under /v1, static files elsewhere, WebSocket upgrades on /v1) listening
 * on one or two sockets. For a loopback host both 127.0.0.1 and ::1 are bound on the same port, because browsers
 * resolve `localhost` to ::1 first and the page must reach the WebSocket at ws://localhost:PORT without a detour.
 * For 0.0.0.0 (every IPv4 interface, e.g. for a phone on the LAN) ::1 is added for the same reason. With TLS the
 * same handler runs behind HTTPS, and WebSockets become WSS on the same port.
 */
import { createServer as createHttp, type RequestListener, type Server as HttpServer } from 'node:http';
import { createServer as createHttps, type Server as HttpsServer } from 'node:https';
import type { ServerContext } from './context.js';
import type { TlsMaterial } from './tls.js';
import { handleRest } from './rest.js';
import { createStaticHandler } from './static-files.js';
import type { WebSocketEndpoint } from './websocket.js';

export type Server = HttpServer | HttpsServer;

export interface Listening {
  port: number;
  servers: Server[];
}

export function createHttpServer(
  context: ServerContext,
  endpoint: WebSocketEndpoint,
  tls: TlsMaterial | null = null,
): () => Server {
  const serveStatic = createStaticHandler(context.config.staticDirs);
  const handler: RequestListener = (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/v1' || path.startsWith('/v1/')) {
      void handleRest(req, res, context);
    } else {
      serveStatic(req, res);
    }
  };
  return () => {
    const server: Server = tls ? createHttps({ cert: tls.cert, key: tls.key }, handler) : createHttp(handler);
    server.on('upgrade', (req, socket, head) => endpoint.handleUpgrade(req, socket, head));
    server.on('clientError', (_err, socket) => {
      if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    });
    return server;
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Stops accepting connections; the promise settles once every connection on it has ended. */
export function stopListening(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
  });
}

/** Stops listening and cuts idle keep-alive HTTP connections (WebSockets must be closed by then). */
export function closeServer(server: Server): Promise<void> {
  const stopped = stopListening(server);
  server.closeAllConnections();
  return stopped;
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '::1';
}

/**
 * Listens on `host`; a loopback host binds both loopbacks, 0.0.0.0 adds ::1 (see the file comment). Port 0 picks
 * one free port that works for both.
 */
export async function listenAll(makeServer: () => Server, port: number, host: string): Promise<Listening> {
  const v4Host = isLoopbackHost(host) ? '127.0.0.1' : host;
  if (!isLoopbackHost(host) && host !== '0.0.0.0') {
    const server = makeServer();
    return { port: await listen(server, port, host), servers: [server] };
  }
  for (let attempt = 0; ; attempt++) {
    const v4 = makeServer();
    const chosen = await listen(v4, port, v4Host);
    const v6 = makeServer();
    try {
      await listen(v6, chosen, '::1');
      return { port: chosen, servers: [v4, v6] };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // No IPv6 loopback on this machine: IPv4 alone is all a browser can reach anyway.
      if (code === 'EADDRNOTAVAIL' || code === 'EAFNOSUPPORT') return { port: chosen, servers: [v4] };
      await closeServer(v4);
      // A free IPv4 port can be taken on ::1 by someone else; with port 0 just pick another.
      if (port !== 0 || attempt >= 10) throw err;
    }
  }
}
