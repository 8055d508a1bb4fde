import { ContextProvider } from '@lit/context';
import type { MeteredPeer, TokenProvider } from '@metered-ca/realtime';
import { html, nothing, type PropertyValues } from 'lit';
import { ERROR_TEXT } from '../error-text.js';
import { JoinYieldingElement } from '../join-yield.js';
import { roomContext, type Participant, type RoomState } from '../room-context.js';
import { themeStyles } from '../theme.styles.js';
import * as actions from './media-actions.js';
import { roomStyles } from './metered-room.styles.js';
import { renderControls } from './room-controls.js';
import { hasEnoughConfig } from './room-config.js';
import { RoomSession, type SessionConfig } from './room-session.js';

/**
 * `exportparts` for a default-layout child: each of its parts again as `<prefix>-<part>`, so a page styles them
 * through `metered-room::part(video-tile)` / `metered-room::part(chat-send)`. Prefixed because the room already
 * has parts named `video` and `chat`, and the two children share names such as `base`, `empty` and `label`.
 */
function exportParts(prefix: string, parts: string): string {
  return parts
    .split(' ')
    .map((part) => `${part}:${prefix}-${part}`)
    .join(',');
}
const VIDEO_PARTS = exportParts(
  'video',
  'base tile tile-featured video placeholder label badge empty overlay start-button',
);
const CHAT_PARTS = exportParts(
  'chat',
  'base list empty message message-own message-remote meta sender unverified time text pending failure retry ' +
    'new-messages form label input send status',
);

/** `auto-join` is on unless the attribute says "false" or "off". */
const autoJoinConverter = {
  fromAttribute: (value: string | null) => value === null || !['false', 'off'].includes(value.toLowerCase()),
};

/**
 * A video call with chat on one channel. Owns ONE `MeteredPeer` per join and shares the room with every
 * `<metered-video>`, `<metered-chat>` (or your own element) below it, at any depth and across shadow roots, through
 * `@lit/context` (`roomContext`, a stable `RoomStore`). With no children it renders a complete call: video,
 * controls and chat. With children it renders only them, plus the control bar when `controls` is set.
 *
 * A media failure (permission denied, no device, insecure page) is reported but does not stop the join: chat and
 * the others' video still work. A fatal error is shown in plain language with its remedy and a "Join again" button.
 *
 * @summary A Metered Realtime video room: one shared peer, default call layout, typed events.
 *
 * @fires metered-joined - The room joined its channel. `detail`: `{ peerId, channel }`.
 * @fires metered-left - The room left. `detail`: `{ peerId, channel, reason }` (leave, removed, channel-change, error).
 * @fires metered-state-change - `detail`: `{ from, to }` over idle, joining, joined, reconnecting, leaving, left, failed.
 * @fires metered-peer-joined - Someone joined. `detail`: `{ peerId, displayName, nameVerified }`.
 * @fires metered-peer-left - Someone left. `detail`: `{ peerId, displayName, nameVerified }`.
 * @fires metered-error - A connection, server, configuration or media error. `detail.code` narrows the type.
 *
 * @slot - Your own layout (e.g. `<metered-video>` and `<metered-chat>`). Replaces the default layout.
 *
 * @csspart layout - The default layout grid (video, controls, chat).
 * @csspart video - The default `<metered-video>`.
 * @csspart chat - The default `<metered-chat>`.
 * @csspart video-base - The default video's `base` part. Every part of the default `<metered-video>` is exported
 *   with the prefix `video-`: `video-base`, `video-tile`, `video-tile-featured`, `video-video`, `video-placeholder`,
 *   `video-label`, `video-badge`, `video-empty`, `video-overlay`, `video-start-button` (see `<metered-video>`).
 * @csspart video-tile - The default video's tiles (`tile` part), e.g. `metered-room::part(video-tile)`.
 * @csspart chat-base - The default chat's `base` part. Every part of the default `<metered-chat>` is exported with
 *   the prefix `chat-`: `chat-base`, `chat-list`, `chat-empty`, `chat-message`, `chat-message-own`,
 *   `chat-message-remote`, `chat-meta`, `chat-sender`, `chat-unverified`, `chat-time`, `chat-text`, `chat-pending`,
 *   `chat-failure`, `chat-retry`, `chat-new-messages`, `chat-form`, `chat-label`, `chat-input`, `chat-send`,
 *   `chat-status` (see `<metered-chat>`).
 * @csspart chat-send - The default chat's Send button (`send` part), e.g. `metered-room::part(chat-send)`.
 * @csspart controls - The control bar.
 * @csspart control - Each control button.
 * @csspart leave - The leave button.
 * @csspart device-picker - The microphone and camera selects.
 * @csspart banner - The "Reconnecting…" banner.
 * @csspart error - The error panel (message, remedy, Join again).
 * @csspart notice - Why the call runs without camera/microphone (permission denied, no device, insecure page) or
 *   without the `ice-servers-url` list.
 * @csspart join - The Join button shown when the room is not in a call.
 *
 * @cssprop --metered-background - Room background.
 * @cssprop --metered-surface - Control bar, banner and error panel background.
 * @cssprop --metered-text - Text colour.
 * @cssprop --metered-muted-text - Colour of switched-off controls.
 * @cssprop --metered-accent - Primary button and focus ring colour.
 * @cssprop --metered-on-accent - Text on the accent colour.
 * @cssprop --metered-danger - Error and leave colour.
 * @cssprop --metered-border - Border colour.
 * @cssprop --metered-radius - Corner radius.
 * @cssprop --metered-gap - Spacing.
 * @cssprop --metered-font - Font family.
 */
