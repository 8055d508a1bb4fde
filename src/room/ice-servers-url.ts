/**
 * Fetches an `ice-servers-url`: short-lived TURN credentials must be fresh on every join and reconnect, so the
 * room asks the page's endpoint each time instead of keeping a list. Two answer shapes are accepted: a JSON array
 * of RTCIceServer (Metered's TURN credentials API) or `{ "iceServers": [...] }` (common self-hosted endpoints).
 * A failure never throws: it comes back as a reason the room reports (`ice_servers_unavailable`), and the join
 * goes on with the servers it has. Error texts never contain the answer body, which may hold credentials.
 */
import { isRecord } from '../wire/is-record.js';

/** How long the room waits for the endpoint before joining without it. */
export const ICE_SERVERS_URL_TIMEOUT_MS = 5_000;

export type IceServersUrlFailure = 'timeout' | 'network' | 'http' | 'json' | 'shape';

export type IceServersUrlAnswer =
  | { readonly ok: true; readonly list: unknown[] }
  | { readonly ok: false; readonly reason: IceServersUrlFailure; readonly status?: number };

/** The list inside an answer body, or null when the body has neither accepted shape. */
export function iceServerListOf(body: unknown): unknown[] | null {
  if (Array.isArray(body)) return body;
  if (isRecord(body) && Array.isArray(body.iceServers)) return body.iceServers;
  return null;
}

/** GETs `url` (an absolute URL) and returns its list, unchecked: ice-servers.ts checks every entry. */
export async function fetchIceServers(
  url: string,
  timeoutMs = ICE_SERVERS_URL_TIMEOUT_MS,
): Promise<IceServersUrlAnswer> {
  let response: Response;
  let text: string;
  // A controller and a timer rather than AbortSignal.timeout(), which Chromium before 103 and Safari before 16
  // (both in the build's targets) do not have.
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    response = await fetch(url, { cache: 'no-store', credentials: 'same-origin', signal: controller.signal });
    text = await response.text();
  } catch {
    return { ok: false, reason: controller.signal.aborted ? 'timeout' : 'network' };
  } finally {
    clearTimeout(timer);
  }
  if (!response.ok) return { ok: false, reason: 'http', status: response.status };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'json', status: response.status };
  }
  const list = iceServerListOf(body);
  return list ? { ok: true, list } : { ok: false, reason: 'shape', status: response.status };
}
