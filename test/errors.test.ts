import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import type { CloseErrorDetail, ConnectionFailedDetail, InvalidConfigDetail, TokenProviderFailedDetail } from '../src/errors.js';
import { ERROR_TEXT } from '../src/error-text.js';
import type { MeteredRoom } from '../src/room/metered-room.js';
import {
  addRoom,
  removeRooms,
  roomSuite,
  collectErrors,
  GUARD_MS,
  spyOnCaptures,
  uniqueChannel,
  waitForError,
  waitForState,
} from './helpers/room.js';
import { liveConnections, mintToken, rest, startServer, stopServer, tokenUrl } from './helpers/server.js';

/** The text the room's error panel shows, or null. */
function errorPanel(room: MeteredRoom): string | null {
  return room.shadowRoot?.querySelector('[part="error"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? null;
}

describe('<metered-room> connection and server errors', () => {
  const suite = roomSuite();
  const { rooms } = suite;

  it('a wrong api-key fails the join (upgrade refused → 1006), shows the remedy, and Join again retries', async () => {
    const room = addRoom(suite.server, {
      channel: uniqueChannel('wrongkey'),
      apiKey: 'pk_does_not_exist',
      media: 'none',
    });
    rooms.push(room);
    const errors = collectErrors(room);
    const detail = (await waitForError(errors, 'connection_failed')) as ConnectionFailedDetail;
    expect(detail).to.include({ fatal: true, closeCode: 1006 });
    // The words must match what happens: the room is failed and waits for Join again; nothing reconnects.
    expect(detail.message).to.not.contain('reconnect');
    expect(ERROR_TEXT.connection_failed.remedy).to.not.contain('by itself');
    await waitForState(room, 'failed');
    await room.updateComplete;
    expect(errorPanel(room)).to.contain('could not connect to the server').and.to.contain('api-key');

    room.apiKey = suite.server.publishableKey;
    await room.updateComplete;
    const joined = oneEvent(room, 'metered-joined');
    room.shadowRoot!.querySelector<HTMLButtonElement>('[part="error"] button')!.click();
    await joined;
    await room.updateComplete;
    expect(errorPanel(room)).to.equal(null);
  });

  it('a token signed with the wrong secret is refused with invalid_token (4001)', async () => {
    const token = await mintToken(suite.server, { peerId: 'mallory', wrongSecret: true });
    const room = addRoom(suite.server, { channel: uniqueChannel('badsig'), media: 'none', autoJoin: false });
    rooms.push(room);
    room.removeAttribute('api-key');
    room.tokenProvider = async () => token;
    const errors = collectErrors(room);
    await room.join();
    const detail = (await waitForError(errors, 'invalid_token')) as CloseErrorDetail;
    expect(detail).to.include({ code: 'invalid_token', fatal: true, closeCode: 4001, closeReason: 'invalid_token' });
    expect(detail.message).to.equal('The server did not accept the credentials.');
    expect(
      errors.filter((e) => e.fatal),
      'one fatal error per failure',
    ).to.have.length(1);
    expect(room.state).to.equal('failed');
  });

  it('a publishable key outside its channel patterns gets channel_not_authorized', async () => {
    const narrow = await startServer({
      publishableKeys: [
        { id: 'pk_rooms_only', channelPatterns: ['room-*'], actions: ['subscribe', 'publish', 'presence', 'send'] },
      ],
    });
    try {
      const room = addRoom(narrow, { channel: 'admin-1', apiKey: 'pk_rooms_only', media: 'none' });
      rooms.push(room);
      const errors = collectErrors(room);
      const detail = (await waitForError(errors, 'channel_not_authorized')) as CloseErrorDetail;
      expect(detail).to.include({ fatal: true, closeCode: 4003 });
      await waitForState(room, 'failed');
    } finally {
      removeRooms(rooms);
      await stopServer(narrow);
    }
  });

  it('a token whose channels claim excludes the room is closed with 4003', async () => {
    const token = await mintToken(suite.server, { peerId: 'claimed', channels: ['team-*'] });
    const room = addRoom(suite.server, { channel: uniqueChannel('elsewhere'), media: 'none', autoJoin: false });
    rooms.push(room);
    room.removeAttribute('api-key');
    room.tokenProvider = async () => token;
    const errors = collectErrors(room);
    await room.join();
    const detail = (await waitForError(errors, 'channel_not_authorized')) as CloseErrorDetail;
    expect(detail).to.include({ fatal: true, closeCode: 4003 });
    expect(room.state).to.equal('failed');
  });

  it('an admin kick (REST DELETE /v1/peers/:id) ends the call with admin_disconnect and stops the camera', async () => {
    const captures = spyOnCaptures();
    try {
      const room = addRoom(suite.server, { channel: uniqueChannel('kick') });
      rooms.push(room);
      const errors = collectErrors(room);
      await waitForState(room, 'joined');
      expect(captures.liveTracks()).to.have.length(2);
      const left = oneEvent(room, 'metered-left');
      const answer = await rest(suite.server, 'DELETE', `/v1/peers/${encodeURIComponent(room.peerId!)}`);
      expect(answer.body).to.include({ closed: 1 });
      const detail = (await waitForError(errors, 'admin_disconnect')) as CloseErrorDetail;
      expect(detail).to.include({ fatal: true, closeCode: 4020, closeReason: 'admin_disconnect' });
      expect((await left).detail.reason).to.equal('error');
      await waitForState(room, 'failed');
      expect(captures.liveTracks(), 'capture tracks still live after a terminal close').to.deep.equal([]);
      await room.updateComplete;
      expect(errorPanel(room)).to.contain('disconnected by the room’s administrator');
    } finally {
      captures.restore();
    }
  });

  it('an expiring token with a working token-url: token_expired, then the room reconnects by itself', async () => {
    const room = addRoom(suite.server, {
      channel: uniqueChannel('expiry'),
      media: 'none',
      tokenUrl: tokenUrl(suite.server, { peer: 'exp', expiresInSec: 3 }),
    });
    rooms.push(room);
    const errors = collectErrors(room);
    await waitForState(room, 'joined');
    const peerId = room.peerId;
    const detail = (await waitForError(errors, 'token_expired')) as CloseErrorDetail;
    expect(detail).to.include({ fatal: false, closeCode: 4002 });
    await waitUntil(() => room.state === 'joined', 'never rejoined with a fresh token', { timeout: GUARD_MS });
    expect(room.peerId).to.equal(peerId);
    expect(errors.filter((e) => e.fatal)).to.deep.equal([]);
  });

  it('an expiring token whose token-url then fails: token_expired, then token_provider_failed', async () => {
    const room = addRoom(suite.server, {
      channel: uniqueChannel('expiry-broken'),
      media: 'none',
      tokenUrl: tokenUrl(suite.server, { peer: 'broken', expiresInSec: 2, failAfter: 1, format: 'text' }),
    });
    rooms.push(room);
    const errors = collectErrors(room);
    await waitForState(room, 'joined');
    expect(await waitForError(errors, 'token_expired')).to.include({ fatal: false, closeCode: 4002 });
    const failed = (await waitForError(errors, 'token_provider_failed')) as TokenProviderFailedDetail;
    expect(failed.consecutiveFailures).to.be.at.least(3);
    expect(failed.message).to.equal('Fetching an access token keeps failing.');
    expect(room.state).to.equal('reconnecting');
  });

  it('a token-url that fails on the first connect fails the join with token_provider_failed', async () => {
    const room = addRoom(suite.server, {
      channel: uniqueChannel('no-token'),
      media: 'none',
      tokenUrl: tokenUrl(suite.server, { failAfter: 0 }),
    });
    rooms.push(room);
    const errors = collectErrors(room);
    const failed = (await waitForError(errors, 'token_provider_failed')) as TokenProviderFailedDetail;
    expect(failed).to.include({ fatal: true, consecutiveFailures: 1 });
    await waitForState(room, 'failed');
  });

  it('a suspended account is refused with account_suspended (4012)', async () => {
    const suspended = await startServer({ suspended: true });
    try {
      const room = addRoom(suspended, { channel: uniqueChannel('suspended'), media: 'none' });
      rooms.push(room);
      const detail = (await waitForError(collectErrors(room), 'account_suspended')) as CloseErrorDetail;
      expect(detail).to.include({ fatal: true, closeCode: 4012 });
      await waitForState(room, 'failed');
    } finally {
      removeRooms(rooms);
      await stopServer(suspended);
    }
  });

  it('bad configuration is reported as invalid_config naming the attribute, before any connection', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ 'server-url': 'http://example.com' }, 'server-url'],
      [{ 'server-url': 'ws://example.com' }, 'server-url'],
      [{ media: 'hologram' }, 'media'],
      [{ channel: '' }, 'channel'],
      [{ 'token-url': '/test-token' }, 'token-url'],
    ];
    for (const [attributes, attribute] of cases) {
      const room = addRoom(suite.server, { channel: uniqueChannel('config'), autoJoin: false });
      rooms.push(room);
      for (const [name, value] of Object.entries(attributes)) room.setAttribute(name, value);
      const errors = collectErrors(room);
      await room.join();
      expect(errors, JSON.stringify(attributes)).to.have.length(1);
      expect(errors[0] as InvalidConfigDetail).to.include({ code: 'invalid_config', attribute, fatal: true });
      expect(room.peer).to.equal(null);
      expect(room.state).to.equal('failed');
    }
  });
  it('a key without the subscribe action fails the join with action_not_permitted (an error frame)', async () => {
    const limited = await startServer({
      publishableKeys: [{ id: 'pk_publish_only', channelPatterns: ['**'], actions: ['publish'] }],
    });
    try {
      const room = addRoom(limited, { channel: uniqueChannel('nosub'), apiKey: 'pk_publish_only', media: 'none' });
      rooms.push(room);
      const detail = await waitForError(collectErrors(room), 'action_not_permitted');
      expect(detail.fatal).to.equal(true);
      await waitForState(room, 'failed');
    } finally {
      removeRooms(rooms);
      await stopServer(limited);
    }
  });

  for (const [what, channel] of [
    ['a reserved prefix', '_metered/secret'],
    ['a C1 control character', 'room\u0085name'],
  ]) {
    it(`a channel name with ${what} is refused before any connection, naming the attribute`, async () => {
      const before = await liveConnections(suite.server);
      const room = addRoom(suite.server, { channel, media: 'none' });
      rooms.push(room);
      const detail = (await waitForError(collectErrors(room), 'invalid_config')) as InvalidConfigDetail;
      expect(detail).to.include({ fatal: true, attribute: 'channel' });
      await waitForState(room, 'failed');
      expect(await liveConnections(suite.server)).to.equal(before);
    });
  }

  it('sending faster than the rate limit closes with over_message_rate (4011); the room reconnects by itself', async () => {
    const strict = await startServer({ limits: { messagesPerSecond: 1, messageBurst: 5 } });
    try {
      const room = addRoom(strict, { channel: uniqueChannel('rate'), media: 'none' });
      rooms.push(room);
      const errors = collectErrors(room);
      const states: string[] = [];
      room.addEventListener('metered-state-change', (e) => states.push(e.detail.to));
      await waitForState(room, 'joined');
      const peer = room.peer!;
      for (let i = 0; i < 10; i++) peer.send({ n: i }).catch(() => {});
      const detail = (await waitForError(errors, 'over_message_rate')) as CloseErrorDetail;
      expect(detail).to.include({ fatal: false, closeCode: 4011 });
      await waitUntil(() => states.join() === 'joining,joined,reconnecting,joined', `states: ${states}`, {
        timeout: GUARD_MS,
      });
      expect(room.peer).to.equal(peer);
      expect(errors.filter((e) => e.fatal)).to.deep.equal([]);
    } finally {
      removeRooms(rooms);
      await stopServer(strict);
    }
  });
});
