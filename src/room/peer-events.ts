/**
 * Translates one join's SDK events into the room's store changes and DOM events: the other participants (who is
 * there, their names, streams and connection states), `metered-peer-joined` / `-updated` / `-left`, the room's own
 * messages (hello, stream roles) kept apart from the customer data chat sees, and the watches on each media
 * connection (a stuck start, no media path, audio levels, network quality). What the SDK says about our OWN connection (joined, reconnecting, lost, errors) goes to the session's
 * state machine through `PeerLifecycle`.
 */
import type { MeteredPeer, RemotePeer } from '@metered-ca/realtime';
import type { MeteredErrorDetail } from '../errors.js';
import type { MeteredErrorInit, MeteredEventMap } from '../events.js';
import type { Participant, RoomDataDetail } from '../room-context.js';
import { Announcer, type AnnouncerSource } from './announcer.js';
import { LEVEL_POLL_MS } from './active-speaker.js';
import { AudioLevels } from './audio-levels.js';
import { MediaPathWatch } from './media-path-watch.js';
import { NetworkQuality } from './network-quality.js';
import { RemoteParticipants } from './remote-participants.js';
import { isRoomMessage, parseHello, parseStreamRole } from './room-messages.js';
import { RemotePoller } from './remote-poller.js';
import { StallWatch, STALL_RESTARTS } from './stall-watch.js';

/** What the SDK says about our own connection, for the session's state machine. */
export interface PeerLifecycle {
  joined(peerId: string, channel: string): void;
  reconnecting(): void;
  reconnected(peerId: string | null): void;
  /** The SDK closed for good without our asking (reconnects exhausted, a terminal close). */
  lost(): void;
  error(err: Error): void;
}

/** What the translator needs from the room session. */
export interface PeerEventsHost extends AnnouncerSource {
  /** The room element: DOM events are dispatched from it. */
  emit<K extends keyof MeteredEventMap>(name: K, detail: MeteredEventMap[K]['detail']): void;
  report(init: MeteredErrorInit): MeteredErrorDetail;
  changed(): void;
  /** A customer payload (chat and the like) for the store's `data` listeners. */
  data(detail: RoomDataDetail): void;
  noMediaTimeoutMs(): number;
  /** Restarts the signalling socket (the SDK reconnects with fresh media connections: see stall-watch.ts). */
  restartSocket(): void;
  /** Whether this join allows relayed candidates only (`ice-transport-policy="relay"`). */
  relayOnly(): boolean;
}

