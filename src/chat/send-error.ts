/**
 * What a failed `peer.send()` means for a chat message: give the text back to the author (it can never be sent as
 * is, or nothing left the page), or keep it in the list as failed with Retry. The typed `metered-error` detail
 * comes from the shared SDK error mapping; a chat send failure never ends the session, so it is never fatal.
 *
 * The SDK's rejections (see its index.mjs), by `err.name`:
 * - `MeteredPeerOversizedError` (size, cap) and `MeteredPeerSendError` (`not_joined`, …) — before anything is sent;
 * - an Error named after the server's wire code (`over_message_quota`, `action_not_permitted`, …);
 * - `DisconnectedError` — the socket closed before the ack (its message says `code=<close code>`);
 * - `NotConnectedError` (between connections) or a plain Error (ack timeout) — also lost in transit.
 */
import { mapSdkError } from '../error-mapping.js';
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

function closeCodeIn(err: unknown): number {
  const match = err instanceof Error ? /code=(\d+)/.exec(err.message) : null;
  return match ? Number(match[1]) : ABNORMAL_CLOSE;
}

export function classifySendError(err: unknown): SendFailure {
  const closeCode = closeCodeIn(err);
  const lostToClose = err instanceof Error && err.name === 'DisconnectedError';
  // Whatever the mapping does not know (NotConnectedError, an ack timeout) lost the request in transit.
  const error = mapSdkError(err, lostToClose ? { fatal: false, closeCode } : { fatal: false }) ?? {
    code: 'disconnected',
    closeCode,
    fatal: false,
    cause: err,
  };
  const kind = error.code === 'oversized' ? 'oversized' : error.code === 'not_joined' ? 'not-joined' : 'retryable';
  return { kind, error };
}
