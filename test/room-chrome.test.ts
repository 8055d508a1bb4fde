/**
 * The call chrome of the default layout: icon controls that show their state, the participants count and panel,
 * chat as a side panel with an unread count while closed, the phone layout, fullscreen and the "You are muted"
 * hint. Real rooms on the real server, real fake-device media.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { CHAT_MESSAGE_TYPE } from '../src/chat/chat-message.js';
import type { MeteredChat } from '../src/chat/metered-chat.js';
import type { MeteredRoom } from '../src/room/metered-room.js';
import { joined } from './helpers/chat-dom.js';
import { addRoom, GUARD_MS, roomSuite, uniqueChannel, waitForState } from './helpers/room.js';
import { tokenUrl } from './helpers/server.js';

/** A control of the room's bar, by its text label (the label stays the accessible name when it is hidden). */
function control(room: MeteredRoom, label: string): HTMLButtonElement {
  const buttons = [...room.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part~="controls"] button')];
  const button = buttons.find((b) => b.querySelector('.label')?.textContent === label);
  if (!button) throw new Error(`no "${label}" control`);
  return button;
}
const count = (button: HTMLElement) => button.querySelector('.count')?.textContent ?? null;
const panel = (room: MeteredRoom) => room.shadowRoot!.querySelector<HTMLElement>('[part~="panel"]')!;
const shown = (element: Element) => element.getBoundingClientRect().height > 0;
const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

