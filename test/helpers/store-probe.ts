/**
 * <store-probe>: the smallest possible consumer of the room context, built on RoomStoreController like the real
 * elements. Records the `data` events it receives and the store it found, so tests can check what reaches a
 * consumer (and what must not: the room's own stream-role and hello messages).
 */
import { LitElement, html } from 'lit';
import { RoomStoreController, renderMissingRoom } from '../../src/controllers/room-store-controller.js';
import type { RoomDataDetail } from '../../src/room-context.js';

export class StoreProbe extends LitElement {
  readonly received: RoomDataDetail[] = [];
  readonly room = new RoomStoreController(this, { onData: (event) => this.received.push(event.detail) });
  renders = 0;

  override render() {
    this.renders += 1;
    if (this.room.missing) return renderMissingRoom();
    return html`<span>${this.room.store?.participants.length ?? 0} participants</span>`;
  }
}

if (!customElements.get('store-probe')) customElements.define('store-probe', StoreProbe);

declare global {
  interface HTMLElementTagNameMap {
    'store-probe': StoreProbe;
  }
}