export class PeerEvents {
  readonly #host: PeerEventsHost;
  readonly #remotes: RemoteParticipants;
  readonly #announcer: Announcer;
  readonly #quality: NetworkQuality;
  /** Who speaks, and who has the floor (audio-levels.ts, active-speaker.ts). */
  readonly #levels: AudioLevels;
  /** The peer of the current join, while attached. */
  #peer: MeteredPeer | null = null;
  /** Settles once this join's capture is over: announcements and the room's events wait for it. */
  #published: Promise<void> = Promise.resolve();
  /** Socket restarts left in this join for stuck connections (see stall-watch.ts). */
  #stallRestarts = 0;
  /** Whether a media path forms with each participant (media-path-watch.ts). */
  readonly #paths: MediaPathWatch;
  /** Whether each participant's current media connection is stuck before it starts (stall-watch.ts). */
  readonly #stalls = new StallWatch();
  /**
   * The room's one sampler of the remote participants' media connections, every LEVEL_POLL_MS while anyone is
   * there: the stall and media-path checks, then the audio levels. (Network quality polls every QUALITY_POLL_MS.)
   */
  readonly #sampler = new RemotePoller<{ readonly remote: RemotePeer }>(
    LEVEL_POLL_MS,
    ({ remote }, current) => {
      this.#checkStall(remote);
      this.#paths.check(remote);
      return this.#levels.measure(remote, current);
    },
    (changed) => this.#levels.settle(changed),
  );

  constructor(host: PeerEventsHost) {
    this.#host = host;
    this.#announcer = new Announcer(host);
    this.#quality = new NetworkQuality({
      changed: () => host.changed(),
      announced: (peerId) => this.#remotes.isReady(peerId),
      emit: (detail) => host.emit('metered-network-quality', detail),
    });
    this.#levels = new AudioLevels({
      changed: () => host.changed(),
      floorChanged: (peerId) => {
        host.changed();
        const name = peerId === null ? null : this.#remotes.nameOf(peerId).displayName;
        host.emit('metered-active-speaker', { peerId, displayName: name });
      },
    });
    this.#remotes = new RemoteParticipants({
      onChange: () => host.changed(),
      onNoMedia: (peerId) => host.report({ code: 'no_media_received', peerId, fatal: false }),
      noMediaTimeoutMs: () => host.noMediaTimeoutMs(),
      qualityOf: (peerId) => this.#quality.levelOf(peerId),
      speakers: this.#levels.speakers,
      onReady: (peerId, previousPeerId) =>
        this.#afterCapture(() => this.#emitPeer('metered-peer-joined', peerId, previousPeerId)),
      onUpdated: (peerId) => this.#afterCapture(() => this.#emitPeer('metered-peer-updated', peerId, null)),
    });
    this.#paths = new MediaPathWatch({
      // Never for a peer that left: the sampler checks only the participants still here.
      onNoPath: (peerId) => {
        this.#remotes.setNoMediaPath(peerId, true);
        host.report({ code: 'no_media_path', peerId, fatal: false });
      },
      onPath: (peerId) => this.#remotes.setNoMediaPath(peerId, false),
      relayOnly: () => host.relayOnly(),
    });
  }

  /** The other participants, in join order. */
  participants(): Participant[] {
    return this.#remotes.snapshot();
  }

  /** Starts listening to a new join's `peer`; `published` settles once its capture is over. */
  attach(peer: MeteredPeer, published: Promise<void>, lifecycle: PeerLifecycle): void {
    this.detach();
    this.#peer = peer;
    this.#published = published;
    this.#stallRestarts = STALL_RESTARTS;
    this.#announcer.newJoin();
    this.#wire(peer, lifecycle);
  }

  /** Forgets the join: its participants, its timers. The SDK peer's own listeners die with its close(). */
  detach(): void {
    this.#peer = null;
    this.#sampler.stop();
    this.#quality.stop();
    this.#levels.stop();
    this.#stalls.clear();
    this.#paths.clear();
    this.#remotes.clear();
  }

  /** Tells everyone our name, whether we publish, and our streams' roles (after join, reconnect, a new name). */
  announce(): void {
    this.#afterCapture((peer) => this.#announcer.broadcast(peer));
  }

  /** Tells the others that our media changed (a microphone or camera switched on or off: their tiles show it). */
  mediaChanged(): void {
    if (this.#peer?.state === 'joined') this.#afterCapture((peer) => this.#announcer.broadcastHello(peer));
  }

  /** Tells the others about a local stream's role (a new screen share). */
  announceStream(stream: MediaStream, role: 'camera' | 'screen'): void {
    if (this.#peer) this.#announcer.broadcastRole(this.#peer, stream, role);
  }

  /**
   * Runs `then` once this join's capture is over, if the join is still current. The hello says whether we
   * publish and the role messages name our camera stream, and both are only known then; the room's own events
   * wait too, so they keep their order (joined first). When the capture landed first this is a microtask.
   */
  #afterCapture(then: (peer: MeteredPeer) => void): void {
    const peer = this.#peer;
    if (!peer) return;
    void this.#published.then(() => {
      if (peer === this.#peer) then(peer);
    });
  }

  #emitPeer(name: 'metered-peer-joined' | 'metered-peer-updated', peerId: string, previousPeerId: string | null): void {
    if (!this.#remotes.has(peerId)) return;
    const detail = { peerId, ...this.#remotes.nameOf(peerId) };
    this.#host.emit(name, previousPeerId ? { ...detail, previousPeerId } : detail);
    // A newcomer missed our broadcasts: tell it directly who we are.
    if (name === 'metered-peer-joined' && this.#peer) this.#announcer.sendTo(this.#peer, peerId);
  }

  #wire(peer: MeteredPeer, lifecycle: PeerLifecycle): void {
    const current = () => peer === this.#peer;
    peer.on('state-change', ({ to }) => {
      if (!current()) return;
      if (to === 'reconnecting') lifecycle.reconnecting();
      else if (to === 'joined') lifecycle.reconnected(peer.peerId);
    });
    peer.on('joined', ({ peerId, channel }) => {
      // The room counts as joined once its capture is over as well (the camera published or its failure
      // reported): `metered-joined` still means "in the call with our media".
      if (current()) this.#afterCapture(() => lifecycle.joined(peerId, channel));
    });
    peer.on('left', () => {
      // We only get here for a close we did not ask for (ours detaches first): the session is over.
      if (current()) lifecycle.lost();
    });
    peer.on('peer-joined', ({ peer: remote }) => {
      if (!current()) return;
      // Listen to the remote at once (its stream may arrive before our capture is over); the page hears of it
      // once its name is known (remote-participants.ts), after our own `metered-joined`.
      this.#remotes.add(remote);
      this.#watchNegotiation(remote);
      this.#sampler.watch({ remote });
      this.#quality.watch(remote);
    });
    peer.on('peer-left', ({ peer: remote }) => {
      if (!current()) return;
      const wasAnnounced = this.#remotes.isReady(remote.id);
      const name = this.#remotes.nameOf(remote.id);
      this.#sampler.forget(remote.id);
      this.#quality.forget(remote.id);
      this.#levels.forget(remote.id);
      this.#stalls.forget(remote.id);
      this.#paths.forget(remote.id);
      this.#remotes.remove(remote.id);
      if (wasAnnounced) this.#afterCapture(() => this.#host.emit('metered-peer-left', { peerId: remote.id, ...name }));
    });
    peer.on('data', (event) => {
      if (!current()) return;
      const role = parseStreamRole(event.data);
      if (role) return this.#remotes.setRole(event.senderPeerId, role.streamId, role.role);
      const hello = parseHello(event.data);
      if (hello) return this.#remotes.setHello(event.senderPeerId, hello);
      if (isRoomMessage(event.data)) return; // ours, but malformed: never chat's business
      this.#host.data(event);
    });
    peer.on('error', ({ err }) => {
      if (current()) lifecycle.error(err);
    });
  }

  #watchNegotiation(remote: RemotePeer): void {
    remote.on('negotiation-error', ({ err }) => {
      if (err.name !== 'IceRestartExhaustedError' || !this.#remotes.has(remote.id)) return;
      this.#host.report({ code: 'ice_restart_exhausted', peerId: remote.id, fatal: false, cause: err });
    });
  }

  /**
   * A connection that never starts is restarted (stall-watch.ts), only with media to send: with nothing to send
   * there is nothing to negotiate, and a connection may rightly stay `new`.
   */
  #checkStall(remote: RemotePeer): void {
    if (!this.#stalls.check(remote, this.#host.relayOnly())) return;
    if (this.#host.media.publishes && this.#stallRestarts-- > 0) this.#host.restartSocket();
  }
}
