/**
 * The chat wire format: what `<metered-chat>` broadcasts with `peer.send()` and accepts from the room's `data`
 * event. Everything that arrives is untrusted (any peer on the channel can send any JSON), so `readChatPayload`
 * accepts exactly this shape and nothing else; other `type`s on the same channel (the room's
 * `metered-elements/stream-role`, an application's own messages) are not chat and are ignored.
 */
import { isRecord } from '../wire/is-record.js';
import { isWireName, normalizeName } from '../wire/names.js';
import { randomId } from '../wire/random-id.js';

export const CHAT_MESSAGE_TYPE = 'metered-elements/chat';

/** Bounds for incoming fields. Text is bounded by the server's frame cap anyway; ids are short. */
export const MAX_ID_LENGTH = 64;
export const MAX_TEXT_LENGTH = 65536;

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

/** What arrived on the channel: a chat message, a chat message we must drop (and why), or not chat at all. */
export type ChatRead =
  | { readonly kind: 'chat'; readonly payload: ChatPayload }
  | { readonly kind: 'malformed'; readonly problem: string }
  | { readonly kind: 'other' };

/**
 * The payload a conforming sender sends: the name normalised to the shared limit (see src/wire/names.ts), and a
 * fresh id of 128 random bits (src/wire/random-id.ts: also on plain-http pages, where `crypto.randomUUID` is absent).
 */
export function createChatPayload(text: string, name: string, now = Date.now()): ChatPayload {
  return { type: CHAT_MESSAGE_TYPE, id: randomId(), text, name: normalizeName(name), sentAt: now };
}

/** True for a string of `min` to `max` UTF-16 code units. */
export function isBoundedString(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max;
}

/** True for a message id as a sender makes it: 1 to MAX_ID_LENGTH characters. */
export function isMessageId(value: unknown): value is string {
  return isBoundedString(value, 1, MAX_ID_LENGTH);
}

/** True for message text: 1 to MAX_TEXT_LENGTH characters, not only white space. */
export function isMessageText(value: unknown): value is string {
  return isBoundedString(value, 1, MAX_TEXT_LENGTH) && value.trim() !== '';
}

/** True for a finite number (a time in ms since epoch); `Number.isFinite` is false for anything not a number. */
export function isFiniteNumber(value: unknown): value is number {
  return Number.isFinite(value);
}

/**
 * Reads `data` as chat. A chat payload comes back as a fresh object with only the known fields, so extra keys a
 * sender adds never reach the UI; one of the chat type with a bad field comes back as `malformed`, naming the field.
 */
export function readChatPayload(data: unknown): ChatRead {
  if (!isRecord(data) || data.type !== CHAT_MESSAGE_TYPE) return { kind: 'other' };
  const { id, text, name, sentAt } = data;
  const malformed = (problem: string): ChatRead => ({ kind: 'malformed', problem });
  if (!isMessageId(id)) return malformed(`id must be 1–${MAX_ID_LENGTH} characters`);
  if (!isMessageText(text)) return malformed(`text must be 1–${MAX_TEXT_LENGTH} characters and not blank`);
  if (!isWireName(name)) return malformed('name must be a string within the shared name limit');
  if (!isFiniteNumber(sentAt)) return malformed('sentAt must be a finite number');
  return { kind: 'chat', payload: { type: CHAT_MESSAGE_TYPE, id, text, name, sentAt } };
}

/** The chat payload in `data`, or null when `data` is anything else (not chat, or malformed chat). */
export function parseChatPayload(data: unknown): ChatPayload | null {
  const read = readChatPayload(data);
  return read.kind === 'chat' ? read.payload : null;
}
