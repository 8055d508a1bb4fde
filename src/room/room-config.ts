/**
 * The room's configuration, checked before a `MeteredPeer` is built: the SDK throws a bare TypeError on a bad URL
 * and the server answers a bad channel only after a round trip, while a page author deserves to hear at once which
 * attribute is wrong (`invalid_config` with `attribute`).
 */
import type { TokenProvider } from '@metered-ca/realtime';
import { channelProblem } from '../wire/channels.js';

export type MediaKind = 'audio' | 'video';

export interface RoomConfig {
  channel: string;
  apiKey: string;
  tokenUrl: string;
  tokenProvider: TokenProvider | undefined;
  serverUrl: string;
  media: string;
}

export type Credential = { apiKey: string } | { tokenProvider: TokenProvider; fromUrl: string | null };

export interface ValidConfig {
  channel: string;
  credential: Credential;
  /** Absent: the SDK's hosted default. */
  serverUrl: string | undefined;
  media: ReadonlySet<MediaKind>;
}

export type ConfigCheck = { ok: true; config: ValidConfig } | { ok: false; attribute: string };

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** True when the room has enough to try a join: a channel and some credential. */
export function hasEnoughConfig(config: RoomConfig): boolean {
  return config.channel !== '' && (config.apiKey !== '' || config.tokenUrl !== '' || config.tokenProvider !== undefined);
}

/** The attribute a room needs before it can try a join — `channel`, else `api-key` (any credential) — or null. */
export function missingConfig(config: RoomConfig): 'channel' | 'api-key' | null {
  if (config.channel === '') return 'channel';
  return hasEnoughConfig(config) ? null : 'api-key';
}

/** Parses `media`: "audio video" (default), "audio", "video", or "none". Null when it is none of these. */
export function parseMedia(value: string): Set<MediaKind> | null {
  const words = value.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 1 && words[0] === 'none') return new Set();
  if (words.length === 0 || !words.every((word) => word === 'audio' || word === 'video')) return null;
  return new Set(words as MediaKind[]);
}

function validServerUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== 'wss:' && !(url.protocol === 'ws:' && LOCAL_HOSTS.has(url.hostname))) return false;
  return (url.pathname === '/' || url.pathname === '') && url.search === '' && url.hash === '' && !url.username;
}

/** Checks every field; the first wrong one is named. `tokenUrlProvider` turns a token-url into a provider. */
export function checkConfig(config: RoomConfig, tokenUrlProvider: (url: string) => TokenProvider): ConfigCheck {
  const channel = config.channel;
  // The server's own rules (length, control characters, reserved prefixes): a bad name is named here, at once.
  if (channelProblem(channel) !== null) return { ok: false, attribute: 'channel' };

  const sources = [config.apiKey !== '', config.tokenUrl !== '', config.tokenProvider !== undefined].filter(Boolean);
  if (sources.length !== 1) return { ok: false, attribute: config.tokenUrl !== '' ? 'token-url' : 'api-key' };
  let credential: Credential;
  if (config.tokenProvider) credential = { tokenProvider: config.tokenProvider, fromUrl: null };
  else if (config.tokenUrl !== '') {
    let absolute: string;
    try {
      absolute = new URL(config.tokenUrl, document.baseURI).href;
    } catch {
      return { ok: false, attribute: 'token-url' };
    }
    credential = { tokenProvider: tokenUrlProvider(absolute), fromUrl: absolute };
  } else credential = { apiKey: config.apiKey };

  if (config.serverUrl !== '' && !validServerUrl(config.serverUrl)) return { ok: false, attribute: 'server-url' };
  const media = parseMedia(config.media);
  if (!media) return { ok: false, attribute: 'media' };
  return {
    ok: true,
    config: { channel, credential, serverUrl: config.serverUrl === '' ? undefined : config.serverUrl.replace(/\/$/, ''), media },
  };
}
