/**
 * The `error` frame codes (the connection stays open) with their fixed human-readable text. The text never
 * includes anything the client sent, so an error frame cannot echo input back (or a token, or HTML).
 */
const ERROR_MESSAGES = {
  malformed_message: 'frame must be a JSON object with a string "type" (and a valid requestId if any)',
  unknown_type: 'unknown frame type',
  invalid_channel: 'channel must be a non-empty string of at most 256 characters without control characters',
  channel_reserved: 'channels starting with _metered/, _internal/ or _system/ are reserved',
  invalid_peer_id: 'peerId must be 1-128 printable ASCII characters',
  missing_data: 'data is required',
  action_not_permitted: 'this credential does not permit that action',
  channel_not_authorized: 'this credential does not permit that channel',
  channel_limit_exceeded: 'too many channels on this connection',
  peer_not_found: 'no connected peer has that peerId',
  over_message_quota: 'the message quota for this period is spent',
  internal_error: 'internal error',
} as const;

export type WireErrorCode = keyof typeof ERROR_MESSAGES;

/** A serialized `error` frame; `requestId` only when the request carried a valid one. */
export function errorFrame(code: WireErrorCode, requestId?: string): string {
  const frame: Record<string, unknown> = { type: 'error', code, message: ERROR_MESSAGES[code] };
  if (requestId !== undefined) frame.requestId = requestId;
  return JSON.stringify(frame);
}
