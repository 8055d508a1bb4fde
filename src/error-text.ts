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
const RESERVED_NAME: ErrorText = {
  message: 'This room name is reserved.',
  remedy: 'Room names may not start with _metered/, _internal/ or _system/.',
};

/** The text of every code: `message` goes into `detail.message`, `remedy` is shown under it. */
export const ERROR_TEXT: Readonly<Record<MeteredErrorCode, ErrorText>> = {
  going_away: { message: 'The server is restarting.', remedy: SELF_HEALING },
  abnormal_close: {
    message: 'The connection to the server was lost.',
    remedy: 'Nothing to do: the call reconnects by itself. If this keeps happening, check your network connection.',
  },
  policy_violation: {
    message: 'The server rejected a malformed message.',
    remedy: 'This is a bug in the client; the call reconnects by itself. Please report it.',
  },
  message_too_big: {
    message: 'A message was larger than the server allows.',
    remedy: 'Send shorter messages; the call reconnects by itself.',
  },
  client_inactivity: { message: 'The connection went quiet and was restarted.', remedy: SELF_HEALING },
  invalid_token: {
    message: 'The server did not accept the credentials.',
    remedy: 'Check the api-key, or mint a new token signed with the right secret key and kid.',
  },
  token_expired: {
    message: 'The access token has expired.',
    remedy: 'Provide a token-url or tokenProvider that returns a fresh token on every call, then join again.',
  },
  channel_not_authorized: {
    message: 'This key or token may not join this room.',
    remedy: 'Use a room name the key allows, or mint a token whose channels include it.',
  },
  over_concurrent_limit: {
    message: 'Too many connections are open for this account.',
    remedy: 'Wait and try again, close unused tabs, or raise the plan’s connection limit.',
  },
  over_message_rate: { message: 'Messages were sent too fast.', remedy: 'Slow down; the call reconnects by itself.' },
  account_suspended: {
    message: 'The account behind this room is suspended.',
    remedy: 'The site owner needs to resolve billing with Metered.',
  },
  admin_disconnect: {
    message: 'You were disconnected by the room’s administrator.',
    remedy: 'Join again if you are allowed to.',
  },
  malformed_message: { message: 'The server could not read a message.', remedy: CLIENT_BUG },
  unknown_type: { message: 'The server did not recognise a message.', remedy: CLIENT_BUG },
  invalid_channel: {
    message: 'The room name is not valid.',
    remedy: 'Use 1–256 printable characters without control characters.',
  },
  invalid_peer_id: {
    message: 'A participant id is not valid.',
    remedy: 'Mint tokens with a printable-ASCII sub of at most 128 characters.',
  },
  channel_reserved: RESERVED_NAME,
  channel_limit_exceeded: {
    message: 'Too many rooms are open on one connection.',
    remedy: 'Leave rooms you no longer use.',
  },
  peer_not_found: { message: 'That participant is no longer in the room.', remedy: 'Nothing to do.' },
  missing_data: { message: 'A message had no content.', remedy: CLIENT_BUG },
  action_not_permitted: {
    message: 'This key or token is not allowed to do that.',
    remedy: 'Give the key the needed action (subscribe, publish, presence, send), or mint a token with it.',
  },
  over_message_quota: {
    message: 'The message quota for this period is used up.',
    remedy: 'Wait for the billing period to roll over, or raise the plan.',
  },
  backend_error: { message: 'The server had a temporary problem.', remedy: TRY_AGAIN },
  internal_error: { message: 'The server had an internal error.', remedy: TRY_AGAIN },
  not_joined: { message: 'You are not in the room yet.', remedy: 'Wait until the room has joined, then send again.' },
  invalid_args: { message: 'A call had invalid arguments.', remedy: PAGE_BUG },
  self_send: { message: 'A message was addressed to yourself.', remedy: PAGE_BUG },
  reserved_channel: RESERVED_NAME,
  invalid_state: {
    message: 'That is not possible in the room’s current state.',
    remedy: 'Wait for the room to finish joining or leaving, then try again.',
  },
  track_already_attached: {
    message: 'This camera or microphone track is already shared.',
    remedy: 'Share each track once.',
  },
  oversized: { message: 'The message is too long to send.', remedy: 'Shorten it and send again.' },
  replace_track_failed: {
    message: 'Switching the device failed for some participants.',
    remedy: 'Pick the device again.',
  },
  data_channel_overflow: { message: 'Too much data is waiting to be sent.', remedy: 'Send less, or wait and retry.' },
  disconnected: {
    message: 'The connection closed before the server confirmed the message.',
    remedy: 'Send it again once the room has reconnected.',
  },
  token_provider_failed: {
    message: 'Fetching an access token keeps failing.',
    remedy: 'Check the token-url endpoint (or tokenProvider): it must return {"token": "…"} or the token as text.',
  },
  ice_restart_exhausted: {
    message: 'The media connection to a participant could not be recovered.',
    remedy: 'Leave and join again; restrictive networks need a TURN server.',
  },
  reconcile_timeout: { message: 'The room could not be restored after reconnecting.', remedy: 'Leave and join again.' },
  insecure_context: {
    message: 'Camera and microphone need a secure page.',
    remedy: 'Open the page over https:// (or on localhost).',
  },
  media_permission_denied: {
    message: 'Camera or microphone access was denied.',
    remedy: 'Allow camera and microphone for this site in the browser, then join again.',
  },
  media_device_not_found: {
    message: 'No camera or microphone was found.',
    remedy: 'Connect a device, or set media="audio" or media="none".',
  },
  media_device_in_use: {
    message: 'The camera or microphone is in use by another program.',
    remedy: 'Close the other program, then join again.',
  },
  autoplay_blocked: {
    message: 'The browser blocked audio and video from starting.',
    remedy: 'Click to start audio and video.',
  },
  no_media_received: {
    message: 'A participant joined but no audio or video arrived.',
    remedy: 'On a publishable key, enable the Send action: the call needs it to connect media.',
  },
  missing_room: {
    message: 'This element must be placed inside a <metered-room>.',
    remedy: 'Wrap it in <metered-room channel="…" api-key="…">.',
  },
  invalid_config: {
    message: 'The room is not configured correctly.',
    remedy:
      'Set channel and one of api-key, token-url or tokenProvider; server-url must be wss:// (ws:// only for localhost).',
  },
  session_ended: {
    message: 'The conversation this message belonged to has ended.',
    remedy:
      'The room left or changed channel; the text is back in the message input, send it again if it still applies.',
  },
  connection_failed: {
    message: 'The room could not connect to the server.',
    remedy: 'Check your network connection, the server-url and the api-key or token, then join again.',
  },
  screen_share_denied: {
    message: 'Screen sharing was cancelled or blocked.',
    remedy: 'Choose a screen, window or tab to share. If none is offered, allow screen sharing for this site.',
  },
  ice_server_rejected: {
    message: 'An ICE server entry was ignored.',
    remedy: 'Use stun:, stuns:, turn: or turns: URLs, and give TURN servers a username and credential.',
  },
  ice_servers_unavailable: {
    message: 'The ICE server list could not be fetched; the call goes on without it.',
    remedy:
      'Check the ice-servers-url endpoint: it must answer JSON, an array of ICE servers or {"iceServers": […]}, within 5 s.',
  },
  no_media_path: {
    message: 'No audio or video connection could be made with a participant.',
    remedy: 'The networks between you block direct connections: configure a TURN server (iceServers or ice-servers-url).',
  },
  iframe_permission_missing: {
    message: 'This page is embedded in a frame that does not allow the camera, microphone or screen.',
    remedy:
      'The site owner adds allow="camera; microphone; display-capture; fullscreen" to the <iframe> that embeds this page. If it is there, allow camera and microphone for this site in the browser.',
  },
  browser_unsupported: {
    message: 'This browser cannot use the camera and microphone (an app’s built-in browser, or an old browser).',
    remedy: 'Open this page in your browser: use the app’s “Open in browser” menu, or copy the link into Chrome, Safari, Firefox or Edge.',
  },
  send_not_permitted: {
    message: 'This key or token may not connect audio and video.',
    remedy: 'Give the publishable key the Send action, or mint a token whose permissions include send, then join again.',
  },
};
