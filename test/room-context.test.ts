import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { LitElement } from 'lit';
import type { MeteredErrorEvent } from '../src/events.js';
import { MeteredRoom } from '../src/room/metered-room.js';
import { addRoom, GUARD_MS, uniqueChannel, waitForState } from './helpers/room.js';
import { mainServer, type TestServer } from './helpers/server.js';
import type { StoreProbe } from './helpers/store-probe.js';
import './helpers/store-probe.js';

/** An app component with its own shadow root, to put a consumer two shadow boundaries below the room. */
class AppPanel extends LitElement {
  override render() {
    return html`<section><div><store-probe></store-probe></div></section>`;
  }
}
customElements.define('app-panel', AppPanel);

describe('room context (RoomStoreController)', () => {
  let server: TestServer;
  before(async () => {
    server = await mainServer();
  });

  it('a consumer deep inside another shadow root finds the room and re-renders on changes', async () => {
    const room = addRoom(server, {
      channel: uniqueChannel('ctx'),
      media: 'none',
      autoJoin: false,
      children: '<div><app-panel></app-panel></div>',
    });
    try {
      const panel = room.querySelector('app-panel') as AppPanel;
      await panel.updateComplete;
      const probe = panel.shadowRoot!.querySelector('store-probe') as StoreProbe;
      await probe.updateComplete;
      expect(probe.room.store).to.not.equal(undefined);
      expect(probe.room.store!.host).to.equal(room);
      expect(probe.shadowRoot!.textContent).to.contain('0 participants');
      await room.join();
      await waitForState(room, 'joined');
      await waitUntil(() => probe.shadowRoot!.textContent!.includes('1 participants'), 'the probe never re-rendered', {
        timeout: GUARD_MS,
      });
    } finally {
      room.remove();
    }
  });

  it('the store is the same object across joins (a new SDK peer behind it each time)', async () => {
    const room = addRoom(server, { channel: uniqueChannel('stable'), media: 'none', children: '<store-probe></store-probe>' });
    try {
      const probe = room.querySelector('store-probe') as StoreProbe;
      await waitForState(room, 'joined');
      const store = probe.room.store;
      const firstPeer = store!.peer;
      await room.leave();
      await room.join();
      await waitForState(room, 'joined');
      expect(probe.room.store).to.equal(store);
      expect(store!.peer).to.not.equal(firstPeer);
    } finally {
      room.remove();
    }
  });

  it('a consumer with no room above it dispatches missing_room once and shows a placeholder', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const heard: MeteredErrorEvent[] = [];
    host.addEventListener('metered-error', (e) => heard.push(e));
    const probe = document.createElement('store-probe');
    const first = oneEvent(host, 'metered-error');
    host.appendChild(probe);
    const event = await first;
    expect(event.detail).to.include({ code: 'missing_room', fatal: true });
    expect(event.composed && event.bubbles).to.equal(true);
    await probe.updateComplete;
    expect(probe.shadowRoot!.textContent).to.contain('<metered-room>');
    // More renders must not repeat the event.
    probe.requestUpdate();
    await probe.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(heard).to.have.length(1);
  });

  it('a room upgraded after its children still reaches them (no false missing_room)', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    const heard: string[] = [];
    host.addEventListener('metered-error', (e) => heard.push(e.detail.code));
    // The room's tag is not defined yet when its child consumer connects (e.g. tags defined in another order).
    const tag = `late-room-${Date.now()}`;
    host.innerHTML = `<${tag} auto-join="false"><store-probe></store-probe></${tag}>`;
    const lateRoom = host.firstElementChild!;
    const probe = lateRoom.querySelector('store-probe') as StoreProbe;
    expect(probe.room.store).to.equal(undefined);
    customElements.define(tag, class extends MeteredRoom {});
    await waitUntil(() => probe.room.store !== undefined, 'the late room never reached its child', { timeout: GUARD_MS });
    expect(probe.room.store!.host).to.equal(lateRoom);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(heard).to.deep.equal([]);
    lateRoom.remove();
  });
});
