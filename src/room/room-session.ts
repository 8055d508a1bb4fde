/**
 * The join/leave state machine behind `<metered-room>`: builds a fresh `MeteredPeer` for every join (the SDK's
 * close() is terminal), moves through idle → joining → joined ⇄ reconnecting → leaving → left | failed, and tears
 * everything down — capture tracks first — on leave, removal and fatal errors. Its two collaborators do the rest:
 * `MediaController` (captures, devices, screen share) and `PeerEvents` (the other participants and the SDK's
 * events, translated into store changes and DOM events). Consumers see it through the read-only `RoomView`.
 *
 * Order of calls, without awaiting: a `join()` made while a leave is under way runs once that leave is over
 * (`leave(); join()` rejoins); a `leave()` wins over any join still in flight (`join(); leave()` ends left); two
 * joins make one. Join attempts are numbered: anything that resolves for an older attempt (a getUserMedia, a join,
 * a socket close) is ignored, and its capture tracks are stopped on arrival.
 */
import { ConsoleLogger, MeteredPeer } from '@metered-ca/realtime';
import { mapSdkError } from '../error-mapping.js';
import type { MeteredErrorDetail } from '../errors.js';
import { emit, errorDetail, type LeftDetail, type MeteredErrorInit, type MeteredEventMap } from '../events.js';
import { countJoining } from '../join-yield.js';
import type { Participant, RoomState } from '../room-context.js';
import { ClosePolicy } from './close-policy.js';
import type { DeviceChoice } from './local-media.js';
import { MediaController } from './media-controller.js';
import { PeerEvents } from './peer-events.js';
import { checkMediaEnvironment } from './environment-checks.js';
import { checkIceOptions, IceConfig, type IceOptions } from './ice-config.js';
import { checkConfig, parseMedia, type RoomConfig } from './room-config.js';
import { RoomView } from './room-view.js';
import { SocketWatch, type SocketClose } from './socket-watch.js';
import { CountingTokenProvider, tokenUrlProvider } from './token-source.js';

export interface SessionConfig extends RoomConfig {
  displayName: string;
  includeSenderMetadata: boolean;
  debug: boolean;
  ice: IceOptions;
}

/** What the session needs from its element. */
export interface SessionHost {
  readonly element: HTMLElement;
  config(): SessionConfig;
  /**
   * Where events go when the element is no longer in the page (removed: its own dispatch reaches no ancestor):
   * the node it was removed from, or the document. Null while it is in the page.
   */
  detachedEventTarget(): EventTarget | null;
}

/** How long a joined peer may stay without a stream before `no_media_received` (see `noMediaTimeoutMs`). */
export const NO_MEDIA_TIMEOUT_MS = 15_000;

const ACTIVE: ReadonlySet<RoomState> = new Set(['joining', 'joined', 'reconnecting']);

export class RoomSession {
  state: RoomState = 'idle';
  peer: MeteredPeer | null = null;
  peerId: string | null = null;
  channel: string | null = null;
  /** The channel the join under way (or joined) asked for; null while not active. */
  targetChannel: string | null = null;
  /** The last fatal error (shown by the room's error panel); cleared by the next join. */
  fatalError: MeteredErrorDetail | null = null;
  /** Why this join has no camera/microphone (shown as a notice: the call goes on without them). */
  mediaError: MeteredErrorDetail | null = null;
  /** What the page forbids, as the pre-join preview reported it: the join that follows does not say it again. */
  #previewedEnvironment: MeteredErrorDetail | null = null;
  /** Why this join runs without its `ice-servers-url` list (shown as a notice: the call goes on without it). */
  iceError: MeteredErrorDetail | null = null;
  noMediaTimeoutMs = NO_MEDIA_TIMEOUT_MS;

  readonly media: MediaController;
  /** The context value: read-only, one for the room's whole life. */
  readonly view: RoomView;

  #attempt = 0;
  /** Bumped by every join() and leave() call: a join waiting for a leave gives way to any later call. */
  #intent = 0;
  /** The leave under way, if any: a join waits for it. */
  #ending: Promise<void> | null = null;
  #watch: SocketWatch | null = null;
  #tokens: CountingTokenProvider | null = null;
  /** This join's ICE servers and transport policy (ice-config.ts). */
  #ice: IceConfig | null = null;
  readonly #closes = new ClosePolicy();
  readonly #peers: PeerEvents;
  #cachedParticipants: readonly Participant[] | null = null;
  readonly #host: SessionHost;

