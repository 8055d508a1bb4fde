/**
 * The room's own messages over the peer's messaging, kept out of the `data` events chat sees:
 *
 * - `metered-elements/stream-role` `{ streamId, role }` — SDK 1.2.0 workaround: `addStream(stream, { role })` metadata
 *   does not reach the receiver in Chromium (the SDK looks it up by the receiver's track id, which the browser
 *   randomises; stream ids survive), so each room announces its streams' roles itself, keyed by stream id.
 * - `metered-elements/hello` `{ displayName, publishes, key }` — the name a peer claims (shown as unverified when
 *   the server stamped no peerMetadata), whether it sends media at all (a peer with media="none" must not trigger
 *   `no_media_received` at the others), and a random key that stays the same for the whole join of that room, so
 *   the others recognise a participant who comes back with a new peerId after a reconnect (`previousPeerId`).
 *
 * Both are broadcast when they change and sent directly to each newcomer. Remote payloads are untrusted: the
 * parsers accept only the exact shapes and bound the lengths. Names follow the product-wide rule
 * (src/wire/names.ts): we send them normalised, and accept any name a conforming sender could have sent.
 */
import { isRecord } from '../wire/is-record.js';
import { isWireName, normalizeName } from '../wire/names.js';
import type { StreamRole } from '../room-context.js';

export const STREAM_ROLE_TYPE = 'metered-elements/stream-role';
export const HELLO_TYPE = 'metered-elements/hello';
const MAX_STREAM_ID_LENGTH = 256;
const MAX_KEY_LENGTH = 64;

export interface StreamRoleMessage {
  type: typeof STREAM_ROLE_TYPE;
  streamId: string;
  role: StreamRole;
}

export interface HelloMessage {
  type: typeof HELLO_TYPE;
  displayName: string;
  publishes: boolean;
  /** Same for every connection of one join of the sending room; absent from older senders. */
  key?: string;
}

/** True for any payload the room consumes itself (it must not be surfaced as customer data). */
export function isRoomMessage(data: unknown): boolean {
  return isRecord(data) && (data.type === STREAM_ROLE_TYPE || data.type === HELLO_TYPE);
}

export function parseStreamRole(data: unknown): StreamRoleMessage | null {
  if (!isRecord(data) || data.type !== STREAM_ROLE_TYPE) return null;
  const { streamId, role } = data;
  if (typeof streamId !== 'string' || streamId === '' || streamId.length > MAX_STREAM_ID_LENGTH) return null;
  if (role !== 'camera' && role !== 'screen') return null;
  return { type: STREAM_ROLE_TYPE, streamId, role };
}

export function parseHello(data: unknown): HelloMessage | null {
  if (!isRecord(data) || data.type !== HELLO_TYPE) return null;
  const { displayName, publishes, key } = data;
  if (!isWireName(displayName) || typeof publishes !== 'boolean') return null;
  const hello: HelloMessage = { type: HELLO_TYPE, displayName: displayName.trim(), publishes };
  if (typeof key === 'string' && key !== '' && key.length <= MAX_KEY_LENGTH) hello.key = key;
  return hello;
}

export function streamRoleMessage(streamId: string, role: StreamRole): StreamRoleMessage {
  return { type: STREAM_ROLE_TYPE, streamId, role };
}

export function helloMessage(displayName: string, publishes: boolean, key: string): HelloMessage {
  return { type: HELLO_TYPE, displayName: normalizeName(displayName), publishes, key };
}
