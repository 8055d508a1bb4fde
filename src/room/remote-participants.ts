/**
 * The other people in the room, built from the SDK's `peer-joined` / `peer-left` and each RemotePeer's
 * `stream-added` / `stream-removed` / `state-change`, plus the room's own hello and stream-role messages. It also
 * watches for `no_media_received`: a peer that joined, says it publishes, and sends no stream within the timeout.
 */
import type { RemotePeer } from '@metered-ca/realtime';
import type { Participant, ParticipantStream, StreamRole } from '../room-context.js';

interface RemoteEntry {
  readonly remote: RemotePeer;
  readonly joinedAt: number;
  /** Keyed by stream id: after a reconnect the SDK hands a NEW MediaStream with the same id, which replaces it. */
  readonly streams: Map<string, MediaStream>;
  claimedName: string | null;
  /** False once the peer said it sends no media. */
  publishes: boolean;
  /** True while no media path formed with this peer (media-path-watch.ts). */
  noMediaPath: boolean;
  noMediaTimer: ReturnType<typeof setTimeout> | null;
  readonly detach: () => void;
}

export interface RemoteParticipantsOptions {
  onChange(): void;
  onNoMedia(peerId: string): void;
  /** Read on every join, so a test can lower it before the peer arrives. */
  noMediaTimeoutMs(): number;
}

/** The name a peer's server-stamped metadata carries, if any (verified: the server signed it into the token). */
export function verifiedName(metadata: Record<string, unknown> | undefined): string | null {
  for (const key of ['displayName', 'username']) {
    const value = metadata?.[key];
    if (typeof value === 'string' && value.trim() !== '') return value.trim().slice(0, 100);
  }
  return null;
}

export class RemoteParticipants {
  readonly #entries = new Map<string, RemoteEntry>();
  /** Roles by sender, then stream id. Kept apart from entries: a role may arrive before its stream or its peer. */
  readonly #roles = new Map<string, Map<string, StreamRole>>();

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
      noMediaPath: false,
      noMediaTimer: null,
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
    this.#options.onChange();
  }

  remove(peerId: string): void {
    const entry = this.#entries.get(peerId);
    if (!entry) return;
    entry.detach();
    this.#clearNoMedia(entry);
    this.#entries.delete(peerId);
    this.#roles.delete(peerId);
    this.#options.onChange();
  }

  clear(): void {
    for (const peerId of [...this.#entries.keys()]) this.remove(peerId);
    this.#roles.clear();
  }

  setRole(peerId: string, streamId: string, role: StreamRole): void {
    let byStream = this.#roles.get(peerId);
    if (!byStream) this.#roles.set(peerId, (byStream = new Map()));
    if (byStream.get(streamId) === role) return;
    byStream.set(streamId, role);
    this.#options.onChange();
  }

  setHello(peerId: string, displayName: string, publishes: boolean): void {
    const entry = this.#entries.get(peerId);
    if (!entry) return;
    const claimedName = displayName === '' ? null : displayName;
    // Every peer hears a newcomer's hello twice (its broadcast and the copy sent to each newcomer): the second,
    // unchanged one must not re-render every element of the room in the middle of the join.
    if (entry.claimedName === claimedName && entry.publishes === publishes) return;
    entry.claimedName = claimedName;
    entry.publishes = publishes;
    if (!publishes) this.#clearNoMedia(entry);
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
    const verified = verifiedName(entry?.remote.metadata);
    if (verified) return { displayName: verified, nameVerified: true };
    if (entry?.claimedName) return { displayName: entry.claimedName, nameVerified: false };
    return { displayName: `Guest ${peerId.slice(0, 6)}`, nameVerified: false };
  }

  /** Remote participants in join order. */
  snapshot(): Participant[] {
    return [...this.#entries.values()].map((entry) => {
      const roles = this.#roles.get(entry.remote.id);
      const streams: ParticipantStream[] = [...entry.streams.values()].map((stream) => ({
        stream,
        role: roles?.get(stream.id) ?? 'camera',
      }));
      // Camera first, then screen shares.
      streams.sort((a, b) => (a.role === b.role ? 0 : a.role === 'camera' ? -1 : 1));
      return {
        peerId: entry.remote.id,
        ...this.nameOf(entry.remote.id),
        isLocal: false,
        connectionState: entry.remote.state,
        ...(entry.noMediaPath ? { noMediaPath: true } : {}),
        streams,
        joinedAt: entry.joinedAt,
      };
    });
  }

  #clearNoMedia(entry: RemoteEntry): void {
    if (entry.noMediaTimer !== null) clearTimeout(entry.noMediaTimer);
    entry.noMediaTimer = null;
  }
}
