/**
 * Random ids for messages and hello keys. `crypto.randomUUID` exists only in secure contexts (https, localhost),
 * and rooms also run on plain http pages (receive-only, chat-only); `crypto.getRandomValues` exists everywhere.
 */

/** 128 random bits as 32 hex digits. */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
