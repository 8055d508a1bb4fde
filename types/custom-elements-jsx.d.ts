import type { MeteredChat, MeteredRoom, MeteredVideo } from "../dist/esm/index.js";

/**
 * This type can be used to create scoped tags for your components.
 *
 * Usage:
 *
 * ```ts
 * import type { ScopedElements } from "path/to/library/jsx-integration";
 *
 * declare module "my-library" {
 *   namespace JSX {
 *     interface IntrinsicElements
 *       extends ScopedElements<'test-', ''> {}
 *   }
 * }
 * ```
 *
 */
export type ScopedElements<Prefix extends string = "", Suffix extends string = ""> = {
  [Key in keyof CustomElements as `${Prefix}${Key}${Suffix}`]: CustomElements[Key];
};

type BaseProps = {
  /** Content added between the opening and closing tags of the element */
  children?: any;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  class?: string;
  /** Used for declaratively styling one or more elements using CSS (Cascading Stylesheets) */
  className?: string;
  /** Takes an object where the key is the class name(s) and the value is a boolean expression. When true, the class is applied, and when false, it is removed. */
  classList?: Record<string, boolean | undefined>;
  /** Specifies the text direction of the element. */
  dir?: "ltr" | "rtl";
  /** Contains a space-separated list of the part names of the element that should be exposed on the host element. */
  exportparts?: string;
  /** For <label> and <output>, lets you associate the label with some control. */
  htmlFor?: string;
  /** Specifies whether the element should be hidden. */
  hidden?: boolean | string;
  /** A unique identifier for the element. */
  id?: string;
  /** Keys tell React which array item each component corresponds to */
  key?: string | number;
  /** Specifies the language of the element. */
  lang?: string;
  /** Contains a space-separated list of the part names of the element. Part names allows CSS to select and style specific elements in a shadow tree via the ::part pseudo-element. */
  part?: string;
  /** Use the ref attribute with a variable to assign a DOM element to the variable once the element is rendered. */
  ref?: unknown | ((e: unknown) => void);
  /** Adds a reference for a custom element slot */
  slot?: string;
  /** Prop for setting inline styles */
  style?: Record<string, string | number>;
  /** Overrides the default Tab button behavior. Avoid using values other than -1 and 0. */
  tabIndex?: number;
  /** Specifies the tooltip text for the element. */
  title?: string;
  /** Passing 'no' excludes the element content from being translated. */
  translate?: "yes" | "no";
};

type BaseEvents = {};

export type MeteredChatProps = {
  /** For each message shown: every valid chat message received, and each own message once the server accepted it. */
  "onmetered-message"?: (e: CustomEvent<import("../dist/esm/index.js").MessageDetail>) => void;
  /** On the chat element when sending fails: `not_joined` (sent before the room joined; the draft is kept), `oversized` (with `size` and `cap`; the draft is kept), `over_message_quota`, `action_not_permitted` and other server codes (the message is marked failed, with Retry), `disconnected` (the connection dropped before the server confirmed; Retry); `session_ended` (the room left or joined again while a message of ours was unsent: its text is back in the input); `missing_room` when there is no room above it. */
  "onmetered-error"?: (e: CustomEvent<import("../dist/esm/index.js").MeteredErrorDetail>) => void;
};

