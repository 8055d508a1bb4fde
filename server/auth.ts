/**
 * Who is connecting: a publishable key (`?key=`) or an HS256 JWT (`?token=`) signed with a secret key.
 *
 * Split in two steps, as the protocol sheet asks:
 * - `precheckCredential` runs before the WebSocket upgrade. A missing credential, an unknown publishable key, a
 *   disallowed Origin, a token that is not a JWT at all, or a JWT without `kid` is refused with HTTP 401.
 * - `verifyToken` checks the signature and claims; its failures are reported after the upgrade as close 4001
 *   (bad signature, unknown kid, any algorithm but HS256, invalid claims) or 4002 (expired).
 * Nothing here ever puts a token or secret into an error message.
 */
import { randomUUID } from 'node:crypto';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { Action, PublishableKeyConfig, SecretKeyConfig, ServerConfig } from './config.js';
import { ALL_ACTIONS } from './config.js';
import { hasControlChars } from './channel-patterns.js';
import { isRecord } from '../src/wire/is-record.js';

export const MAX_PEER_ID_LENGTH = 128;
export const MAX_PEER_METADATA_BYTES = 4096;
export const MAX_METADATA_BYTES = 8192;

/** An authenticated connection's identity and rights. */
export interface Principal {
  kind: 'key' | 'token';
  peerId: string;
  /** The connection may use a channel only when it matches one of EVERY list here (key patterns, JWT claim). */
  channelPatternSets: string[][];
  /** True for JWT principals: subscribing outside the `channels` claim closes the connection with 4003. */
  channelClaimIsBinding: boolean;
  actions: ReadonlySet<Action>;
  /** Unix seconds, or null for publishable keys. */
  expiresAt: number | null;
  /** Private bag returned once in `welcome`. */
  metadata?: Record<string, unknown>;
  /** Public identity stamped on presence / direct / opt-in messages. */
  peerMetadata?: Record<string, unknown>;
}

export type UpgradeRefusal = {
  status: 401;
  error: 'missing_credential' | 'invalid_key' | 'invalid_token' | 'origin_not_allowed';
};

/** Result of the pre-upgrade check: a refusal, a ready principal (pk), or a token still to verify. */
export type Precheck =
  | { ok: false; refusal: UpgradeRefusal }
  | { ok: true; principal: Principal }
  | { ok: true; token: string; keyId: string };

export function precheckCredential(url: URL, origin: string | undefined, config: ServerConfig): Precheck {
  const token = url.searchParams.get('token');
  const key = url.searchParams.get('key');
  if (token !== null && token.length > 0) {
    let kid: unknown;
    try {
      kid = decodeProtectedHeader(token).kid;
    } catch {
      return { ok: false, refusal: { status: 401, error: 'invalid_token' } };
    }
    if (typeof kid !== 'string' || kid.length === 0 || token.split('.').length !== 3) {
      return { ok: false, refusal: { status: 401, error: 'invalid_token' } };
    }
    return { ok: true, token, keyId: kid };
  }
  if (key === null || key.length === 0) return { ok: false, refusal: { status: 401, error: 'missing_credential' } };
  const pk = config.publishableKeys.find((candidate) => candidate.id === key);
  if (!pk) return { ok: false, refusal: { status: 401, error: 'invalid_key' } };
  if (!originAllowed(pk, origin)) return { ok: false, refusal: { status: 401, error: 'origin_not_allowed' } };
  return {
    ok: true,
    principal: {
      kind: 'key',
      peerId: randomUUID(),
      channelPatternSets: [pk.channelPatterns],
      channelClaimIsBinding: false,
      actions: new Set(pk.actions),
      expiresAt: null,
    },
  };
}

function originAllowed(pk: PublishableKeyConfig, origin: string | undefined): boolean {
  if (!pk.allowedOrigins) return true;
  if (origin === undefined) return false;
  const normalized = origin.replace(/\/$/, '').toLowerCase();
  return pk.allowedOrigins.some((allowed) => allowed.replace(/\/$/, '').toLowerCase() === normalized);
}

export type TokenVerdict = { ok: true; principal: Principal } | { ok: false; closeCode: 4001 | 4002; reason: string };

/** Verifies signature (HS256 only) and claims. The close reason is fixed text, never token content. */
export async function verifyToken(token: string, keyId: string, config: ServerConfig): Promise<TokenVerdict> {
  const sk = config.secretKeys.find((candidate) => candidate.id === keyId);
  if (!sk) return { ok: false, closeCode: 4001, reason: 'invalid_token' };
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(sk.secret), {
      algorithms: ['HS256'],
      requiredClaims: ['sub', 'exp'],
    }));
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) return { ok: false, closeCode: 4002, reason: 'token_expired' };
    return { ok: false, closeCode: 4001, reason: 'invalid_token' };
  }
  const principal = principalFromClaims(payload, sk);
  if (!principal) return { ok: false, closeCode: 4001, reason: 'invalid_token' };
  // jose allows the current second; the live-connection timer closes 250 ms early, so refuse tokens inside that.
  if (principal.expiresAt !== null && principal.expiresAt * 1000 - 250 <= Date.now()) {
    return { ok: false, closeCode: 4002, reason: 'token_expired' };
  }
  return { ok: true, principal };
}

/** Printable ASCII, 1..128 characters: the rule for every peerId. */
export function isValidPeerId(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    value.length > 0 &&
    value.length <= MAX_PEER_ID_LENGTH &&
    /^[\x20-\x7e]+$/.test(value) &&
    !hasControlChars(value)
  );
}

/** Serialized size in bytes, or Infinity when it cannot be serialized. */
export function jsonBytes(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
  } catch {
    return Infinity;
  }
}

function principalFromClaims(claims: JWTPayload, sk: SecretKeyConfig): Principal | null {
  if (!isValidPeerId(claims.sub) || typeof claims.exp !== 'number') return null;
  const channels = claims.channels ?? sk.channelPatterns;
  if (!Array.isArray(channels) || !channels.every((c) => typeof c === 'string' && c.length > 0)) return null;
  const permissions = claims.permissions ?? sk.actions;
  if (!Array.isArray(permissions) || !permissions.every((p) => ALL_ACTIONS.includes(p as Action))) return null;
  const { metadata, peerMetadata } = claims;
  if (metadata !== undefined && (!isRecord(metadata) || jsonBytes(metadata) > MAX_METADATA_BYTES)) return null;
  if (peerMetadata !== undefined && (!isRecord(peerMetadata) || jsonBytes(peerMetadata) > MAX_PEER_METADATA_BYTES)) {
    return null;
  }
  // A token cannot grant more than its signing key: actions are intersected, channels must match both lists.
  const keyActions = new Set(sk.actions);
  return {
    kind: 'token',
    peerId: claims.sub,
    channelPatternSets: [sk.channelPatterns, channels as string[]],
    channelClaimIsBinding: true,
    actions: new Set((permissions as Action[]).filter((action) => keyActions.has(action))),
    expiresAt: claims.exp,
    ...(metadata !== undefined ? { metadata: metadata as Record<string, unknown> } : {}),
    ...(peerMetadata !== undefined ? { peerMetadata: peerMetadata as Record<string, unknown> } : {}),
  };
}
