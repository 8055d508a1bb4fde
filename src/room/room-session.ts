/**
 * The `RoomStore` behind `<metered-room>`: one long-lived object (the context value) that builds a fresh
 * `MeteredPeer` for every join (the SDK's close() is terminal), turns SDK events into the store snapshot plus the
 * room's DOM events, and tears everything down — capture tracks first — on leave, removal and fatal errors.
 *
 * Join attempts are numbered: anything that resolves for an older attempt (a getUserMedia, a join, a socket
 * close) after a leave is ignored, and its capture tracks are stopped on arrival.
 */
import { ConsoleLogger, MeteredPeer, type RemotePeer } from '@metered-ca/realtime';
import { mapMediaError, mapSdkError } from '../error-mapping.js';
import type { MeteredErrorDetail } from '../errors.js';
import { emit, emitError, type LeftDetail, type MeteredErrorInit } from '../events.js';
import type { Participant, RoomDataDetail, RoomState, RoomStore } from '../room-context.js';
import { LocalMedia } from './local-media.js';
import { checkConfig, type MediaKind, type RoomConfig } from './room-config.js';
import { isRoomMessage, parseHello, parseStreamRole } from './room-messages.js';
import { countJoining } from '../join-yield.js';
import { Announcer } from './announcer.js';
import { ClosePolicy } from './close-policy.js';
import { RemoteParticipants } from './remote-participants.js';
import { SocketWatch, type SocketClose } from './socket-watch.js';
import { isStalled, STALL_RESTARTS, STALL_TIMEOUT_MS } from './stall-watch.js';
import { CountingTokenProvider, tokenUrlProvider } from './token-source.js';
// Issue 9 (ICE servers, "no media path"): the logic lives in these modules; the hooks below are marked "ice:".
import { checkIceOptions, IceConfig, type IceOptions } from './ice-config.js';
import { MediaPathWatch } from './media-path-watch.js';

export interface SessionConfig extends RoomConfig {
  displayName: string;
  includeSenderMetadata: boolean;
  debug: boolean;
  ice: IceOptions;
}

/** How long a joined peer may stay without a stream before `no_media_received` (see `noMediaTimeoutMs`). */
export const NO_MEDIA_TIMEOUT_MS = 15_000;

const ACTIVE: ReadonlySet<RoomState> = new Set(['joining', 'joined', 'reconnecting']);

export class RoomSession extends EventTarget implements RoomStore {
  state: RoomState = 'idle';
  peer: MeteredPeer | null = null;
  peerId: string | null = null;
  channel: string | null = null;
  /** The last fatal error (shown by the room's error panel); cleared by the next join. */
  fatalError: MeteredErrorDetail | null = null;
  /** Why this join has no camera/microphone (shown as a notice: the call goes on without them). */
  mediaError: MeteredErrorDetail | null = null;
  noMediaTimeoutMs = NO_MEDIA_TIMEOUT_MS;
  /** ice: why this join runs without its `ice-servers-url` list (shown as a notice: the call goes on). */
  iceError: MeteredErrorDetail | null = null;
  readonly media = new LocalMedia();

