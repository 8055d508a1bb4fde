#!/usr/bin/env node
/**
 * `metered-elements-server`: starts the local signalling server (demo page, bundle, WebSocket and REST on one
 * origin). SIGTERM / SIGINT shut it down gracefully (going_away + close 1001 to every client), then exit 0.
 * Flags are parsed in cli-options.ts; this file prints the banner and handles signals.
 */
import { networkInterfaces } from 'node:os';
import { HELP, parseCliOptions, UsageError } from './cli-options.js';
import {
  DEV_PUBLISHABLE_KEY,
  DEV_SECRET,
  DEV_SECRET_KEY_ID,
  isDevMode,
  startServer,
  type RunningServer,
} from './index.js';

/** Addresses a phone on the same network can type: every non-internal IPv4 address of this machine. */
function lanUrls(server: RunningServer): string[] {
  const scheme = server.config.tls ? 'https' : 'http';
  return Object.values(networkInterfaces())
    .flat()
    .filter((address) => address !== undefined && address.family === 'IPv4' && !address.internal)
    .map((address) => `${scheme}://${address?.address}:${server.port}`);
}

function banner(server: RunningServer): string[] {
  const { config } = server;
  const lines = [`metered-elements server listening on ${server.url}  (WebSocket: ${server.wsUrl}/v1)`];
  const everyInterface = config.host === '0.0.0.0' || config.host === '::';
  if (everyInterface) {
    for (const url of lanUrls(server)) lines.push(`  on your network: ${url}`);
    if (!config.tls) lines.push('  (a phone needs HTTPS for its camera: add --tls-cert and --tls-key)');
  }
  if (config.iceServers !== null || config.turn !== null) {
    const stun = (config.iceServers ?? []).length;
    const turn = config.turn
      ? `TURN ${config.turn.urls.join(' ')} (credentials valid ${config.turn.ttlSeconds} s)`
      : 'no TURN';
    lines.push(`ICE servers for every client: ${stun} static, ${turn}`);
  }
  if (isDevMode(config)) {
    // Well-known development values, safe to print; configured production secrets are never printed.
    lines.push(
      'Development mode (no keys configured):',
      `  publishable key  ${DEV_PUBLISHABLE_KEY}   (all channels, all actions, any origin)`,
      `  secret key id    ${DEV_SECRET_KEY_ID}`,
      `  secret           ${DEV_SECRET}`,
    );
    if (everyInterface || !['127.0.0.1', '::1', 'localhost'].includes(config.host)) {
      lines.push(
        '  These keys are public: anyone who can reach this address can use them. Use --config beyond your LAN.',
      );
    }
  }
  return lines;
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseCliOptions(process.argv.slice(2), process.env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${err.message}\n\n${HELP}\n`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  for (const warning of parsed.warnings) process.stderr.write(`metered-elements-server: ${warning}\n`);
  const server = await startServer(parsed.options);
  process.stdout.write(`${banner(server).join('\n')}\n`);

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
  // ConfigError messages name the field, never a value; system errors (EADDRINUSE, …) hold no secrets.
  const message = err instanceof Error ? `${err.name}: ${err.message}` : 'failed to start';
  process.stderr.write(`metered-elements-server: ${message}\n`);
  process.exit(1);
});
