/**
 * The local Metered-compatible signalling server: programmatic API.
 *
 * ```ts
 * const server = await startServer({ port: 0, quiet: true });
 * // server.wsUrl → the SDK's `url` option; server.url → the page + REST origin
 * await server.close();
 * ```
 */
import { loadConfigFile, mergeConfig, resolveConfig, type PartialServerConfig, type ServerConfig } from './config.js';
import { quotaAllows, type ServerContext } from './context.js';
import { createHttpServer, isLoopbackHost, listenAll, stopListening } from './http-server.js';
import { Hub } from './hub.js';
import { createLogger, type LogSink } from './log.js';
import { readTlsMaterial } from './tls.js';
import { createWebSocketEndpoint } from './websocket.js';

export {
  DEV_PUBLISHABLE_KEY,
  DEV_SECRET_KEY_ID,
  DEV_SECRET,
  ConfigError,
  isDevMode,
  type Action,
  type PublishableKeyConfig,
  type SecretKeyConfig,
  type LimitsConfig,
  type ServerConfig,
  type PartialServerConfig,
} from './config.js';
export { turnCredentials, type IceServer, type TurnConfig } from './ice-servers.js';
export type { TlsConfig } from './tls.js';

export interface StartServerOptions {
  /** 0 = a free port; default 8080. */
  port?: number;
  /** Default '127.0.0.1' (plus ::1 on the same port, so `localhost` works whichever family a client tries). */
  host?: string;
  /** Merged over the defaults and over `configFile` (`limits` and `turn` field by field). */
  config?: PartialServerConfig;
  /** A JSON file with the same shape as `config`. */
  configFile?: string;
  /** No log lines. */
  quiet?: boolean;
  /** Where structured log lines go (default process.stdout). */
  log?: LogSink;
}

export interface RunningServer {
  /** http://localhost:PORT (https:// with TLS) — the page and REST origin. */
  url: string;
  /** ws://localhost:PORT (wss:// with TLS) — what the SDK's `url` option (and `<metered-room server-url>`) takes. */
  wsUrl: string;
  port: number;
  config: ServerConfig;
  /** Graceful: `going_away {retryAfterMs}` then close 1001 to every client; frees the port. Idempotent. */
  close(): Promise<void>;
}

/** How long clients get to answer the 1001 close before their sockets are cut. */
const SHUTDOWN_GRACE_MS = 1000;

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  let partial: PartialServerConfig = {};
  if (options.configFile) partial = loadConfigFile(options.configFile);
  if (options.config) partial = mergeConfig(partial, options.config);
  partial = mergeConfig(partial, { port: options.port, host: options.host });
  const config = resolveConfig(partial);
  const tls = config.tls ? readTlsMaterial(config.tls) : null;

  const hub = new Hub();
  const context: ServerContext = {
    config,
    hub,
    log: createLogger(options),
    quotaAllows: () => quotaAllows(config, hub),
  };
  const endpoint = createWebSocketEndpoint(context);
  const { port, servers } = await listenAll(createHttpServer(context, endpoint, tls), config.port, config.host);
  const hostForUrl =
    isLoopbackHost(config.host) || config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const authority = hostForUrl.includes(':') ? `[${hostForUrl}]:${port}` : `${hostForUrl}:${port}`;
  const scheme = tls ? 'https' : 'http';
  context.log({ event: 'listening', url: `${scheme}://${authority}` });

  let closing: Promise<void> | null = null;
  return {
    url: `${scheme}://${authority}`,
    wsUrl: `${tls ? 'wss' : 'ws'}://${authority}`,
    port,
    config,
    close() {
      closing ??= (async () => {
        context.log({ event: 'shutdown', connections: hub.connectionCount });
        // Stop accepting first, so nobody connects between the going_away broadcast and the close.
        const stopped = Promise.all(servers.map(stopListening));
        await endpoint.shutdown(SHUTDOWN_GRACE_MS);
        for (const server of servers) server.closeAllConnections();
        await stopped;
      })();
      return closing;
    },
  };
}
