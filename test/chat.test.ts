import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { MeteredMessageEvent } from '../src/events.js';
import { input, messages, part, paste, texts, twoRooms, typeAndSend } from './helpers/chat-dom.js';

describe('<metered-chat> between two rooms', () => {
  it('a message typed in one room appears in the other, marked as own on the sender side', async () => {
    const [a, b] = await twoRooms();
    const receivedEvent = oneEvent(b.chat, 'metered-message');
    const ownEvent = oneEvent(a.chat, 'metered-message');
    await typeAndSend(a.chat, 'Hello from Ada');

    const received = ((await receivedEvent) as MeteredMessageEvent).detail;
    expect(received).to.include({ text: 'Hello from Ada', isOwn: false, fromPeerId: a.room.peerId });
    expect(received).to.include({ displayName: 'Ada', nameVerified: false });
    const own = ((await ownEvent) as MeteredMessageEvent).detail;
    expect(own).to.include({ text: 'Hello from Ada', isOwn: true, id: received.id, fromPeerId: a.room.peerId });

    await waitUntil(() => messages(b.chat).length === 1 && messages(a.chat)[0]?.dataset.status === 'sent');
    const [remote] = messages(b.chat);
    expect(remote.getAttribute('part')).to.equal('message message-remote');
    expect(part(remote, 'sender').textContent).to.equal('Ada');
    expect(part(remote, 'unverified').textContent).to.equal('unverified');
    expect(part(remote, 'time').getAttribute('datetime')).to.match(/^\d{4}-\d\d-\d\dT/);

    const [mine] = messages(a.chat);
    expect(mine.getAttribute('part')).to.equal('message message-own');
    expect(part(mine, 'sender').textContent).to.equal('You');
    expect(mine.querySelector('[part~="unverified"]')).to.equal(null);
    expect(input(a.chat).value).to.equal('');
    expect(document.activeElement).to.equal(a.chat);
    expect(a.chat.shadowRoot!.activeElement).to.equal(input(a.chat));

    await expect(a.chat).to.be.accessible();
    await expect(b.chat).to.be.accessible();
  });

  it('Shift+Enter starts a new line; Enter sends both lines as one message', async () => {
    const [a, b] = await twoRooms();
    input(a.chat).focus();
    await sendKeys({ type: 'line one' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'line two' });
    expect(messages(a.chat)).to.have.length(0);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => messages(b.chat).length === 1, 'message did not arrive');
    expect(texts(b.chat)).to.deep.equal(['line one\nline two']);
  });

  it('keyboard only: Tab reaches the input and the Send button, and Space on Send sends', async () => {
    const [a, b] = await twoRooms();
    input(a.chat).focus();
    await sendKeys({ type: 'via the button' });
    await sendKeys({ press: 'Tab' });
    expect(a.chat.shadowRoot!.activeElement).to.equal(part(a.chat, 'send'));
    await sendKeys({ press: 'Space' });
    await waitUntil(() => messages(b.chat).length === 1, 'message did not arrive');
    expect(texts(b.chat)).to.deep.equal(['via the button']);
  });

  const hostile = [
    '<img src=x onerror="window.__chatPwned = 1">',
    '<script>window.__chatPwned = 1</script>',
    '<svg onload="window.__chatPwned = 1"></svg>',
    '"><iframe src="javascript:window.__chatPwned=1"></iframe>',
    '${window.__chatPwned = 1}<b>bold</b>&amp;',
  ];
  it('renders markup in remote messages and names as inert text', async () => {
    const [a, b] = await twoRooms(['<img src=x onerror="window.__chatPwned = 1">', 'Bob']);
    for (const text of hostile) {
      paste(a.chat, text);
      a.chat.send();
    }
    await waitUntil(() => messages(b.chat).length === hostile.length, 'messages did not all arrive');
    expect(texts(b.chat)).to.deep.equal(hostile);
    expect(part(messages(b.chat)[0], 'sender').textContent).to.equal('<img src=x onerror="window.__chatPwned = 1">');
    for (const chat of [a.chat, b.chat]) {
      expect(chat.shadowRoot!.querySelectorAll('img, script, svg, iframe, b')).to.have.length(0);
    }
    expect((window as unknown as { __chatPwned?: number }).__chatPwned).to.equal(undefined);
  });

  it('ignores payloads that are not well-formed chat messages, other message types and repeated ids', async () => {
    const [a, b] = await twoRooms();
    const peer = a.room.peer!;
    await peer.send({ type: 'metered-elements/chat', id: 'x1', text: 42, name: 'Ada', sentAt: Date.now() });
    await peer.send({ type: 'metered-elements/chat', id: 'x2', text: 'no time', name: 'Ada' });
    await peer.send({ type: 'something-else', text: 'not chat' });
    await peer.send('just a string');
    // The server delivers in order: once the valid one is shown, the invalid ones were already processed.
    await peer.send({ type: 'metered-elements/chat', id: 'x3', text: 'valid', name: 'Ada', sentAt: Date.now() });
    await waitUntil(() => messages(b.chat).length > 0, 'valid message did not arrive');
    expect(texts(b.chat)).to.deep.equal(['valid']);

    // A retry re-sends the same id (the first attempt may have arrived after all): shown once.
    await peer.send({ type: 'metered-elements/chat', id: 'x3', text: 'valid', name: 'Ada', sentAt: Date.now() });
    await peer.send({ type: 'metered-elements/chat', id: 'x4', text: 'next', name: 'Ada', sentAt: Date.now() });
    await waitUntil(() => messages(b.chat).length > 1, 'next message did not arrive');
    expect(texts(b.chat)).to.deep.equal(['valid', 'next']);
  });

  it('wraps a long unbroken message inside the list instead of widening it', async () => {
    const [a, b] = await twoRooms();
    paste(a.chat, 'x'.repeat(2000));
    a.chat.send();
    await waitUntil(() => messages(b.chat).length === 1, 'message did not arrive');
    const list = part(b.chat, 'list');
    expect(list.scrollWidth).to.be.at.most(list.clientWidth);
  });

  it('passes the accessibility audit in the dark colour scheme too', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    try {
      const [a, b] = await twoRooms();
      expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);
      await typeAndSend(a.chat, 'in the dark');
      await waitUntil(() => messages(b.chat).length === 1 && messages(a.chat)[0]?.dataset.status === 'sent');
      await expect(a.chat).to.be.accessible();
      await expect(b.chat).to.be.accessible();
    } finally {
      await emulateMedia({ colorScheme: 'light' });
    }
  });
});
