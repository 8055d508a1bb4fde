/**
 * Server configuration: the shape, the defaults, loading a JSON file, and validation with errors that name the
 * offending field. Development mode (no keys configured) installs well-known dev keys so the product runs with no
 * account and no setup.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { isRecord } from '../src/wire/is-record.js';
import { ConfigError, rejectUnknownKeys } from './config-error.js';
import { validateIceServers, validateTurn, type IceServer, type TurnConfig } from './ice-servers.js';
import { validateTls, type TlsConfig } from './tls.js';

export { ConfigError } from './config-error.js';

/** Development publishable key: every channel (`**`), every action, any origin. Installed only in dev mode. */
export const DEV_PUBLISHABLE_KEY = 'pk_dev_local';
/** Development secret key id (goes in the JWT `kid` header). Installed only in dev mode. */
export const DEV_SECRET_KEY_ID = 'sk_id_dev_local';
/** Development signing secret. A well-known value: it protects nothing and is printed by the CLI. */
export const DEV_SECRET = 'sk_secret_dev_local';

export type Action = 'subscribe' | 'publish' | 'presence' | 'send';
export const ALL_ACTIONS: readonly Action[] = ['subscribe', 'publish', 'presence', 'send'];

export interface PublishableKeyConfig {
  id: string;
  channelPatterns: string[];
  actions: Action[];
  allowedOrigins?: string[];
}
export interface SecretKeyConfig {
  id: string;
  secret: string;
  channelPatterns: string[];
  actions: Action[];
}
export interface LimitsConfig {
  /** Default 1000; the next connection is closed with 4010. */
  maxConcurrentConnections: number;
  /** Default 65536; a larger inbound frame closes the connection with 1009. */
  maxFrameBytes: number;
  /** Default 100; the next subscribe gets `channel_limit_exceeded`. */
  maxChannelsPerConnection: number;
  /** Default 100 frames/s sustained per connection; an empty bucket closes with 4011. */
  messagesPerSecond: number;
  /** Default 200: the bucket size. */
  messageBurst: number;
  /** Default 60 per source IP per minute; more get HTTP 429 at upgrade. */
  connectAttemptsPerMinute: number;
  /** publish + send frames allowed for the server's lifetime (the local "period"); null = unlimited. */
  messageQuota: number | null;
}
export interface ServerConfig {
  port: number;
  host: string;
  publishableKeys: PublishableKeyConfig[];
  secretKeys: SecretKeyConfig[];
  limits: LimitsConfig;
  /** Customer kill switch: every connection is closed with 4012 right after the upgrade. */
  suspended: boolean;
  /** Directories served as static files; longest prefix wins. */
  staticDirs: { urlPrefix: string; dir: string }[];
  /** The hint sent in `going_away` before a graceful shutdown. */
  goingAwayRetryAfterMs: number;
  /** Static ICE servers for every welcome; null = not configured (no `iceServers` sent unless `turn` is set). */
  iceServers: IceServer[] | null;
  /** TURN with REST-API credentials (coturn `use-auth-secret`); null = none. */
  turn: TurnConfig | null;
  /** HTTPS + WSS on the same port; null = plain HTTP + WS. */
  tls: TlsConfig | null;
}

/** What callers may pass: any subset, with `limits` and `turn` themselves partial (completed by validation). */
export type PartialServerConfig = Partial<Omit<ServerConfig, 'limits' | 'turn' | 'iceServers' | 'tls'>> & {
  limits?: Partial<LimitsConfig>;
  turn?: Partial<TurnConfig>;
  iceServers?: IceServer[];
  tls?: TlsConfig;
};

const TOP_LEVEL_KEYS: (keyof ServerConfig)[] = [
  'port',
  'host',
  'publishableKeys',
  'secretKeys',
  'limits',
  'suspended',
  'staticDirs',
  'goingAwayRetryAfterMs',
  'iceServers',
  'turn',
  'tls',
];

export const DEFAULT_LIMITS: LimitsConfig = {
  maxConcurrentConnections: 1000,
  maxFrameBytes: 65536,
  maxChannelsPerConnection: 100,
  messagesPerSecond: 100,
  messageBurst: 200,
  connectAttemptsPerMinute: 60,
  messageQuota: null,
};