  #attempt = 0;
  /** Settles once this join's capture is over (published, failed or not requested): announcements wait for it. */
  #published: Promise<void> = Promise.resolve();
  #watch: SocketWatch | null = null;
  #tokens: CountingTokenProvider | null = null;
  readonly #closes = new ClosePolicy();
  #cachedParticipants: readonly Participant[] | null = null;
  readonly #remotes = new RemoteParticipants({
    onChange: () => this.changed(),
    onNoMedia: (peerId) => this.report({ code: 'no_media_received', peerId, fatal: false }),
    noMediaTimeoutMs: () => this.noMediaTimeoutMs,
  });
  readonly #announcer = new Announcer(this);
  /** Socket restarts left in this join for stuck connections (see stall-watch.ts). */
  #stallRestarts = 0;
  /** ice: this join's ICE servers and policy (ice-config.ts), and the per-participant media path check. */
  #ice: IceConfig | null = null;
  readonly #paths = new MediaPathWatch({
    onNoPath: (peerId) => {
      if (!this.#remotes.has(peerId)) return;
      this.#remotes.setNoMediaPath(peerId, true);
      this.report({ code: 'no_media_path', peerId, fatal: false });
    },
    onPath: (peerId) => this.#remotes.setNoMediaPath(peerId, false),
    relayOnly: () => this.#ice?.relayOnly ?? false,
  });

  readonly #readConfig: () => SessionConfig;

  constructor(
    readonly host: HTMLElement,
    readConfig: () => SessionConfig,
  ) {
    super();
    this.#readConfig = readConfig;
  }

  get displayName(): string {
    return this.#readConfig().displayName;
  }

  get participants(): readonly Participant[] {
    this.#cachedParticipants ??= [...this.#localParticipant(), ...this.#remotes.snapshot()];
    return this.#cachedParticipants;
  }

  /** True while joining, joined or reconnecting. */
  get active(): boolean {
    return ACTIVE.has(this.state);
  }

  /** Whether this room sends media (announced to the others, so media-less rooms don't trigger no_media_received). */
  get publishes(): boolean {
    return this.media.camera !== null;
  }

  async join(): Promise<void> {
    if (this.active || this.state === 'leaving') return;
    const config = this.#readConfig();
    const check = checkConfig(config, tokenUrlProvider);
    this.fatalError = null;
    this.mediaError = null;
    this.iceError = null;
    if (!check.ok) return this.#fail({ code: 'invalid_config', attribute: check.attribute, fatal: true });
    const iceCheck = checkIceOptions(config.ice); // ice:
    if (!iceCheck.ok) return this.#fail({ code: 'invalid_config', attribute: iceCheck.attribute, fatal: true });
    const attempt = ++this.#attempt;
    this.#stallRestarts = STALL_RESTARTS;
    this.#closes.reset();
    this.#setState('joining');

    const watch = new SocketWatch((close) => this.#onSocketClose(close, attempt));
    // ice: fetched while the camera starts; the join waits for it (≤ 5 s), its connections need the list.
    const ice = new IceConfig(config.ice, iceCheck, (init) => this.#reportIce(init, attempt));
    this.#ice = ice;
    const iceReady = ice.refresh();
    const { credential } = check.config;
    this.#tokens = 'tokenProvider' in credential ? new CountingTokenProvider(credential.tokenProvider) : null;
    let peer: MeteredPeer;
    try {
      peer = new MeteredPeer({
        ...(this.#tokens
          ? { tokenProvider: this.#tokens.provide }
          : { apiKey: (credential as { apiKey: string }).apiKey }),
        ...(check.config.serverUrl ? { url: check.config.serverUrl } : {}),
        ...(config.debug ? { logger: ConsoleLogger } : {}),
        webSocketFactory: watch.factory,
        rtcPeerConnectionFactory: ice.factory, // ice:
      });
    } catch (err) {
      // The SDK validates the URL and options at construction (TypeError); our own check should have caught it.
      this.media.stopAll();
      return this.#fail({ code: 'invalid_config', attribute: 'server-url', fatal: true, cause: err });
    }
    this.peer = peer;
    this.#watch = watch;
    this.#wire(peer);
    if (this.media.screen) peer.addStream(this.media.screen, { role: 'screen' });
    this.changed();

    // Capture and connect at the same time: waiting for getUserMedia before opening the socket put the camera's
    // start-up and the whole join in series. A stream added after join() is still sent to every peer, present
    // and future (the SDK fans tracks out on addStream). The room's `joined`
    // state, its events and its announcements wait for `published` (see afterCapture).
    this.#published = this.#publishCamera(check.config.media, peer, attempt);

    try {
      await iceReady; // ice:
      if (attempt !== this.#attempt) return;
      await peer.join(check.config.channel, { includeSenderMetadata: config.includeSenderMetadata });
      // Resolve once the capture is over too, as before: callers (the device pickers' enumerateDevices) rely on
      // the permission prompt being answered by then.
      await this.#published;
    } catch (err) {
      if (attempt !== this.#attempt) return;
      // A close during the join was already reported from the socket, with its real code and reason.
      if (!this.#closes.reportedWhileJoining) {
        const close = this.#closes.last;
        const init = mapSdkError(err, {
          fatal: true,
          consecutiveFailures: this.#tokens?.consecutiveFailures,
          ...(close ? { closeCode: close.code, closeReason: close.reason } : {}),
        });
        this.report(init ?? this.#tokenFailureOr(err));
      }
      await this.#end('error');
    }
  }

  /** Captures the camera/microphone for `attempt` and adds it to `peer`; a failure is reported, never thrown. */
  async #publishCamera(kinds: ReadonlySet<MediaKind>, peer: MeteredPeer, attempt: number): Promise<void> {
    const captured = await this.media.capture(kinds);
    // A leave meanwhile already stopped the tracks (LocalMedia stops a capture that lands after stopAll()).
    if (attempt !== this.#attempt || peer !== this.peer) return;
    if (captured && 'kind' in captured) {
      this.mediaError = this.report(
        captured.kind === 'insecure' ? { code: 'insecure_context', fatal: false } : mapMediaError(captured.error),
      );
      return;
    }
    if (!this.media.camera) return;
    try {
      peer.addStream(this.media.camera, { role: 'camera' });
    } catch {
      // Only throws once the peer is leaving or closed, i.e. its session is ending and stops the tracks.
      return;
    }
    this.changed();
  }

  /** Leaves the channel (if in one) and stops every capture track. Safe to call in any state. */
  async leave(reason: LeftDetail['reason'] = 'leave'): Promise<void> {
    this.#attempt += 1; // anything still in flight for the current attempt is now stale
    if (!this.active && this.state !== 'leaving') {
      this.media.stopAll(); // e.g. a screen share or capture started while idle
      await this.#teardown();
      return;
    }
    await this.#end(reason);
  }

  /** Re-announces the room's name (after `display-name` changes). */
  announce(): void {
    if (this.peer && this.state === 'joined') this.#afterCapture(this.peer, (peer) => this.#announcer.broadcast(peer));
  }

  /** Tells the others about a local stream's role (a new screen share). */
  announceStream(stream: MediaStream, role: 'camera' | 'screen'): void {
    if (this.peer && this.state === 'joined') this.#announcer.broadcastRole(this.peer, stream, role);
  }

  changed(): void {
    this.#cachedParticipants = null;
    this.dispatchEvent(new Event('change'));
  }

  /** Reports an error on the room; a fatal one is kept for the error panel. */
  report(init: MeteredErrorInit): MeteredErrorDetail {
    const detail = emitError(this.host, init);
    if (detail.fatal) this.fatalError = detail;
    this.changed();
    return detail;
  }

  /** ice: a non-fatal ICE configuration problem of join `attempt`; the unavailable list is also a notice. */
  #reportIce(init: MeteredErrorInit, attempt: number): void {
    if (attempt !== this.#attempt) return;
    const detail = this.report(init);
    if (detail.code === 'ice_servers_unavailable') this.iceError = detail;
  }

  #fail(init: MeteredErrorInit): void {
    this.report(init);
    this.#setState('failed');
  }

  #tokenFailureOr(err: unknown): MeteredErrorInit {
    // A token-url or tokenProvider that throws on the first connect: the SDK rethrows the provider's own error.
    if (this.#tokens && this.#tokens.consecutiveFailures > 0) {
      return {
        code: 'token_provider_failed',
        consecutiveFailures: this.#tokens.consecutiveFailures,
        fatal: true,
        cause: err,
      };
    }
    return { ...this.#closes.finalError(), cause: err };
  }

  /** Ends the session: teardown, then `left` (reason leave/removed/channel-change) or `failed` (reason error). */
  async #end(reason: LeftDetail['reason']): Promise<void> {
    this.#attempt += 1;
    const { peerId, channel } = this;
    this.#setState('leaving');
    await this.#teardown();
    this.#setState(reason === 'error' ? 'failed' : 'left');
    emit(this.host, 'metered-left', { peerId, channel, reason });
  }

  async #teardown(): Promise<void> {
    this.media.stopAll(); // first and synchronously: the camera light goes off whatever happens next
    const peer = this.peer;
    const watch = this.#watch;
    this.peer = null;
    this.#watch = null;
    this.peerId = null;
    this.channel = null;
    this.#remotes.clear();
    this.#paths.clear(); // ice:
    this.#ice = null;
    this.changed();
    if (peer) {
      try {
        await peer.close();
      } catch {
        // close() is documented idempotent and not to throw; a failure here must not keep sockets open.
      }
    }
    watch?.closeAll();
  }

  #setState(next: RoomState): void {
    if (next === this.state) return;
    const from = this.state;
    this.state = next;
    countJoining(from, next);
    emit(this.host, 'metered-state-change', { from, to: next });
    this.changed();
  }

  #onSocketClose(close: SocketClose, attempt: number): void {
    if (attempt !== this.#attempt || close.code === 1000) return;
    const verdict = this.#closes.classify(close, this.state, this.#tokens !== null);
    if (verdict.report) this.report(verdict.report);
    if (verdict.end) void this.#end('error');
  }

  #wire(peer: MeteredPeer): void {
    const current = () => peer === this.peer;
    peer.on('state-change', ({ to }) => {
      if (!current()) return;
      if (to === 'reconnecting') {
        this.#setState('reconnecting');
        void this.#ice?.refresh(); // ice: fresh TURN credentials for the connections the reconnect builds
      }
      else if (to === 'joined' && this.state === 'reconnecting') {
        // A publishable key gets a fresh peerId on every connection (a token keeps its `sub`): to the others we
        // are then a newcomer, so tell them our name and stream roles again.
        this.peerId = peer.peerId ?? this.peerId;
        this.#setState('joined');
        this.#afterCapture(peer, () => this.#announcer.broadcast(peer));
      }
    });
    peer.on('joined', ({ peerId, channel }) => {
      if (!current()) return;
      // The room counts as joined once its capture is over as well (the camera published or its failure
      // reported), as when capture came first: `metered-joined` still means "in the call with our media".
      this.#afterCapture(peer, () => {
        if (this.state !== 'joining') return; // e.g. already reconnecting: its own `joined` follows
        this.peerId = peerId;
        this.channel = channel;
        this.#setState('joined');
        emit(this.host, 'metered-joined', { peerId, channel });
        this.#announcer.broadcast(peer);
      });
    });
    peer.on('left', () => {
      // We only get here for a close we did not ask for (ours clears this.peer first): the session is over.
      if (!current()) return;
      if (!this.fatalError) this.report(this.#closes.finalError());
      void this.#end('error');
    });
    peer.on('peer-joined', ({ peer: remote }) => {
      if (!current()) return;
      // Listen to the remote at once (its stream may arrive before our capture is over); tell the page in order,
      // after our own `metered-joined`.
      this.#remotes.add(remote);
      this.#watchNegotiation(remote);
      this.#afterCapture(peer, () => {
        emit(this.host, 'metered-peer-joined', { peerId: remote.id, ...this.#remotes.nameOf(remote.id) });
        this.#announcer.sendTo(peer, remote.id);
      });
    });
    peer.on('peer-left', ({ peer: remote }) => {
      if (!current()) return;
      const name = this.#remotes.nameOf(remote.id);
      this.#remotes.remove(remote.id);
      this.#paths.forget(remote.id); // ice:
      this.#afterCapture(peer, () => emit(this.host, 'metered-peer-left', { peerId: remote.id, ...name }));
    });
    peer.on('data', (event) => {
      if (!current()) return;
      const role = parseStreamRole(event.data);
      if (role) return this.#remotes.setRole(event.senderPeerId, role.streamId, role.role);
      const hello = parseHello(event.data);
      if (hello) return this.#remotes.setHello(event.senderPeerId, hello.displayName, hello.publishes);
      if (isRoomMessage(event.data)) return; // ours, but malformed: never chat's business
      this.dispatchEvent(new CustomEvent<RoomDataDetail>('data', { detail: event }));
    });
    peer.on('error', ({ err }) => {
      if (!current()) return;
      // Close-named errors echo the socket close we already reported with its real code and reason.
      if (this.#closes.isEcho(err)) return;
      const init = mapSdkError(err, { consecutiveFailures: this.#tokens?.consecutiveFailures });
      if (!init) return;
      this.report(init);
      if (init.fatal) void this.#end('error');
    });
  }

  /**
   * Runs `then` once this join's capture is over, if `peer` is still ours. The hello says whether we publish and
   * the role messages name our camera stream, and both are only known then; the room's own events wait too, so
   * they keep their order (joined first). When the capture landed first this is a microtask.
   */
  #afterCapture(peer: MeteredPeer, then: (peer: MeteredPeer) => void): void {
    void this.#published.then(() => {
      if (peer === this.peer) then(peer);
    });
  }

  #watchNegotiation(remote: RemotePeer): void {
    // A connection that never starts is restarted (stall-watch.ts); after a reconnect the SDK swaps in a fresh
    // one, which gets the same check. A peer that left meanwhile has a closed connection: nothing to do.
    this.#watchStall(remote);
    this.#paths.watch(remote); // ice:
    remote.on('connection-reset', () => {
      this.#watchStall(remote);
      this.#paths.watch(remote); // ice:
    });
    remote.on('negotiation-error', ({ err }) => {
      if (err.name !== 'IceRestartExhaustedError' || !this.#remotes.has(remote.id)) return;
      this.report({ code: 'ice_restart_exhausted', peerId: remote.id, fatal: false, cause: err });
    });
  }

  #watchStall(remote: RemotePeer): void {
    setTimeout(() => {
      // With nothing to send there is nothing to negotiate: a connection may rightly stay `new`.
      if (isStalled(remote, this.#ice?.relayOnly) && this.publishes && this.#stallRestarts-- > 0) this.#watch?.restart();
    }, STALL_TIMEOUT_MS);
  }

  #localParticipant(): Participant[] {
    if (this.peerId === null) return [];
    return [
      {
        peerId: this.peerId,
        displayName: this.displayName || 'You',
        nameVerified: true,
        isLocal: true,
        connectionState: 'connected',
        streams: this.media.streams(),
        joinedAt: 0,
      },
    ];
  }
}
