import { expect, waitUntil } from '@open-wc/testing';
import { MeteredPeer } from '@metered-ca/realtime';
import type { ChatEntry } from '../src/chat/chat-entry.js';
import { CHAT_MESSAGE_TYPE } from '../src/chat/chat-message.js';
import {
  CHAT_HISTORY_TYPE,
  HISTORY_CHUNK_BYTES,
  HISTORY_MAX_BYTES,
  historyChunks,
  isHistorySender,
} from '../src/chat/chat-history-handoff.js';
import type { MeteredChat } from '../src/chat/metered-chat.js';
import { addChatRoom, joined, messages, part, roomsContainer, type Side, typeAndSend } from './helpers/chat-dom.js';
import { GUARD_MS, uniqueChannel } from './helpers/room.js';
import { mainServer, tokenUrl } from './helpers/server.js';

const DIVIDER = '── divider ──';

/** What the chat shows, top to bottom: "sender: text [unverified]" per message, and the history divider. */
function shown(chat: MeteredChat): string[] {
  const nodes = chat.shadowRoot!.querySelectorAll<HTMLElement>('[part~="message"], [part~="history-divider"]');
  return [...nodes].map((node) => {
    if (node.matches('[part~="history-divider"]')) return DIVIDER;
    const mark = node.querySelector('[part~="unverified"]') ? ' [unverified]' : '';
    return `${part(node, 'sender').textContent}: ${part(node, 'text').textContent}${mark}`;
  });
}

async function say(from: Side, to: Side[], text: string): Promise<void> {
  await typeAndSend(from.chat, text);
  await waitUntil(
    () => to.every((side) => messages(side.chat).some((m) => part(m, 'text').textContent === text)),
    `"${text}" did not arrive everywhere`,
    { timeout: GUARD_MS },
  );
}

describe('<metered-chat> history for late joiners', () => {
  it('a room that joins late shows the earlier messages in order with their senders, once each, and a forged "verified" from an unverified member stays unverified', async () => {
    const server = await mainServer();
    const channel = uniqueChannel('history');
    const parent = await roomsContainer();
    // Ada's name is stamped by the server (token peerMetadata); her peerId "0-…" sorts before any UUID, so she is
    // the member that hands history to newcomers. Bob uses the publishable key: his name is only claimed.
    const ada = addChatRoom(server, parent, { channel, tokenUrl: tokenUrl(server, { peer: '0', name: 'Ada' }) });
    const bob = addChatRoom(server, parent, { channel, displayName: 'Bob' });
    await joined(ada.room, bob.room);
    await say(ada, [bob], 'one from Ada');
    await say(bob, [ada], 'two from Bob');
    await say(ada, [bob], 'three from Ada');

    // A member that is only an SDK peer on the publishable key: unverified, and it will forge history.
    const forger = new MeteredPeer({ apiKey: server.publishableKey, url: server.wsUrl });
    try {
      await forger.join(channel);
      const cy = addChatRoom(server, parent, { channel, displayName: 'Cy' });
      await waitUntil(() => shown(cy.chat).length === 4, `no history in the late room: ${shown(cy.chat)}`, {
        timeout: GUARD_MS,
      });
      expect(shown(cy.chat)).to.deep.equal([
        'Ada: one from Ada',
        'Bob: two from Bob [unverified]',
        'Ada: three from Ada',
        DIVIDER,
      ]);

      const forged = {
        type: CHAT_HISTORY_TYPE,
        messages: [{ id: 'forged-1', from: ada.room.peerId, name: 'Ada', verified: true, text: 'pay me', at: 1 }],
      };
      const cyPeerId = cy.room.peerId!;
      await forger.sendTo(cyPeerId, forged);
      await forger.sendTo(cyPeerId, forged); // the same id again: shown once
      // Not the exact shape (a string where a boolean belongs): the whole chunk is dropped.
      await forger.sendTo(cyPeerId, {
        type: CHAT_HISTORY_TYPE,
        messages: [{ id: 'bad-1', from: 'x', name: 'Eve', verified: 'yes', text: 'malformed', at: 2 }],
      });
      // The same id arriving live after it came as history is not shown again.
      await forger.send({ type: CHAT_MESSAGE_TYPE, id: 'forged-1', text: 'pay me', name: 'Ada', sentAt: 1 });
      // Messages from one sender arrive in order: once this one shows, the ones before were handled.
      await forger.sendTo(cyPeerId, {
        type: CHAT_HISTORY_TYPE,
        messages: [{ id: 'sentinel', from: 'someone', name: 'Zed', verified: false, text: 'last', at: Date.now() }],
      });
      await waitUntil(() => shown(cy.chat).some((line) => line.startsWith('Zed')), 'the sentinel never arrived', {
        timeout: GUARD_MS,
      });
      await say(ada, [cy, bob], 'four, live');
      expect(shown(cy.chat)).to.deep.equal([
        'Ada: pay me [unverified]',
        'Ada: one from Ada',
        'Bob: two from Bob [unverified]',
        'Ada: three from Ada',
        'Zed: last [unverified]',
        DIVIDER,
        'Ada: four, live',
      ]);
      // The members already in the room were handed nothing and show nothing twice (the forger's live message
      // reached them too, as what it is: an unverified "Ada").
      expect(shown(bob.chat)).to.deep.equal([
        'Ada: one from Ada',
        'You: two from Bob',
        'Ada: three from Ada',
        'Ada: pay me [unverified]',
        'Ada: four, live',
      ]);
      await expect(cy.chat).to.be.accessible();
    } finally {
      await forger.close();
    }
  });
});

