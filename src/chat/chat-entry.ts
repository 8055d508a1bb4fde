/**
 * One line in the chat list — a received message or one of ours with its delivery status — and its template.
 * Every remote string is interpolated as a text binding (`${entry.text}`), which Lit writes as a text node:
 * markup in a message is shown, never parsed.
 */
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
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** What the Retry button of a failed entry calls. */
export type RetryHandler = (entry: ChatEntry) => void;

function renderStatus(entry: ChatEntry, retry: RetryHandler): TemplateResult | typeof nothing {
  if (entry.status === 'sending') return html`<span part="pending">Sending…</span>`;
  if (entry.status !== 'failed') return nothing;
  const text = ERROR_TEXT[entry.failure ?? 'disconnected'];
  return html`<p part="failure">
    <span>Not sent: ${text.message}</span>
    <button part="retry" type="button" @click=${() => retry(entry)}>Retry</button>
  </p>`;
}

export function renderEntry(entry: ChatEntry, retry: RetryHandler): TemplateResult {
  const shownAt = new Date(entry.shownAt);
  return html`<div
    part=${entry.isOwn ? 'message message-own' : 'message message-remote'}
    class=${entry.isOwn ? 'message own' : 'message'}
    data-status=${entry.status}
  >
    <p part="meta">
      <span part="sender">${entry.isOwn ? 'You' : entry.displayName}</span>
      ${
        entry.isOwn || entry.nameVerified
          ? nothing
          : html`<span part="unverified" title="This name was not confirmed by the server">unverified</span>`
      }
      <time part="time" datetime=${shownAt.toISOString()}>${timeFormat.format(shownAt)}</time>
    </p>
    <p part="text">${entry.text}</p>
    ${renderStatus(entry, retry)}
  </div>`;
}

/** The public `metered-message` detail of an entry (no internal delivery state). */
export function toMessageDetail(entry: ChatEntry): MessageDetail {
  const { id, fromPeerId, displayName, nameVerified, text, sentAt, isOwn } = entry;
  return { id, fromPeerId, displayName, nameVerified, text, sentAt, isOwn };
}
