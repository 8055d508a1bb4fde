#!/usr/bin/env node
/**
 * `metered-elements-server`: starts the local signalling server (demo page, bundle, WebSocket and REST on one
 * origin). SIGTERM / SIGINT shut it down gracefully (going_away + close 1001 to every client), then exit 0.
 */
import { parseArgs } from 'node:util';
import { DEV_PUBLISHABLE_KEY, DEV_SECRET, DEV_SECRET_KEY_ID, isDevMode, startServer } from './index.js';

const HELP = `Usage: metered-elements-server [options]

Serves the demo page, the built bundle, the WebSocket endpoint /v1 and the REST API /v1/* on one origin.

Options:
  --port <n>       port to listen on (default 8080; 0 picks a free port)
  --host <host>    interface to bind (default 127.0.0.1, plus ::1 on the same port)
  --config <file>  JSON config file: keys, limits, port, host, suspended, staticDirs
  --quiet          no log lines
  --help           show this help

With no keys configured the server runs in development mode with well-known development keys, printed on start.`;

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        config: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${HELP}\n`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  let port: number | undefined;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      process.stderr.write('--port must be an integer between 0 and 65535\n');
      process.exit(2);
    }
  }
  const server = await startServer({
    ...(port !== undefined ? { port } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(values.config !== undefined ? { configFile: values.config } : {}),
    quiet: values.quiet,
  });
  const lines = [`metered-elements server listening on ${server.url}  (WebSocket: ${server.wsUrl}/v1)`];
  if (isDevMode(server.config)) {
    // Well-known development values, safe to print; configured production secrets are never printed.
    lines.push(
      'Development mode (no keys configured):',
      `  publishable key  ${DEV_PUBLISHABLE_KEY}   (all channels, all actions, any origin)`,
      `  secret key id    ${DEV_SECRET_KEY_ID}`,
      `  secret           ${DEV_SECRET}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  const message = err instanceof Error ? `${err.name}: ${err.message}` : 'failed to start';
  process.stderr.write(`metered-elements-server: ${message}\n`);
  process.exit(1);
});
