/**
 * The room's default layout holds with real chat volume: two people, 50 messages, and the room fills the box it is
 * given without growing past it — the controls and the chat input stay inside the box, the chat list scrolls
 * inside itself, and the video tiles reach the bottom of their area (no blank band). Checked at desktop and phone
 * size, with the README's `height: 80vh`, with no height at all, and inside a fixed-height container.
 * (docs/screenshots/, from scripts/screenshots.mjs, show the same states for people to look at.)
 */
import { expect, waitUntil } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';
import { CHAT_MESSAGE_TYPE } from '../src/chat/chat-message.js';
import type { MeteredRoom } from '../src/room/metered-room.js';
import { joined } from './helpers/chat-dom.js';
import { addRoom, GUARD_MS, uniqueChannel } from './helpers/room.js';
import { mainServer } from './helpers/server.js';

const MESSAGES = 50;

/** An element of the room's default layout, by part, through the shadow roots. */
function roomPart(room: MeteredRoom, name: string): HTMLElement {
  const found = room.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
  if (!found) throw new Error(`no room part ${name}`);
  return found;
}
function chatPart(room: MeteredRoom, name: string): HTMLElement {
  const found = roomPart(room, 'chat').shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
  if (!found) throw new Error(`no chat part ${name}`);
  return found;
}

/** Rounded to whole pixels: layout works in fractions of a pixel. */
function box(element: Element): { top: number; bottom: number; left: number; right: number; height: number } {
  const { top, bottom, left, right, height } = element.getBoundingClientRect();
  return { top: Math.round(top), bottom: Math.round(bottom), left: Math.round(left), right: Math.round(right), height: Math.round(height) };
}

function expectInside(inner: Element, outer: { top: number; bottom: number; left: number; right: number }, what: string): void {
  const rect = box(inner);
  expect(rect.top, `${what}: top`).to.be.at.least(outer.top);
  expect(rect.bottom, `${what}: bottom`).to.be.at.most(outer.bottom);
  expect(rect.left, `${what}: left`).to.be.at.least(outer.left);
  expect(rect.right, `${what}: right`).to.be.at.most(outer.right);
}

/** What every layout must keep: controls and input inside `outer`, a scrolling chat list, tiles down to the bottom. */
async function expectLayoutHolds(room: MeteredRoom, outer: { top: number; bottom: number; left: number; right: number }) {
  const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  await frames();
  // On a phone the chat is a panel the user opens (it closes when the window becomes phone-narrow): open it, as
  // they would, once the viewport change has been seen.
  const chatButton = room.shadowRoot!.querySelector<HTMLButtonElement>('[data-panel="chat"]')!;
  if (chatButton.getAttribute('aria-pressed') !== 'true') {
    chatButton.click();
    await room.updateComplete;
    await frames();
  }
  expectInside(room, outer, 'the room');
  expectInside(roomPart(room, 'controls'), outer, 'the control bar');
  expectInside(chatPart(room, 'input'), outer, 'the chat input');
  expectInside(chatPart(room, 'send'), outer, 'the Send button');
  const list = chatPart(room, 'list');
  expect(list.scrollHeight, 'the chat list does not scroll inside itself').to.be.greaterThan(list.clientHeight);
  const video = roomPart(room, 'video');
  const tiles = [...video.shadowRoot!.querySelectorAll('[part~="tile"]')];
  expect(tiles).to.have.length(2);
  const lowestTile = Math.max(...tiles.map((tile) => box(tile).bottom));
  expect(box(video).bottom - lowestTile, 'blank band under the tiles').to.be.at.most(1);
}

describe('<metered-room> default layout with 50 chat messages', () => {
  let room: MeteredRoom;
  let container: HTMLElement;
  const cleanup: Element[] = [];

  before(async () => {
    const server = await mainServer();
    const channel = uniqueChannel('layout');
    container = document.createElement('div');
    const elsewhere = document.createElement('div');
    elsewhere.style.display = 'none'; // the other participant's own page, out of the way
    document.body.append(container, elsewhere);
    cleanup.push(container, elsewhere);
    room = addRoom(server, { channel, media: 'none', displayName: 'Alice' }, container);
    const other = addRoom(server, { channel, media: 'none', displayName: 'Bob' }, elsewhere);
    await joined(room, other);
    for (let i = 1; i <= MESSAGES; i += 1) {
      const text = i % 7 === 0 ? `message ${i}, a longer one that wraps onto a second line in a narrow chat` : `message ${i}`;
      await other.peer!.send({ type: CHAT_MESSAGE_TYPE, id: `m${i}`, text, name: 'Bob', sentAt: Date.now() });
    }
    const chat = roomPart(room, 'chat');
    await waitUntil(() => chat.shadowRoot!.querySelectorAll('[part~="message"]').length === MESSAGES, 'messages missing', {
      timeout: GUARD_MS,
    });
  });

  afterEach(() => {
    room.style.height = '';
    room.style.display = '';
    container.style.height = '';
  });

  after(async () => {
    for (const element of cleanup) element.remove();
    await setViewport({ width: 800, height: 600 });
  });

  it('at 1280×800 with the README recipe (height: 80vh) the room is that tall and everything stays in view', async () => {
    await setViewport({ width: 1280, height: 800 });
    room.style.height = '80vh';
    await expectLayoutHolds(room, { top: 0, bottom: innerHeight, left: 0, right: innerWidth });
    expect(box(room).height).to.be.closeTo(Math.round(innerHeight * 0.8), 1);
  });

  it('at 390×844 with no height from the page the room keeps a bounded default height', async () => {
    await setViewport({ width: 390, height: 844 });
    await expectLayoutHolds(room, { top: 0, bottom: innerHeight, left: 0, right: innerWidth });
  });

  it('in a 420 px container (less than the default height) the room shrinks into it and nothing crosses its edge', async () => {
    await setViewport({ width: 1024, height: 600 });
    container.style.height = '420px';
    await expectLayoutHolds(room, box(container));
    expect(box(room).height).to.equal(420);
  });

  // The README's CMS block and its CSS recipe set display: block on the room; themes with `* { all: revert }` make it
  // inline (where height does not apply: the default 36rem). The layout must not depend on the host's display: it
  // once did, and the video area got 0 px.
  const hosts = [
    { display: 'block', height: '640px', layoutHeight: 640 },
    { display: 'inline', height: '640px', layoutHeight: 36 * 16 },
  ];
  for (const { display, height, layoutHeight } of hosts) {
    it(`with display: ${display} and height: ${height} set on the room, the video area still takes the free height`, async () => {
      await setViewport({ width: 1100, height: 900 });
      room.style.display = display;
      room.style.height = height;
      await expectLayoutHolds(room, { top: 0, bottom: innerHeight, left: 0, right: innerWidth });
      const layout = box(roomPart(room, 'layout'));
      const controls = box(roomPart(room, 'controls'));
      expect(layout.height, 'the layout height').to.be.closeTo(layoutHeight, 2);
      expect(box(roomPart(room, 'video')).height, 'the video area').to.be.at.least(layout.height - controls.height - 32);
    });
  }
});