describe('<metered-room> call chrome', () => {
  const suite = roomSuite();
  const { rooms } = suite;

  after(() => setViewport({ width: 800, height: 600 }));

  it('each control has an icon and a text label; a muted microphone is crossed out and pressed=false', async () => {
    const room = addRoom(suite.server, { channel: uniqueChannel('chrome-icons') });
    rooms.push(room);
    await waitForState(room, 'joined');
    await room.updateComplete;
    for (const label of ['Microphone', 'Camera', 'Share screen', 'Participants', 'Chat', 'Leave']) {
      const svg = control(room, label).querySelector('svg');
      expect(svg, `${label} has no icon`).to.not.equal(null);
      expect(svg!.getAttribute('aria-hidden')).to.equal('true');
    }
    const mic = control(room, 'Microphone');
    const liveIcon = mic.querySelector('path')!.getAttribute('d');
    const liveBackground = getComputedStyle(mic).backgroundColor;
    mic.click();
    await room.updateComplete;
    expect(mic.getAttribute('aria-pressed')).to.equal('false');
    expect(mic.querySelector('path')!.getAttribute('d'), 'the icon is not crossed out').to.not.equal(liveIcon);
    expect(getComputedStyle(mic).backgroundColor, 'a muted microphone looks like the live one').to.not.equal(
      liveBackground,
    );
    await expect(room).to.be.accessible();
  });

  it('the participants button counts everyone; its panel lists you first, names as text, verified names marked', async () => {
    const channel = uniqueChannel('chrome-people');
    const alice = addRoom(suite.server, { channel, media: 'audio', displayName: 'Alice' });
    const bob = addRoom(suite.server, {
      channel,
      media: 'none',
      tokenUrl: tokenUrl(suite.server, { peer: 'bob', name: '<b>Bob</b> (verified)' }),
    });
    rooms.push(alice, bob);
    await joined(alice, bob);
    await waitUntil(() => alice.participants[1]?.nameVerified, 'the verified name never arrived', {
      timeout: GUARD_MS,
    });
    alice.setMicrophoneEnabled(false);
    await alice.updateComplete;
    const button = control(alice, 'Participants');
    await waitUntil(() => count(button) === '2', `participants count is ${count(button)}`, { timeout: GUARD_MS });
    button.click();
    await alice.updateComplete;
    expect(button.getAttribute('aria-pressed')).to.equal('true');
    const people = [...panel(alice).querySelectorAll<HTMLElement>('[part~="participant"]')];
    expect(people.map((p) => p.querySelector('.person-name')!.textContent)).to.deep.equal([
      'Alice',
      '<b>Bob</b> (verified)',
    ]);
    expect(panel(alice).querySelector('b'), 'a name was rendered as HTML').to.equal(null);
    expect(people[0].textContent).to.contain('(you)');
    // Booleans, not elements: a failed assertion that prints an element with an SVG inside crashed the test browser.
    const has = (person: Element, label: string) => person.querySelector(`[aria-label="${label}"]`) !== null;
    expect(has(people[0], 'Microphone off'), 'own muted microphone not shown').to.equal(true);
    // The local participant counts as verified in `participants` (it is us); the panel marks only others.
    expect(has(people[0], 'Verified name'), 'own name marked verified').to.equal(false);
    expect(has(people[1], 'Verified name'), 'the token-verified name is not marked').to.equal(true);
  });

  it('chat is an open side panel that closes; messages that arrive meanwhile are counted on the Chat button', async () => {
    await setViewport({ width: 1280, height: 800 });
    const channel = uniqueChannel('chrome-chat');
    const alice = addRoom(suite.server, { channel, media: 'none', displayName: 'Alice' });
    const bob = addRoom(suite.server, { channel, media: 'none', displayName: 'Bob' });
    rooms.push(alice, bob);
    await joined(alice, bob);
    await alice.updateComplete;
    const chat = alice.shadowRoot!.querySelector('metered-chat')!;
    const chatButton = control(alice, 'Chat');
    expect(shown(chat), 'chat starts open on a wide screen').to.equal(true);
    chatButton.click();
    await alice.updateComplete;
    expect(shown(chat)).to.equal(false);
    for (const id of ['u1', 'u2']) {
      await bob.peer!.send({ type: CHAT_MESSAGE_TYPE, id, text: `hello ${id}`, name: 'Bob', sentAt: Date.now() });
    }
    await waitUntil(() => count(chatButton) === '2', `unread count is ${count(chatButton)}`, { timeout: GUARD_MS });
    chatButton.click();
    await alice.updateComplete;
    expect(shown(chat)).to.equal(true);
    expect(count(chatButton)).to.equal(null);
    await (chat as MeteredChat).updateComplete; // its own render, which may wait for an idle moment (join-yield.ts)
    expect(chat.shadowRoot!.textContent).to.contain('hello u2');
    // The panel's own close button closes it too.
    panel(alice).querySelector<HTMLButtonElement>('.close')!.click();
    await alice.updateComplete;
    expect(shown(chat)).to.equal(false);
  });

  it("the bar shows text labels when it is wide, icons only when narrow: its own width, not the window's", async () => {
    await setViewport({ width: 1280, height: 800 });
    const box = document.body.appendChild(document.createElement('div'));
    box.style.width = '1200px';
    try {
      const room = addRoom(suite.server, { channel: uniqueChannel('chrome-labels'), media: 'none' }, box);
      rooms.push(room);
      await waitForState(room, 'joined');
      await room.updateComplete;
      const labelWidth = () => control(room, 'Leave').querySelector('.label')!.getBoundingClientRect().width;
      expect(labelWidth(), 'no label on a wide bar').to.be.above(1);
      box.style.width = '700px'; // a wide window, but the room in a narrow column: its bar is about 300 px
      await frame();
      expect(labelWidth(), 'labels on a 300 px bar').to.be.at.most(1);
    } finally {
      box.remove();
    }
  });

  it('a window that becomes phone-narrow closes the open chat (it would cover the video); wide again, it is back', async () => {
    await setViewport({ width: 1280, height: 800 });
    const room = addRoom(suite.server, { channel: uniqueChannel('chrome-narrow'), media: 'none' });
    rooms.push(room);
    await waitForState(room, 'joined');
    await room.updateComplete;
    const chat = room.shadowRoot!.querySelector('metered-chat')!;
    expect(shown(chat), 'chat starts open on a wide screen').to.equal(true);
    await setViewport({ width: 390, height: 844 });
    await waitUntil(() => !shown(chat), 'the chat still covers the video on a phone', { timeout: GUARD_MS });
    expect(control(room, 'Chat').getAttribute('aria-pressed')).to.equal('false');
    await setViewport({ width: 1280, height: 800 });
    await waitUntil(() => shown(chat), 'the chat did not come back on a wide screen', { timeout: GUARD_MS });
  });

  it('on a phone chat starts closed, opens over the video, and the controls stay in view', async () => {
    await setViewport({ width: 390, height: 844 });
    const channel = uniqueChannel('chrome-phone');
    const room = addRoom(suite.server, { channel, media: 'none' });
    room.style.height = '100vh';
    room.style.marginInline = '8px'; // with the body's margin, 16 px each side, as on the demo page
    // The other side, out of sight: only its message matters here.
    const offstage = document.body.appendChild(Object.assign(document.createElement('div'), { hidden: true }));
    const other = addRoom(suite.server, { channel, media: 'none' }, offstage);
    rooms.push(room, other);
    await waitForState(room, 'joined');
    // A message while the chat is closed: the Chat button carries a count, the widest the bar gets.
    await waitForState(other, 'joined');
    await other.peer!.send({ type: CHAT_MESSAGE_TYPE, id: 'p1', text: 'hi', name: 'Other', sentAt: Date.now() });
    // The bar may not be rendered yet (a render waits while a room joins, join-yield.ts): no bar counts as no count.
    const chatCount = () => room.shadowRoot!.querySelector('[data-panel="chat"] .count')?.textContent;
    await waitUntil(() => chatCount() === '1', `unread count is ${chatCount()}`, { timeout: GUARD_MS });
    await room.updateComplete;
    const chat = room.shadowRoot!.querySelector('metered-chat')!;
    expect(shown(chat), 'chat open on a phone').to.equal(false);
    control(room, 'Chat').click();
    await room.updateComplete;
    await frame();
    expect(shown(chat)).to.equal(true);
    const video = room.shadowRoot!.querySelector('[part~="video"]')!.getBoundingClientRect();
    const panelBox = panel(room).getBoundingClientRect();
    expect(Math.round(panelBox.top), 'the panel does not cover the video').to.equal(Math.round(video.top));
    const controls = room.shadowRoot!.querySelector('[part~="controls"]')!.getBoundingClientRect();
    expect(controls.bottom).to.be.at.most(room.getBoundingClientRect().bottom);
    expect(controls.top).to.be.at.least(panelBox.bottom);
    // Leave is in view without scrolling the bar sideways (the device pickers, when there are any, come last).
    const leave = control(room, 'Leave').getBoundingClientRect();
    expect(leave.right, 'Leave is off screen').to.be.at.most(controls.right);
  });

  it('the fullscreen button puts the whole room in fullscreen and back', async () => {
    const room = addRoom(suite.server, { channel: uniqueChannel('chrome-fullscreen'), media: 'none' });
    rooms.push(room);
    await waitForState(room, 'joined');
    await room.updateComplete;
    const button = control(room, 'Fullscreen');
    button.focus();
    await sendKeys({ press: 'Enter' }); // a real key press: fullscreen needs a user gesture
    await waitUntil(() => document.fullscreenElement === room, 'the room did not go fullscreen', { timeout: GUARD_MS });
    // fullscreenElement changes a frame before 'fullscreenchange' fires (which re-renders the bar): wait for the button.
    await waitUntil(() => button.getAttribute('aria-pressed') === 'true', 'the button did not show fullscreen', {
      timeout: GUARD_MS,
    });
    button.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => document.fullscreenElement === null, 'fullscreen did not end', { timeout: GUARD_MS });
  });

  it('no fullscreen button where the browser has none (fullscreenEnabled faked to false)', async () => {
    Object.defineProperty(document, 'fullscreenEnabled', { value: false, configurable: true });
    try {
      const room = addRoom(suite.server, { channel: uniqueChannel('chrome-nofs'), media: 'none' });
      rooms.push(room);
      await waitForState(room, 'joined');
      await room.updateComplete;
      expect(() => control(room, 'Fullscreen')).to.throw('no "Fullscreen" control');
    } finally {
      Reflect.deleteProperty(document, 'fullscreenEnabled');
    }
  });

  it('"You are muted" appears while the muted microphone picks up sound, and goes when it is turned on', async () => {
    const room = addRoom(suite.server, { channel: uniqueChannel('chrome-muted'), media: 'audio' });
    rooms.push(room);
    await waitForState(room, 'joined');
    const hint = () => room.shadowRoot!.querySelector('[part~="muted-hint"]:not([hidden])');
    room.setMicrophoneEnabled(false);
    // Chromium's fake microphone beeps: the hint shows while the track itself is disabled (silent).
    await waitUntil(() => hint(), 'no hint while sound reached the muted microphone', { timeout: GUARD_MS });
    expect(hint()!.textContent).to.equal('You are muted');
    expect(room.participants[0].streams[0].stream.getAudioTracks()[0].enabled).to.equal(false);
    room.setMicrophoneEnabled(true);
    // In the render that shows the microphone on, not in one more after it (an update scheduled from updated()).
    expect(await room.updateComplete, 'another update was pending').to.equal(true);
    expect(hint(), 'the hint stayed with the microphone on').to.equal(null);
  });
});
