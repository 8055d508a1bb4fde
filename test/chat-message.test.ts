import { expect } from '@open-wc/testing';
import { CHAT_MESSAGE_TYPE, createChatPayload, parseChatPayload, readChatPayload } from '../src/chat/chat-message.js';
import { resolveSenderName } from '../src/chat/sender-name.js';
import type { Participant } from '../src/room-context.js';
import { MAX_NAME_LENGTH } from '../src/wire/names.js';

const valid = { type: CHAT_MESSAGE_TYPE, id: 'm-1', text: 'hello', name: 'Ada', sentAt: 1700000000000 };

describe('chat wire format', () => {
  it('round-trips what createChatPayload builds', () => {
    const payload = createChatPayload('hi there', 'Ada', 42);
    expect(parseChatPayload(JSON.parse(JSON.stringify(payload)))).to.deep.equal(payload);
  });

  it('cuts a long name to the shared limit when sending, and accepts a name at that limit', () => {
    const payload = createChatPayload('hi', `  ${'n'.repeat(300)}  `, 42);
    expect(payload.name).to.equal('n'.repeat(MAX_NAME_LENGTH));
    expect(parseChatPayload(payload)).to.deep.equal(payload);
  });

  it('names what is wrong with a malformed chat message, and leaves other types alone', () => {
    expect(readChatPayload({ ...valid, name: 'n'.repeat(MAX_NAME_LENGTH + 1) })).to.deep.equal({
      kind: 'malformed',
      problem: 'name must be a string within the shared name limit',
    });
    expect(readChatPayload({ type: 'something-else' })).to.deep.equal({ kind: 'other' });
  });

  it('makes 128-bit ids from getRandomValues, without crypto.randomUUID (absent on insecure pages)', () => {
    const ids = new Set(Array.from({ length: 100 }, () => createChatPayload('hi', 'Ada').id));
    expect(ids.size).to.equal(100);
    for (const id of ids) expect(id).to.match(/^[0-9a-f]{32}$/);
  });

  it('keeps only the known fields of a valid message', () => {
    const parsed = parseChatPayload({ ...valid, html: '<b>x</b>', __proto__: { text: 'evil' } });
    expect(parsed).to.deep.equal(valid);
  });

  it('ignores other message types on the same channel', () => {
    expect(parseChatPayload({ type: 'metered-elements/stream-role', streamId: 's', role: 'camera' })).to.equal(null);
    expect(parseChatPayload({ ...valid, type: 'chat' })).to.equal(null);
  });

  const malformed: [string, unknown][] = [
    ['null', null],
    ['a string', 'hello'],
    ['an array', [valid]],
    ['text not a string', { ...valid, text: { toString: 'x' } }],
    ['empty text', { ...valid, text: '' }],
    ['blank text', { ...valid, text: '  \n ' }],
    ['text over 64 KiB', { ...valid, text: 'x'.repeat(65537) }],
    ['id missing', { ...valid, id: undefined }],
    ['id empty', { ...valid, id: '' }],
    ['id too long', { ...valid, id: 'i'.repeat(65) }],
    ['name not a string', { ...valid, name: 7 }],
    ['name over the shared limit', { ...valid, name: 'n'.repeat(MAX_NAME_LENGTH + 1) }],
    ['sentAt a string', { ...valid, sentAt: '1700000000000' }],
    ['sentAt NaN', { ...valid, sentAt: Number.NaN }],
    ['sentAt Infinity', { ...valid, sentAt: Number.POSITIVE_INFINITY }],
  ];
  for (const [what, data] of malformed) {
    it(`rejects a chat message with ${what}`, () => {
      expect(parseChatPayload(data)).to.equal(null);
    });
  }
});

describe('sender names', () => {
  const participant = (nameVerified: boolean): Participant => ({
    peerId: 'p1',
    displayName: nameVerified ? 'Token Name' : 'Hello Name',
    nameVerified,
    isLocal: false,
    connectionState: 'connected',
    streams: [],
    joinedAt: 0,
  });

  it('prefers the server-stamped displayName, then username', () => {
    expect(resolveSenderName({ displayName: 'Grace', username: 'g' }, 'Mallory', undefined)).to.deep.equal({
      displayName: 'Grace',
      nameVerified: true,
    });
    expect(resolveSenderName({ username: 'grace' }, 'Mallory', undefined)).to.deep.equal({
      displayName: 'grace',
      nameVerified: true,
    });
  });

  it('uses a verified participant name over the claim in the message', () => {
    expect(resolveSenderName(undefined, 'Mallory', participant(true))).to.deep.equal({
      displayName: 'Token Name',
      nameVerified: true,
    });
  });

  it('marks the claimed name unverified, ignoring metadata of the wrong shape', () => {
    expect(resolveSenderName({ displayName: 42, username: '' }, 'Mallory', participant(false))).to.deep.equal({
      displayName: 'Mallory',
      nameVerified: false,
    });
    expect(resolveSenderName(undefined, '', undefined)).to.deep.equal({ displayName: 'Guest', nameVerified: false });
  });
});
