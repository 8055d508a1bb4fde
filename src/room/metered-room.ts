import { ContextProvider } from '@lit/context';
import type { MeteredPeer, TokenProvider } from '@metered-ca/realtime';
import { html, nothing, type PropertyValues } from 'lit';
import { CustomStates } from '../custom-states.js';
import { ERROR_TEXT } from '../error-text.js';
import { closeIcon } from '../icons.js';
import { JoinYieldingElement } from '../join-yield.js';
import { roomContext, type Participant, type RoomState } from '../room-context.js';
import { themeStyles } from '../theme.styles.js';
import { LiveRegion } from './live-region.js';
import type { DeviceKind } from './media-controller.js';
import { roomStyles } from './metered-room.styles.js';
import { FocusKeeper } from './focus-keeper.js';
import { FullscreenController } from './fullscreen.js';
import { LevelMeter } from './level-meter.js';
import { MutedHint } from './muted-hint.js';
import { LEVEL_SELECTOR, renderPrejoin } from './prejoin-view.js';
import { loadChoices, saveChoices } from './remembered-choices.js';
import { renderParticipants } from './participants-panel.js';
import { renderControls } from './room-controls.js';
import { hasEnoughConfig, missingConfig } from './room-config.js';
import { SidePanels } from './side-panels.js';
import { RoomSession, type SessionConfig } from './room-session.js';

/**
 * `exportparts` for a default-layout child: each of its parts again as `<prefix>-<part>`, so a page styles them
 * through `metered-room::part(video-tile)` / `metered-room::part(chat-send)`. Prefixed because the room already
 * has parts named `video` and `chat`, and the two children share names such as `base`, `empty` and `label`.
 * custom-elements-manifest.config.mjs reads these calls (string literals only) to list each forwarded part.
 */
function exportParts(prefix: string, parts: string): string {
  return parts
    .split(' ')
    .map((part) => `${part}:${prefix}-${part}`)
    .join(',');
}
const VIDEO_PARTS = exportParts(
  'video',
  'base tile tile-featured tile-speaking video placeholder avatar label muted badge quality pip empty overlay ' +
    'start-button',
);
const CHAT_PARTS = exportParts(
  'chat',
  'base list empty message message-own message-remote meta sender unverified time text pending failure retry ' +
    'new-messages form label input send status',
);

/** `auto-join`, `prejoin` and `remember`: on unless the attribute says "false" or "off". */
const onUnlessOff = {
  fromAttribute: (value: string | null) => value === null || !['false', 'off'].includes(value.toLowerCase()),
};

