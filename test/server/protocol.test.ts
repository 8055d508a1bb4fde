// Wire conformance with raw sockets: welcome, subscribe ordering, publish/send delivery, ping, graceful close.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../../server/index.js';
import { RawClient, signToken } from '../helpers/server-clients.js';

describe('wire protocol', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ port: 0, quiet: true });
  });
  after(() => server.close());

  it('sends welcome first: fresh UUID peerId, expiresAt null, serverTime, maxMessageSize 65536', async () => {
    const a = await RawClient.connect(server, 'key=pk_dev_local');
    const b = await RawClient.connect(server, 'key=pk_dev_local');
    const [wa, wb] = [await a.next(), await b.next()];
    assert.equal(wa.type, 'welcome');
    assert.match(String(wa.peerId), /^[0-9a-f-]{36}$/);
    assert.notEqual(wa.peerId, wb.peerId);
    assert.equal(wa.expiresAt, null);
    assert.equal(typeof wa.serverTime, 'number');
    assert.equal(wa.maxMessageSize, 65536);
    assert.equal('metadata' in wa, false);
    await Promise.all([a.close(), b.close()]);
  });

  it('JWT welcome carries sub as peerId, exp as expiresAt and the private metadata', async () => {
    const token = await signToken({ sub: 'alice', metadata: { iceServers: [{ urls: 'stun:stun.example.org' }] } });
    const client = await RawClient.connect(server, `token=${token}`);
    const welcome = await client.next('welcome');
    assert.equal(welcome.peerId, 'alice');
    assert.equal(typeof welcome.expiresAt, 'number');
    assert.deepEqual(welcome.metadata, { iceServers: [{ urls: 'stun:stun.example.org' }] });
    await client.close();
  });

  it('subscribe: members learn the newcomer, then the subscriber gets ack, then a snapshot (empty when alone)', async () => {
    const a = await RawClient.welcomed(server);
    const aId = a.frames[0].peerId;
    assert.equal((await a.request({ type: 'subscribe', channel: 'order' })).type, 'ack');
    assert.deepEqual(await a.next('presence'), { type: 'presence', channel: 'order', joined: [], left: [] });

    const b = await RawClient.welcomed(server);
    const bId = b.frames[0].peerId;
    b.send({ type: 'subscribe', channel: 'order', requestId: 'sub-b' });
    const [first, second] = [await b.next(), await b.next()];
    assert.deepEqual(first, { type: 'ack', requestId: 'sub-b' });
    assert.deepEqual(second, { type: 'presence', channel: 'order', joined: [{ peerId: aId }], left: [] });
    // B sends to A right after its ack: A must already have been told about B (the SDK drops offers otherwise).
    b.send({ type: 'send', to: aId, data: { hello: 'A' } });
    const [delta, direct] = [await a.next(), await a.next()];
    assert.deepEqual(delta, { type: 'presence', channel: 'order', joined: [{ peerId: bId }], left: [] });
    assert.deepEqual(direct, { type: 'direct', from: bId, data: { hello: 'A' } });

    await b.request({ type: 'unsubscribe', channel: 'order' });
    assert.deepEqual(await a.next('presence'), {
      type: 'presence',
      channel: 'order',
      joined: [],
      left: [{ peerId: bId }],
    });
    await b.request({ type: 'subscribe', channel: 'order' });
    await a.next('presence');
    await b.close();
    assert.deepEqual(await a.next('presence'), {
      type: 'presence',
      channel: 'order',
      joined: [],
      left: [{ peerId: bId }],
    });
    await a.close();
  });

  it('re-subscribing is idempotent and answers with a fresh snapshot, without a second join delta', async () => {
    const a = await RawClient.welcomed(server);
    const b = await RawClient.welcomed(server);
    await a.request({ type: 'subscribe', channel: 'again' });
    await a.next('presence');
    await b.request({ type: 'subscribe', channel: 'again' });
    await a.next('presence');
    await b.next('presence');
    await b.request({ type: 'subscribe', channel: 'again' });
    const snapshot = await b.next('presence');
    assert.deepEqual(snapshot.joined, [{ peerId: a.frames[0].peerId }]);
    await a.flush();
    assert.deepEqual(
      a.unread().filter((f) => f.type === 'presence'),
      [],
    );
    await Promise.all([a.close(), b.close()]);
  });

  it('publish reaches every other subscriber, never the sender; fromMetadata only when asked for', async () => {
    const sender = await RawClient.welcomed(
      server,
      `token=${await signToken({ sub: 'pub', peerMetadata: { name: 'Pub' } })}`,
    );
    const plain = await RawClient.welcomed(server);
    const stamped = await RawClient.welcomed(server);
    const outsider = await RawClient.welcomed(server);
    await sender.request({ type: 'subscribe', channel: 'news' });
    await plain.request({ type: 'subscribe', channel: 'news' });
    await stamped.request({ type: 'subscribe', channel: 'news', includeSenderMetadata: true });
    assert.equal(
      (await sender.request({ type: 'publish', channel: 'news', data: [1, 'two', { three: 3 }] })).type,
      'ack',
    );
    assert.deepEqual(await plain.next('message'), {
      type: 'message',
      channel: 'news',
      from: 'pub',
      data: [1, 'two', { three: 3 }],
    });
    assert.deepEqual(await stamped.next('message'), {
      type: 'message',
      channel: 'news',
      from: 'pub',
      data: [1, 'two', { three: 3 }],
      fromMetadata: { name: 'Pub' },
    });
    await Promise.all([sender.flush(), outsider.flush()]);
    assert.equal(
      sender.frames.some((f) => f.type === 'message'),
      false,
    );
    assert.equal(
      outsider.frames.some((f) => f.type === 'message'),
      false,
    );
    // Presence entries carry the public peerMetadata.
    const snapshot = stamped.frames.find((f) => f.type === 'presence' && (f.joined as unknown[]).length > 0);
    assert.deepEqual(
      (snapshot?.joined as { peerId: string }[]).find((p) => p.peerId === 'pub'),
      {
        peerId: 'pub',
        metadata: { name: 'Pub' },
      },
    );
    await Promise.all([sender.close(), plain.close(), stamped.close(), outsider.close()]);
  });

  it('send delivers direct to every connection of the target peer, stamped with the sender peerMetadata', async () => {
    const from = await RawClient.welcomed(
      server,
      `token=${await signToken({ sub: 'from', peerMetadata: { role: 'x' } })}`,
    );
    const tabToken = await signToken({ sub: 'two-tabs' });
    const tab1 = await RawClient.welcomed(server, `token=${tabToken}`);
    const tab2 = await RawClient.welcomed(server, `token=${tabToken}`);
    assert.equal((await from.request({ type: 'send', to: 'two-tabs', data: null })).type, 'ack');
    const expected = { type: 'direct', from: 'from', data: null, fromMetadata: { role: 'x' } };
    assert.deepEqual(await tab1.next('direct'), expected);
    assert.deepEqual(await tab2.next('direct'), expected);
    await Promise.all([from.close(), tab1.close(), tab2.close()]);
  });

  it('presence is per peer: a second connection of the same peer neither re-announces nor leaves early', async () => {
    const watcher = await RawClient.welcomed(server);
    await watcher.request({ type: 'subscribe', channel: 'tabs' });
    await watcher.next('presence');
    const token = await signToken({ sub: 'tabby' });
    const tab1 = await RawClient.welcomed(server, `token=${token}`);
    const tab2 = await RawClient.welcomed(server, `token=${token}`);
    await tab1.request({ type: 'subscribe', channel: 'tabs' });
    assert.deepEqual((await watcher.next('presence')).joined, [{ peerId: 'tabby' }]);
    await tab2.request({ type: 'subscribe', channel: 'tabs' });
    await tab1.close();
    await tab2.request({ type: 'unsubscribe', channel: 'tabs' });
    assert.deepEqual((await watcher.next('presence')).left, [{ peerId: 'tabby' }]);
    await watcher.flush();
    assert.deepEqual(
      watcher.unread().filter((f) => f.type === 'presence'),
      [],
    );
    await Promise.all([watcher.close(), tab2.close()]);
  });

  it('answers ping with pong (no requestId)', async () => {
    const client = await RawClient.welcomed(server);
    client.send({ type: 'ping' });
    assert.deepEqual(await client.next(), { type: 'pong' });
    await client.close();
  });

  it('connections without the presence action get no presence frames but can still subscribe', async () => {
    const quiet = await RawClient.welcomed(
      server,
      `token=${await signToken({ sub: 'nopres', permissions: ['subscribe', 'publish'] })}`,
    );
    const other = await RawClient.welcomed(server);
    await quiet.request({ type: 'subscribe', channel: 'np' });
    await other.request({ type: 'subscribe', channel: 'np' });
    assert.deepEqual((await other.next('presence')).joined, [{ peerId: 'nopres' }]);
    await other.request({ type: 'publish', channel: 'np', data: 1 });
    await quiet.next('message');
    assert.equal(
      quiet.frames.some((f) => f.type === 'presence'),
      false,
    );
    await Promise.all([quiet.close(), other.close()]);
  });
});

describe('graceful shutdown', () => {
  it('sends going_away {retryAfterMs} then closes 1001, frees the port, and a new server can take it', async () => {
    const server = await startServer({ port: 0, quiet: true, config: { goingAwayRetryAfterMs: 1234 } });
    const a = await RawClient.welcomed(server);
    const b = await RawClient.welcomed(server);
    await a.request({ type: 'subscribe', channel: 'bye' });
    await b.request({ type: 'subscribe', channel: 'bye' });
    await server.close();
    for (const client of [a, b]) {
      assert.deepEqual(client.frames.at(-1), { type: 'going_away', retryAfterMs: 1234 });
      assert.equal((await client.closed).code, 1001);
    }
    // Nobody is told the others "left": everyone is going away together and will reconcile after reconnecting.
    assert.equal(a.frames.filter((f) => f.type === 'presence').length, 2);
    const again = await startServer({ port: server.port, quiet: true });
    assert.equal(again.port, server.port);
    const c = await RawClient.welcomed(again);
    await c.close();
    await again.close();
  });
});
