/**
 * The default room with a keyboard only: Tab, Enter, Space and typing — no click, no pointer. Joins (from the
 * pre-join screen too), mutes, shares
 * the screen, opens and closes the participants panel, chats and leaves, and after each step focus is somewhere
 * sensible (never lost to <body>): the microphone after joining, the panel's button after its close button, the
 * Join button after leaving, "Join again" after a fatal error. Real rooms, real server, real fake-device media.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import type { MeteredChat } from '../src/chat/metered-chat.js';
import type { MeteredRoom } from '../src/room/metered-room.js';
import { texts } from './helpers/chat-dom.js';
import { addRoom, GUARD_MS, roomSuite, uniqueChannel, waitForState } from './helpers/room.js';

/** The focused element, through shadow roots. */
function focused(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** A control's text label (it stays the accessible name when hidden), or its aria-label. */
function nameOf(element: Element | null): string {
  return (
    element?.querySelector('.label')?.textContent ??
    element?.getAttribute('aria-label') ??
    element?.textContent?.trim() ??
    ''
  );
}

/** Presses Tab until `wanted` has focus; fails after `limit` presses (it is not reachable by keyboard). */
async function tabTo(wanted: (element: Element | null) => boolean, what: string, limit = 40): Promise<Element> {
  for (let presses = 0; presses < limit; presses += 1) {
    if (wanted(focused())) return focused()!;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error(`Tab never reached ${what} (focus is on ${focused()?.outerHTML.slice(0, 80)})`);
}

/** Whether `element` is inside `room` (through the shadow roots of the room's own elements). */
function inRoom(room: MeteredRoom, element: Element | null): boolean {
  for (let node: Node | null = element; node; node = (node.getRootNode() as ShadowRoot).host ?? null) {
    if (node === room) return true;
  }
  return false;
}

/** A focusable page element before the room: where a keyboard user starts. */
function startBefore(room: MeteredRoom): void {
  const start = document.createElement('button');
  start.textContent = 'page content';
  room.before(start);
  start.focus();
}

describe('<metered-room> with the keyboard only', () => {
  const suite = roomSuite();
  const { rooms } = suite;
  before(() => setViewport({ width: 1280, height: 800 }));
  afterEach(() => document.querySelectorAll('button').forEach((button) => button.remove()));

  it('joins, mutes, shares the screen, uses the participants panel, chats and leaves, focus never lost', async () => {
    const channel = uniqueChannel('keyboard');
    const bob = addRoom(suite.server, { channel, media: 'none', displayName: 'Bob' });
    const alice = addRoom(suite.server, { channel, displayName: 'Alice', autoJoin: false });
    rooms.push(bob, alice);
    await alice.updateComplete;
    startBefore(alice);
    // Bob's room is on the page too (before Alice's): every step looks for Alice's own controls.
    const isControl = (label: string) => (element: Element | null) =>
      inRoom(alice, element) && nameOf(element) === label;
    const isPart = (part: string) => (element: Element | null) =>
      inRoom(alice, element) && element!.getAttribute('part') === part;

    await tabTo(isPart('join'), 'the Join button');
    await sendKeys({ press: 'Enter' });
    await waitForState(alice, 'joined');
    await alice.updateComplete;
    expect(nameOf(focused()), 'focus after joining').to.equal('Microphone');

    await sendKeys({ press: 'Space' });
    await alice.updateComplete;
    const microphone = focused()!;
    expect(microphone.getAttribute('aria-pressed'), 'Space did not mute').to.equal('false');
    expect(alice.participants[0].audioMuted).to.equal(true);

    await tabTo(isControl('Share screen'), 'Share screen');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => alice.participants[0]?.streams.some((s) => s.role === 'screen'), 'no screen share', {
      timeout: GUARD_MS,
    });
    await alice.updateComplete;
    expect(focused()!.getAttribute('aria-pressed'), 'the share button does not show it is on').to.equal('true');

    await tabTo(isControl('Participants'), 'Participants');
    await sendKeys({ press: 'Enter' });
    await alice.updateComplete;
    await tabTo((element) => inRoom(alice, element) && element!.classList.contains('close'), 'the panel close button');
    await sendKeys({ press: 'Enter' });
    await alice.updateComplete;
    expect(nameOf(focused()), 'focus after closing the panel').to.equal('Participants');

    await tabTo(isControl('Chat'), 'Chat');
    await sendKeys({ press: 'Enter' });
    await alice.updateComplete;
    await tabTo(isPart('input'), 'the chat input');
    await sendKeys({ type: 'typed, not clicked' });
    await sendKeys({ press: 'Enter' });
    const bobChat = bob.shadowRoot!.querySelector<MeteredChat>('metered-chat')!;
    await waitUntil(() => texts(bobChat).includes('typed, not clicked'), 'Bob never got the message', {
      timeout: GUARD_MS,
    });

    await tabTo(isControl('Leave'), 'Leave');
    await sendKeys({ press: 'Enter' });
    await waitForState(alice, 'left');
    await alice.updateComplete;
    expect(focused()?.getAttribute('part'), 'focus after leaving').to.equal('join');
  });

  it('the pre-join screen: Tab to the name, type it, Enter joins; focus goes to the microphone', async () => {
    const channel = uniqueChannel('keyboard-prejoin');
    const alice = addRoom(suite.server, { channel, prejoin: true });
    rooms.push(alice);
    await waitUntil(() => alice.shadowRoot!.querySelector('[part="prejoin"]'), 'no pre-join screen', {
      timeout: GUARD_MS,
    });
    startBefore(alice);
    await tabTo((element) => inRoom(alice, element) && element!.getAttribute('part') === 'name', 'the name input');
    await sendKeys({ type: 'Keyboard Kim' });
    await sendKeys({ press: 'Enter' });
    await waitForState(alice, 'joined');
    expect(alice.displayName).to.equal('Keyboard Kim');
    await waitUntil(() => nameOf(focused()) === 'Microphone', `focus after joining is on ${nameOf(focused())}`, {
      timeout: GUARD_MS,
    });
  });

  it('after a fatal error focus is on "Join again"', async () => {
    const room = addRoom(suite.server, {
      channel: uniqueChannel('keyboard-error'),
      media: 'none',
      apiKey: 'pk_wrong',
      autoJoin: false,
    });
    rooms.push(room);
    await room.updateComplete;
    startBefore(room);
    await tabTo((element) => element?.getAttribute('part') === 'join', 'the Join button');
    await sendKeys({ press: 'Enter' });
    await waitForState(room, 'failed');
    await room.updateComplete;
    expect(focused()?.textContent?.trim()).to.equal('Join again');
  });
});