  constructor(host: SessionHost) {
    this.#host = host;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getters below read live session fields
    const session = this;
    this.media = new MediaController({
      get peer() {
        return session.peer;
      },
      report: (init) => this.report(init),
      changed: () => {
        this.changed();
        this.#peers.mediaChanged(); // a toggle the others must hear about (announcer.ts sends only real changes)
      },
      announceStream: (stream, role) => this.#peers.announceStream(stream, role),
    });
    this.#peers = new PeerEvents({
      get displayName() {
        return session.displayName;
      },
      media: this.media,
      emit: (name, detail) => this.#emit(name, detail),
      report: (init) => this.report(init),
      changed: () => this.changed(),
      data: (detail) => this.view.notifyData(detail),
      noMediaTimeoutMs: () => this.noMediaTimeoutMs,
      restartSocket: () => this.#watch?.restart(),
      relayOnly: () => this.#ice?.relayOnly ?? false,
      // A direct message refused for lack of `send`: media can never connect, so say so now (once per join).
      sendRefused: () => {
        if (this.mediaError?.code !== 'send_not_permitted') this.mediaError = this.report({ code: 'send_not_permitted', fatal: false });
      },
    });
    this.view = new RoomView(this);
  }

  get host(): HTMLElement {
    return this.#host.element;
  }

  get displayName(): string {
    return this.#host.config().displayName.trim();
  }

  get participants(): readonly Participant[] {
    this.#cachedParticipants ??= [...this.#localParticipant(), ...this.#peers.participants()];
    return this.#cachedParticipants;
  }

  /** True while joining, joined or reconnecting. */
  get active(): boolean {
    return ACTIVE.has(this.state);
  }

  async join(): Promise<void> {
    const intent = ++this.#intent;
    if (this.#ending) await this.#ending;
    if (intent !== this.#intent || this.active) return;
    const config = this.#host.config();
    const check = checkConfig(config, tokenUrlProvider);
    const previewed = this.#previewedEnvironment;
    this.#previewedEnvironment = null;
    this.fatalError = null;
    this.mediaError = null;
    this.iceError = null;
    if (!check.ok) return this.#fail({ code: 'invalid_config', attribute: check.attribute, fatal: true });
    const iceCheck = checkIceOptions(config.ice);
    if (!iceCheck.ok) return this.#fail({ code: 'invalid_config', attribute: iceCheck.attribute, fatal: true });
    const attempt = ++this.#attempt;
    this.targetChannel = check.config.channel;
    this.#closes.reset();
    this.#setState('joining');

    const watch = new SocketWatch((close) => this.#onSocketClose(close, attempt));
    // The ice-servers-url is fetched while the camera starts; the join waits for it (≤ 5 s): its media
    // connections need the list.
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
        rtcPeerConnectionFactory: ice.factory,
      });
    } catch (err) {
      // The SDK validates the URL and options at construction (TypeError); our own check should have caught it.
      this.media.stopAll();
      return this.#fail({ code: 'invalid_config', attribute: 'server-url', fatal: true, cause: err });
    }
    this.peer = peer;
    this.#watch = watch;
    if (this.media.local.screen) peer.addStream(this.media.local.screen, { role: 'screen' });

    // Capture and connect at the same time: waiting for getUserMedia before opening the socket put the camera's
    // start-up and the whole join in series. A stream added after join() is still sent to every peer, present
    // and future (the SDK fans tracks out on addStream). The room's `joined` state, its events and its
    // announcements wait for the capture (PeerEvents holds them until `published` settles).
    // What the page forbids (an in-app browser, an iframe without `allow`) is said before asking for devices.
    // Said once: a pre-join preview may have said it already.
    const environment = checkMediaEnvironment(check.config.media);
    const { error } = environment;
    if (error) this.mediaError = previewed?.code === error.code ? previewed : this.report(error);
    const published = this.media
      .publishCamera(environment.capture, peer, () => attempt === this.#attempt && peer === this.peer)
      .then((failure) => {
        if (failure) this.mediaError = failure;
      });
    this.#peers.attach(peer, published, {
      joined: (peerId, channel) => this.#onJoined(peerId, channel),
      reconnecting: () => {
        this.#setState('reconnecting');
        void ice.refresh(); // fresh TURN credentials for the connections the reconnect builds
      },
      reconnected: (peerId) => this.#onReconnected(peerId),
      lost: () => this.#onLost(),
      error: (err) => this.#onSdkError(err),
    });
    this.changed();

    try {
      await iceReady;
      if (attempt !== this.#attempt) return;
      await peer.join(check.config.channel, { includeSenderMetadata: config.includeSenderMetadata });
      // Resolve once the capture is over too: callers (the device pickers' enumerateDevices) rely on the
      // permission prompt being answered by then.
      await published;
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

  /**
   * The pre-join screen's preview: the camera and microphone the join will send, captured now (from `devices` where
   * they are still there), with what the page forbids said first, as a join does. Not a join: no socket opens.
   */
  async preview(devices: DeviceChoice): Promise<void> {
    const kinds = parseMedia(this.#host.config().media);
    if (this.active || !kinds) return;
    const environment = checkMediaEnvironment(kinds);
    this.mediaError = this.#previewedEnvironment = environment.error && this.report(environment.error);
    this.changed();
    this.mediaError = (await this.media.preview(environment.capture, devices)) ?? this.mediaError;
    this.changed();
  }

  /** Leaves the channel (if in one) and stops every capture track. Safe to call in any state. */
  async leave(reason: LeftDetail['reason'] = 'leave'): Promise<void> {
    this.#intent += 1; // a join still waiting for an earlier leave gives way
    if (this.state === 'leaving') return this.#ending ?? undefined;
    if (!this.active) {
      this.#attempt += 1; // anything still in flight is now stale
      this.media.stopAll(); // e.g. a screen share or capture started while idle
      await this.#teardown();
      return;
    }
    await this.#end(reason);
  }

  /** Re-announces the room's name (after `display-name` changes) and updates our own tile. */
  nameChanged(): void {
    if (this.state === 'joined') this.#peers.announce();
    this.changed();
  }

  changed(): void {
    this.#cachedParticipants = null;
    this.view.notifyChange();
  }

  /** Reports an error on the room; a fatal one is kept for the error panel. */
  report(init: MeteredErrorInit): MeteredErrorDetail {
    const detail = errorDetail(init);
    this.#emit('metered-error', detail);
    if (detail.fatal) this.fatalError = detail;
    this.changed();
    return detail;
  }

  /** Dispatches from the room element and, once it is out of the page, from where it was (see SessionHost). */
  #emit<K extends keyof MeteredEventMap>(name: K, detail: MeteredEventMap[K]['detail']): void {
    emit(this.#host.element, name, detail);
    const standIn = this.#host.detachedEventTarget();
    if (standIn) emit(standIn, name, detail);
  }

  /** A non-fatal ICE configuration problem of join `attempt`; an unavailable list is also a notice. */
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
  #end(reason: LeftDetail['reason']): Promise<void> {
    this.#attempt += 1;
    const { peerId, channel } = this;
    this.#setState('leaving');
    const ending = (async () => {
      await this.#teardown();
      this.#setState(reason === 'error' ? 'failed' : 'left');
      this.#emit('metered-left', { peerId, channel, reason });
    })();
    this.#ending = ending;
    void ending.finally(() => {
      if (this.#ending === ending) this.#ending = null;
    });
    return ending;
  }

  async #teardown(): Promise<void> {
    this.media.stopAll(); // first and synchronously: the camera light goes off whatever happens next
    const peer = this.peer;
    const watch = this.#watch;
    this.peer = null;
    this.#watch = null;
    this.peerId = null;
    this.channel = null;
    this.targetChannel = null;
    this.#peers.detach();
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
    this.#emit('metered-state-change', { from, to: next });
    this.changed();
  }

  #onJoined(peerId: string, channel: string): void {
    if (this.state !== 'joining') return; // e.g. already reconnecting: its own `joined` follows
    this.peerId = peerId;
    this.channel = channel;
    this.#setState('joined');
    this.#emit('metered-joined', { peerId, channel });
    this.#peers.announce();
  }

  #onReconnected(peerId: string | null): void {
    if (this.state !== 'reconnecting') return;
    // A publishable key gets a fresh peerId on every connection (a token keeps its `sub`): the page hears the new
    // one, and to the others we are then a newcomer, so tell them our name and stream roles again.
    const previousPeerId = this.peerId;
    this.peerId = peerId ?? previousPeerId;
    this.#setState('joined');
    if (this.peerId && this.channel && previousPeerId && this.peerId !== previousPeerId) {
      this.#emit('metered-joined', { peerId: this.peerId, channel: this.channel, previousPeerId });
    }
    this.#peers.announce();
  }

  #onLost(): void {
    if (!this.fatalError) this.report(this.#closes.finalError());
    void this.#end('error');
  }

  #onSdkError(err: Error): void {
    // Close-named errors echo the socket close we already reported with its real code and reason.
    if (this.#closes.isEcho(err)) return;
    const init = mapSdkError(err, { consecutiveFailures: this.#tokens?.consecutiveFailures });
    if (!init) return;
    this.report(init);
    if (init.fatal) void this.#end('error');
  }

  #onSocketClose(close: SocketClose, attempt: number): void {
    if (attempt !== this.#attempt || close.code === 1000) return;
    const verdict = this.#closes.classify(close, this.state, this.#tokens !== null);
    if (verdict.report) this.report(verdict.report);
    if (verdict.end) void this.#end('error');
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
        streams: this.media.local.streams(),
        joinedAt: 0,
        ...this.media.mediaState,
      },
    ];
  }
}