export type MeteredRoomProps = {
  /** The channel (room name) to join. Changing it while joined leaves and joins the new channel. */
  channel?: MeteredRoom["channel"];
  /** A publishable key (`pk_…`). Use this or `token-url` or the `tokenProvider` property. */
  "api-key"?: MeteredRoom["apiKey"];
  /** A URL answering a JWT (JSON `{"token": "…"}` or plain text); fetched on every connect and reconnect. */
  "token-url"?: MeteredRoom["tokenUrl"];
  /** Origin of the signalling server; default the SDK's hosted `wss://rms.metered.ca`. `ws://` only for localhost. */
  "server-url"?: MeteredRoom["serverUrl"];
  /** The name this room claims for itself (others see it as unverified unless the token stamps one). */
  "display-name"?: MeteredRoom["displayName"];
  /** What to capture: "audio video" (default), "audio", "video" or "none". */
  media?: MeteredRoom["media"];
  /** Join as soon as the room is in the document with a channel and a credential. On by default; `auto-join="false"` turns it off. */
  "auto-join"?: MeteredRoom["autoJoin"];
  /** In the default layout, show the pre-join screen (camera preview, microphone level, name, Join) where the room
would join by itself; `prejoin="off"` joins at once. (With children, or `auto-join="off"`, there is none.) */
  prejoin?: MeteredRoom["prejoin"];
  /** Remember the pre-join choices (name, microphone and camera on or off, devices) in this browser's
localStorage for the next call; `remember="off"` neither reads nor writes them. */
  remember?: MeteredRoom["remember"];
  /** Ask the server to stamp senders' token metadata on broadcasts (verified chat names). */
  "include-sender-metadata"?: MeteredRoom["includeSenderMetadata"];
  /** Log the SDK's activity to the console: its warnings and errors; with the npm build (not the script-tag
bundle, which leaves them out for size) also its debug and info lines. */
  debug?: MeteredRoom["debug"];
  /** With children: also render the control bar. */
  controls?: MeteredRoom["controls"];
  /** A URL answering ICE servers as JSON — an array of RTCIceServer (Metered's TURN credentials API) or
`{"iceServers": […]}` — fetched before every join and reconnect, so short-lived TURN credentials stay fresh.
Merged with `iceServers`. A failure (HTTP error, bad JSON, no answer within 5 s) is an
`ice_servers_unavailable` warning and a notice; the call goes on without it. */
  "ice-servers-url"?: MeteredRoom["iceServersUrl"];
  /** `all` (default) or `relay` (only relayed TURN candidates: hides the participants' IP addresses from each other). */
  "ice-transport-policy"?: MeteredRoom["iceTransportPolicy"];
  /** Called for a token on every connect and reconnect, instead of `api-key` / `token-url`. */
  tokenProvider?: MeteredRoom["tokenProvider"];
  /** STUN/TURN servers for the media connections, added in front of any the server sends in its welcome
(`metadata.iceServers`). Only `stun:`, `stuns:`, `turn:`, `turns:` URLs are used (TURN with `username` and
`credential`); others are dropped with an `ice_server_rejected` warning. Read on every join. When neither this,
`ice-servers-url` nor the server gives any, the room uses Metered's public STUN server
`stun:stun.relay.metered.ca:80`; an empty list (`[]`) turns that default off. */
  iceServers?: MeteredRoom["iceServers"];
  /** Delay before `no_media_received` for a peer that sends no stream (default 15000 ms). */
  noMediaTimeoutMs?: MeteredRoom["noMediaTimeoutMs"];
  /** The room joined its channel. `detail`: `{ peerId, channel }`; again, with `previousPeerId`, when a reconnect gave the room a new peerId. */
  "onmetered-joined"?: (e: CustomEvent<import("../dist/esm/index.js").JoinedDetail>) => void;
  /** The room left. `detail`: `{ peerId, channel, reason }` (leave, removed, channel-change, error). */
  "onmetered-left"?: (e: CustomEvent<import("../dist/esm/index.js").LeftDetail>) => void;
  /** `detail`: `{ from, to }` over idle, joining, joined, reconnecting, leaving, left, failed. */
  "onmetered-state-change"?: (e: CustomEvent<import("../dist/esm/index.js").StateChangeDetail>) => void;
  /** Someone joined, once their name is known (at most 3 s after they appeared). `detail`: `{ peerId, displayName, nameVerified, previousPeerId? }` (`previousPeerId`: the same participant came back with a new peerId after their connection was restarted). */
  "onmetered-peer-joined"?: (e: CustomEvent<import("../dist/esm/index.js").PeerDetail>) => void;
  /** Someone left. `detail`: `{ peerId, displayName, nameVerified }`. */
  "onmetered-peer-left"?: (e: CustomEvent<import("../dist/esm/index.js").PeerDetail>) => void;
  /** Someone's name changed. `detail`: `{ peerId, displayName, nameVerified }`. */
  "onmetered-peer-updated"?: (e: CustomEvent<import("../dist/esm/index.js").PeerDetail>) => void;
  /** The network quality of the path to someone changed level (measured every 2 s; at most one event per participant per 5 s, the latest level winning). `detail`: `{ peerId, quality, rttMs, packetLoss, jitterMs, relayed }` — `quality` 3 good, 2 fair, 1 poor, 0 bad (see `NetworkQualityLevel`). */
  "onmetered-network-quality"?: (e: CustomEvent<import("../dist/esm/index.js").NetworkQualityDetail>) => void;
  /** The active speaker changed: another participant spoke for about 1.5 s (at once when nobody had the floor), or the one who had it left. `detail`: `{ peerId, displayName }`, both null when nobody has the floor. Measured from the audio levels a few times a second while joined. */
  "onmetered-active-speaker"?: (e: CustomEvent<import("../dist/esm/index.js").ActiveSpeakerDetail>) => void;
  /** A connection, server, configuration or media error. `detail.code` narrows the type. */
  "onmetered-error"?: (e: CustomEvent<import("../dist/esm/index.js").MeteredErrorDetail>) => void;
};

