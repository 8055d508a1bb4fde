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

/** The close code reported when the SDK does not say which close lost the request. */
const UNKNOWN_CLOSE = 1006;

/** The `metered-error` detail of a failed chat send. */
export function sendFailure(err: unknown): MeteredErrorInit {
  // Whatever the mapping does not know (NotConnectedError, an ack timeout) lost the request in transit.
  return (
    mapSdkError(err, { fatal: false }) ?? { code: 'disconnected', closeCode: UNKNOWN_CLOSE, fatal: false, cause: err }
  );
}

/**
 * True when the text goes back to its author: it can never be sent as is (`oversized`, to be shortened), or
 * nothing was sent (`not_joined`). Any other failure was sent, or tried to be, and did not go through; sending
 * again later may work.
 */
export function returnsToAuthor(error: MeteredErrorInit): boolean {
  return error.code === 'oversized' || error.code === 'not_joined';
}
