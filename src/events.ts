/**
 * Every DOM event the elements dispatch: names, typed `detail`s, the global event-map declaration that makes
 * `el.addEventListener('metered-error', e => e.detail.code)` typed, and the one helper that dispatches them
 * (always `bubbles: true, composed: true`, so a listener on `document` hears events from inside shadow roots).
 */
import type { MeteredErrorDetail, MeteredErrorCode } from './errors.js';
import { ERROR_TEXT } from './error-text.js';
import type { NetworkQualityLevel, RoomState } from './room-context.js';

export interface JoinedDetail {
  readonly peerId: string;
  readonly channel: string;
  /**
   * Set when this is not the first `metered-joined` of the join: a reconnect gave us a new peerId (a publishable
   * key gets a fresh one per connection), and this was the old one.
   */
  readonly previousPeerId?: string;
}
export interface LeftDetail {
  readonly peerId: string | null;
  readonly channel: string | null;
  /** Why: `leave` (leave() was called), `removed` (element left the DOM), `channel-change`, or `error`. */
  readonly reason: 'leave' | 'removed' | 'channel-change' | 'error';
}
export interface StateChangeDetail {
  readonly from: RoomState;
  readonly to: RoomState;
}
export interface PeerDetail {
  readonly peerId: string;
  /** Name to show (remote text: render as text only). */
  readonly displayName: string;
  readonly nameVerified: boolean;
  /**
   * On `metered-peer-joined` only: this participant was in the room a moment ago as `previousPeerId` and came back
   * after its connection was restarted (a `metered-peer-left` for that id came first).
   */
  readonly previousPeerId?: string;
}
export interface MessageDetail {
  readonly id: string;
  readonly fromPeerId: string;
  readonly displayName: string;
  readonly nameVerified: boolean;
  /** Remote text: render as text only. */
  readonly text: string;
  /** ms since epoch, as the sender claims it. */
  readonly sentAt: number;
  readonly isOwn: boolean;
}

export interface NetworkQualityDetail {
  readonly peerId: string;
  /** The new level: 3 good, 2 fair, 1 poor, 0 bad (see `NetworkQualityLevel` for how it is computed). */
  readonly quality: NetworkQualityLevel;
  /** Round-trip time of the path (ms), or null when not measured (e.g. the connection is down). */
  readonly rttMs: number | null;
  /** Fraction (0–1) of incoming packets lost over the last interval, or null when none were expected. */
  readonly packetLoss: number | null;
  /** Interarrival jitter of the incoming audio (ms), or null. */
  readonly jitterMs: number | null;
  /** True when the path goes through a TURN relay. */
  readonly relayed: boolean;
}

/** The new active speaker (see `Participant.activeSpeaker`), or both null when nobody has the floor any more. */
export interface ActiveSpeakerDetail {
  readonly peerId: string | null;
  /** Name to show (remote text: render as text only). */
  readonly displayName: string | null;
}

export type MeteredErrorEvent = CustomEvent<MeteredErrorDetail>;
export type MeteredJoinedEvent = CustomEvent<JoinedDetail>;
export type MeteredLeftEvent = CustomEvent<LeftDetail>;
export type MeteredStateChangeEvent = CustomEvent<StateChangeDetail>;
export type MeteredPeerJoinedEvent = CustomEvent<PeerDetail>;
export type MeteredPeerLeftEvent = CustomEvent<PeerDetail>;
export type MeteredPeerUpdatedEvent = CustomEvent<PeerDetail>;
export type MeteredMessageEvent = CustomEvent<MessageDetail>;
export type MeteredNetworkQualityEvent = CustomEvent<NetworkQualityDetail>;
export type MeteredActiveSpeakerEvent = CustomEvent<ActiveSpeakerDetail>;

export interface MeteredEventMap {
  'metered-error': MeteredErrorEvent;
  'metered-joined': MeteredJoinedEvent;
  'metered-left': MeteredLeftEvent;
  'metered-state-change': MeteredStateChangeEvent;
  'metered-peer-joined': MeteredPeerJoinedEvent;
  'metered-peer-left': MeteredPeerLeftEvent;
  'metered-peer-updated': MeteredPeerUpdatedEvent;
  'metered-message': MeteredMessageEvent;
  'metered-network-quality': MeteredNetworkQualityEvent;
  'metered-active-speaker': MeteredActiveSpeakerEvent;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalEventHandlersEventMap extends MeteredEventMap {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends MeteredEventMap {}
}

/** Dispatches one of our events from `target`, bubbling and crossing shadow roots. */
export function emit<K extends keyof MeteredEventMap>(
  target: EventTarget,
  name: K,
  detail: MeteredEventMap[K]['detail'],
): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

/** Distributes Omit over a union, so per-code fields stay tied to their code. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The detail minus `message`, which is always our fixed text for the code. */
export type MeteredErrorInit = DistributiveOmit<MeteredErrorDetail, 'message'>;

/** Builds a full detail, filling `message` with the fixed text for its code. */
export function errorDetail(init: MeteredErrorInit): MeteredErrorDetail {
  return { ...init, message: ERROR_TEXT[init.code as MeteredErrorCode].message } as MeteredErrorDetail;
}

/** Dispatches `metered-error` from `target` (the element whose operation failed). */
export function emitError(target: EventTarget, init: MeteredErrorInit): MeteredErrorDetail {
  const detail = errorDetail(init);
  emit(target, 'metered-error', detail);
  return detail;
}