/**
 * The root of the `metered-elements` package, which holds the demo page (demo/) and the built bundle (dist/).
 * In this repository it is the folder above server/ (whether the server runs from server/*.ts or
 * server/dist/server/*.js); where metered-elements-server is installed from npm, it is the `metered-elements`
 * package installed beside it. The server package itself (server/package.json) holds neither.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (isElementsPackage(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  try {
    return dirname(createRequire(import.meta.url).resolve('metered-elements/package.json'));
  } catch {
    throw new ConfigError(
      'cannot find the metered-elements package (it holds the demo page and the bundle): install it next to ' +
        'metered-elements-server, or configure staticDirs (an empty array serves no files)',
    );
  }
}

function isElementsPackage(path: string): boolean {
  if (!existsSync(path)) return false;
  try {
    const manifest: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return isRecord(manifest) && manifest.name === 'metered-elements';
  } catch {
    return false;
  }
}

function defaultStaticDirs(): ServerConfig['staticDirs'] {
  const root = packageRoot();
  return [
    { urlPrefix: '/', dir: join(root, 'demo') },
    { urlPrefix: '/dist', dir: join(root, 'dist') },
  ];
}

/** Reads a JSON config file; errors name the file but never include its contents. */
export function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config file ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ConfigError(`config file ${path} is not valid JSON`);
  }
}

/** Reads a config file that must hold one JSON object (errors name the file, never its contents). */
export function loadConfigFile(path: string): PartialServerConfig {
  const fromFile = readConfigFile(path);
  if (!isRecord(fromFile)) throw new ConfigError(`config file ${path} must hold a JSON object`);
  return fromFile as PartialServerConfig;
}

/** Merges `overrides` over `base` (`limits` and `turn` merged one level deeper), ignoring undefined fields. */
export function mergeConfig(base: PartialServerConfig, overrides: PartialServerConfig): PartialServerConfig {
  const merged: PartialServerConfig = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined || key === 'limits' || key === 'turn') continue;
    (merged as Record<string, unknown>)[key] = value;
  }
  if (overrides.limits) merged.limits = { ...(base.limits ?? {}), ...overrides.limits };
  if (overrides.turn) merged.turn = { ...(base.turn ?? {}), ...definedFields(overrides.turn) };
  return merged;
}

function definedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as Partial<T>;
}

/** Validates a partial config (from a file and/or code) and completes it with defaults. */
export function resolveConfig(input: unknown): ServerConfig {
  if (!isRecord(input)) throw new ConfigError('config must be a JSON object');
  rejectUnknownKeys(input, TOP_LEVEL_KEYS, 'config');
  const limitsInput = input.limits === undefined ? {} : input.limits;
  if (!isRecord(limitsInput)) throw new ConfigError('config.limits must be an object');
  const limits: LimitsConfig = { ...DEFAULT_LIMITS };
  for (const name of Object.keys(limitsInput)) {
    if (!(name in DEFAULT_LIMITS)) throw new ConfigError(`config.limits.${name} is not a known limit`);
  }
  for (const name of Object.keys(DEFAULT_LIMITS) as (keyof LimitsConfig)[]) {
    const value = limitsInput[name];
    if (value === undefined) continue;
    if (name === 'messageQuota' && value === null) {
      limits.messageQuota = null;
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new ConfigError(`config.limits.${name} must be a non-negative number`);
    }
    limits[name] = value;
  }
  if (limits.maxFrameBytes < 1024) throw new ConfigError('config.limits.maxFrameBytes must be at least 1024');

  const publishableKeys = input.publishableKeys === undefined ? [] : input.publishableKeys;
  const secretKeys = input.secretKeys === undefined ? [] : input.secretKeys;
  if (!Array.isArray(publishableKeys)) throw new ConfigError('config.publishableKeys must be an array');
  if (!Array.isArray(secretKeys)) throw new ConfigError('config.secretKeys must be an array');
  const pks = publishableKeys.map((key, i) => validatePublishableKey(key, `config.publishableKeys[${i}]`));
  const sks = secretKeys.map((key, i) => validateSecretKey(key, `config.secretKeys[${i}]`));
  const ids = new Set<string>();
  for (const { id } of [...pks, ...sks]) {
    if (ids.has(id)) throw new ConfigError('config has two keys with the same id');
    ids.add(id);
  }
  const devMode = pks.length === 0 && sks.length === 0;
  if (devMode) {
    pks.push({ id: DEV_PUBLISHABLE_KEY, channelPatterns: ['**'], actions: [...ALL_ACTIONS] });
    sks.push({ id: DEV_SECRET_KEY_ID, secret: DEV_SECRET, channelPatterns: ['**'], actions: [...ALL_ACTIONS] });
  }

  const port = input.port ?? 8080;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError('config.port must be an integer between 0 and 65535');
  }
  const host = input.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host.length === 0) throw new ConfigError('config.host must be a non-empty string');
  const suspended = input.suspended ?? false;
  if (typeof suspended !== 'boolean') throw new ConfigError('config.suspended must be true or false');
  const retry = input.goingAwayRetryAfterMs ?? 1000;
  if (typeof retry !== 'number' || !Number.isFinite(retry) || retry <= 0) {
    throw new ConfigError('config.goingAwayRetryAfterMs must be a positive number');
  }
  return {
    port,
    host,
    publishableKeys: pks,
    secretKeys: sks,
    limits,
    suspended,
    staticDirs: input.staticDirs === undefined ? defaultStaticDirs() : validateStaticDirs(input.staticDirs),
    goingAwayRetryAfterMs: retry,
    iceServers: input.iceServers === undefined ? null : validateIceServers(input.iceServers),
    turn: input.turn === undefined ? null : validateTurn(input.turn),
    tls: input.tls === undefined ? null : validateTls(input.tls),
  };
}

