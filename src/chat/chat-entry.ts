/**
 * One line in the chat list — a received message or one of ours with its delivery status — and its template.
 * Every remote string is interpolated as a text binding (`${entry.text}`), which Lit writes as a text node:
 * markup in a message is shown, never parsed.
 */
import type { MeteredPeer } from '@metered-ca/realtime';
import { html, nothing, type TemplateResult } from 'lit';
import { ERROR_TEXT } from '../error-text.js';
import type { MeteredErrorCode } from '../errors.js';
import type { MessageDetail } from '../events.js';
import type { ChatPayload } from './chat-message.js';

export type ChatEntryStatus = 'received' | 'sending' | 'sent' | 'failed';

export interface ChatEntry extends MessageDetail {
  /** Unique in the list: own ids and remote ids live in different namespaces. */
  readonly key: string;
  /** When this entry appeared here (ms since epoch); shown as the time, since a sender's clock is untrusted. */
  readonly shownAt: number;
  readonly status: ChatEntryStatus;
  /** Why the last attempt failed (status `failed`). */
  readonly failure?: MeteredErrorCode;
  /** What we sent (own entries), so Retry re-sends the same id and receivers can drop a duplicate. */
  readonly payload?: ChatPayload;
  /** The session (SDK peer, one per join) an own entry was written in: Retry never sends it through another. */
  readonly sentWith?: MeteredPeer;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** What the Retry button of a failed entry calls. */
export type RetryHandler = (entry: ChatEntry) => void;

function renderStatus(entry: ChatEntry, retry: RetryHandler): TemplateResult | typeof nothing {
  if (entry.status === 'sending') return html`<span class="pending" part="pending">Sending…</span>`;
  if (entry.status !== 'failed') return nothing;
  const text = ERROR_TEXT[entry.failure ?? 'disconnected'];
  return html`<p class="failure" part="failure">
    <span>Not sent: ${text.message}</span>
    <button class="retry" part="retry" type="button" @click=${() => retry(entry)}>Retry</button>
  </p>`;
}

const UNVERIFIED_TITLE = 'This name was not confirmed by the server';

function renderUnverified(): TemplateResult {
  return html`<span class="unverified" part="unverified" title=${UNVERIFIED_TITLE}>unverified</span>`;
}

export function renderEntry(entry: ChatEntry, retry: RetryHandler): TemplateResult {
  const shownAt = new Date(entry.shownAt);
  return html`<div
    part=${entry.isOwn ? 'message message-own' : 'message message-remote'}
    class=${entry.isOwn ? 'message own' : 'message'}
    data-status=${entry.status}
  >
    <p class="meta" part="meta">
      <span class="sender" part="sender">${entry.isOwn ? 'You' : entry.displayName}</span>
      ${entry.isOwn || entry.nameVerified ? nothing : renderUnverified()}
      <time class="time" part="time" datetime=${shownAt.toISOString()}>${timeFormat.format(shownAt)}</time>
    </p>
    <p class="text" part="text">${entry.text}</p>
    ${renderStatus(entry, retry)}
  </div>`;
}

/** The public `metered-message` detail of an entry (no internal delivery state). */
export function toMessageDetail(entry: ChatEntry): MessageDetail {
  const { id, fromPeerId, displayName, nameVerified, text, sentAt, isOwn } = entry;
  return { id, fromPeerId, displayName, nameVerified, text, sentAt, isOwn };
}
