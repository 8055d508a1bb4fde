/**
 * Chat state belongs to one session (one SDK peer: the SDK builds a new `MeteredPeer` per join). A new session
 * clears the old one's history and gives its unsent texts back to the input; a Retry whose session is gone is
 * dropped with `session_ended`, never sent through the next session's peer (which may be in another channel).
 */
import { expect, waitUntil } from '@open-wc/testing';
import { CHAT_MESSAGE_TYPE } from '../src/chat/chat-message.js';
import {
  addChatRoom,
  input,
  joined,
  messages,
  part,
  roomsContainer,
  texts,
  typeAndSend,
  type Side,
} from './helpers/chat-dom.js';
import { collectErrors, uniqueChannel, waitForError, waitForState } from './helpers/room.js';
import { mainServer, mintToken, type TestServer } from './helpers/server.js';

/**
 * A chat room whose token forbids `publish` until `allowPublish()`: its messages fail (action_not_permitted) in
 * the first session, and go through in the next one (every join fetches a fresh token).
 */
function addMutedRoom(server: TestServer, parent: HTMLElement, channel: string): Side & { allowPublish(): void } {
  let permissions = ['subscribe', 'presence', 'send'];
  const peerId = `muted-${Date.now()}`;
  const side = addChatRoom(server, parent, { channel, autoJoin: false, displayName: 'Muted' });
  side.room.removeAttribute('api-key');
  side.room.tokenProvider = () => mintToken(server, { peerId, permissions });
  void side.room.join();
  return { ...side, allowPublish: () => (permissions = ['subscribe', 'presence', 'send', 'publish']) };
}

/** Sends a chat line from `side`'s current peer, bypassing its input (which holds a given-back draft). */
async function sayDirectly(side: Side, text: string): Promise<void> {
  await side.room.peer!.send({
    type: CHAT_MESSAGE_TYPE,
    id: `direct-${Date.now()}`,
    text,
    name: 'Muted',
    sentAt: Date.now(),
  });
}

/** A message that failed in `muted`'s current session (the server refuses its publish). */
async function failedMessage(muted: Side, text: string): Promise<HTMLElement> {
  const errors = collectErrors(muted.chat);
  await typeAndSend(muted.chat, text);
  await waitForError(errors, 'action_not_permitted');
  await waitUntil(() => messages(muted.chat).at(-1)?.dataset.status === 'failed', 'message not marked failed');
  return messages(muted.chat).at(-1)!;
}

describe('<metered-chat> keeps each session to itself', () => {
  it('a channel change clears the old history, gives the unsent text back, and sends nothing into the new channel', async () => {
    const server = await mainServer();
    const parent = await roomsContainer();
    const [oldChannel, newChannel] = [uniqueChannel('chat-old'), uniqueChannel('chat-new')];
    const muted = addMutedRoom(server, parent, oldChannel);
    const oldListener = addChatRoom(server, parent, { channel: oldChannel, displayName: 'Old' });
    const newListener = addChatRoom(server, parent, { channel: newChannel, displayName: 'New' });
    await joined(muted.room, oldListener.room);
    await typeAndSend(oldListener.chat, 'only for the old channel');
    await waitUntil(() => texts(muted.chat).includes('only for the old channel'), 'old message did not arrive');
    await failedMessage(muted, 'written in the old channel');
    const errors = collectErrors(muted.chat);

    muted.allowPublish();
    muted.room.setAttribute('channel', newChannel);
    await waitUntil(
      () =>
        muted.room.state === 'joined' &&
        muted.room.participants.length === 2 &&
        newListener.room.participants.length === 2,
      'the room did not join the new channel',
    );
    await muted.chat.updateComplete;
    expect(texts(muted.chat), 'old history still shown').to.deep.equal([]);
    expect(input(muted.chat).value).to.equal('written in the old channel');
    const ended = await waitForError(errors, 'session_ended');
    expect(ended).to.include({ fatal: false });

    // A line sent now arrives alone: the old failed message never went into the new channel.
    await sayDirectly(muted, 'first line in the new channel');
    await waitUntil(() => texts(newListener.chat).length > 0, 'the new channel got nothing');
    expect(texts(newListener.chat)).to.deep.equal(['first line in the new channel']);
  });

  it('Retry after its session ended is dropped with session_ended and the text goes back to the input', async () => {
    const server = await mainServer();
    const parent = await roomsContainer();
    const channel = uniqueChannel('chat');
    const muted = addMutedRoom(server, parent, channel);
    const listener = addChatRoom(server, parent, { channel, displayName: 'Listener' });
    await joined(muted.room, listener.room);
    const failed = await failedMessage(muted, 'written before leaving');
    const errors = collectErrors(muted.chat);

    await muted.room.leave();
    await waitForState(muted.room, 'left');
    await muted.chat.updateComplete;
    expect(texts(muted.chat), 'history stays readable until a new session starts').to.deep.equal([
      'written before leaving',
    ]);
    part(failed, 'retry').click();
    const ended = await waitForError(errors, 'session_ended');
    expect(ended).to.include({ fatal: false, message: 'The conversation this message belonged to has ended.' });
    await muted.chat.updateComplete;
    expect(messages(muted.chat)).to.have.length(0);
    expect(input(muted.chat).value).to.equal('written before leaving');

    muted.allowPublish();
    await muted.room.join();
    await joined(muted.room, listener.room);
    await sayDirectly(muted, 'after joining again');
    await waitUntil(() => texts(listener.chat).length > 0, 'the listener got nothing');
    expect(texts(listener.chat)).to.deep.equal(['after joining again']);
    expect(input(muted.chat).value).to.equal('written before leaving');
  });
});
