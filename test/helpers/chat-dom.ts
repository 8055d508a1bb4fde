/**
 * Browser-side helpers for the <metered-chat> tests: two chat-only rooms on a fresh channel, and reading or
 * driving the chat through its parts (what a user sees), with the real keyboard where typing is short.
 */
import { fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { MeteredChat } from '../../src/chat/metered-chat.js';
import type { MeteredRoom } from '../../src/room/metered-room.js';
import { addRoom, GUARD_MS, uniqueChannel, type RoomOptions } from './room.js';
import { mainServer, type TestServer } from './server.js';

export interface Side {
  room: MeteredRoom;
  chat: MeteredChat;
}

/** The first element with part `name` inside `chat`'s shadow root (or inside `scope`, itself in that root). */
export function part(scope: MeteredChat | Element, name: string): HTMLElement {
  const root = scope.shadowRoot ?? scope;
  const found = root.querySelector<HTMLElement>(`[part~="${name}"]`);
  if (!found) throw new Error(`no part ${name}`);
  return found;
}
export const hasPart = (chat: MeteredChat, name: string) =>
  chat.shadowRoot!.querySelector(`[part~="${name}"]`) !== null;
export const input = (chat: MeteredChat) => part(chat, 'input') as HTMLTextAreaElement;
export const messages = (chat: MeteredChat) => [...chat.shadowRoot!.querySelectorAll<HTMLElement>('[part~="message"]')];
export const texts = (chat: MeteredChat) => messages(chat).map((m) => part(m, 'text').textContent);

export async function joined(...rooms: MeteredRoom[]): Promise<void> {
  const described = () => rooms.map((room) => `${room.state}/${room.participants.length}`).join(', ');
  await waitUntil(
    () => rooms.every((room) => room.state === 'joined' && room.participants.length === rooms.length),
    `rooms did not all join and see each other (state/participants: ${described()})`,
    { timeout: GUARD_MS },
  ).catch((error: Error) => {
    throw new Error(`${error.message}; now: ${described()}`);
  });
}

/** A container that the test runner removes after each test, so rooms in it leave and disconnect. */
export function roomsContainer(): Promise<HTMLElement> {
  return fixture<HTMLElement>(html`<div></div>`);
}

/** A chat-only room (media="none" keeps it fast) with a <metered-chat> child, in `parent`. */
export function addChatRoom(server: TestServer, parent: HTMLElement, options: RoomOptions): Side {
  const children = '<metered-chat style="height: 240px"></metered-chat>';
  const room = addRoom(server, { media: 'none', children, ...options }, parent);
  return { room, chat: room.querySelector('metered-chat')! };
}

/** Two joined chat-only rooms on a fresh channel. */
export async function twoRooms(names = ['Ada', 'Bob']): Promise<[Side, Side]> {
  const server = await mainServer();
  const channel = uniqueChannel('chat');
  const parent = await roomsContainer();
  const [a, b] = names.map((displayName) => addChatRoom(server, parent, { channel, displayName }));
  await joined(a.room, b.room);
  // While any room on the page joins, renders wait for an idle moment (join-yield.ts): let the chats catch up.
  await Promise.all([a.chat.updateComplete, b.chat.updateComplete]);
  return [a, b];
}

/**
 * Types into the chat input with the real keyboard and sends with Enter, as a person would: once the input is on
 * screen. While another room on the page is still joining, the chat's first render waits for an idle moment
 * (src/join-yield.ts), so right after `joined()` the input may not exist yet (seen under CI load: "no part input").
 */
export async function typeAndSend(chat: MeteredChat, text: string): Promise<void> {
  await waitUntil(() => chat.shadowRoot && hasPart(chat, 'input'), 'the chat input never appeared', { timeout: GUARD_MS });
  input(chat).focus();
  await sendKeys({ type: text });
  await sendKeys({ press: 'Enter' });
}

/** Puts `text` into the input as if pasted (typing 64 KiB key by key would take minutes). */
export function paste(chat: MeteredChat, text: string): void {
  const field = input(chat);
  field.value = text;
  field.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}
