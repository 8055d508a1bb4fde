/**
 * Chat history for late joiners: the wire format of `metered-elements/chat-history`, sent by direct message from
 * ONE member already in the room to each newcomer, and the rules for who sends it and what the newcomer believes.
 *
 * - Who: the member with the lowest peerId among those present other than the newcomer (every member computes the
 *   same choice from its own roster; if rosters differ for a moment two may send, and the newcomer drops
 *   duplicates by id).
 * - What: the newest messages of this chat session, at most HISTORY_MAX_MESSAGES and HISTORY_MAX_BYTES in all,
 *   packed into chunks of at most HISTORY_CHUNK_BYTES of JSON each (the server's frame limit is 64 KB; a chunk
 *   stays well under it with the frame's envelope). A message too big for one chunk is left out.
 * - Trust: the payload is untrusted. `readHistoryChunk` accepts only the exact shape with bounded lengths. A
 *   forwarder vouches for nothing it cannot prove: its own messages are verified only when the server stamped
 *   its name on this very direct message, and a message it forwards from someone else keeps its verified mark only
 *   when the forwarder itself is verified (see `historyEntryName`). A member forwards a message as verified only
 *   when it was shown verified here.
 */
import { isRecord } from '../wire/is-record.js';
import { isWireName } from '../wire/names.js';
import { isBoundedString, isFiniteNumber, isMessageId, isMessageText } from './chat-message.js';
import type { ChatEntry } from './chat-entry.js';
import type { Participant } from '../room-context.js';
import { resolveSenderName, type SenderName } from './sender-name.js';

export const CHAT_HISTORY_TYPE = 'metered-elements/chat-history';
export const HISTORY_MAX_MESSAGES = 100;
export const HISTORY_MAX_BYTES = 128_000;
export const HISTORY_CHUNK_BYTES = 32_000;
/** peerIds are printable ASCII of at most 128 characters (protocol §5). */
const MAX_PEER_ID_LENGTH = 128;

/** One forwarded message. `at`: when the forwarder showed it (ms since epoch, the forwarder's clock). */
export interface HistoryItem {
  readonly id: string;
  readonly from: string;
  readonly name: string;
  readonly verified: boolean;
  readonly text: string;
  readonly at: number;
}

export interface HistoryChunk {
  readonly type: typeof CHAT_HISTORY_TYPE;
  readonly messages: readonly HistoryItem[];
}

/**
 * True when `ownPeerId` is the member that hands history to `newcomer`: the lowest peerId among everyone present
 * except the newcomer.
 */
export function isHistorySender(ownPeerId: string, presentPeerIds: readonly string[], newcomer: string): boolean {
  const candidates = presentPeerIds.filter((peerId) => peerId !== newcomer);
  return candidates.includes(ownPeerId) && candidates.every((peerId) => ownPeerId <= peerId);
}

const byteLength = (value: unknown): number => new TextEncoder().encode(JSON.stringify(value)).length;

/**
 * The chunks to send for `entries` (oldest first, as shown): only messages that reached the room (ours once
 * sent), newest kept first within the bounds, each chunk in time order.
 */
export function historyChunks(entries: readonly ChatEntry[], ownPeerId: string): HistoryChunk[] {
  // Filled from the newest message backwards, so the newest are the ones kept when a bound is reached.
  const chunks: HistoryItem[][] = [];
  let count = 0;
  let total = 0;
  let chunkBytes = HISTORY_CHUNK_BYTES;
  for (const entry of [...entries].reverse()) {
    if (count === HISTORY_MAX_MESSAGES) break;
    if (entry.status !== 'sent' && entry.status !== 'received') continue;
    const item: HistoryItem = {
      id: entry.id,
      // Our own messages go out under our current peerId, so the newcomer can check the server's stamp.
      from: entry.isOwn ? ownPeerId : entry.fromPeerId,
      name: entry.displayName,
      verified: !entry.isOwn && entry.nameVerified,
      text: entry.text,
      at: entry.shownAt,
    };
    const bytes = byteLength(item);
    // 100 bytes for the chunk's own fields and the commas between items.
    if (bytes > HISTORY_CHUNK_BYTES - 100) continue;
    if (total + bytes > HISTORY_MAX_BYTES) break;
    count += 1;
    total += bytes;
    if (chunkBytes + bytes > HISTORY_CHUNK_BYTES - 100) {
      chunks.unshift([]);
      chunkBytes = 0;
    }
    chunks[0]!.unshift(item);
    chunkBytes += bytes + 1;
  }
  return chunks.map((messages) => ({ type: CHAT_HISTORY_TYPE, messages }));
}

function readItem(value: unknown): HistoryItem | null {
  if (!isRecord(value)) return null;
  const { id, from, name, verified, text, at } = value;
  if (!isMessageId(id) || !isBoundedString(from, 1, MAX_PEER_ID_LENGTH) || !isWireName(name)) return null;
  if (typeof verified !== 'boolean' || !isMessageText(text) || !isFiniteNumber(at)) return null;
  return { id, from, name, verified, text, at };
}

/** True when `data` says it is a history chunk (well-formed or not). */
export function isHistoryType(data: unknown): data is Record<string, unknown> {
  return isRecord(data) && data.type === CHAT_HISTORY_TYPE;
}

/** The chunk in `data`, as fresh objects with only the known fields; null for anything else or any bad item. */
export function readHistoryChunk(data: unknown): HistoryChunk | null {
  if (!isHistoryType(data)) return null;
  const { messages } = data;
  if (!Array.isArray(messages) || messages.length > HISTORY_MAX_MESSAGES) return null;
  const items = messages.map(readItem);
  if (items.some((item) => item === null)) return null;
  return { type: CHAT_HISTORY_TYPE, messages: items as HistoryItem[] };
}

/**
 * The name and mark to show for a forwarded item. The forwarder's own messages are named exactly as its live
 * messages would be (the server's stamp on this direct message, or its roster entry); someone else's keep their
 * verified mark only when the forwarder itself is verified.
 */
export function historyEntryName(
  item: HistoryItem,
  forwarderId: string,
  forwarderMetadata: Record<string, unknown> | undefined,
  forwarder: Participant | undefined,
): SenderName {
  if (item.from === forwarderId) return resolveSenderName(forwarderMetadata, item.name, forwarder);
  const vouched = resolveSenderName(forwarderMetadata, '', forwarder).nameVerified;
  return { displayName: item.name.trim() || 'Guest', nameVerified: item.verified && vouched };
}
