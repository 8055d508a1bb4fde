/**
 * The read-only face of a room that its descendants get through `roomContext`: the snapshot getters and the
 * `change` / `data` events, nothing that acts. One per room for its whole life (see room-context.ts for why its
 * identity never changes).
 */
import type { MeteredPeer } from '@metered-ca/realtime';
import type { Participant, RoomDataDetail, RoomState, RoomStore } from '../room-context.js';

/** Where the view reads its snapshot from (the room session). */
export interface RoomSnapshot {
  readonly state: RoomState;
  readonly peer: MeteredPeer | null;
  readonly peerId: string | null;
  readonly channel: string | null;
  readonly participants: readonly Participant[];
  readonly displayName: string;
  readonly host: HTMLElement;
}

export class RoomView extends EventTarget implements RoomStore {
  readonly #snapshot: RoomSnapshot;

  constructor(snapshot: RoomSnapshot) {
    super();
    this.#snapshot = snapshot;
  }

  get state(): RoomState {
    return this.#snapshot.state;
  }
  get peer(): MeteredPeer | null {
    return this.#snapshot.peer;
  }
  get peerId(): string | null {
    return this.#snapshot.peerId;
  }
  get channel(): string | null {
    return this.#snapshot.channel;
  }
  get participants(): readonly Participant[] {
    return this.#snapshot.participants;
  }
  get displayName(): string {
    return this.#snapshot.displayName;
  }
  get host(): HTMLElement {
    return this.#snapshot.host;
  }

  /** Tells every consumer that the snapshot changed. */
  notifyChange(): void {
    this.dispatchEvent(new Event('change'));
  }

  /** Hands a customer payload to the consumers that listen for `data` (chat). */
  notifyData(detail: RoomDataDetail): void {
    this.dispatchEvent(new CustomEvent<RoomDataDetail>('data', { detail }));
  }
}
