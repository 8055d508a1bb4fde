/**
 * The command line of `metered-elements-server` turned into `startServer` options: flags override the config
 * file key by key (`--stun` replaces `iceServers`, the `--turn-*` flags replace single fields of `turn`). The TURN
 * secret comes from `--turn-secret` or, better, from the environment (`METERED_TURN_SECRET`): argv is visible to
 * every user of the machine.
 */
import { parseArgs } from 'node:util';
import { loadConfigFile, mergeConfig, type PartialServerConfig } from './config.js';
import type { TurnConfig } from './ice-servers.js';
import type { StartServerOptions } from './index.js';

export const TURN_SECRET_ENV = 'METERED_TURN_SECRET';

export const HELP = `Usage: metered-elements-server [options]

Serves the demo page, the built bundle, the WebSocket endpoint /v1 and the REST API /v1/* on one origin.

Options:
  --port <n>             port to listen on (default 8080; 0 picks a free port)
  --host <host>          interface to bind (default 127.0.0.1, plus ::1 on the same port);
                         0.0.0.0 = every IPv4 interface (plus ::1), e.g. for a phone on the same Wi-Fi
  --config <file>        JSON config file: keys, limits, port, host, suspended, staticDirs, iceServers, turn, tls
  --stun <url>           a STUN server for every client (repeatable; replaces the file's iceServers)
  --turn-url <url>       a turn:/turns: URL of your coturn (repeatable); each client gets time-limited
                         credentials (TURN REST API, coturn's use-auth-secret)
  --turn-secret <s>      coturn's static-auth-secret; prefer the ${TURN_SECRET_ENV} environment variable
                         (command lines are visible to other users)
  --turn-ttl <seconds>   lifetime of each TURN credential (default 86400)
  --tls-cert <file>      PEM certificate: serve HTTPS and WSS on the same port (needs --tls-key)
  --tls-key <file>       PEM private key for --tls-cert
  --quiet                no log lines
  --help                 show this help

With no keys configured the server runs in development mode with well-known development keys, printed on start.`;

/** A command-line mistake: exit 2 with the message and the usage text. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CliOptions {
  help: boolean;
  options: StartServerOptions;
  /** Things worth saying on stderr before starting (never containing a secret). */
  warnings: string[];
}

function integerFlag(value: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new UsageError(`${flag} must be an integer between ${min} and ${max}`);
  }
  return number;
}

/** Parses argv (without node and the script) and the environment. Throws UsageError or ConfigError. */
export function parseCliOptions(args: string[], env: NodeJS.ProcessEnv): CliOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        config: { type: 'string' },
        stun: { type: 'string', multiple: true },
        'turn-url': { type: 'string', multiple: true },
        'turn-secret': { type: 'string' },
        'turn-ttl': { type: 'string' },
        'tls-cert': { type: 'string' },
        'tls-key': { type: 'string' },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const warnings: string[] = [];
  if (values.help) return { help: true, options: {}, warnings };

  const port = integerFlag(values.port, '--port', 0, 65535);
  const ttlSeconds = integerFlag(values['turn-ttl'], '--turn-ttl', 1, 10 * 365 * 86400);
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) {
    throw new UsageError('--tls-cert and --tls-key go together');
  }
  if (values['turn-secret'] !== undefined) {
    warnings.push(`--turn-secret is visible to other users in the process list; prefer ${TURN_SECRET_ENV}.`);
  }

  const fromFile: PartialServerConfig = values.config === undefined ? {} : loadConfigFile(values.config);
  const overrides: PartialServerConfig = {};
  if (port !== undefined) overrides.port = port;
  if (values.host !== undefined) overrides.host = values.host;
  if (values.stun) overrides.iceServers = [{ urls: values.stun }];
  if (values['tls-cert'] !== undefined && values['tls-key'] !== undefined) {
    overrides.tls = { certFile: values['tls-cert'], keyFile: values['tls-key'] };
  }
  // The environment's secret applies only where TURN is being configured; a stray variable starts nothing.
  const configuresTurn = values['turn-url'] !== undefined || fromFile.turn !== undefined;
  const secret = values['turn-secret'] ?? (configuresTurn ? env[TURN_SECRET_ENV] : undefined);
  const turn: Partial<TurnConfig> = {
    ...(values['turn-url'] ? { urls: values['turn-url'] } : {}),
    ...(secret !== undefined && secret !== '' ? { secret } : {}),
    ...(ttlSeconds !== undefined ? { ttlSeconds } : {}),
  };
  if (Object.keys(turn).length > 0) overrides.turn = turn;

  return { help: false, options: { config: mergeConfig(fromFile, overrides), quiet: values.quiet }, warnings };
}