export type MeteredVideoProps = {
  /** `grid` (equal tiles) or `speaker` (the active speaker on the stage, the others in a filmstrip). */
  layout?: MeteredVideo["layout"];

  /** On the video element: `autoplay_blocked` when the browser refused to start playback (once per episode; the overlay button resumes), `missing_room` when there is no room above it. */
  "onmetered-error"?: (e: CustomEvent<import("../dist/esm/index.js").MeteredErrorDetail>) => void;
};

export type CustomElements = {
  /**
   * Text chat for the surrounding room: a message list and an input.
   * ---
   *
   *
   * ### **Events:**
   *  - **metered-message** - For each message shown: every valid chat message received, and each own message once the server accepted it.
   * - **metered-error** - On the chat element when sending fails: `not_joined` (sent before the room joined; the draft is kept), `oversized` (with `size` and `cap`; the draft is kept), `over_message_quota`, `action_not_permitted` and other server codes (the message is marked failed, with Retry), `disconnected` (the connection dropped before the server confirmed; Retry); `session_ended` (the room left or joined again while a message of ours was unsent: its text is back in the input); `missing_room` when there is no room above it.
   *
   * ### **Methods:**
   *  - **send(): _void_** - Sends the current draft. Same as pressing Enter in the input or the Send button.
   *
   * ### **CSS Properties:**
   *  - **--metered-background** - Background of the input. _(default: #ffffff (dark: #111827))_
   * - **--metered-surface** - Background of the list and of other people's messages. _(default: #f3f4f6 (dark: #1f2937))_
   * - **--metered-text** - Text colour. _(default: #111827 (dark: #f9fafb))_
   * - **--metered-muted-text** - Colour of names, times and hints. _(default: #4b5563 (dark: #d1d5db))_
   * - **--metered-accent** - Background of own messages and of the buttons. _(default: #2563eb (dark: #60a5fa))_
   * - **--metered-on-accent** - Text on accent backgrounds. _(default: #ffffff (dark: #0b1220))_
   * - **--metered-danger** - Colour of errors and the "unverified" mark. _(default: #b91c1c (dark: #f87171))_
   * - **--metered-border** - Border colour. _(default: #d1d5db (dark: #374151))_
   * - **--metered-radius** - Corner radius. _(default: 8px)_
   * - **--metered-gap** - Spacing. _(default: 8px)_
   * - **--metered-font** - Font family. _(default: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif)_
   *
   * ### **CSS Parts:**
   *  - **base** - The wrapper around the list and the form.
   * - **list** - The scrolling message list (`role="log"`, a polite live region).
   * - **empty** - The "No messages yet" line.
   * - **message** - Each message; also carries `message-own` or `message-remote`.
   * - **message-own** - A message this participant sent.
   * - **message-remote** - A message from someone else.
   * - **meta** - The line with sender name and time.
   * - **sender** - The sender's name.
   * - **unverified** - The mark next to a name the server did not confirm.
   * - **time** - The time the message appeared.
   * - **text** - The message text.
   * - **pending** - "Sending…" on an own message awaiting the server.
   * - **failure** - The "Not sent" line on a failed own message.
   * - **retry** - The Retry button of a failed message.
   * - **history-divider** - The line under the messages sent before this participant joined.
   * - **new-messages** - The "New messages" button shown when messages arrive while the reader has scrolled up.
   * - **form** - The form with the label, input, send button and status line.
   * - **label** - The input's visible label.
   * - **input** - The message textarea.
   * - **send** - The Send button.
   * - **status** - The line under the input: not-joined hint or why the draft was not sent.
   * - **missing-room** - The placeholder shown when there is no `<metered-room>` above the element.
   */
  "metered-chat": Partial<MeteredChatProps & BaseProps & BaseEvents>;

  /**
   * A Metered Realtime video room: one shared peer, default call layout, typed events.
   * ---
   *
   *
   * ### **Events:**
   *  - **metered-joined** - The room joined its channel. `detail`: `{ peerId, channel }`; again, with `previousPeerId`, when a reconnect gave the room a new peerId.
   * - **metered-left** - The room left. `detail`: `{ peerId, channel, reason }` (leave, removed, channel-change, error).
   * - **metered-state-change** - `detail`: `{ from, to }` over idle, joining, joined, reconnecting, leaving, left, failed.
   * - **metered-peer-joined** - Someone joined, once their name is known (at most 3 s after they appeared). `detail`: `{ peerId, displayName, nameVerified, previousPeerId? }` (`previousPeerId`: the same participant came back with a new peerId after their connection was restarted).
   * - **metered-peer-left** - Someone left. `detail`: `{ peerId, displayName, nameVerified }`.
   * - **metered-peer-updated** - Someone's name changed. `detail`: `{ peerId, displayName, nameVerified }`.
   * - **metered-network-quality** - The network quality of the path to someone changed level (measured every 2 s; at most one event per participant per 5 s, the latest level winning). `detail`: `{ peerId, quality, rttMs, packetLoss, jitterMs, relayed }` — `quality` 3 good, 2 fair, 1 poor, 0 bad (see `NetworkQualityLevel`).
   * - **metered-active-speaker** - The active speaker changed: another participant spoke for about 1.5 s (at once when nobody had the floor), or the one who had it left. `detail`: `{ peerId, displayName }`, both null when nobody has the floor. Measured from the audio levels a few times a second while joined.
   * - **metered-error** - A connection, server, configuration or media error. `detail.code` narrows the type.
   *
   * ### **Methods:**
   *  - **join(): _Promise<void>_** - Joins the channel (captures media first). Errors are reported as `metered-error`; it never throws.
   * - **leave(): _Promise<void>_** - Leaves the channel, closes the connection and stops every capture track.
   * - **setMicrophoneEnabled(enabled: _boolean_): _void_** - Turns the microphone on or off (the track stays captured and is muted, so turning it back on is instant).
   * - **setCameraEnabled(enabled: _boolean_): _void_** - Turns the camera on or off (the track stays captured and is disabled, so the others receive black frames).
   * - **startScreenShare(stream: _MediaStream_): _Promise<void>_** - Shares the screen (getDisplayMedia), or `stream` when given (e.g. a canvas capture), as role "screen".
   * Device and screen-share operations run one at a time, in the order they were called.
   * - **stopScreenShare(): _Promise<void>_** - Stops sharing the screen (as the browser's own "Stop sharing" does), after any device or screen-share operation
   * called before it; nothing happens when nothing is shared.
   * - **selectDevice(kind: _DeviceKind_, deviceId: _string_): _Promise<void>_** - Switches the microphone (`audioinput`) or camera (`videoinput`) to `deviceId`. The old device stops only once
   * the others receive the new one; if the switch fails, the old device stays in use.
   *
   * ### **Slots:**
   *  - _default_ - Your own layout (e.g. `<metered-video>` and `<metered-chat>`). Replaces the default layout.
   *
   * ### **CSS Properties:**
   *  - **--metered-background** - Room background. _(default: #ffffff (dark: #111827))_
   * - **--metered-surface** - Control bar, banner and error panel background. _(default: #f3f4f6 (dark: #1f2937))_
   * - **--metered-text** - Text colour. _(default: #111827 (dark: #f9fafb))_
   * - **--metered-muted-text** - Colour of switched-off controls. _(default: #4b5563 (dark: #d1d5db))_
   * - **--metered-accent** - Primary button and focus ring colour. _(default: #2563eb (dark: #60a5fa))_
   * - **--metered-on-accent** - Text on the accent colour. _(default: #ffffff (dark: #0b1220))_
   * - **--metered-danger** - Error and leave colour. _(default: #b91c1c (dark: #f87171))_
   * - **--metered-border** - Border colour. _(default: #d1d5db (dark: #374151))_
   * - **--metered-radius** - Corner radius. _(default: 8px)_
   * - **--metered-gap** - Spacing. _(default: 8px)_
   * - **--metered-font** - Font family. _(default: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif)_
   *
   * ### **CSS Parts:**
   *  - **layout** - The default layout grid (video, controls, chat).
   * - **video** - The default `<metered-video>`.
   * - **chat** - The default `<metered-chat>`.
   * - **controls** - The control bar.
   * - **control** - Each control button.
   * - **leave** - The leave button.
   * - **device-picker** - The microphone and camera selects.
   * - **banner** - The "Reconnecting…" banner.
   * - **hint** - Why the room cannot join yet (no channel or no credential), shown once its configuration settled.
   * - **error** - The error panel (message, remedy, Join again).
   * - **notice** - Why the call runs without camera/microphone (permission denied, no device, insecure page) or without the `ice-servers-url` list.
   * - **join** - The Join button shown when the room is not in a call, and the pre-join screen's.
   * - **prejoin** - The pre-join screen (a form): preview, microphone level, name, Join.
   * - **preview** - Your camera's preview on the pre-join screen.
   * - **level** - The microphone level bar on the pre-join screen (its width follows `--level`, 0 to 1).
   * - **name** - The name input on the pre-join screen.
   * - **panel** - The side panel of the default layout (chat or participants), with its close button.
   * - **participants** - The participants list in the side panel.
   * - **participant** - One person in the participants list.
   * - **muted-hint** - "You are muted", shown while you speak with the microphone off.
   * - **video-base** - The default `<metered-video>`'s `base` part: The container of the tiles.
   * - **video-tile** - The default `<metered-video>`'s `tile` part: Each tile (`<figure>`); carries `data-peer-id`, `data-role` (`camera` | `screen`), `data-local` and `data-state` (the SDK's per-peer connection state).
   * - **video-tile-featured** - The default `<metered-video>`'s `tile-featured` part: The large tile on the stage (also has part `tile`).
   * - **video-tile-speaking** - The default `<metered-video>`'s `tile-speaking` part: The tile of a participant who is speaking (also has part `tile`); its ring is drawn in `--metered-speaking`.
   * - **video-video** - The default `<metered-video>`'s `video` part: The `<video>` in each tile.
   * - **video-placeholder** - The default `<metered-video>`'s `placeholder` part: The layer shown in a tile without video (camera off, or no stream yet).
   * - **video-avatar** - The default `<metered-video>`'s `avatar` part: The circle with the initial of the name, in the placeholder.
   * - **video-label** - The default `<metered-video>`'s `label` part: The name under each tile.
   * - **video-muted** - The default `<metered-video>`'s `muted` part: The crossed-out microphone in the label (its accessible name is "Microphone off").
   * - **video-badge** - The default `<metered-video>`'s `badge` part: The "Connecting…" / "Reconnecting…" badge.
   * - **video-quality** - The default `<metered-video>`'s `quality` part: The network-quality bars on another participant's camera tile (`data-quality` 0–3; its accessible name is "Connection: good", "fair", "poor" or "bad").
   * - **video-pip** - The default `<metered-video>`'s `pip` part: The picture-in-picture button on another participant's tile (shown on hover and focus; absent where the browser has no picture-in-picture).
   * - **video-empty** - The default `<metered-video>`'s `empty` part: The text shown while nobody is in the call.
   * - **video-overlay** - The default `<metered-video>`'s `overlay` part: The layer over the tiles while playback waits for a click.
   * - **video-start-button** - The default `<metered-video>`'s `start-button` part: The "Click to start audio and video" button.
   * - **chat-base** - The default `<metered-chat>`'s `base` part: The wrapper around the list and the form.
   * - **chat-list** - The default `<metered-chat>`'s `list` part: The scrolling message list (`role="log"`, a polite live region).
   * - **chat-empty** - The default `<metered-chat>`'s `empty` part: The "No messages yet" line.
   * - **chat-message** - The default `<metered-chat>`'s `message` part: Each message; also carries `message-own` or `message-remote`.
   * - **chat-message-own** - The default `<metered-chat>`'s `message-own` part: A message this participant sent.
   * - **chat-message-remote** - The default `<metered-chat>`'s `message-remote` part: A message from someone else.
   * - **chat-meta** - The default `<metered-chat>`'s `meta` part: The line with sender name and time.
   * - **chat-sender** - The default `<metered-chat>`'s `sender` part: The sender's name.
   * - **chat-unverified** - The default `<metered-chat>`'s `unverified` part: The mark next to a name the server did not confirm.
   * - **chat-time** - The default `<metered-chat>`'s `time` part: The time the message appeared.
   * - **chat-text** - The default `<metered-chat>`'s `text` part: The message text.
   * - **chat-pending** - The default `<metered-chat>`'s `pending` part: "Sending…" on an own message awaiting the server.
   * - **chat-failure** - The default `<metered-chat>`'s `failure` part: The "Not sent" line on a failed own message.
   * - **chat-retry** - The default `<metered-chat>`'s `retry` part: The Retry button of a failed message.
   * - **chat-new-messages** - The default `<metered-chat>`'s `new-messages` part: The "New messages" button shown when messages arrive while the reader has scrolled up.
   * - **chat-form** - The default `<metered-chat>`'s `form` part: The form with the label, input, send button and status line.
   * - **chat-label** - The default `<metered-chat>`'s `label` part: The input's visible label.
   * - **chat-input** - The default `<metered-chat>`'s `input` part: The message textarea.
   * - **chat-send** - The default `<metered-chat>`'s `send` part: The Send button.
   * - **chat-status** - The default `<metered-chat>`'s `status` part: The line under the input: not-joined hint or why the draft was not sent.
   */
  "metered-room": Partial<MeteredRoomProps & BaseProps & BaseEvents>;

  /**
   * The video tiles of the surrounding room, with self-view, screen shares and layouts.
   * ---
   *
   *
   * ### **Events:**
   *  - **metered-error** - On the video element: `autoplay_blocked` when the browser refused to start playback (once per episode; the overlay button resumes), `missing_room` when there is no room above it.
   *
   * ### **CSS Properties:**
   *  - **--metered-tile-background** - Background of a tile (seen while video is loading or absent). _(default: #1f2937 (dark: #030712))_
   * - **--metered-speaking** - Colour of the speaking ring (default: the accent colour). _(default: var(--_accent))_
   * - **--metered-text** - Text colour of the empty state. _(default: #111827 (dark: #f9fafb))_
   * - **--metered-muted-text** - Colour of the empty state text. _(default: #4b5563 (dark: #d1d5db))_
   * - **--metered-accent** - Background of the start button and focus rings. _(default: #2563eb (dark: #60a5fa))_
   * - **--metered-on-accent** - Text of the start button. _(default: #ffffff (dark: #0b1220))_
   * - **--metered-radius** - Corner radius of tiles and buttons. _(default: 8px)_
   * - **--metered-gap** - Space between tiles. _(default: 8px)_
   * - **--metered-font** - Font family. _(default: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif)_
   *
   * ### **CSS Parts:**
   *  - **base** - The container of the tiles.
   * - **tile** - Each tile (`<figure>`); carries `data-peer-id`, `data-role` (`camera` | `screen`), `data-local` and `data-state` (the SDK's per-peer connection state).
   * - **tile-featured** - The large tile on the stage (also has part `tile`).
   * - **tile-speaking** - The tile of a participant who is speaking (also has part `tile`); its ring is drawn in `--metered-speaking`.
   * - **video** - The `<video>` in each tile.
   * - **placeholder** - The layer shown in a tile without video (camera off, or no stream yet).
   * - **avatar** - The circle with the initial of the name, in the placeholder.
   * - **label** - The name under each tile.
   * - **pip** - The picture-in-picture button on another participant's tile (shown on hover and focus; absent where the browser has no picture-in-picture).
   * - **muted** - The crossed-out microphone in the label (its accessible name is "Microphone off").
   * - **badge** - The "Connecting…" / "Reconnecting…" badge.
   * - **quality** - The network-quality bars on another participant's camera tile (`data-quality` 0–3; its accessible name is "Connection: good", "fair", "poor" or "bad").
   * - **empty** - The text shown while nobody is in the call.
   * - **overlay** - The layer over the tiles while playback waits for a click.
   * - **start-button** - The "Click to start audio and video" button.
   * - **missing-room** - The placeholder shown when there is no `<metered-room>` above the element.
   */
  "metered-video": Partial<MeteredVideoProps & BaseProps & BaseEvents>;
};