/** True when the resolved config is running on the built-in development keys. */
export function isDevMode(config: ServerConfig): boolean {
  return config.secretKeys.some((key) => key.id === DEV_SECRET_KEY_ID && key.secret === DEV_SECRET);
}

function validateCommon(
  value: unknown,
  where: string,
  knownKeys: string[],
): { id: string; channelPatterns: string[]; actions: Action[] } {
  if (!isRecord(value)) throw new ConfigError(`${where} must be an object`);
  rejectUnknownKeys(value, knownKeys, where);
  if (typeof value.id !== 'string' || value.id.length === 0) throw new ConfigError(`${where}.id must be a string`);
  const patterns = value.channelPatterns;
  if (!Array.isArray(patterns) || !patterns.every((p) => typeof p === 'string' && p.length > 0)) {
    throw new ConfigError(`${where}.channelPatterns must be an array of non-empty strings`);
  }
  const actions = value.actions;
  if (!Array.isArray(actions) || !actions.every((a): a is Action => ALL_ACTIONS.includes(a as Action))) {
    throw new ConfigError(`${where}.actions must be an array of ${ALL_ACTIONS.join(' / ')}`);
  }
  return { id: value.id, channelPatterns: patterns as string[], actions };
}

function validatePublishableKey(value: unknown, where: string): PublishableKeyConfig {
  const common = validateCommon(value, where, ['id', 'channelPatterns', 'actions', 'allowedOrigins']);
  const origins = (value as Record<string, unknown>).allowedOrigins;
  if (origins === undefined) return common;
  if (!Array.isArray(origins) || !origins.every((o) => typeof o === 'string')) {
    throw new ConfigError(`${where}.allowedOrigins must be an array of origin strings`);
  }
  return { ...common, allowedOrigins: origins as string[] };
}

function validateSecretKey(value: unknown, where: string): SecretKeyConfig {
  const common = validateCommon(value, where, ['id', 'secret', 'channelPatterns', 'actions']);
  const secret = (value as Record<string, unknown>).secret;
  // HS256 with a short secret is guessable; the message never includes the secret itself.
  if (typeof secret !== 'string' || secret.length < 16) {
    throw new ConfigError(`${where}.secret must be a string of at least 16 characters`);
  }
  return { ...common, secret };
}

function validateStaticDirs(value: unknown): ServerConfig['staticDirs'] {
  if (!Array.isArray(value)) throw new ConfigError('config.staticDirs must be an array');
  return value.map((entry, i) => {
    if (!isRecord(entry) || typeof entry.urlPrefix !== 'string' || typeof entry.dir !== 'string') {
      throw new ConfigError(`config.staticDirs[${i}] must be {urlPrefix: string, dir: string}`);
    }
    rejectUnknownKeys(entry, ['urlPrefix', 'dir'], `config.staticDirs[${i}]`);
    if (!entry.urlPrefix.startsWith('/')) throw new ConfigError(`config.staticDirs[${i}].urlPrefix must start with /`);
    return { urlPrefix: entry.urlPrefix, dir: entry.dir };
  });
}
