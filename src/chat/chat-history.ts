/**
 * The messages one chat session shows, in order, each under a key of its own (a retried message that did arrive
 * is found by its key and not shown twice). Bounded: past MAX_ENTRIES the oldest go, except our own that are not sent yet (their text
 * would be lost). Messages from before we joined (handed over by a member, chat-history-handoff.ts) are kept
 * apart, in time order, and shown before the session's own. A new session starts with `clear()`, which hands back
 * what was never sent. Every change requests an update of the element that shows the history.
 */
import type { ReactiveControllerHost } from 'lit';
import type { ChatEntry } from './chat-entry.js';
import { HISTORY_MAX_MESSAGES } from './chat-history-handoff.js';

/** The list keeps this many messages; older ones are dropped, except ours that are still sending or failed. */
export const MAX_ENTRIES = 500;

/** One of ours that the server has not accepted (yet): dropping it would lose its text. */
export function isUnsent(entry: ChatEntry): boolean {
  return entry.status === 'sending' || entry.status === 'failed';
}

export class ChatHistory {
  /** The element that renders the history: every change requests an update of it. */
  readonly #host: ReactiveControllerHost;
  #entries: readonly ChatEntry[] = [];
  #earlier: readonly ChatEntry[] = [];

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  get entries(): readonly ChatEntry[] {
    return this.#entries;
  }

  /** Messages from before we joined, oldest first (at most HISTORY_MAX_MESSAGES). */
  get earlier(): readonly ChatEntry[] {
    return this.#earlier;
  }

  /**
   * Adds messages from before we joined. One whose id is already shown (it arrived live too, or from another
   * member's handoff) is dropped; the rest are sorted by time and the newest HISTORY_MAX_MESSAGES kept. Returns
   * whether anything was added.
   */
  addEarlier(entries: readonly ChatEntry[]): boolean {
    const shown = new Set([...this.#earlier, ...this.#entries].map((entry) => entry.id));
    const fresh: ChatEntry[] = [];
    for (const entry of entries) {
      if (shown.has(entry.id)) continue;
      shown.add(entry.id);
      fresh.push(entry);
    }
    if (fresh.length === 0) return false;
    this.#earlier = [...this.#earlier, ...fresh].sort((a, b) => a.shownAt - b.shownAt).slice(-HISTORY_MAX_MESSAGES);
    this.#host.requestUpdate();
    return true;
  }

  /** The entry shown under this key, if it is still in the list. */
  find(key: string): ChatEntry | undefined {
    return this.#entries.find((entry) => entry.key === key);
  }

  add(entry: ChatEntry): void {
    const all = [...this.#entries, entry];
    let excess = all.length - MAX_ENTRIES;
    const kept: ChatEntry[] = [];
    for (const candidate of all) {
      if (excess > 0 && !isUnsent(candidate)) {
        excess -= 1;
      } else {
        kept.push(candidate);
      }
    }
    this.#entries = kept;
    this.#host.requestUpdate();
  }

  /** Puts `entry` in place of the one with its key; false when that one is gone (its session ended). */
  replace(entry: ChatEntry): boolean {
    if (!this.find(entry.key)) return false;
    this.#entries = this.#entries.map((current) => (current.key === entry.key ? entry : current));
    this.#host.requestUpdate();
    return true;
  }

  drop(key: string): void {
    this.#entries = this.#entries.filter((entry) => entry.key !== key);
    this.#host.requestUpdate();
  }

  /** Empties the history for a new session; returns our entries that were never sent, oldest first. */
  clear(): ChatEntry[] {
    const unsent = this.#entries.filter(isUnsent);
    this.#entries = [];
    this.#earlier = [];
    this.#host.requestUpdate();
    return unsent;
  }
}
