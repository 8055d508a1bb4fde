/**
 * What a failed `peer.send()` means for a chat message: give the text back to the author (it can never be sent as
 * is, or nothing left the page), or keep it in the list as failed with Retry. The typed `metered-error` detail
 * comes from the shared SDK error mapping, which tells errors apart by `name` and fields only (never by message
 * text: see error-mapping.ts); a chat send failure never ends the session, so it is never fatal.
 *
 * The SDK's rejections (see its index.mjs), by `err.name`:
 * - `MeteredPeerOversizedError` (size, cap) and `MeteredPeerSendError` (`not_joined`, …) — before anything is sent;
 * - an Error named after the server's wire code (`over_message_quota`, `action_not_permitted`, …);
 * - `DisconnectedError` — the socket closed before the ack. SDK 1.2.0 names the close code only inside its
 *   message text, which is not a contract, so the detail carries 1006 ("lost, code unknown"); the room reports
 *   the close itself, with its real code, as its own `metered-error`;
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

/** The close code reported when the SDK does not say which close lost the request. */
const UNKNOWN_CLOSE = 1006;

function kindOf(error: MeteredErrorInit): SendFailure['kind'] {
  if (error.code === 'oversized') return 'oversized';
  if (error.code === 'not_joined') return 'not-joined';
  return 'retryable';
}

export function classifySendError(err: unknown): SendFailure {
  // Whatever the mapping does not know (NotConnectedError, an ack timeout) lost the request in transit.
  const error = mapSdkError(err, { fatal: false }) ?? {
    code: 'disconnected',
    closeCode: UNKNOWN_CLOSE,
    fatal: false,
    cause: err,
  };
  return { kind: kindOf(error), error };
}
