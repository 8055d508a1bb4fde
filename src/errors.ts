/**
 * The error contract: every code an element can report in a `metered-error` event, the typed `detail` for each,
 * and the fixed, plain-language text shown to people. `message` is always OUR text — server-supplied text (close
 * reasons, error-frame messages) travels only in the clearly named `closeReason` / `serverMessage` fields.
 */

/** WebSocket close codes, by name. */
export const CloseErrorCode = {
  going_away: 1001,
  abnormal_close: 1006,
  policy_violation: 1008,
  message_too_big: 1009,
  client_inactivity: 4000,
  invalid_token: 4001,
  token_expired: 4002,
  channel_not_authorized: 4003,
  over_concurrent_limit: 4010,
  over_message_rate: 4011,
  account_suspended: 4012,
  admin_disconnect: 4020,
} as const;
export type CloseErrorCode = keyof typeof CloseErrorCode;

/** Wire codes of the server's `error` frames. */
export const SERVER_ERROR_CODES = [
  'malformed_message',
  'unknown_type',
  'invalid_channel',
  'invalid_peer_id',
  'channel_reserved',
  'channel_limit_exceeded',
  'peer_not_found',
  'missing_data',
  'action_not_permitted',
  'over_message_quota',
  'backend_error',
  'internal_error',
] as const;
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];

/** Every code, as a const object so code can branch on a runtime value: `MeteredErrorCode.token_expired`. */
export const MeteredErrorCode = {
  // close codes
  going_away: 'going_away',
  abnormal_close: 'abnormal_close',
  policy_violation: 'policy_violation',
  message_too_big: 'message_too_big',
  client_inactivity: 'client_inactivity',
  invalid_token: 'invalid_token',
  token_expired: 'token_expired',
  channel_not_authorized: 'channel_not_authorized',
  over_concurrent_limit: 'over_concurrent_limit',
  over_message_rate: 'over_message_rate',
  account_suspended: 'account_suspended',
  admin_disconnect: 'admin_disconnect',
  // server error frames
  malformed_message: 'malformed_message',
  unknown_type: 'unknown_type',
  invalid_channel: 'invalid_channel',
  invalid_peer_id: 'invalid_peer_id',
  channel_reserved: 'channel_reserved',
  channel_limit_exceeded: 'channel_limit_exceeded',
  peer_not_found: 'peer_not_found',
  missing_data: 'missing_data',
  action_not_permitted: 'action_not_permitted',
  over_message_quota: 'over_message_quota',
  backend_error: 'backend_error',
  internal_error: 'internal_error',
  // SDK errors
  not_joined: 'not_joined',
  invalid_args: 'invalid_args',
  self_send: 'self_send',
  reserved_channel: 'reserved_channel',
  invalid_state: 'invalid_state',
  track_already_attached: 'track_already_attached',
  oversized: 'oversized',
  replace_track_failed: 'replace_track_failed',
  data_channel_overflow: 'data_channel_overflow',
  disconnected: 'disconnected',
  token_provider_failed: 'token_provider_failed',
  ice_restart_exhausted: 'ice_restart_exhausted',
  reconcile_timeout: 'reconcile_timeout',
  // widget
  insecure_context: 'insecure_context',
  media_permission_denied: 'media_permission_denied',
  media_device_not_found: 'media_device_not_found',
  media_device_in_use: 'media_device_in_use',
  autoplay_blocked: 'autoplay_blocked',
  no_media_received: 'no_media_received',
  missing_room: 'missing_room',
  invalid_config: 'invalid_config',
  connection_failed: 'connection_failed',
  screen_share_denied: 'screen_share_denied',
  session_ended: 'session_ended',
  ice_server_rejected: 'ice_server_rejected',
  ice_servers_unavailable: 'ice_servers_unavailable',
  no_media_path: 'no_media_path',
  iframe_permission_missing: 'iframe_permission_missing',
  browser_unsupported: 'browser_unsupported',
  send_not_permitted: 'send_not_permitted',
} as const;
export type MeteredErrorCode = keyof typeof MeteredErrorCode;

interface ErrorBase<C extends MeteredErrorCode> {
  readonly code: C;
  /** Our own fixed text for people; never contains server text or secrets. */
  readonly message: string;
  /** True when the session ended and will not recover by itself (the user must act, then `join()` again). */
  readonly fatal: boolean;
  /** The original SDK / browser error, when there is one. */
  readonly cause?: unknown;
}

