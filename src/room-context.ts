/**
 * The context `<metered-room>` provides to its descendants (`<metered-video>`, `<metered-chat>`, controls) through
 * `@lit/context`. The value is ONE long-lived, read-only `RoomStore` per room: it never changes identity, even
 * though the SDK peer behind it does (a `MeteredPeer` is single-use, so every join builds a new one).
 *
 * Because the identity never changes, a subscribing `ContextConsumer` alone re-renders its element only once,
 * when the room is first found: `subscribe: true` reports a *different* value, never a changed one. To follow the
 * room, listen to the store's `change` event (and `data` for payloads) and read its getters then — or use
 * `RoomStoreController` (src/controllers/room-store-controller.ts), which does exactly that:
 *
 * ```ts
 * private room = new RoomStoreController(this); // re-renders on every change
 * render() { return html`${this.room.store?.participants.length ?? 0} people`; }
 * ```
 */
import { createContext } from '@lit/context';
import type { MeteredPeer, PeerConnectionState } from '@metered-ca/realtime';

/** Lifecycle of the room as a user sees it. `failed` = a fatal error ended the session; `join()` may retry. */
export type RoomState = 'idle' | 'joining' | 'joined' | 'reconnecting' | 'leaving' | 'left' | 'failed';

/** What a stream carries. The SDK loses addStream metadata in Chromium, so the room carries this itself. */
export type StreamRole = 'camera' | 'screen';

/**
 * How well the media path to a remote participant works, from its connection's `getStats()` every 2 s:
 * `3` good, `2` fair, `1` poor, `0` bad. The level is the lowest whose limits any measurement reaches —
 * bad: packet loss ≥ 10 %, round-trip time ≥ 800 ms or jitter ≥ 150 ms, or no media path at all (the connection
 * `disconnected`/`failed`); poor: loss ≥ 5 %, RTT ≥ 400 ms or jitter ≥ 80 ms; fair: loss ≥ 2 %, RTT ≥ 200 ms,
 * jitter ≥ 40 ms, or a path through a TURN relay; good: everything below that on a direct path. Loss is counted
 * over the last interval, over everything the participant sends us.
 */
export type NetworkQualityLevel = 0 | 1 | 2 | 3;

export interface ParticipantStream {
  /** Bind to `<video>.srcObject`. After a reconnect the SDK hands a NEW MediaStream with the same id: rebind. */
  readonly stream: MediaStream;
  readonly role: StreamRole;
}

export interface Participant {
  readonly peerId: string;
  /** Name to show. Remote text: render as text only. */
  readonly displayName: string;
  /** True when the name came from server-stamped peerMetadata; false when the peer merely claimed it. */
  readonly nameVerified: boolean;
  readonly isLocal: boolean;
  /** The SDK's per-peer connection state; `connected` for the local participant. */
  readonly connectionState: PeerConnectionState;
  /** True when no media connection could be made with this participant (`no_media_path`; it may still recover). */
  readonly noMediaPath?: boolean;
  /** Camera stream first, then screen share, when present. For the local participant: the local captures. */
  readonly streams: readonly ParticipantStream[];
  /** When the participant appeared (ms since epoch), for `no_media_received` detection and ordering. */
  readonly joinedAt: number;
  /**
   * Remote participants only: the network quality of the path to them (see `NetworkQualityLevel`). Absent until
   * their connection is up and first measured, and while it connects again.
   */
  readonly quality?: NetworkQualityLevel;
  /**
   * The participant's microphone is muted (or it sends no audio). Remote participants announce it in their hello
   * (see room-messages.ts); absent until a remote room that announces it has said so.
   */
  readonly audioMuted?: boolean;
  /** The participant's camera is off (or it sends no camera video); remote: as `audioMuted`. */
  readonly videoMuted?: boolean;
  /**
   * Remote participants only: the participant is speaking now (the level of the audio we receive from them above
   * the speaking threshold, with hysteresis: see src/room/active-speaker.ts).
   */
  readonly speaking?: boolean;
  /**
   * Remote participants only: this participant has the floor (the `metered-active-speaker`): the last one who spoke
   * for long enough, kept through silence until someone else speaks for about 1.5 s or they leave.
   */
  readonly activeSpeaker?: boolean;
}

/** An application payload another peer sent on the room's channel (chat, stream roles, …). */
export interface RoomDataDetail {
  readonly senderPeerId: string;
  readonly data: unknown;
  readonly kind: 'broadcast' | 'direct';
  /** Server-stamped peerMetadata of the sender, when the server provided it. Untrusted shape. */
  readonly senderMetadata?: Record<string, unknown>;
}

/** Events a `RoomStore` dispatches (plain DOM events on the store, not on the element). */
export interface RoomStoreEventMap {
  /** Anything in the snapshot changed: state, participants, their streams or connection states, local media. */
  change: Event;
  /** A customer payload arrived through the SDK's `data` event (RTC signalling is never surfaced). */
  data: CustomEvent<RoomDataDetail>;
}

export interface RoomStore extends EventTarget {
  readonly state: RoomState;
  /** The current SDK peer, or null before the first join / after leave. Changes on every join. */
  readonly peer: MeteredPeer | null;
  /** Our peerId while joined (assigned by the server), else null. */
  readonly peerId: string | null;
  readonly channel: string | null;
  /** Local participant first (when joined), then remote participants in join order. */
  readonly participants: readonly Participant[];
  /** The display name this room claims for itself (the `display-name` attribute). */
  readonly displayName: string;
  /** The room element, so consumers can dispatch errors related to it or read its attributes. */
  readonly host: HTMLElement;

  addEventListener<K extends keyof RoomStoreEventMap>(
    type: K,
    listener: (event: RoomStoreEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof RoomStoreEventMap>(
    type: K,
    listener: (event: RoomStoreEventMap[K]) => void,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: boolean | EventListenerOptions): void;
}

/**
 * Context key. Use `RoomStoreController`, or a `ContextConsumer` with `subscribe: true` plus a listener for the
 * store's `change` event (see the top of this file).
 */
export const roomContext = createContext<RoomStore | undefined>(Symbol.for('metered-elements/room'));