export class MeteredRoom extends JoinYieldingElement {
  static override styles = [themeStyles, roomStyles];
  // Reactive properties declared here rather than with decorators: the same behaviour without shipping the
  // decorator helpers in the script-tag bundle. The fields below carry the documentation and defaults.
  // None reflects: the page keeps exactly the attributes its author wrote (no `api-key=""` defaults written back,
  // no credential set as a property copied into the DOM), and the first render writes no attributes.
  static override properties = {
    channel: {},
    apiKey: { attribute: 'api-key' },
    tokenUrl: { attribute: 'token-url' },
    serverUrl: { attribute: 'server-url' },
    displayName: { attribute: 'display-name' },
    media: {},
    autoJoin: { attribute: 'auto-join', converter: autoJoinConverter },
    includeSenderMetadata: { attribute: 'include-sender-metadata', type: Boolean },
    debug: { type: Boolean },
    controls: { type: Boolean },
    tokenProvider: { attribute: false },
    iceServers: { attribute: false },
    iceServersUrl: { attribute: 'ice-servers-url' },
    iceTransportPolicy: { attribute: 'ice-transport-policy' },
    hasChildren: { state: true, attribute: false },
    devices: { state: true, attribute: false },
  };

  /** The channel (room name) to join. Changing it while joined leaves and joins the new channel. */
  channel = '';
  /** A publishable key (`pk_…`). Use this or `token-url` or the `tokenProvider` property. */
  apiKey = '';
  /** A URL answering a JWT (JSON `{"token": "…"}` or plain text); fetched on every connect and reconnect. */
  tokenUrl = '';
  /** Origin of the signalling server; default the SDK's hosted `wss://rms.metered.ca`. `ws://` only for localhost. */
  serverUrl = '';
  /** The name this room claims for itself (others see it as unverified unless the token stamps one). */
  displayName = '';
  /** What to capture: "audio video" (default), "audio", "video" or "none". */
  media = 'audio video';
  /** Join as soon as the room is in the document with a channel and a credential. On by default; `auto-join="false"` turns it off. */
  autoJoin = true;
  /** Ask the server to stamp senders' token metadata on broadcasts (verified chat names). */
  includeSenderMetadata = false;
  /** Log the SDK's activity to the console. */
  debug = false;
  /** With children: also render the control bar. */
  controls = false;
  /** Called for a token on every connect and reconnect, instead of `api-key` / `token-url`. */
  tokenProvider: TokenProvider | undefined;
  /**
   * STUN/TURN servers for the media connections, added in front of any the server sends in its welcome
   * (`metadata.iceServers`). Only `stun:`, `stuns:`, `turn:`, `turns:` URLs are used (TURN with `username` and
   * `credential`); others are dropped with an `ice_server_rejected` warning. Read on every join. When neither this,
   * `ice-servers-url` nor the server gives any, the room uses Metered's public STUN server
   * `stun:stun.relay.metered.ca:80`; an empty list (`[]`) turns that default off.
   */
  iceServers: RTCIceServer[] | undefined;
  /**
   * A URL answering ICE servers as JSON — an array of RTCIceServer (Metered's TURN credentials API) or
   * `{"iceServers": […]}` — fetched before every join and reconnect, so short-lived TURN credentials stay fresh.
   * Merged with `iceServers`. A failure (HTTP error, bad JSON, no answer within 5 s) is an
   * `ice_servers_unavailable` warning and a notice; the call goes on without it.
   */
  iceServersUrl = '';
  /** `all` (default) or `relay` (only relayed TURN candidates: hides the participants' IP addresses from each other). */
  iceTransportPolicy = 'all';

