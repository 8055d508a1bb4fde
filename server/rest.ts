/**
 * The REST control plane under `/v1`, authenticated with `Authorization: Bearer <sk id>:<sk secret>`.
 * Every kind of bad credential gets the same 401, so a caller cannot probe which part was wrong.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SignJWT } from 'jose';
import { ALL_ACTIONS, type Action, type SecretKeyConfig } from './config.js';
import type { ServerContext } from './context.js';
import { channelProblem, matchesAny, patternCoveredBy } from './channel-patterns.js';
import { isValidPeerId, jsonBytes, MAX_METADATA_BYTES, MAX_PEER_METADATA_BYTES } from './auth.js';
import { HttpError, readJsonObject, sendError, sendJson } from './http-json.js';
import { turnCredentials, type IceServer } from './ice-servers.js';
import { describeError } from './log.js';

const DEFAULT_EXPIRES_IN_SEC = 3600;
const MAX_EXPIRES_IN_SEC = 86400;

/** Handles a `/v1/...` request. */
export async function handleRest(req: IncomingMessage, res: ServerResponse, context: ServerContext): Promise<void> {
  try {
    const key = authenticate(req, context.config.secretKeys);
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const parts = path.split('/').slice(2); // ['', 'v1', ...rest]
    const method = req.method ?? 'GET';
    if (method === 'POST' && path === '/v1/tokens') return sendJson(res, 200, await mintToken(req, key));
    if (method === 'GET' && path === '/v1/usage') return sendJson(res, 200, usage(context));
    if (method === 'GET' && path === '/v1/turn-credentials') {
      return sendJson(res, 200, turnCredentialsFor(url.searchParams.get('peerId'), context));
    }
    if (parts[0] === 'channels' && parts.length === 3) {
      const channel = channelFromPath(parts[1], key);
      if (method === 'GET' && parts[2] === 'peers') {
        requireAction(key, 'presence');
        return sendJson(res, 200, { channel, peers: context.hub.peersIn(channel) });
      }
      if (method === 'POST' && parts[2] === 'publish') {
        requireAction(key, 'publish');
        return sendJson(res, 200, await publish(req, channel, context));
      }
    }
    if (method === 'DELETE' && parts[0] === 'peers' && parts.length === 2) {
      const peerId = decodePathPart(parts[1]);
      if (!isValidPeerId(peerId)) throw new HttpError(400, 'invalid_request', 'peerId must be 1-128 printable ASCII');
      const connections = context.hub.connectionsOf(peerId);
      for (const connection of connections) connection.close(4020, 'admin_disconnect');
      context.log({ event: 'kick', peerId, connections: connections.length });
      return sendJson(res, 200, { peerId, closed: connections.length });
    }
    throw new HttpError(404, 'not_found', 'no such endpoint');
  } catch (err) {
    if (err instanceof HttpError) return sendError(res, err);
    context.log({ event: 'error', reason: 'rest handler failed', ...describeError(err) });
    sendError(res, new HttpError(503, 'internal_error', 'internal error'));
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

function authenticate(req: IncomingMessage, keys: SecretKeyConfig[]): SecretKeyConfig {
  const unauthorized = new HttpError(401, 'unauthorized', 'send "Authorization: Bearer <secret key id>:<secret>"');
  const header = req.headers.authorization ?? '';
  const match = /^Bearer ([^:\s]+):(\S+)$/.exec(header);
  if (!match) throw unauthorized;
  const key = keys.find((candidate) => candidate.id === match[1]);
  // Compare digests so the comparison takes the same time whatever the lengths.
  if (!key || !timingSafeEqual(digest(key.secret), digest(match[2]))) throw unauthorized;
  return key;
}

function requireAction(key: SecretKeyConfig, action: Action): void {
  if (!key.actions.includes(action)) {
    throw new HttpError(403, 'action_not_permitted', `this key does not permit ${action}`);
  }
}

function decodePathPart(part: string | undefined): string {
  try {
    return decodeURIComponent(part ?? '');
  } catch {
    throw new HttpError(400, 'invalid_request', 'path segment is not valid URL encoding');
  }
}

function channelFromPath(part: string | undefined, key: SecretKeyConfig): string {
  const channel = decodePathPart(part);
  const problem = channelProblem(channel);
  if (problem === 'channel_reserved') throw new HttpError(400, 'channel_reserved', 'this channel prefix is reserved');
  if (problem) throw new HttpError(400, 'invalid_request', 'invalid channel name');
  if (!matchesAny(channel, key.channelPatterns)) {
    throw new HttpError(403, 'channel_not_authorized', 'this key does not permit that channel');
  }
  return channel;
}

function optionalObject(
  body: Record<string, unknown>,
  field: string,
  maxBytes: number,
): Record<string, unknown> | undefined {
  const value = body[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError(400, 'invalid_request', `${field} must be an object`);
  }
  if (jsonBytes(value) > maxBytes)
    throw new HttpError(400, 'invalid_request', `${field} is larger than ${maxBytes} bytes`);
  return value as Record<string, unknown>;
}

async function mintToken(req: IncomingMessage, key: SecretKeyConfig): Promise<{ token: string; expiresAt: number }> {
  const body = await readJsonObject(req);
  if (!isValidPeerId(body.peerId)) throw new HttpError(400, 'invalid_request', 'peerId must be 1-128 printable ASCII');
  const claims: Record<string, unknown> = {};
  if (body.channels !== undefined) {
    const channels = body.channels;
    if (!Array.isArray(channels) || !channels.every((c) => typeof c === 'string' && c.length > 0 && c.length <= 256)) {
      throw new HttpError(400, 'invalid_request', 'channels must be an array of channel names or patterns');
    }
    if (!channels.every((c: string) => patternCoveredBy(c, key.channelPatterns))) {
      throw new HttpError(403, 'channel_not_authorized', "channels must stay inside this key's channel patterns");
    }
    claims.channels = channels;
  }
  if (body.permissions !== undefined) {
    const permissions = body.permissions;
    if (!Array.isArray(permissions) || !permissions.every((p) => ALL_ACTIONS.includes(p as Action))) {
      throw new HttpError(400, 'invalid_request', `permissions must be an array of ${ALL_ACTIONS.join(' / ')}`);
    }
    if (!permissions.every((p: Action) => key.actions.includes(p))) {
      throw new HttpError(403, 'action_not_permitted', "permissions must stay inside this key's actions");
    }
    claims.permissions = permissions;
  }
  const expiresInSec = body.expiresInSec ?? DEFAULT_EXPIRES_IN_SEC;
  if (
    typeof expiresInSec !== 'number' ||
    !Number.isInteger(expiresInSec) ||
    expiresInSec < 1 ||
    expiresInSec > MAX_EXPIRES_IN_SEC
  ) {
    throw new HttpError(400, 'invalid_request', `expiresInSec must be an integer from 1 to ${MAX_EXPIRES_IN_SEC}`);
  }
  const metadata = optionalObject(body, 'metadata', MAX_METADATA_BYTES);
  const peerMetadata = optionalObject(body, 'peerMetadata', MAX_PEER_METADATA_BYTES);
  if (metadata) claims.metadata = metadata;
  if (peerMetadata) claims.peerMetadata = peerMetadata;
  const expiresAt = Math.floor(Date.now() / 1000) + expiresInSec;
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', kid: key.id, typ: 'JWT' })
    .setSubject(body.peerId)
    .setIssuedAt()
    .setExpirationTime(expiresAt)
    .sign(new TextEncoder().encode(key.secret));
  return { token, expiresAt };
}

async function publish(req: IncomingMessage, channel: string, context: ServerContext) {
  const body = await readJsonObject(req);
  if (!('data' in body) || body.data === undefined) throw new HttpError(400, 'invalid_request', 'data is required');
  if (body.from !== undefined && !isValidPeerId(body.from)) {
    throw new HttpError(400, 'invalid_request', 'from must be 1-128 printable ASCII');
  }
  const peerMetadata = optionalObject(body, 'peerMetadata', MAX_PEER_METADATA_BYTES);
  if (!context.quotaAllows())
    throw new HttpError(429, 'over_message_quota', 'the message quota for this period is spent');
  const from = (body.from as string | undefined) ?? 'server';
  const delivered = context.hub.publish(channel, from, peerMetadata, body.data, null);
  return { channel, delivered };
}

function usage(context: ServerContext) {
  const { config, hub } = context;
  const quota = config.limits.messageQuota;
  const used = hub.totals.published + hub.totals.sent;
  return {
    connections: { current: hub.connectionCount, max: config.limits.maxConcurrentConnections },
    messages: { ...hub.totals, quota, remaining: quota === null ? null : Math.max(0, quota - used) },
    limits: { ...config.limits },
    suspended: config.suspended,
  };
}

/**
 * `GET /v1/turn-credentials?peerId=`: the static ICE servers plus fresh TURN credentials, for apps that mint their
 * own tokens (put them in the JWT's `metadata.iceServers`) or serve them to the room as an ice-servers URL.
 */
function turnCredentialsFor(
  peerId: string | null,
  context: ServerContext,
): { iceServers: IceServer[]; expiresAt: number } {
  const { turn, iceServers } = context.config;
  if (!turn) {
    throw new HttpError(
      404,
      'turn_not_configured',
      'this server has no TURN server configured (config.turn, --turn-url)',
    );
  }
  if (peerId !== null && !isValidPeerId(peerId)) {
    throw new HttpError(400, 'invalid_request', 'peerId must be 1-128 printable ASCII');
  }
  // Without a peerId the credential still gets a unique user part, so coturn's per-user quotas and logs tell apart.
  const { iceServer, expiresAt } = turnCredentials(turn, peerId ?? randomUUID());
  return { iceServers: [...(iceServers ?? []), iceServer], expiresAt };
}