export interface CloseErrorDetail extends ErrorBase<CloseErrorCode> {
  /**
   * The WebSocket close code. When the server reported the condition as an error frame instead of a close (a
   * publishable key subscribing outside its channel patterns gets a `channel_not_authorized` frame), this is the
   * close code of the same name and `closeReason` is empty.
   */
  readonly closeCode: number;
  /** Raw server text. Render as text only. */
  readonly closeReason: string;
  /** Raw server text of the error frame, when the condition came as one. Render as text only. */
  readonly serverMessage?: string;
}
export interface ServerErrorDetail extends ErrorBase<ServerErrorCode> {
  /** Raw server text from the error frame, if any. Render as text only. */
  readonly serverMessage?: string;
}
export type SendErrorDetail = ErrorBase<'not_joined' | 'invalid_args' | 'self_send' | 'reserved_channel'>;
export interface StateErrorDetail extends ErrorBase<'invalid_state' | 'track_already_attached'> {
  readonly method: string;
  readonly currentState?: string;
}
export interface OversizedErrorDetail extends ErrorBase<'oversized'> {
  readonly size: number;
  readonly cap: number;
}
export interface ReplaceTrackFailedDetail extends ErrorBase<'replace_track_failed'> {
  readonly succeeded: readonly string[];
  readonly failed: readonly string[];
}
export interface DataChannelOverflowDetail extends ErrorBase<'data_channel_overflow'> {
  readonly queued: number;
  readonly cap: number;
}
export interface DisconnectedErrorDetail extends ErrorBase<'disconnected'> {
  readonly closeCode: number;
}
export interface TokenProviderFailedDetail extends ErrorBase<'token_provider_failed'> {
  readonly consecutiveFailures: number;
}
export interface IceRestartExhaustedDetail extends ErrorBase<'ice_restart_exhausted'> {
  readonly peerId: string;
}
export type ReconcileTimeoutDetail = ErrorBase<'reconcile_timeout'>;
export type MediaErrorDetail = ErrorBase<
  'insecure_context' | 'media_permission_denied' | 'media_device_not_found' | 'media_device_in_use' | 'screen_share_denied'
>;
/**
 * The room could not connect, or lost its connection and could not get it back (always fatal): the socket closed
 * with a code that has no name of its own (1006 when the server cannot be reached at all).
 */
export interface ConnectionFailedDetail extends ErrorBase<'connection_failed'> {
  readonly closeCode: number;
  /** Raw server text. Render as text only. */
  readonly closeReason: string;
}
export type AutoplayBlockedDetail = ErrorBase<'autoplay_blocked'>;
export interface NoMediaReceivedDetail extends ErrorBase<'no_media_received'> {
  readonly peerId: string;
}
export type MissingRoomDetail = ErrorBase<'missing_room'>;
export interface InvalidConfigDetail extends ErrorBase<'invalid_config'> {
  /** The attribute or property that is wrong, e.g. `channel`, `server-url`. */
  readonly attribute: string;
}
/** An ICE server entry or URL was dropped (not stun:, stuns:, turn:, turns:; TURN without credentials). */
export interface IceServerRejectedDetail extends ErrorBase<'ice_server_rejected'> {
  /** Where the list came from: the `iceServers` property, the `ice-servers-url` answer, or the browser refusing it. */
  readonly source: 'iceServers' | 'ice-servers-url' | 'browser';
  /** The scheme of each dropped URL ('' when it had none). Never the URL: it may carry credentials. */
  readonly schemes: readonly string[];
}
/** The `ice-servers-url` did not answer a usable list; the join went on without it. */
export interface IceServersUnavailableDetail extends ErrorBase<'ice_servers_unavailable'> {
  /** `timeout` (5 s), `network`, `http` (see `status`), `json` (not JSON), `shape` (neither an array nor `{iceServers}`). */
  readonly reason: 'timeout' | 'network' | 'http' | 'json' | 'shape';
  /** The HTTP status, when the endpoint answered. */
  readonly status?: number;
}
/** No media connection formed with a participant, even after an ICE restart (a network that needs TURN). */
export interface NoMediaPathDetail extends ErrorBase<'no_media_path'> {
  readonly peerId: string;
}

/**
 * The page runs in an iframe whose `allow` attribute lacks these features: the browser refuses them without asking
 * (camera and microphone are checked before capturing; the room joins without them).
 */
export interface IframePermissionMissingDetail extends ErrorBase<'iframe_permission_missing'> {
  readonly features: readonly ('camera' | 'microphone' | 'display-capture' | 'fullscreen')[];
  /** What to add to the iframe's `allow` attribute, e.g. `camera; microphone`. */
  readonly allow: string;
}
/** This browser cannot capture for a page: an app's built-in browser (`in-app`) or one without getUserMedia. */
export interface BrowserUnsupportedDetail extends ErrorBase<'browser_unsupported'> {
  readonly reason: 'in-app' | 'no-media-api';
}
/**
 * The key or token lacks the `send` action, which audio and video need (their connections are negotiated by
 * direct messages): found when the first direct message to a newcomer is refused. The room stays for chat.
 */
export type SendNotPermittedDetail = ErrorBase<'send_not_permitted'>;

/**
 * A chat message whose session is over (the room left, or joined again with a new peer, e.g. another channel): it
 * is never sent through the next session; its text goes back into the chat's input.
 */
export type SessionEndedDetail = ErrorBase<'session_ended'>;

/** `detail` of every `metered-error` event: switch on `code` and TypeScript narrows to the per-code fields. */
export type MeteredErrorDetail =
  | CloseErrorDetail
  | ServerErrorDetail
  | SendErrorDetail
  | StateErrorDetail
  | OversizedErrorDetail
  | ReplaceTrackFailedDetail
  | DataChannelOverflowDetail
  | DisconnectedErrorDetail
  | TokenProviderFailedDetail
  | IceRestartExhaustedDetail
  | ReconcileTimeoutDetail
  | MediaErrorDetail
  | AutoplayBlockedDetail
  | NoMediaReceivedDetail
  | MissingRoomDetail
  | InvalidConfigDetail
  | ConnectionFailedDetail
  | SessionEndedDetail
  | IceServerRejectedDetail
  | IceServersUnavailableDetail
  | NoMediaPathDetail
  | IframePermissionMissingDetail
  | BrowserUnsupportedDetail
  | SendNotPermittedDetail;

export { ERROR_TEXT } from './error-text.js';
