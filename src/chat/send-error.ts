/**
 * Classifies why `peer.send()` rejected, so the chat can decide what happens to the message (keep the draft, or
 * show the message as failed with Retry) and report a typed `metered-error`. The SDK's rejections are told apart
 * by `err.name` (class identity does not survive bundling twice), see the SDK's index.mjs:
 * - `MeteredPeerOversizedError` (size, cap) — checked before anything is sent;
 * - `MeteredPeerSendError` (code) — `not_joined` and friends, also before anything is sent;
 * - an Error whose name is the server's wire code (`over_message_quota`, `action_not_permitted`, …);
 * - `DisconnectedError` — the socket closed before the ack (message says `code=<close code>`);
 * - `NotConnectedError` — the socket was between connections; anything else (an ack timeout) also means the
 *   request was lost in transit.
 */
import { SERVER_ERROR_CODES, type ServerErrorCode } from '../errors.js';
import type { MeteredErrorInit } from '../events.js';

export type SendFailure =
  /** The text can never be sent as is: give it back to the author to shorten. */
  | { readonly kind: 'oversized'; readonly error: MeteredErrorInit }
  /** Not in the room: nothing was sent. */
  | { readonly kind: 'not-joined'; readonly error: MeteredErrorInit }
  /** Sent (or tried to), and it did not go through; sending again later may work. */
  | { readonly kind: 'retryable'; readonly error: MeteredErrorInit };

/** Close code assumed when the SDK does not say which close lost the request. */
const ABNORMAL_CLOSE = 1006;

function isServerErrorCode(name: string): name is ServerErrorCode {
  return (SERVER_ERROR_CODES as readonly string[]).includes(name);
}

function numberField(err: object, key: string): number {
  const value = (err as Record<string, unknown>)[key];
  return typeof value === 'number' ? value : 0;
}

export function classifySendError(err: unknown): SendFailure {
  const name = err instanceof Error ? err.name : '';
  const cause = err;
  if (name === 'MeteredPeerOversizedError' && err instanceof Error) {
    return {
      kind: 'oversized',
      error: { code: 'oversized', fatal: false, size: numberField(err, 'size'), cap: numberField(err, 'cap'), cause },
    };
  }
  if (name === 'MeteredPeerSendError' && err instanceof Error) {
    const code = (err as Error & { code?: unknown }).code;
    if (code === 'invalid_args' || code === 'self_send' || code === 'reserved_channel') {
      return { kind: 'retryable', error: { code, fatal: false, cause } };
    }
    return { kind: 'not-joined', error: { code: 'not_joined', fatal: false, cause } };
  }
  if (isServerErrorCode(name) && err instanceof Error) {
    // The SDK uses the server's text as the message when there is one, else the code itself.
    const serverMessage = err.message !== name ? err.message : undefined;
    return {
      kind: 'retryable',
      error: { code: name, fatal: false, cause, ...(serverMessage ? { serverMessage } : {}) },
    };
  }
  const closeCode =
    err instanceof Error ? Number(/code=(\d+)/.exec(err.message)?.[1] ?? ABNORMAL_CLOSE) : ABNORMAL_CLOSE;
  return { kind: 'retryable', error: { code: 'disconnected', fatal: false, closeCode, cause } };
}