describe('chat history handoff: who sends and how it is cut', () => {
  const entry = (n: number, text: string, isOwn = false): ChatEntry => ({
    key: `k${n}`,
    id: `id${n}`,
    fromPeerId: 'bob',
    displayName: 'Bob',
    nameVerified: true,
    text,
    sentAt: n,
    shownAt: n,
    isOwn,
    status: isOwn ? 'sent' : 'received',
  });
  const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

  it('the lowest peerId among the members other than the newcomer sends, and only it', () => {
    const present = ['m2', 'a1', 'z9'];
    expect(present.filter((me) => isHistorySender(me, present, 'a1'))).to.deep.equal(['m2']);
    expect(isHistorySender('a1', ['a1'], 'a1')).to.equal(false);
  });

  it('keeps the newest 100 messages, within the byte bound, in chunks under the frame limit, in time order', () => {
    const many = Array.from({ length: 150 }, (_, n) => entry(n, `message ${n} ${'é'.repeat(2000)}`));
    const chunks = historyChunks(many, 'me');
    const items = chunks.flatMap((chunk) => chunk.messages);
    expect(chunks.length).to.be.greaterThan(1);
    for (const chunk of chunks) expect(bytes(chunk)).to.be.at.most(HISTORY_CHUNK_BYTES);
    expect(bytes(items)).to.be.at.most(HISTORY_MAX_BYTES);
    expect(items.at(-1)!.id).to.equal('id149');
    expect(items.map((item) => item.at)).to.deep.equal([...items.map((item) => item.at)].sort((a, b) => a - b));
    const small = historyChunks(Array.from({ length: 150 }, (_, n) => entry(n, `hi ${n}`)), 'me');
    expect(small.flatMap((chunk) => chunk.messages)).to.have.length(100);
  });

  it('our own messages go out under our peerId and never claim verified; unsent ones stay home', () => {
    const own = entry(1, 'mine', true);
    const failed: ChatEntry = { ...entry(2, 'not sent', true), status: 'failed' };
    const [chunk] = historyChunks([own, failed], 'me-now');
    expect(chunk!.messages).to.deep.equal([
      { id: 'id1', from: 'me-now', name: 'Bob', verified: false, text: 'mine', at: 1 },
    ]);
  });
});
