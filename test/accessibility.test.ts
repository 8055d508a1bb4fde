/**
 * Automated accessibility audits (axe-core, through @open-wc's `accessible()`) of the states of the default room
 * a user meets, each with zero violations (issue 12): the pre-join screen, in a call with four participants and chat messages, with the
 * participants panel open, in dark mode, right to left, with forced colours (high contrast), the error panel, and
 * reconnecting. What axe cannot judge (focus order, announcements, a screen reader's reading) is covered by the
 * keyboard and live-region tests and listed in docs/accessibility.md.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, setViewport } from '@web/test-runner-commands';
import { CHAT_MESSAGE_TYPE } from '../src/chat/chat-message.js';
import type { MeteredRoom } from '../src/room/metered-room.js';
import { joined } from './helpers/chat-dom.js';
import { addRoom, GUARD_MS, removeRooms, uniqueChannel, waitForState } from './helpers/room.js';
import { mainServer, startServer, stopServer } from './helpers/server.js';

function roomPart(room: MeteredRoom, name: string): HTMLElement | null {
  return room.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
}

describe('accessibility audits of the default room (axe-core, zero violations)', function () {
  this.timeout(90_000);
  let room: MeteredRoom;
  const others: MeteredRoom[] = [];
  let elsewhere: HTMLElement;

  before(async () => {
    await setViewport({ width: 1280, height: 800 });
    const server = await mainServer();
    const channel = uniqueChannel('a11y');
    elsewhere = document.createElement('div');
    elsewhere.style.cssText = 'position: absolute; inset-inline-start: -10000px; width: 600px';
    document.body.append(elsewhere);
    room = addRoom(server, { channel, displayName: 'Ada' });
    room.style.height = '640px';
    for (const displayName of ['Bob', 'Chen', 'Dara'])
      others.push(addRoom(server, { channel, displayName, media: 'video' }, elsewhere));
    await joined(room, ...others);
    await waitUntil(() => room.participants.length === 4, 'four participants', { timeout: GUARD_MS });
    for (const [index, other] of others.entries()) {
      const text = `Hello from ${other.displayName} (${index + 1})`;
      await other.peer!.send({
        type: CHAT_MESSAGE_TYPE,
        id: `a11y-${index}`,
        text,
        name: other.displayName,
        sentAt: Date.now(),
      });
    }
    const chat = roomPart(room, 'chat')!;
    await waitUntil(() => chat.shadowRoot!.querySelectorAll('[part~="message"]').length === 3, 'messages missing', {
      timeout: GUARD_MS,
    });
  });

  after(async () => {
    await emulateMedia({ colorScheme: 'light' });
    await executeServerCommand('emulate-forced-colors', { active: false });
    removeRooms([room, ...others]);
    elsewhere.remove();
  });

  it('in a call with four participants and chat messages (light)', async () => {
    await emulateMedia({ colorScheme: 'light' });
    await expect(room).to.be.accessible();
  });

  it('with the participants panel open (light and dark)', async () => {
    const button = room.shadowRoot!.querySelector<HTMLButtonElement>('[data-panel="participants"]')!;
    button.click();
    try {
      await waitUntil(() => roomPart(room, 'participants'), 'the participants panel did not open', {
        timeout: GUARD_MS,
      });
      await expect(room).to.be.accessible();
      await emulateMedia({ colorScheme: 'dark' });
      await expect(room).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
      room.shadowRoot!.querySelector<HTMLButtonElement>('[data-panel="chat"]')!.click();
      await waitUntil(() => !roomPart(room, 'participants'), 'the chat panel did not come back', { timeout: GUARD_MS });
    }
  });

  it('in dark mode', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    await expect(room).to.be.accessible();
    await emulateMedia({ colorScheme: 'light' });
  });

  it('right to left (dir="rtl")', async () => {
    room.dir = 'rtl';
    try {
      await room.updateComplete;
      await expect(room).to.be.accessible();
    } finally {
      room.dir = '';
    }
  });

  it('with forced colours (high contrast)', async () => {
    await executeServerCommand('emulate-forced-colors', { active: true });
    try {
      expect(matchMedia('(forced-colors: active)').matches, 'forced colours are emulated').to.equal(true);
      await expect(room).to.be.accessible();
    } finally {
      await executeServerCommand('emulate-forced-colors', { active: false });
    }
  });
});

/** Audits `room` in light mode, then in dark mode (and back to light, whatever happens). */
async function auditLightAndDark(room: MeteredRoom): Promise<void> {
  await expect(room).to.be.accessible();
  await emulateMedia({ colorScheme: 'dark' });
  try {
    await expect(room).to.be.accessible();
  } finally {
    await emulateMedia({ colorScheme: 'light' });
  }
}

describe('accessibility audits of the room when things go wrong', function () {
  this.timeout(60_000);
  const rooms: MeteredRoom[] = [];
  afterEach(() => removeRooms(rooms));

  it('the error panel (a wrong api-key), light and dark', async () => {
    const server = await mainServer();
    const room = addRoom(server, { channel: uniqueChannel('a11y-error'), apiKey: 'pk_wrong_key' });
    rooms.push(room);
    await waitForState(room, 'failed');
    await room.updateComplete;
    expect(roomPart(room, 'error'), 'the error panel').to.not.equal(null);
    await auditLightAndDark(room);
  });

  it('the pre-join screen, light, dark and right to left', async () => {
    const server = await mainServer();
    const room = addRoom(server, { channel: uniqueChannel('a11y-prejoin'), prejoin: true, displayName: 'Ada' });
    room.style.height = '640px';
    rooms.push(room);
    await waitUntil(() => (roomPart(room, 'preview') as HTMLVideoElement | null)?.videoWidth, 'no preview', {
      timeout: GUARD_MS,
    });
    await auditLightAndDark(room);
    room.setAttribute('dir', 'rtl');
    await expect(room).to.be.accessible();
  });

  it('reconnecting (its own server, stopped)', async () => {
    const server = await startServer();
    try {
      const room = addRoom(server, { channel: uniqueChannel('a11y-reconnect'), displayName: 'Ada' });
      rooms.push(room);
      await waitForState(room, 'joined');
      await stopServer(server);
      await waitForState(room, 'reconnecting');
      await room.updateComplete;
      expect(roomPart(room, 'banner'), 'the Reconnecting… banner').to.not.equal(null);
      await expect(room).to.be.accessible();
    } finally {
      await stopServer(server);
    }
  });
});
