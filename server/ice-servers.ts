/**
 * ICE servers handed to clients: the static list from the config (e.g. a STUN server) plus, when a TURN server is
 * configured, one entry with time-limited credentials in the TURN REST API scheme that coturn verifies with
 * `use-auth-secret`: username `<unix expiry>:<peerId>`, credential base64(HMAC-SHA1(secret, username)).
 *
 * Validation lives here too, so the rules for one RTCIceServer are written once; its errors name the entry and
 * never echo a username, credential or secret.
 */
import { createHmac } from 'node:crypto';
import { isRecord } from '../src/wire/is-record.js';
import { ConfigError, rejectUnknownKeys } from './config-error.js';

/** The shape of `RTCIceServer` that we accept and send. */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/** `turn` in the config: the TURN server(s) sharing `secret` with coturn's `static-auth-secret`. */
export interface TurnConfig {
  /** `turn:` / `turns:` URLs of one TURN deployment. */
  urls: string[];
  /** coturn's `static-auth-secret`. Never logged, never sent. */
  secret: string;
  /** Lifetime of each credential; default 86400 (one day). */
  ttlSeconds: number;
}

export const DEFAULT_TURN_TTL_SECONDS = 86400;

const ICE_SCHEMES = ['stun:', 'stuns:', 'turn:', 'turns:'];
const TURN_SCHEMES = ['turn:', 'turns:'];
const ICE_SERVER_KEYS = new Set(['urls', 'username', 'credential']);
const TURN_KEYS = new Set(['urls', 'secret', 'ttlSeconds']);

function hasScheme(url: string, schemes: string[]): boolean {
  const lower = url.toLowerCase();
  return schemes.some((scheme) => lower.startsWith(scheme) && lower.length > scheme.length) && !/\s/.test(url);
}

function validateIceServer(value: unknown, where: string): IceServer {
  if (!isRecord(value)) throw new ConfigError(`${where} must be an object {urls, username?, credential?}`);
  rejectUnknownKeys(value, ICE_SERVER_KEYS, where);
  const { urls, username, credential } = value;
  const list = typeof urls === 'string' ? [urls] : urls;
  if (!Array.isArray(list) || list.length === 0) {
    throw new ConfigError(`${where}.urls must be a URL or a non-empty array of URLs`);
  }
  list.forEach((url: unknown, i) => {
    if (typeof url !== 'string' || !hasScheme(url, ICE_SCHEMES)) {
      const which = typeof urls === 'string' ? `${where}.urls` : `${where}.urls[${i}]`;
      throw new ConfigError(`${which} must be a stun:, stuns:, turn: or turns: URL`);
    }
  });
  if (username !== undefined && typeof username !== 'string')
    throw new ConfigError(`${where}.username must be a string`);
  if (credential !== undefined && typeof credential !== 'string') {
    throw new ConfigError(`${where}.credential must be a string`);
  }
  // Browsers refuse the whole RTCPeerConnection (InvalidAccessError) for a TURN URL without both: fail here instead.
  const needsCredentials = (list as string[]).some((url) => hasScheme(url, TURN_SCHEMES));
  if (needsCredentials && (username === undefined || credential === undefined)) {
    throw new ConfigError(`${where} has a turn: URL, so it needs username and credential (or use config.turn)`);
  }
  return {
    urls: typeof urls === 'string' ? urls : [...(list as string[])],
    ...(username !== undefined ? { username } : {}),
    ...(credential !== undefined ? { credential } : {}),
  };
}

/** Validates `config.iceServers`: an array of RTCIceServer-shaped objects with stun/stuns/turn/turns URLs only. */
export function validateIceServers(value: unknown, where = 'config.iceServers'): IceServer[] {
  if (!Array.isArray(value)) throw new ConfigError(`${where} must be an array of {urls, username?, credential?}`);
  return value.map((entry, i) => validateIceServer(entry, `${where}[${i}]`));
}

/** Validates `config.turn`: `{urls: turn:/turns: URLs, secret, ttlSeconds?}`. */
export function validateTurn(value: unknown, where = 'config.turn'): TurnConfig {
  if (!isRecord(value)) throw new ConfigError(`${where} must be an object {urls, secret, ttlSeconds?}`);
  rejectUnknownKeys(value, TURN_KEYS, where);
  const { urls, secret, ttlSeconds = DEFAULT_TURN_TTL_SECONDS } = value;
  if (!Array.isArray(urls) || urls.length === 0) throw new ConfigError(`${where}.urls must be a non-empty array`);
  urls.forEach((url: unknown, i) => {
    if (typeof url !== 'string' || !hasScheme(url, TURN_SCHEMES)) {
      throw new ConfigError(`${where}.urls[${i}] must be a turn: or turns: URL (STUN goes in config.iceServers)`);
    }
  });
  if (typeof secret !== 'string' || secret.length === 0) {
    throw new ConfigError(
      `${where}.secret must be a non-empty string (coturn's static-auth-secret; on the command line METERED_TURN_SECRET or --turn-secret)`,
    );
  }
  if (typeof ttlSeconds !== 'number' || !Number.isInteger(ttlSeconds) || ttlSeconds < 1) {
    throw new ConfigError(`${where}.ttlSeconds must be a positive integer`);
  }
  return { urls: [...(urls as string[])], secret, ttlSeconds };
}

/** One TURN entry with credentials valid until `expiresAt` (unix seconds), for `userId` (a peerId). */
export function turnCredentials(
  turn: TurnConfig,
  userId: string,
  nowMs = Date.now(),
): { iceServer: IceServer; expiresAt: number } {
  const expiresAt = Math.floor(nowMs / 1000) + turn.ttlSeconds;
  const username = `${expiresAt}:${userId}`;
  const credential = createHmac('sha1', turn.secret).update(username).digest('base64');
  return { iceServer: { urls: [...turn.urls], username, credential }, expiresAt };
}

/**
 * What this server hands a client: the static list, plus a fresh TURN entry for `peerId` when TURN is configured.
 * `null` when neither is configured (the client then uses its own default); an explicit `[]` stays `[]`.
 */
export function serverIceServers(
  config: { iceServers: IceServer[] | null; turn: TurnConfig | null },
  peerId: string,
): IceServer[] | null {
  if (config.iceServers === null && config.turn === null) return null;
  const list = (config.iceServers ?? []).map((server) => ({ ...server }));
  if (config.turn) list.push(turnCredentials(config.turn, peerId).iceServer);
  return list;
}

/**
 * The `metadata` a welcome carries: the JWT's own metadata (if any) with our servers appended to its
 * `iceServers`. A JWT `iceServers` that is a single object is treated as a one-entry list; any other non-array
 * value is left exactly as the token's signer wrote it (we do not rewrite what we cannot read).
 */
export function welcomeMetadata(
  tokenMetadata: Record<string, unknown> | undefined,
  ours: IceServer[] | null,
): Record<string, unknown> | undefined {
  if (ours === null) return tokenMetadata;
  if (tokenMetadata === undefined) return { iceServers: ours };
  const theirs = tokenMetadata.iceServers;
  if (theirs === undefined) return { ...tokenMetadata, iceServers: ours };
  if (Array.isArray(theirs)) return { ...tokenMetadata, iceServers: [...theirs, ...ours] };
  if (isRecord(theirs)) return { ...tokenMetadata, iceServers: [theirs, ...ours] };
  return tokenMetadata;
}
