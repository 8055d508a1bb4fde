/**
 * What each error means and what to do about it, in plain language, from the Errors & Codes and Troubleshooting
 * pages. `message` goes into `detail.message`; `remedy` is shown under it in the room's error panel.
 */
import type { MeteredErrorCode } from './errors.js';

export interface ErrorText {
  readonly message: string;
  readonly remedy: string;
}

// Remedies that several codes share, written once.
const SELF_HEALING = 'Nothing to do: the call reconnects by itself.';
const CLIENT_BUG = 'This is a client bug; please report it.';
const PAGE_BUG = 'This is a bug in the page; please report it.';
const TRY_AGAIN = 'Try again in a moment.';
// The server's `channel_reserved` and the SDK's `reserved_channel` are the same refusal.
const RESERVED_NAME = [
  'This room name is reserved.',
  'Room names may not start with _metered/, _internal/ or _system/.',
] as const;

/**
 * [message, remedy] per code. Pairs rather than `{ message, remedy }` objects because this table is the largest
 * block of text in the script-tag bundle and the repeated keys cost bytes there; `ERROR_TEXT` below gives every
 * reader the named shape.
 */
const TEXTS: Readonly<Record<MeteredErrorCode, readonly [message: string, remedy: string]>> = {
  going_away: ['The server is restarting.', SELF_HEALING],
  abnormal_close: [
    'The connection to the server was lost.',
    'Check your network connection; the call reconnects by itself.',
  ],
  policy_violation: [
    'The server rejected a malformed message.',
    'This is a bug in the client; the call reconnects by itself. Please report it.',
  ],
  message_too_big: [
    'A message was larger than the server allows.',
    'Send shorter messages; the call reconnects by itself.',
  ],
  client_inactivity: ['The connection went quiet and was restarted.', SELF_HEALING],
  invalid_token: [
    'The server did not accept the credentials.',
    'Check the api-key, or mint a new token signed with the right secret key and kid.',
  ],
  token_expired: [
    'The access token has expired.',
    'Provide a token-url or tokenProvider that returns a fresh token on every call, then join again.',
  ],
  channel_not_authorized: [
    'This key or token may not join this room.',
    'Use a room name the key allows, or mint a token whose channels include it.',
  ],
  over_concurrent_limit: [
    'Too many connections are open for this account.',
    'Wait and try again, close unused tabs, or raise the plan’s connection limit.',
  ],
  over_message_rate: ['Messages were sent too fast.', 'Slow down; the call reconnects by itself.'],
  account_suspended: [
    'The account behind this room is suspended.',
    'The site owner needs to resolve billing with Metered.',
  ],
  admin_disconnect: ['You were disconnected by the room’s administrator.', 'Join again if you are allowed to.'],
  malformed_message: ['The server could not read a message.', CLIENT_BUG],
  unknown_type: ['The server did not recognise a message.', CLIENT_BUG],
  invalid_channel: ['The room name is not valid.', 'Use 1–256 printable characters without control characters.'],
  invalid_peer_id: [
    'A participant id is not valid.',
    'Mint tokens with a printable-ASCII sub of at most 128 characters.',
  ],
  channel_reserved: RESERVED_NAME,
  channel_limit_exceeded: ['Too many rooms are open on one connection.', 'Leave rooms you no longer use.'],
  peer_not_found: ['That participant is no longer in the room.', 'Nothing to do.'],
  missing_data: ['A message had no content.', CLIENT_BUG],
  action_not_permitted: [
    'This key or token is not allowed to do that.',
    'Give the key the needed action (subscribe, publish, presence, send), or mint a token with it.',
  ],
  over_message_quota: [
    'The message quota for this period is used up.',
    'Wait for the billing period to roll over, or raise the plan.',
  ],
  backend_error: ['The server had a temporary problem.', TRY_AGAIN],
  internal_error: ['The server had an internal error.', TRY_AGAIN],
  not_joined: ['You are not in the room yet.', 'Wait until the room has joined, then send again.'],
  invalid_args: ['A call had invalid arguments.', PAGE_BUG],
  self_send: ['A message was addressed to yourself.', PAGE_BUG],
  reserved_channel: RESERVED_NAME,
  invalid_state: [
    'That is not possible in the room’s current state.',
    'Wait for the room to finish joining or leaving, then try again.',
  ],
  track_already_attached: ['This camera or microphone track is already shared.', 'Share each track once.'],
  oversized: ['The message is too long to send.', 'Shorten it and send again.'],
  replace_track_failed: ['Switching the device failed for some participants.', 'Pick the device again.'],
  data_channel_overflow: ['Too much data is waiting to be sent.', 'Send less, or wait and retry.'],
  disconnected: [
    'The connection closed before the server confirmed the message.',
    'Send it again once the room has reconnected.',
  ],
  token_provider_failed: [
    'Fetching an access token keeps failing.',
    'Check the token-url endpoint (or tokenProvider): it must return {"token": "…"} or the token as text.',
  ],
  ice_restart_exhausted: [
    'The media connection to a participant could not be recovered.',
    'Leave and join again; restrictive networks need a TURN server.',
  ],
  reconcile_timeout: ['The room could not be restored after reconnecting.', 'Leave and join again.'],
  insecure_context: ['Camera and microphone need a secure page.', 'Open the page over https:// (or on localhost).'],
  media_permission_denied: [
    'Camera or microphone access was denied.',
    'Allow camera and microphone for this site in the browser, then join again.',
  ],
  media_device_not_found: [
    'No camera or microphone was found.',
    'Connect a device, or set media="audio" or media="none".',
  ],
  media_device_in_use: [
    'The camera or microphone is in use by another program.',
    'Close the other program, then join again.',
  ],
  autoplay_blocked: ['The browser blocked audio and video from starting.', 'Click to start audio and video.'],
  no_media_received: [
    'A participant joined but no audio or video arrived.',
    'On a publishable key, enable the Send action: the call needs it to connect media.',
  ],
  missing_room: [
    'This element must be placed inside a <metered-room>.',
    'Wrap it in <metered-room channel="…" api-key="…">.',
  ],
  invalid_config: [
    'The room is not configured correctly.',
    'Set channel and one of api-key, token-url or tokenProvider; server-url must be wss:// (ws:// only for localhost).',
  ],
  ice_server_rejected: [
    'An ICE server entry was ignored.',
    'Use stun:, stuns:, turn: or turns: URLs, and give TURN servers a username and credential.',
  ],
  ice_servers_unavailable: [
    'The ICE server list could not be fetched; the call goes on without it.',
    'Check the ice-servers-url endpoint: it must answer JSON, an array of ICE servers or {"iceServers": […]}, within 5 s.',
  ],
  no_media_path: [
    'No audio or video connection could be made with a participant.',
    'The networks between you block direct connections: configure a TURN server (iceServers or ice-servers-url).',
  ],
};

export const ERROR_TEXT = Object.fromEntries(
  Object.entries(TEXTS).map(([code, [message, remedy]]) => [code, { message, remedy }]),
) as Readonly<Record<MeteredErrorCode, ErrorText>>;