  private hasChildren = false;
  private devices: readonly MediaDeviceInfo[] = [];

  readonly #session = new RoomSession(this, () => this.#sessionConfig());
  #autoJoinPending = false;
  /** The leave started by the last removal: a room put back into the page rejoins after it finished. */
  #removal: Promise<void> = Promise.resolve();

  constructor() {
    super();
    new ContextProvider(this, { context: roomContext, initialValue: this.#session });
    this.#session.addEventListener('change', () => this.requestUpdate());
  }

  /** Room lifecycle state. */
  get state(): RoomState {
    return this.#session.state;
  }
  /** Our peerId while joined, else null. */
  get peerId(): string | null {
    return this.#session.peerId;
  }
  /** Local participant first, then the others in join order. */
  get participants(): readonly Participant[] {
    return this.#session.participants;
  }
  /** The current SDK peer (a new one per join), or null. */
  get peer(): MeteredPeer | null {
    return this.#session.peer;
  }
  /** Delay before `no_media_received` for a peer that sends no stream (default 15000 ms). */
  get noMediaTimeoutMs(): number {
    return this.#session.noMediaTimeoutMs;
  }
  set noMediaTimeoutMs(value: number) {
    this.#session.noMediaTimeoutMs = value;
  }

  override connectedCallback(): void {
    this.#autoJoinPending = true;
    // Queued before Lit's first update, so the capture and the socket start first and that render yields to them
    // (join-yield.ts). A microtask still sees properties a framework sets right after inserting the element.
    queueMicrotask(() => this.#autoJoin());
    super.connectedCallback();
    this.hasChildren = this.children.length > 0;
    navigator.mediaDevices?.addEventListener('devicechange', this.#refreshDevices);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#autoJoinPending = false;
    navigator.mediaDevices?.removeEventListener('devicechange', this.#refreshDevices);
    this.#removal = this.#session.leave('removed');
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Session work starts after this update (a microtask later): it changes state, which re-renders.
    if (changed.has('channel') && changed.get('channel') !== undefined && this.#session.active) {
      void Promise.resolve()
        .then(() => this.#session.leave('channel-change'))
        .then(() => this.join());
    }
    if (changed.has('displayName')) this.#session.announce();
    this.#autoJoin();
  }

  /** Joins once per connection when auto-join is on and the config suffices (after a removal's leave is over). */
  #autoJoin(): void {
    // (Not pending once disconnected: disconnectedCallback clears it.)
    if (!this.#autoJoinPending || !this.autoJoin || !hasEnoughConfig(this.#sessionConfig())) return;
    this.#autoJoinPending = false;
    const join = () => this.isConnected && !this.#session.active && void this.join();
    if (this.#session.state === 'leaving') void this.#removal.then(join);
    else join();
  }

  /** Joins the channel (captures media first). Errors are reported as `metered-error`; it never throws. */
  async join(): Promise<void> {
    await this.#session.join();
    void this.#refreshDevices();
  }

  /** Leaves the channel, closes the connection and stops every capture track. */
  async leave(): Promise<void> {
    this.#autoJoinPending = false;
    await this.#session.leave('leave');
  }

  setMicrophoneEnabled(enabled: boolean): void {
    actions.setMicrophoneEnabled(this.#session, enabled);
  }

  setCameraEnabled(enabled: boolean): void {
    actions.setCameraEnabled(this.#session, enabled);
  }

  /** Shares the screen (getDisplayMedia), or `stream` when given (e.g. a canvas capture), as role "screen". */
  startScreenShare(stream?: MediaStream): Promise<void> {
    return actions.startScreenShare(this.#session, stream);
  }

  stopScreenShare(): void {
    actions.stopScreenShare(this.#session);
  }

  /** Switches the microphone (`audioinput`) or camera (`videoinput`) to `deviceId`. */
  selectDevice(kind: 'audioinput' | 'videoinput', deviceId: string): Promise<void> {
    return actions.selectDevice(this.#session, kind, deviceId);
  }

  protected override render() {
    const showControls = !this.hasChildren || this.controls;
    return html`${this.#renderStatus()}
      <slot @slotchange=${this.#onSlotChange}></slot>
      ${
        this.hasChildren
          ? showControls
            ? this.#renderControlBar()
            : nothing
          : html`<div class="layout" part="layout">
              <metered-video part="video" exportparts=${VIDEO_PARTS}></metered-video>
              ${this.#renderControlBar()}
              <metered-chat part="chat" exportparts=${CHAT_PARTS}></metered-chat>
            </div>`
      }`;
  }

  #renderStatus() {
    const { state, fatalError } = this.#session;
    const banner =
      state === 'reconnecting'
        ? html`<div class="banner" part="banner" role="status">Reconnecting…</div>`
        : html`<div role="status" hidden></div>`;
    if (fatalError && state === 'failed') {
      // A first connection refused before the WebSocket opened (1006) is usually a wrong key or server-url.
      const remedy =
        fatalError.code === 'abnormal_close'
          ? 'Check the server-url and the api-key or token, then join again.'
          : ERROR_TEXT[fatalError.code].remedy;
      return html`${banner}
        <div class="error" part="error" role="alert">
          <p class="message">${fatalError.message}</p>
          <p class="remedy">${remedy}</p>
          <button class="primary" @click=${() => this.join()}>Join again</button>
        </div>`;
    }
    // A media failure and an unavailable ice-servers-url (ice:) are notices: the call goes on without them.
    const notices = [this.#session.mediaError, this.#session.iceError].filter((error) => error !== null);
    const notice =
      notices.length > 0 && (state === 'joining' || state === 'joined' || state === 'reconnecting')
        ? html`<div class="notice" part="notice" role="status">
            ${notices.map((error) => html`<p>${error.message} ${ERROR_TEXT[error.code].remedy}</p>`)}
          </div>`
        : nothing;
    const canJoin =
      hasEnoughConfig(this.#sessionConfig()) &&
      (state === 'left' || state === 'failed' || (state === 'idle' && !this.autoJoin));
    return html`${banner}${notice}${
      canJoin ? html`<button class="primary join" part="join" @click=${() => this.join()}>Join</button>` : nothing
    }`;
  }

  #renderControlBar() {
    return renderControls(this, this.#session.state, this.#session.media, this.devices);
  }

  #onSlotChange(event: Event): void {
    this.hasChildren = (event.target as HTMLSlotElement).assignedElements().length > 0;
  }

  readonly #refreshDevices = async (): Promise<void> => {
    if (!navigator.mediaDevices?.enumerateDevices) return;
    try {
      this.devices = await navigator.mediaDevices.enumerateDevices();
    } catch {
      this.devices = [];
    }
  };

  #sessionConfig(): SessionConfig {
    // A removed attribute sets its property to null: treat it as unset.
    return {
      channel: this.channel ?? '',
      apiKey: this.apiKey ?? '',
      tokenUrl: this.tokenUrl ?? '',
      tokenProvider: this.tokenProvider,
      serverUrl: this.serverUrl ?? '',
      media: this.media ?? 'audio video',
      displayName: this.displayName ?? '',
      includeSenderMetadata: this.includeSenderMetadata,
      debug: this.debug,
      ice: { iceServers: this.iceServers, iceServersUrl: this.iceServersUrl, iceTransportPolicy: this.iceTransportPolicy },
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'metered-room': MeteredRoom;
  }
}
