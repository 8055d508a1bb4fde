/**
 * ICE server lists: which entries the room accepts, and how the lists from its three sources (the `iceServers`
 * property, the `ice-servers-url` answer and the server's welcome `metadata.iceServers`) become the one list an
 * RTCPeerConnection gets. Pure functions, no I/O (the URL is fetched by ice-servers-url.ts).
 *
 * Why a default: the SDK has no ICE servers of its own, so a plain `api-key` room behind two home routers could
 * only ever try host candidates, which never cross a NAT. A public STUN server finds each side's public address,
 * enough for ordinary (cone-like) home routers. Metered runs one for exactly this purpose.
 */
import { isRecord } from '../wire/is-record.js';

/** Used only when no source configured anything. An explicit empty list from any source turns it off. */
export const DEFAULT_ICE_SERVERS: readonly RTCIceServer[] = Object.freeze([{ urls: 'stun:stun.relay.metered.ca:80' }]);

/** The four ICE URL schemes (RFC 7064/7065). Anything else could not work and may be a page bug or an injection. */
const ICE_SCHEME = /^(stuns?|turns?):/i;
/** The SDK's own caps for welcome lists (index.mjs, extractIceServersFromMetadata), applied to ours too. */
const MAX_ENTRIES = 16;
const MAX_URL_LENGTH = 512;
const MAX_SECRET_LENGTH = 1024;

/** A dropped entry or URL. `scheme` only, never the URL itself: a URL may carry credentials in its query. */
export interface RejectedIceUrl {
  /** The URL's scheme as written (lower case, at most 16 characters), or '' when it had none or was no string. */
  readonly scheme: string;
}

export interface CheckedIceServers {
  readonly accepted: RTCIceServer[];
  readonly rejected: RejectedIceUrl[];
}

function schemeOf(url: unknown): string {
  if (typeof url !== 'string') return '';
  const match = /^([a-z][a-z0-9+.-]{0,15}):/i.exec(url);
  return match ? match[1]!.toLowerCase() : '';
}

function acceptableUrl(url: unknown): url is string {
  return typeof url === 'string' && url.length <= MAX_URL_LENGTH && ICE_SCHEME.test(url);
}

function optionalSecret(value: unknown): value is string | undefined {
  return value === undefined || (typeof value === 'string' && value.length <= MAX_SECRET_LENGTH);
}

/**
 * Keeps the entries and URLs an RTCPeerConnection can use; lists the rest. A TURN URL without a username and a
 * credential is dropped too: RTCPeerConnection would throw on the whole configuration for it.
 */
export function checkIceServers(list: unknown): CheckedIceServers {
  const accepted: RTCIceServer[] = [];
  const rejected: RejectedIceUrl[] = [];
  const entries: unknown[] = Array.isArray(list) ? list : [list];
  for (const entry of entries) {
    if (!isRecord(entry)) {
      rejected.push({ scheme: '' });
      continue;
    }
    const { urls, username, credential } = entry;
    if (!optionalSecret(username) || !optionalSecret(credential)) {
      rejected.push({ scheme: '' });
      continue;
    }
    const all: unknown[] = Array.isArray(urls) ? urls : [urls];
    const hasCredentials = typeof username === 'string' && typeof credential === 'string';
    const kept: string[] = [];
    for (const url of all) {
      const usable = acceptableUrl(url) && (hasCredentials || /^stuns?:/i.test(url));
      if (usable) kept.push(url);
      else rejected.push({ scheme: schemeOf(url) });
    }
    if (kept.length === 0) continue;
    if (accepted.length >= MAX_ENTRIES) {
      rejected.push(...kept.map((url) => ({ scheme: schemeOf(url) })));
      continue;
    }
    accepted.push({
      urls: kept.length === 1 ? kept[0]! : kept,
      ...(hasCredentials ? { username: username as string, credential: credential as string } : {}),
    });
  }
  return { accepted, rejected };
}

/** What each source says: `undefined` = this source configured nothing (so the default may apply). */
export interface IceServerSources {
  readonly property: readonly RTCIceServer[] | undefined;
  readonly fromUrl: readonly RTCIceServer[] | undefined;
  readonly welcome: readonly RTCIceServer[] | undefined;
}

/** The room's own servers first, then the welcome's (kept, not replaced); the default when nobody said anything. */
export function mergeIceServers(sources: IceServerSources): RTCIceServer[] {
  const { property, fromUrl, welcome } = sources;
  if (property === undefined && fromUrl === undefined && welcome === undefined) return [...DEFAULT_ICE_SERVERS];
  return [...(property ?? []), ...(fromUrl ?? []), ...(welcome ?? [])];
}

/** `ice-transport-policy`: `all` (default; also for an absent or empty attribute) or `relay`. Null otherwise. */
export function parseIceTransportPolicy(value: string | null | undefined): RTCIceTransportPolicy | null {
  const policy = (value ?? '').trim().toLowerCase();
  if (policy === '' || policy === 'all') return 'all';
  if (policy === 'relay') return 'relay';
  return null;
}