/**
 * A video call with chat on one channel. Owns ONE `MeteredPeer` per join and shares the room with every
 * `<metered-video>`, `<metered-chat>` (or your own element) below it, at any depth and across shadow roots, through
 * `@lit/context` (`roomContext`, a stable `RoomStore`). With no children it renders a complete call: a pre-join
 * screen (camera preview, microphone level, name, Join; `prejoin="off"` skips it), then video, controls and chat.
 * With children it renders only them, plus the control bar when `controls` is set.
 *
 * A media failure (permission denied, no device, insecure page) is reported but does not stop the join: chat and
 * the others' video still work. A fatal error is shown in plain language with its remedy and a "Join again" button.
 *
 * Every part of the default `<metered-video>` and `<metered-chat>` is re-exported with the prefix `video-` or
 * `chat-`, e.g. `metered-room::part(video-tile)`, `metered-room::part(chat-send)` (each is listed as a part).
 *
 * @summary A Metered Realtime video room: one shared peer, default call layout, typed events.
 *
 * @fires metered-joined - The room joined its channel. `detail`: `{ peerId, channel }`; again, with
 *   `previousPeerId`, when a reconnect gave the room a new peerId.
 * @fires metered-left - The room left. `detail`: `{ peerId, channel, reason }` (leave, removed, channel-change, error).
 * @fires metered-state-change - `detail`: `{ from, to }` over idle, joining, joined, reconnecting, leaving, left, failed.
 * @fires metered-peer-joined - Someone joined, once their name is known (at most 3 s after they appeared).
 *   `detail`: `{ peerId, displayName, nameVerified, previousPeerId? }` (`previousPeerId`: the same participant
 *   came back with a new peerId after their connection was restarted).
 * @fires metered-peer-left - Someone left. `detail`: `{ peerId, displayName, nameVerified }`.
 * @fires metered-peer-updated - Someone's name changed. `detail`: `{ peerId, displayName, nameVerified }`.
 * @fires metered-network-quality - The network quality of the path to someone changed level (measured every 2 s;
 *   at most one event per participant per 5 s, the latest level winning). `detail`: `{ peerId, quality, rttMs,
 *   packetLoss, jitterMs, relayed }` — `quality` 3 good, 2 fair, 1 poor, 0 bad (see `NetworkQualityLevel`).
 * @fires metered-active-speaker - The active speaker changed: another participant spoke for about 1.5 s (at once
 *   when nobody had the floor), or the one who had it left. `detail`: `{ peerId, displayName }`, both null when
 *   nobody has the floor. Measured from the audio levels a few times a second while joined.
 * @fires metered-error - A connection, server, configuration or media error. `detail.code` narrows the type.
 *
 * @slot - Your own layout (e.g. `<metered-video>` and `<metered-chat>`). Replaces the default layout.
 *
 * @csspart layout - The default layout grid (video, controls, chat).
 * @csspart video - The default `<metered-video>`.
 * @csspart chat - The default `<metered-chat>`.
 * @csspart controls - The control bar.
 * @csspart control - Each control button.
 * @csspart leave - The leave button.
 * @csspart device-picker - The microphone and camera selects.
 * @csspart banner - The "Reconnecting…" banner.
 * @csspart hint - Why the room cannot join yet (no channel or no credential), shown once its configuration settled.
 * @csspart error - The error panel (message, remedy, Join again).
 * @csspart notice - Why the call runs without camera/microphone (permission denied, no device, insecure page) or
 *   without the `ice-servers-url` list.
 * @csspart join - The Join button shown when the room is not in a call, and the pre-join screen's.
 * @csspart prejoin - The pre-join screen (a form): preview, microphone level, name, Join.
 * @csspart preview - Your camera's preview on the pre-join screen.
 * @csspart level - The microphone level bar on the pre-join screen (its width follows `--level`, 0 to 1).
 * @csspart name - The name input on the pre-join screen.
 * @csspart panel - The side panel of the default layout (chat or participants), with its close button.
 * @csspart participants - The participants list in the side panel.
 * @csspart participant - One person in the participants list.
 * @csspart muted-hint - "You are muted", shown while you speak with the microphone off.
 *
 * @cssstate idle - Not joined yet (also while the pre-join screen is shown).
 * @cssstate joining - Joining the channel.
 * @cssstate joined - In the call.
 * @cssstate reconnecting - The connection dropped; the room is reconnecting by itself.
 * @cssstate leaving - Leaving.
 * @cssstate left - Left the call (by `leave()`, the Leave button, removal or a channel change).
 * @cssstate failed - A fatal error ended the call (the error panel shows why).
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
  // Static getters, not `static styles = …`: tsc would emit a class static block, which Safari before 16.4 cannot
  // parse (test/toolchain/package-checks.mjs checks the bundle).
  static override get styles() {
    return [themeStyles, roomStyles];
  }
  // Reactive properties declared here rather than with decorators: the same behaviour without shipping the
  // decorator helpers in the script-tag bundle. The fields below carry the documentation and defaults.
  // None reflects: the page keeps exactly the attributes its author wrote (no `api-key=""` defaults written back,
  // no credential set as a property copied into the DOM), and the first render writes no attributes.
  static override get properties() {
    return {
      channel: {},
      apiKey: { attribute: 'api-key' },
      tokenUrl: { attribute: 'token-url' },
      serverUrl: { attribute: 'server-url' },
      displayName: { attribute: 'display-name' },
      media: {},
      autoJoin: { attribute: 'auto-join', converter: onUnlessOff },
      prejoin: { converter: onUnlessOff },
      remember: { converter: onUnlessOff },
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
  }

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
  /**
   * In the default layout, show the pre-join screen (camera preview, microphone level, name, Join) where the room
   * would join by itself; `prejoin="off"` joins at once. (With children, or `auto-join="off"`, there is none.)
   */
  prejoin = true;
  /**
   * Remember the pre-join choices (name, microphone and camera on or off, devices) in this browser's
   * localStorage for the next call; `remember="off"` neither reads nor writes them.
   */
  remember = true;
  /** Ask the server to stamp senders' token metadata on broadcasts (verified chat names). */
  includeSenderMetadata = false;
  /**
   * Log the SDK's activity to the console: its warnings and errors; with the npm build (not the script-tag
   * bundle, which leaves them out for size) also its debug and info lines.
   */
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

  readonly #session = new RoomSession({
    element: this,
    config: () => this.#sessionConfig(),
    detachedEventTarget: () => this.#detachedEventTarget(),
  });
  readonly #live = new LiveRegion(this);
  readonly #states = new CustomStates(this);
  readonly #panels = new SidePanels(this);
  readonly #fullscreen = new FullscreenController(this);
  readonly #mutedHint = new MutedHint(this);
  readonly #focus = new FocusKeeper();
  /** The pre-join screen's microphone meter: it sets the bar's width directly, ten times a second, not a render. */
  readonly #previewMeter = new LevelMeter((level) =>
    this.shadowRoot?.querySelector<HTMLElement>(LEVEL_SELECTOR)?.style.setProperty('--level', String(level)),
  );
  /** True while the pre-join screen is shown (the room is idle, its preview captured). */
  #previewing = false;
  /** The name the pre-join screen's input starts with. */
  #prejoinName = '';
  /** The side panel the last render showed: its button takes the focus when its close button goes. */
  #panelShown: string | null = null;
  /**
   * Set when join() or leave() is called with focus in the room (its Join, Join again or Leave button): where focus
   * goes once the room reaches one of these states — the first control (the microphone) once joined, "Join again"
   * if the join failed, Join once left.
   */
  #focusWhen: Partial<Record<RoomState, string>> | null = null;
  #autoJoinPending = false;
  /** The leave started by the last removal: a room put back into the page rejoins after it finished. */
  #removal: Promise<void> = Promise.resolve();
  /** A removal's leave waits one task: a room moved within the page (removed and re-inserted) keeps its call. */
  #pendingRemoval: ReturnType<typeof setTimeout> | null = null;
  /** The node the room was last inserted into: its events go there once it is out of the page. */
  #lastParent: Node | null = null;
  /** The attribute a settled configuration lacks (shown as a hint), or null. */
  #missingAttribute: string | null = null;
  /** Bumped on every connection, so a stale configuration check does nothing. */
  #configCheck = 0;
  /** What the live region last said about, so each change is announced once. */
  #announced: { state: RoomState; mediaError: unknown; iceError: unknown } = {
    state: 'idle',
    mediaError: null,
    iceError: null,
  };

  constructor() {
    super();
    new ContextProvider(this, { context: roomContext, initialValue: this.#session.view });
    this.#session.view.addEventListener('change', () => this.#onSessionChange());
    this.#states.set('idle');
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
    this.#lastParent = this.parentNode;
    const moved = this.#pendingRemoval !== null;
    if (moved) {
      clearTimeout(this.#pendingRemoval!);
      this.#pendingRemoval = null;
    } else {
      this.#autoJoinPending = true;
      // Queued before Lit's first update, so the capture and the socket start first and that render yields to
      // them (join-yield.ts). A microtask still sees properties a framework sets right after inserting the element.
      queueMicrotask(() => this.#autoJoin());
    }
    super.connectedCallback();
    this.hasChildren = this.children.length > 0;
    navigator.mediaDevices?.addEventListener('devicechange', this.#refreshDevices);
    this.#checkConfigOnceSettled();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    navigator.mediaDevices?.removeEventListener('devicechange', this.#refreshDevices);
    this.#mutedHint.watch(null); // its audio context and track clone (the preview stops itself)
    this.#endPreview();
    // A keyed-list reorder or a portal removes and re-inserts the element in one task: only a room still out of
    // the page a task later has really been removed.
    this.#pendingRemoval = setTimeout(() => {
      this.#pendingRemoval = null;
      this.#autoJoinPending = false;
      this.#removal = this.#session.leave('removed');
    }, 0);
  }

  // Work that changes what the room shows (a new name, the muted hint) is done here, before the render, so that
  // render shows it; done in updated() it would schedule one more update after every change.
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (this.#missingAttribute !== null && hasEnoughConfig(this.#sessionConfig())) this.#missingAttribute = null;
    if (changed.has('displayName') && changed.get('displayName') !== undefined) this.#session.nameChanged();
    const { state } = this.#session;
    const local = this.#session.media.local;
    const mutedInCall = (state === 'joined' || state === 'reconnecting') && !local.microphoneEnabled;
    this.#mutedHint.watch(mutedInCall ? (local.track('audio') ?? null) : null);
    this.#previewMeter.measure(this.#previewing && local.microphoneEnabled ? (local.track('audio') ?? null) : null);
    this.#focus.before(this.shadowRoot);
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Session work starts after this update (a microtask later): it changes state, which re-renders. Compared with
    // the session's channel, not the property's previous value: the first join starts before the first update.
    const { targetChannel } = this.#session;
    if (changed.has('channel') && this.#session.active && targetChannel !== null && targetChannel !== this.channel) {
      queueMicrotask(() => {
        // The join runs once the leave is over (room-session.ts).
        void this.#session.leave('channel-change');
        void this.join();
      });
    }
    // A microtask later: a join started here would change the state inside this update (one more update after it).
    // Only while a join is pending: not a microtask for every render of a call.
    if (this.#autoJoinPending) queueMicrotask(() => this.#autoJoin());
    // Focus lost in this render: to the error panel's Join again, the panel's own button, the Join button, or the
    // first control that works (after joining: the microphone).
    const closedPanel = this.#panels.open ? null : this.#panelShown;
    this.#focus.after(this.shadowRoot, [
      '.error button',
      ...(closedPanel ? [`[data-panel="${closedPanel}"]`] : []),
      '.join',
      '.controls button:enabled',
    ]);
    this.#panelShown = this.#panels.open;
    const { state } = this.#session;
    const focusTarget = this.#focusWhen?.[state];
    if (focusTarget) {
      this.shadowRoot?.querySelector<HTMLElement>(focusTarget)?.focus();
      this.#focusWhen = null;
    }
  }

  /** Shows the pre-join screen: the remembered choices applied, the camera and microphone captured for the preview. */
  #startPreview(): void {
    const remembered = this.remember ? loadChoices() : {};
    this.#prejoinName = this.displayName || remembered.name || '';
    if (remembered.microphone !== undefined) this.setMicrophoneEnabled(remembered.microphone);
    if (remembered.camera !== undefined) this.setCameraEnabled(remembered.camera);
    this.#previewing = true;
    void this.#session.preview(remembered).then(this.#refreshDevices);
  }

  /** Join from the pre-join screen: its name becomes the display name, and its choices are remembered. */
  #joinFromPrejoin(name: string): void {
    this.displayName = name.trim();
    const local = this.#session.media.local;
    if (this.remember) {
      saveChoices({
        name: this.displayName,
        microphone: local.microphoneEnabled,
        camera: local.cameraEnabled,
        audio: local.currentDeviceId('audio'),
        video: local.currentDeviceId('video'),
      });
    }
    void this.join();
  }

  #endPreview(): void {
    this.#previewing = false;
    this.#previewMeter.stop();
  }

  /** Joins once per connection when auto-join is on and the config suffices (after a removal's leave is over). */
  #autoJoin(): void {
    // (Not pending once disconnected: disconnectedCallback clears it.)
    if (!this.#autoJoinPending || !this.autoJoin || !hasEnoughConfig(this.#sessionConfig())) return;
    this.#autoJoinPending = false;
    const join = () => {
      if (!this.isConnected || this.#session.active) return;
      if (this.prejoin && !this.hasChildren) this.#startPreview();
      else void this.join();
    };
    if (this.#session.state === 'leaving') void this.#removal.then(join);
    else join();
  }

  /** Joins the channel (captures media first). Errors are reported as `metered-error`; it never throws. */
  async join(): Promise<void> {
    this.#endPreview();
    const inside = !!this.shadowRoot?.activeElement;
    this.#focusWhen = inside ? { joined: '.controls button:enabled', failed: '.error button' } : null;
    await this.#session.join();
    void this.#refreshDevices();
  }

  /** Leaves the channel, closes the connection and stops every capture track. */
  async leave(): Promise<void> {
    this.#autoJoinPending = false;
    this.#endPreview();
    this.#focusWhen = this.shadowRoot?.activeElement ? { left: '.join' } : null;
    await this.#session.leave('leave');
  }

  /**
   * Turns the microphone on or off (the track stays captured and is muted, so turning it back on is instant).
   * @param enabled - `true` to send sound, `false` to mute.
   */
  setMicrophoneEnabled(enabled: boolean): void {
    this.#session.media.setMicrophoneEnabled(enabled);
  }

  /**
   * Turns the camera on or off (the track stays captured and is disabled, so the others receive black frames).
   * @param enabled - `true` to send video, `false` to stop sending it.
   */
  setCameraEnabled(enabled: boolean): void {
    this.#session.media.setCameraEnabled(enabled);
  }

  /**
   * Shares the screen (getDisplayMedia), or `stream` when given (e.g. a canvas capture), as role "screen".
   * Device and screen-share operations run one at a time, in the order they were called.
   */
  startScreenShare(stream?: MediaStream): Promise<void> {
    return this.#session.media.startScreenShare(stream);
  }

  /**
   * Stops sharing the screen (as the browser's own "Stop sharing" does), after any device or screen-share operation
   * called before it; nothing happens when nothing is shared.
   */
  stopScreenShare(): Promise<void> {
    return this.#session.media.stopScreenShare();
  }

  /**
   * Switches the microphone (`audioinput`) or camera (`videoinput`) to `deviceId`. The old device stops only once
   * the others receive the new one; if the switch fails, the old device stays in use.
   */
  selectDevice(kind: DeviceKind, deviceId: string): Promise<void> {
    return this.#session.media.selectDevice(kind, deviceId);
  }

  protected override render() {
    return html`<div class="frame">
      <div class="live" role="status">${this.#live.text}</div>
      ${this.#renderStatus()}
      <slot @slotchange=${this.#onSlotChange}></slot>
      ${this.#renderBody()}
      ${this.hasChildren ? this.#renderMutedHint() : nothing}
    </div>`;
  }

  /** "You are muted": over the video area of the default layout, else over the top of the room. */
  #renderMutedHint() {
    return html`<p class="muted-hint" part="muted-hint" ?hidden=${!this.#mutedHint.shown}>You are muted</p>`;
  }

  /** The default layout, or — with children — only the control bar when `controls` asks for it. */
  #renderBody() {
    if (this.hasChildren) return this.controls ? this.#renderControlBar(false) : nothing;
    const { open } = this.#panels;
    // The chat stays in the page while its panel is closed or shows the participants: it keeps receiving.
    const local = this.#session.media.local;
    const video = this.#previewing
      ? renderPrejoin({
          stream: local.camera,
          cameraEnabled: local.cameraEnabled,
          microphoneEnabled: local.microphoneEnabled,
          name: this.#prejoinName,
          join: (name) => this.#joinFromPrejoin(name),
        })
      : html`<metered-video class="video" part="video" exportparts=${VIDEO_PARTS}></metered-video>`;
    return html`<div class="layout ${open ? 'with-panel' : ''}" part="layout">
      ${video}
      ${this.#renderMutedHint()} ${this.#renderControlBar(true)}
      <section class="panel" part="panel" ?hidden=${!open} aria-labelledby="panel-title">
        <div class="panel-head">
          <h2 id="panel-title">${open === 'chat' ? 'Chat' : 'Participants'}</h2>
          <button class="close" aria-label="Close panel" @click=${() => this.#panels.toggle(null)}>${closeIcon}</button>
        </div>
        ${open === 'participants' ? renderParticipants(this.participants, this.#session.media.local) : nothing}
        <metered-chat
          class="chat"
          part="chat"
          exportparts=${CHAT_PARTS}
          ?hidden=${open !== 'chat'}
          @metered-message=${this.#panels.onMessage}
        ></metered-chat>
      </section>
    </div>`;
  }

  /** The banner, the error panel, the media notice, the configuration hint and the Join button, as they apply. */
  #renderStatus() {
    const { state, fatalError, mediaError } = this.#session;
    const banner =
      state === 'reconnecting' ? html`<div class="banner" part="banner">Reconnecting…</div>` : nothing;
    if (fatalError && state === 'failed') {
      return html`${banner}
        <div class="error" part="error">
          <p class="message">${fatalError.message}</p>
          <p class="remedy">${ERROR_TEXT[fatalError.code].remedy}</p>
          <button class="primary" @click=${() => this.join()}>Join again</button>
        </div>`;
    }
    const inCall = this.#session.active;
    // A media failure and an unavailable ice-servers-url are notices: the call goes on without them.
    const notices = [mediaError, this.#session.iceError].filter((error) => error !== null);
    const notice =
      notices.length > 0 && (inCall || this.#previewing)
        ? html`<div class="notice" part="notice">
            ${notices.map((error) => html`<p>${error.message} ${ERROR_TEXT[error.code].remedy}</p>`)}
          </div>`
        : nothing;
    const hint =
      this.#missingAttribute !== null && state === 'idle'
        ? html`<p class="hint" part="hint">${this.#configHintText(this.#missingAttribute)}</p>`
        : nothing;
    const canJoin =
      hasEnoughConfig(this.#sessionConfig()) &&
      (state === 'left' || state === 'failed' || (state === 'idle' && !this.autoJoin));
    const joinButton = canJoin
      ? html`<button class="primary join" part="join" @click=${() => this.join()}>Join</button>`
      : nothing;
    return html`${banner}${notice}${hint}${joinButton}`;
  }

  #configHintText(attribute: string): string {
    if (attribute === 'channel') return 'This room cannot join yet: set its channel attribute (the room name).';
    return 'This room cannot join yet: set its api-key or token-url attribute, or its tokenProvider property.';
  }

  /** Announces each state change, fatal error and notice (media, ICE servers) once, in the room's one live region. */
  #onSessionChange(): void {
    const { state, fatalError, mediaError, iceError } = this.#session;
    const before = this.#announced;
    if (state !== before.state) {
      if (state === 'reconnecting') this.#live.announce('Reconnecting…');
      else if (state === 'joined' && before.state === 'reconnecting') this.#live.announce('Reconnected.');
      else if (state === 'failed' && fatalError) {
        this.#live.announce(`${fatalError.message} ${ERROR_TEXT[fatalError.code].remedy}`);
      }
    }
    for (const notice of [mediaError, iceError]) {
      if (notice && notice !== before.mediaError && notice !== before.iceError) {
        this.#live.announce(`${notice.message} ${ERROR_TEXT[notice.code].remedy}`);
      }
    }
    this.#announced = { state, mediaError, iceError };
    this.#states.set(state);
    this.requestUpdate();
  }

  /**
   * With auto-join on, a room still lacking a channel or a credential once its configuration has settled (a task
   * after it entered the page, after the first render: frameworks set properties right after inserting) says so:
   * `invalid_config` naming the attribute, and a hint in the room. It joins as soon as the configuration arrives.
   */
  #checkConfigOnceSettled(): void {
    const check = ++this.#configCheck;
    void this.updateComplete.then(() =>
      setTimeout(() => {
        if (check !== this.#configCheck || !this.isConnected || !this.autoJoin) return;
        if (this.#session.state !== 'idle') return;
        const attribute = missingConfig(this.#sessionConfig());
        if (attribute === null) return;
        this.#missingAttribute = attribute;
        this.#session.report({ code: 'invalid_config', attribute, fatal: false });
      }, 0),
    );
  }

  #detachedEventTarget(): EventTarget | null {
    if (this.isConnected) return null;
    return this.#lastParent?.isConnected ? this.#lastParent : document;
  }

  /** The control bar; `withPanels` in the default layout (participants and chat buttons). */
  #renderControlBar(withPanels: boolean) {
    return renderControls(this, this.#session.state, this.#session.media.local, this.devices, {
      fullscreen: this.#fullscreen.control(),
      panels: withPanels ? this.#panels.controls(this.participants.length) : undefined,
    });
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
