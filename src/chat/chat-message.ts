/**
 * The chat wire format: what `<metered-chat>` broadcasts with `peer.send()` and accepts from the room's `data`
 * event. Everything that arrives is untrusted (any peer on the channel can send any JSON), so `parseChatPayload`
 * accepts exactly this shape and nothing else; other `type`s on the same channel (the room's
 * `metered-elements/stream-role`, an application's own messages) are not chat and are ignored.
 */
import { isRecord } from '../wire/is-record.js';

export const CHAT_MESSAGE_TYPE = 'metered-elements/chat';

/** Bounds for incoming fields. Text is bounded by the server's frame cap anyway; names and ids are short. */
const MAX_ID_LENGTH = 64;
export const MAX_NAME_LENGTH = 128;
const MAX_TEXT_LENGTH = 65536;

export interface ChatPayload {
  readonly type: typeof CHAT_MESSAGE_TYPE;
  /** Random id chosen by the sender; a retry re-sends the same id, so receivers drop duplicates. */
  readonly id: string;
  readonly text: string;
  /** The name the sender claims. Unverified unless the server stamps peerMetadata with a name. */
  readonly name: string;
  /** ms since epoch, by the sender's clock. */
  readonly sentAt: number;
}

export function createChatPayload(text: string, name: string, now = Date.now()): ChatPayload {
  return { type: CHAT_MESSAGE_TYPE, id: crypto.randomUUID(), text, name, sentAt: now };
}

export function isBoundedString(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

/**
 * Returns the chat payload in `data`, or null when `data` is anything else (not chat, or malformed chat).
 * Returns a fresh object with only the known fields, so extra keys a sender adds never reach the UI.
 */
export function parseChatPayload(data: unknown): ChatPayload | null {
  if (!isRecord(data) || data.type !== CHAT_MESSAGE_TYPE) return null;
  const { id, text, name, sentAt } = data;
  if (!isBoundedString(id, 1, MAX_ID_LENGTH)) return null;
  if (!isBoundedString(text, 1, MAX_TEXT_LENGTH) || text.trim() === '') return null;
  if (!isBoundedString(name, 0, MAX_NAME_LENGTH)) return null;
  if (typeof sentAt !== 'number' || !Number.isFinite(sentAt)) return null;
  return { type: CHAT_MESSAGE_TYPE, id, text, name, sentAt };
}
