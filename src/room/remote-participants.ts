/**
 * The other people in the room, built from the SDK's `peer-joined` / `peer-left` and each RemotePeer's
 * `stream-added` / `stream-removed` / `state-change`, plus the room's own hello and stream-role messages. It also
 * watches for `no_media_received`: a peer that joined, says it publishes, and sends no stream within the timeout.
 *
 * A newcomer is "ready" — and the page hears `metered-peer-joined` — once its name is known: at once when the
 * server vouches for one (token metadata), else when its hello arrives, else after HELLO_WAIT_MS with the
 * placeholder name (a peer that sends no hello at all, e.g. a key without `send`). A later change of name is an
 * update (`metered-peer-updated`).
 */
import type { RemotePeer } from '@metered-ca/realtime';
import type { NetworkQualityLevel, Participant, ParticipantStream, StreamRole } from '../room-context.js';
import { verifiedNameFrom } from '../wire/names.js';
import type { ActiveSpeaker } from './active-speaker.js';
import type { HelloMessage } from './room-messages.js';

/** How long a newcomer's name may take to arrive before the page hears of it with a placeholder name. */
export const HELLO_WAIT_MS = 3000;
/** How long a departed peer's hello key is remembered, to recognise it coming back with a new peerId. */
const REJOIN_MEMORY_MS = 60_000;

interface RemoteEntry {
  readonly remote: RemotePeer;
  readonly joinedAt: number;
  /** Keyed by stream id: after a reconnect the SDK hands a NEW MediaStream with the same id, which replaces it. */
  readonly streams: Map<string, MediaStream>;
  claimedName: string | null;
  /** False once the peer said it sends no media. */
  publishes: boolean;
  /** The key of its hello (same for one join of that room), once known. */
  key: string | null;
  /** Its microphone/camera state from its hello; unknown (undefined) until a hello carries it (older senders never do). */
  audioMuted?: boolean;
  videoMuted?: boolean;
  /** True while no media path formed with this peer (media-path-watch.ts). */
  noMediaPath: boolean;
  noMediaTimer: ReturnType<typeof setTimeout> | null;
  /** Pending until the page has heard of this peer (see `ready`). */
  readyTimer: ReturnType<typeof setTimeout> | null;
  ready: boolean;
  readonly detach: () => void;
}

export interface RemoteParticipantsOptions {
  onChange(): void;
  onNoMedia(peerId: string): void;
  /** The peer's name is known (or the wait for it is over): time for `metered-peer-joined`. */
  onReady(peerId: string, previousPeerId: string | null): void;
  /** A ready peer's name changed. */
  onUpdated(peerId: string): void;
  /** Read on every join, so a test can lower it before the peer arrives. */
  noMediaTimeoutMs(): number;
  /** The participant's network quality level, when measured (network-quality.ts). */
  qualityOf?(peerId: string): NetworkQualityLevel | undefined;
  /** Who is speaking and who has the floor (active-speaker.ts). */
  speakers?: Pick<ActiveSpeaker, 'isSpeaking' | 'floor'>;
}

export class RemoteParticipants {
  readonly #entries = new Map<string, RemoteEntry>();
  /** Roles by sender, then stream id. Kept apart from entries: a role may arrive before its stream or its peer. */
  readonly #roles = new Map<string, Map<string, StreamRole>>();
  /** Hello keys of peers that left lately, with their peerId: a key seen again is that participant coming back. */
  readonly #departed = new Map<string, { peerId: string; at: number }>();

  readonly #options: RemoteParticipantsOptions;

  constructor(options: RemoteParticipantsOptions) {
    this.#options = options;
  }

