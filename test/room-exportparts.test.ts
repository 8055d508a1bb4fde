import { expect, waitUntil } from '@open-wc/testing';
import type { MeteredRoom } from '../src/room/metered-room.js';
import { addRoom, GUARD_MS, uniqueChannel, waitForState } from './helpers/room.js';
import { mainServer, type TestServer } from './helpers/server.js';

/** The default layout's <metered-video> and <metered-chat> parts, styled from the page through the room. */
describe('<metered-room> default layout: exportparts', () => {
  let server: TestServer;
  let room: MeteredRoom | undefined;
  let style: HTMLStyleElement | undefined;

  before(async () => {
    server = await mainServer();
  });

  afterEach(() => {
    room?.remove();
    style?.remove();
  });

  it('exposes the children’s parts as video-* and chat-*, keeping the room’s own video/chat parts', async () => {
    style = document.createElement('style');
    // Values nothing else sets, so a match can only come from these rules.
    style.textContent = `
      metered-room::part(video-tile) { outline: 3px dotted rgb(1, 2, 3); }
      metered-room::part(video-video) { letter-spacing: 7px; }
      metered-room::part(video) { word-spacing: 5px; }
      metered-room::part(chat-send) { letter-spacing: 9px; }
      metered-room::part(chat-list) { outline: 4px dashed rgb(4, 5, 6); }
      metered-room::part(chat-base) { word-spacing: 11px; }
    `;
    document.head.append(style);
    room = addRoom(server, { channel: uniqueChannel('exportparts') });
    await waitForState(room, 'joined');
    const root = room.shadowRoot!;
    const video = root.querySelector('metered-video')!;
    const chat = root.querySelector('metered-chat')!;
    await waitUntil(() => video.shadowRoot?.querySelector('[part~="tile"]'), 'no tile rendered', { timeout: GUARD_MS });

    const tile = video.shadowRoot!.querySelector('[part~="tile"]')!;
    expect(getComputedStyle(tile).outlineColor).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(tile).outlineStyle).to.equal('dotted');
    expect(getComputedStyle(video.shadowRoot!.querySelector('video')!).letterSpacing).to.equal('7px');
    // `video` is the room's own part (the <metered-video> element); the inner <video> is `video-video`.
    expect(getComputedStyle(video).wordSpacing).to.equal('5px');

    // The chat's first render may yield to the join (join-yield.ts): wait for its form.
    await waitUntil(() => chat.shadowRoot?.querySelector('[part~="send"]'), 'no chat form rendered', {
      timeout: GUARD_MS,
    });
    const send = chat.shadowRoot!.querySelector('[part~="send"]')!;
    expect(getComputedStyle(send).letterSpacing).to.equal('9px');
    const list = chat.shadowRoot!.querySelector('[part~="list"]')!;
    expect(getComputedStyle(list).outlineStyle).to.equal('dashed');
    expect(getComputedStyle(chat.shadowRoot!.querySelector('[part~="base"]')!).wordSpacing).to.equal('11px');
    // A prefix keeps the children apart: the chat's `base` is not the video's.
    expect(getComputedStyle(video.shadowRoot!.querySelector('[part~="base"]')!).wordSpacing).to.not.equal('11px');
  });
});
