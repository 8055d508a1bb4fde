import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import {
  addChatRoom,
  hasPart,
  input,
  joined,
  messages,
  part,
  paste,
  roomsContainer,
  texts,
  typeAndSend,
  type Side,
} from './helpers/chat-dom.js';
import { CHAT_MESSAGE_TYPE } from '../src/chat/chat-message.js';
import { MAX_NAME_LENGTH } from '../src/wire/names.js';
import { collectErrors, uniqueChannel, waitForError, waitForState } from './helpers/room.js';
import {
  mainServer,
  mintToken,
  rest,
  restartServer,
  startServer,
  stopServer,
  type TestServer,
} from './helpers/server.js';

/** A chat room authenticated with a token minted for these claims (the room's tokenProvider). */
function addTokenRoom(
  server: TestServer,
  parent: HTMLElement,
  channel: string,
  claims: { peerId: string; permissions?: string[]; peerMetadata?: Record<string, unknown> },
): Side {
  const side = addChatRoom(server, parent, { channel, autoJoin: false, displayName: 'Claimed' });
  side.room.removeAttribute('api-key');
  side.room.tokenProvider = () => mintToken(server, claims);
  void side.room.join();
  return side;
}

describe('<metered-chat> keeps every message', () => {
  it('sending before the room joined keeps the draft, reports not_joined, and sends once joined', async () => {
    const server = await mainServer();
    const parent = await roomsContainer();
    const { room, chat } = addChatRoom(server, parent, { channel: uniqueChannel('chat'), autoJoin: false });
    const errors = collectErrors(chat);
    await chat.updateComplete;
    expect(input(chat).placeholder).to.contain('Not in the room yet');

    await typeAndSend(chat, 'typed too early');
    const error = await waitForError(errors, 'not_joined');
    expect(error).to.include({ code: 'not_joined', fatal: false, message: 'You are not in the room yet.' });
    await chat.updateComplete;
    expect(input(chat).value).to.equal('typed too early');
    expect(part(chat, 'status').textContent).to.contain('not in the room');
    expect(messages(chat)).to.have.length(0);

    await room.join();
    await waitForState(room, 'joined');
    await chat.updateComplete;
    expect(part(chat, 'status').textContent!.trim()).to.equal('');
    input(chat).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => messages(chat)[0]?.dataset.status === 'sent', 'the kept draft was not sent after joining');
    expect(texts(chat)).to.deep.equal(['typed too early']);
    expect(input(chat).value).to.equal('');
  });

  it('an oversized message stays in the input with an inline error and an oversized event with size and cap', async () => {
    const server = await mainServer();
    const parent = await roomsContainer();
    const { room, chat } = addChatRoom(server, parent, { channel: uniqueChannel('chat') });
    await waitForState(room, 'joined');
    const errors = collectErrors(chat);
    const draft = `${'long '.repeat(14000)}end`;
    paste(chat, draft);
    input(chat).focus();
    await sendKeys({ press: 'Enter' });

    const error = await waitForError(errors, 'oversized');
    if (error.code !== 'oversized') throw new Error('narrowing');
    expect(error.cap).to.equal(65536);
    expect(error.size).to.be.greaterThan(error.cap);
    expect(error.fatal).to.equal(false);
    await chat.updateComplete;
    expect(input(chat).value).to.equal(draft);
    expect(input(chat).getAttribute('aria-invalid')).to.equal('true');
    expect(part(chat, 'status').textContent).to.contain('too long');
    expect(part(chat, 'status').textContent).to.contain(String(error.cap));
    expect(messages(chat)).to.have.length(0);
    expect(room.state).to.equal('joined');

    // Shortened, it goes through and the error goes away.
    paste(chat, 'short now');
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => messages(chat)[0]?.dataset.status === 'sent', 'the shortened message was not sent');
    expect(input(chat).getAttribute('aria-invalid')).to.equal('false');
  });

  it('a message the server refuses (action_not_permitted) shows as failed with Retry; Retry sends it again', async () => {
    const server = await mainServer();
    const parent = await roomsContainer();
    const channel = uniqueChannel('chat');
    const mute = addTokenRoom(server, parent, channel, {
      peerId: `no-publish-${Date.now()}`,
      permissions: ['subscribe', 'presence', 'send'],
    });
    const listener = addChatRoom(server, parent, { channel, displayName: 'Listener' });
    await joined(mute.room, listener.room);
    const errors = collectErrors(mute.chat);

    await typeAndSend(mute.chat, 'let me speak');
    const error = await waitForError(errors, 'action_not_permitted');
    expect(error.fatal).to.equal(false);
    await waitUntil(() => messages(mute.chat)[0]?.dataset.status === 'failed', 'message not marked failed');
    const [failed] = messages(mute.chat);
    expect(part(failed, 'text').textContent).to.equal('let me speak');
    expect(part(failed, 'failure').textContent).to.contain('not allowed');
    expect(input(mute.chat).value).to.equal('');
    await expect(mute.chat).to.be.accessible();

    // Retry is a real button: keyboard focus + Enter. The server refuses again; still one entry, a second event.
    part(failed, 'retry').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => errors.filter((e) => e.code === 'action_not_permitted').length === 2, 'retry did not resend');
    await waitUntil(() => messages(mute.chat)[0]?.dataset.status === 'failed');
    expect(messages(mute.chat)).to.have.length(1);
    expect(messages(listener.chat)).to.have.length(0);
    expect(mute.room.state).to.equal('joined');
  });

  it('shows a server-stamped name as verified (peerMetadata with include-sender-metadata)', async () => {
    const server = await mainServer();
    const parent = await roomsContainer();
    const channel = uniqueChannel('chat');
    const speaker = addTokenRoom(server, parent, channel, {
      peerId: `grace-${Date.now()}`,
      peerMetadata: { displayName: 'Grace Hopper' },
    });
    const reader = addChatRoom(server, parent, { channel, displayName: 'Reader', autoJoin: false });
    reader.room.setAttribute('include-sender-metadata', '');
    void reader.room.join();
    await joined(speaker.room, reader.room);

    await typeAndSend(speaker.chat, 'verified hello');
    await waitUntil(() => messages(reader.chat).length === 1, 'message did not arrive');
    const [message] = messages(reader.chat);
    expect(part(message, 'sender').textContent).to.equal('Grace Hopper');
    expect(message.querySelector('[part~="unverified"]')).to.equal(null);
  });

  it('a sender with a 300-character display-name is heard: the name is cut to the shared limit, not dropped', async () => {
    const server = await mainServer();
    const parent = await roomsContainer();
    const channel = uniqueChannel('chat');
    const longName = `${'Long'.repeat(74)}Name`; // 300 characters
    const sender = addChatRoom(server, parent, { channel, displayName: longName });
    const reader = addChatRoom(server, parent, { channel, displayName: 'Reader' });
    await joined(sender.room, reader.room);

    await typeAndSend(sender.chat, 'can you hear me?');
    await waitUntil(() => messages(sender.chat)[0]?.dataset.status === 'sent', 'the sender never saw it sent');
    await waitUntil(() => messages(reader.chat).length === 1, 'the message from the long-named sender was dropped');
    const [message] = messages(reader.chat);
    expect(part(message, 'text').textContent).to.equal('can you hear me?');
    expect(part(message, 'sender').textContent).to.equal(longName.slice(0, MAX_NAME_LENGTH));
  });

  it('a room with debug logs each malformed chat message it drops, naming the problem', async () => {
    const server = await mainServer();
    const parent = await roomsContainer();
    const channel = uniqueChannel('chat');
    const sender = addChatRoom(server, parent, { channel, displayName: 'Sender' });
    const reader = addChatRoom(server, parent, { channel, displayName: 'Reader' });
    reader.room.debug = true;
    await joined(sender.room, reader.room);
    const logged: string[] = [];
    const realDebug = console.debug;
    console.debug = (...args: unknown[]) => {
      logged.push(args.map(String).join(' '));
      realDebug.apply(console, args);
    };
    try {
      const peer = sender.room.peer!;
      const line = (id: string, name: string) => ({ type: CHAT_MESSAGE_TYPE, id, text: 'hi', name, sentAt: Date.now() });
      await peer.send(line('too-long-name', 'n'.repeat(MAX_NAME_LENGTH + 1)));
      await peer.send(line('fine', 'Sender')); // same socket, same order: once it is shown, the first was handled
      await waitUntil(() => messages(reader.chat).length === 1, 'the valid message did not arrive');
      const drops = logged.filter((entry) => entry.startsWith('metered-chat: dropped'));
      expect(drops).to.have.length(1);
      expect(drops[0]).to.contain(sender.room.peerId!).and.contain('name');
    } finally {
      console.debug = realDebug;
    }
  });

  it('keeps following new messages at the bottom, but not while the reader scrolled up: then "New messages" appears', async () => {
    const server = await mainServer();
    const parent = await roomsContainer();
    const channel = uniqueChannel('chat');
    const sender = addChatRoom(server, parent, { channel, displayName: 'Chatty' });
    const reader = addChatRoom(server, parent, { channel, displayName: 'Reader' });
    await joined(sender.room, reader.room);
    const peer = sender.room.peer!;
    const say = (text: string) =>
      peer.send({ type: 'metered-elements/chat', id: crypto.randomUUID(), text, name: 'Chatty', sentAt: Date.now() });

    for (let i = 1; i <= 20; i += 1) await say(`message ${i}`);
    await waitUntil(() => messages(reader.chat).length === 20, 'messages did not all arrive');
    const list = part(reader.chat, 'list');
    expect(list.scrollHeight).to.be.greaterThan(list.clientHeight); // the test is meaningless without overflow
    await waitUntil(
      () => list.scrollHeight - list.scrollTop - list.clientHeight < 2,
      'list did not follow to the bottom',
    );
    expect(hasPart(reader.chat, 'new-messages')).to.equal(false);

    // The reader scrolls up to read history; a new message must not move the list.
    const scrolled = new Promise((resolve) => list.addEventListener('scroll', resolve, { once: true }));
    list.scrollTop = 0;
    await scrolled;
    await say('while you were reading');
    await waitUntil(() => messages(reader.chat).length === 21, 'message 21 did not arrive');
    await reader.chat.updateComplete;
    expect(list.scrollTop).to.equal(0);
    expect(hasPart(reader.chat, 'new-messages')).to.equal(true);
    await expect(reader.chat).to.be.accessible();

    part(reader.chat, 'new-messages').click();
    await waitUntil(() => !hasPart(reader.chat, 'new-messages'), 'button did not go away');
    await waitUntil(() => list.scrollHeight - list.scrollTop - list.clientHeight < 2, 'did not scroll to the end');
  });

  it('over_message_quota marks the message failed; while reconnecting a new draft is kept; after the server restarts Retry and the draft both go through', async () => {
    // The quota counts every publish/send over the server's life (signalling too) and resets with the server.
    const server = await startServer({ limits: { messageQuota: 400 } });
    try {
      const parent = await roomsContainer();
      const channel = uniqueChannel('chat');
      const a = addChatRoom(server, parent, { channel, displayName: 'Ada' });
      const b = addChatRoom(server, parent, { channel, displayName: 'Bob' });
      await joined(a.room, b.room);
      const errors = collectErrors(a.chat);

      // Spend what is left of the quota from the REST side (other channel), then chat.
      const remaining = async () =>
        (await rest<{ messages: { remaining: number } }>(server, 'GET', '/v1/usage')).body.messages.remaining;
      while ((await remaining()) > 0) {
        await rest(server, 'POST', `/v1/channels/${uniqueChannel('spend')}/publish`, { data: 'x' });
      }
      await typeAndSend(a.chat, 'over quota');
      const refused = await waitForError(errors, 'over_message_quota');
      expect(refused.fatal).to.equal(false);
      await waitUntil(() => messages(a.chat)[0]?.dataset.status === 'failed', 'message not marked failed');
      expect(part(messages(a.chat)[0], 'failure').textContent).to.contain('quota');

      // The server goes away: sending now keeps the draft (not_joined) instead of losing it.
      await stopServer(server);
      await waitUntil(() => a.room.state !== 'joined', 'room did not notice the server stopping');
      await typeAndSend(a.chat, 'typed while offline');
      await waitForError(errors, 'not_joined');
      expect(input(a.chat).value).to.equal('typed while offline');

      await restartServer(server);
      await joined(a.room, b.room);
      part(messages(a.chat)[0], 'retry').click();
      input(a.chat).focus();
      await sendKeys({ press: 'Enter' });
      await waitUntil(
        () => messages(a.chat).every((m) => m.dataset.status === 'sent') && messages(b.chat).length === 2,
        `not delivered after the restart: ${messages(a.chat).map((m) => m.dataset.status)} / ${texts(b.chat)}`,
      );
      expect(texts(b.chat)).to.deep.equal(['over quota', 'typed while offline']);
      expect(texts(a.chat)).to.deep.equal(['over quota', 'typed while offline']);
      expect(input(a.chat).value).to.equal('');
    } finally {
      await stopServer(server);
    }
  });
});
