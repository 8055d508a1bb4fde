/**
 * Display names, as every part of the product handles them: one limit, applied where a name is produced (a room's
 * hello, a chat payload, a token's verified name), and accepted up to that limit where one arrives. Shared by the
 * elements and the server (`server/` imports this file), so the two can never disagree again.
 */
import { isRecord } from './is-record.js';

/** The longest display name, in UTF-16 code units, that any sender sends and any receiver accepts. */
export const MAX_NAME_LENGTH = 100;

/**
 * The name as a conforming sender sends it: trimmed, and cut to MAX_NAME_LENGTH without splitting a surrogate
 * pair (a cut emoji would otherwise leave a lone half that renders as a replacement character).
 */
export function normalizeName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length <= MAX_NAME_LENGTH) return trimmed;
  // A high surrogate left at the end is the first half of a pair the cut split: it goes too.
  return trimmed
    .slice(0, MAX_NAME_LENGTH)
    .replace(/[\ud800-\udbff]$/, '')
    .trimEnd();
}

/** True for a name a conforming sender could have produced (a string within the limit). */
export function isWireName(value: unknown): value is string {
  return typeof value === 'string' && value.length <= MAX_NAME_LENGTH;
}

/**
 * The name the server vouches for, from peerMetadata (`displayName`, else `username`), or null. The metadata is
 * stamped by the server from the sender's token, but its shape is whatever the token minter put there; a longer
 * name is cut like any other, so a verified name is never silently lost.
 */
export function verifiedNameFrom(metadata: unknown): string | null {
  if (!isRecord(metadata)) return null;
  for (const key of ['displayName', 'username']) {
    const value = metadata[key];
    if (typeof value !== 'string') continue;
    const name = normalizeName(value);
    if (name !== '') return name;
  }
  return null;
}