  add(remote: RemotePeer): void {
    if (this.#entries.has(remote.id)) return;
    const onStreamAdded = ({ stream }: { stream: MediaStream }) => {
      entry.streams.set(stream.id, stream);
      this.#clearNoMedia(entry);
      this.#options.onChange();
    };
    const onStreamRemoved = ({ stream }: { stream: MediaStream }) => {
      if (entry.streams.get(stream.id) === stream) entry.streams.delete(stream.id);
      this.#options.onChange();
    };
    const onStateChange = () => this.#options.onChange();
    remote.on('stream-added', onStreamAdded);
    remote.on('stream-removed', onStreamRemoved);
    remote.on('state-change', onStateChange);
    const entry: RemoteEntry = {
      remote,
      joinedAt: Date.now(),
      streams: new Map(),
      claimedName: null,
      publishes: true,
      key: null,
      noMediaPath: false,
      noMediaTimer: null,
      readyTimer: null,
      ready: false,
      detach: () => {
        remote.off('stream-added', onStreamAdded);
        remote.off('stream-removed', onStreamRemoved);
        remote.off('state-change', onStateChange);
      },
    };
    entry.noMediaTimer = setTimeout(() => {
      entry.noMediaTimer = null;
      if (entry.publishes && entry.streams.size === 0 && this.#entries.get(remote.id) === entry) {
        this.#options.onNoMedia(remote.id);
      }
    }, this.#options.noMediaTimeoutMs());
    this.#entries.set(remote.id, entry);
    if (verifiedNameFrom(remote.metadata)) this.#makeReady(entry);
    else entry.readyTimer = setTimeout(() => this.#makeReady(entry), HELLO_WAIT_MS);
    this.#options.onChange();
  }

  /** True once the page heard `metered-peer-joined` for this peer (so it must hear `metered-peer-left` too). */
  isReady(peerId: string): boolean {
    return this.#entries.get(peerId)?.ready ?? false;
  }

  remove(peerId: string): void {
    const entry = this.#entries.get(peerId);
    if (!entry) return;
    entry.detach();
    this.#clearNoMedia(entry);
    if (entry.readyTimer !== null) clearTimeout(entry.readyTimer);
    if (entry.key) this.#departed.set(entry.key, { peerId, at: Date.now() });
    this.#entries.delete(peerId);
    this.#roles.delete(peerId);
    this.#options.onChange();
  }

  clear(): void {
    for (const peerId of [...this.#entries.keys()]) this.remove(peerId);
    this.#roles.clear();
    this.#departed.clear();
  }

  setRole(peerId: string, streamId: string, role: StreamRole): void {
    let byStream = this.#roles.get(peerId);
    if (!byStream) this.#roles.set(peerId, (byStream = new Map()));
    if (byStream.get(streamId) === role) return;
    byStream.set(streamId, role);
    this.#options.onChange();
  }

  setHello(peerId: string, hello: Omit<HelloMessage, 'type'>): void {
    const entry = this.#entries.get(peerId);
    if (!entry) return;
    const { displayName, publishes, key, audioMuted, videoMuted } = hello;
    entry.key ??= key ?? null;
    const claimedName = displayName === '' ? null : displayName;
    // Every peer hears a newcomer's hello twice (its broadcast and the copy sent to each newcomer): the second,
    // unchanged one must not re-render every element of the room in the middle of the join.
    const sameMedia = entry.audioMuted === audioMuted && entry.videoMuted === videoMuted;
    if (entry.ready && entry.claimedName === claimedName && entry.publishes === publishes && sameMedia) return;
    const nameBefore = this.nameOf(peerId);
    entry.claimedName = claimedName;
    entry.publishes = publishes;
    entry.audioMuted = audioMuted;
    entry.videoMuted = videoMuted;
    if (!publishes) this.#clearNoMedia(entry);
    if (!entry.ready) this.#makeReady(entry);
    else if (this.nameOf(peerId).displayName !== nameBefore.displayName) this.#options.onUpdated(peerId);
    this.#options.onChange();
  }

  setNoMediaPath(peerId: string, noMediaPath: boolean): void {
    const entry = this.#entries.get(peerId);
    if (!entry || entry.noMediaPath === noMediaPath) return;
    entry.noMediaPath = noMediaPath;
    this.#options.onChange();
  }

  has(peerId: string): boolean {
    return this.#entries.has(peerId);
  }

  /** Name to show and whether the server vouches for it. */
  nameOf(peerId: string): { displayName: string; nameVerified: boolean } {
    const entry = this.#entries.get(peerId);
    const verified = verifiedNameFrom(entry?.remote.metadata);
    if (verified) return { displayName: verified, nameVerified: true };
    if (entry?.claimedName) return { displayName: entry.claimedName, nameVerified: false };
    return { displayName: `Guest ${peerId.slice(0, 6)}`, nameVerified: false };
  }

  /** Remote participants in join order. */
  snapshot(): Participant[] {
    const { speakers } = this.#options;
    return [...this.#entries.values()].map((entry) => {
      const roles = this.#roles.get(entry.remote.id);
      const streams: ParticipantStream[] = [...entry.streams.values()].map((stream) => ({
        stream,
        role: roles?.get(stream.id) ?? 'camera',
      }));
      // Camera first, then screen shares.
      streams.sort((a, b) => (a.role === b.role ? 0 : a.role === 'camera' ? -1 : 1));
      const quality = this.#options.qualityOf?.(entry.remote.id);
      const speaking = speakers?.isSpeaking(entry.remote.id) ?? false;
      return {
        peerId: entry.remote.id,
        ...this.nameOf(entry.remote.id),
        isLocal: false,
        connectionState: entry.remote.state,
        ...(entry.noMediaPath ? { noMediaPath: true } : {}),
        streams,
        joinedAt: entry.joinedAt,
        ...(quality === undefined ? {} : { quality }),
        ...(entry.audioMuted === undefined ? {} : { audioMuted: entry.audioMuted }),
        ...(entry.videoMuted === undefined ? {} : { videoMuted: entry.videoMuted }),
        ...(speaking ? { speaking } : {}),
        ...(speakers?.floor === entry.remote.id ? { activeSpeaker: true } : {}),
      };
    });
  }

  #makeReady(entry: RemoteEntry): void {
    if (entry.ready || this.#entries.get(entry.remote.id) !== entry) return;
    if (entry.readyTimer !== null) clearTimeout(entry.readyTimer);
    entry.readyTimer = null;
    entry.ready = true;
    this.#options.onReady(entry.remote.id, this.#previousPeerId(entry));
  }

  /** The peerId this participant had before a reconnect gave it a new one (same hello key), if any. */
  #previousPeerId(entry: RemoteEntry): string | null {
    const now = Date.now();
    for (const [key, departed] of this.#departed) {
      if (now - departed.at > REJOIN_MEMORY_MS) this.#departed.delete(key);
    }
    if (!entry.key) return null;
    const departed = this.#departed.get(entry.key);
    this.#departed.delete(entry.key);
    return departed?.peerId ?? null;
  }

  #clearNoMedia(entry: RemoteEntry): void {
    if (entry.noMediaTimer !== null) clearTimeout(entry.noMediaTimer);
    entry.noMediaTimer = null;
  }
}
