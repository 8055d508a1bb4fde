// Conformance with the official SDK in Node (ws as webSocketFactory): SignallingClient and two MeteredPeers.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { MeteredPeer } from '@metered-ca/realtime';
import { startServer, type RunningServer } from '../../server/index.js';
import { rest, sdkClient, sdkPeer, signToken, until } from '../helpers/server-clients.js';

type Recorded = { event: string; payload: Record<string, unknown> };

type Emitter = { on(event: string, handler: (payload: Record<string, unknown>) => void): unknown };

/** Records the named SDK events in arrival order. */
function record(target: object, events: string[]): Recorded[] {
  const seen: Recorded[] = [];
  for (const event of events) (target as Emitter).on(event, (payload) => seen.push({ event, payload }));
  return seen;
}

describe('official SDK: SignallingClient', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({ port: 0, quiet: true });
  });
  after(() => server.close());

  it('connects, subscribes, publishes, sends, and sees presence as documented', async () => {
    const alice = sdkClient(server, { token: await signToken({ sub: 'alice', peerMetadata: { name: 'Alice' } }) });
    const bob = sdkClient(server);
    const aliceSeen = record(alice, ['connected', 'presence', 'message', 'direct']);
    const bobSeen = record(bob, ['connected', 'presence', 'message', 'direct']);
    await alice.connect();
    await bob.connect();
    const bobId = bobSeen[0].payload.peerId as string;
    assert.equal(aliceSeen[0].payload.peerId, 'alice');

    await alice.subscribe('lobby');
    await bob.subscribe('lobby', { includeSenderMetadata: true });
    await until(
      () => aliceSeen.some((e) => e.event === 'presence' && (e.payload.joined as unknown[]).length === 1),
      'alice sees bob',
    );
    await until(() => bobSeen.some((e) => e.event === 'presence'), 'bob gets the snapshot');
    assert.deepEqual(
      bobSeen.filter((e) => e.event === 'presence').map((e) => e.payload),
      [{ channel: 'lobby', joined: [{ peerId: 'alice', metadata: { name: 'Alice' } }], left: [] }],
    );

    await alice.publish('lobby', { text: 'hi all' });
    await bob.send('alice', { text: 'hi alice' });
    await alice.send(bobId, { text: 'hi bob' });
    await until(() => bobSeen.some((e) => e.event === 'direct'), 'bob gets direct');
    await until(() => aliceSeen.some((e) => e.event === 'direct'), 'alice gets direct');
    assert.deepEqual(bobSeen.find((e) => e.event === 'message')?.payload, {
      channel: 'lobby',
      from: 'alice',
      data: { text: 'hi all' },
      fromMetadata: { name: 'Alice' },
    });
    assert.deepEqual(bobSeen.find((e) => e.event === 'direct')?.payload, {
      from: 'alice',
      data: { text: 'hi bob' },
      fromMetadata: { name: 'Alice' },
    });
    assert.deepEqual(aliceSeen.find((e) => e.event === 'direct')?.payload, { from: bobId, data: { text: 'hi alice' } });
    assert.equal(
      aliceSeen.some((e) => e.event === 'message'),
      false,
      'publish is never echoed to its sender',
    );

    await bob.unsubscribe('lobby');
    await until(
      () => aliceSeen.some((e) => e.event === 'presence' && (e.payload.left as unknown[]).length === 1),
      'left',
    );
    await Promise.all([alice.close(), bob.close()]);
    await until(
      async () =>
        (await rest(server, 'GET', '/v1/usage')).body.connections !== undefined &&
        ((await rest(server, 'GET', '/v1/usage')).body.connections as { current: number }).current === 0,
      'no connection left',
    );
  });

  it('graceful shutdown reaches the SDK as going-away {retryAfterMs}, then a 1001 close it will reconnect from', async () => {
    const own = await startServer({ port: 0, quiet: true, config: { goingAwayRetryAfterMs: 2500 } });
    const client = sdkClient(own);
    const seen = record(client, ['going-away', 'disconnected']);
    await client.connect();
    await own.close();
    await until(() => seen.length === 2, 'going-away and disconnected');
    assert.deepEqual(seen, [
      { event: 'going-away', payload: { retryAfterMs: 2500 } },
      { event: 'disconnected', payload: { code: 1001, reason: 'going_away', willReconnect: true } },
    ]);
    await client.close();
  });

  it('server errors reject the matching request with the wire code as the error name', async () => {
    const client = sdkClient(server);
    await client.connect();
    await assert.rejects(client.send('nobody-home', { x: 1 }), { name: 'peer_not_found' });
    await assert.rejects(client.subscribe('_system/x'), { name: 'channel_reserved' });
    await client.close();
  });
});

describe('official SDK: two MeteredPeers (signalling only, inert RTCPeerConnection)', () => {
  it('join, see each other, exchange broadcast and direct data, reconnect after a server restart and reconcile', async () => {
    let server = await startServer({ port: 0, quiet: true });
    const port = server.port;
    const peers: MeteredPeer[] = [];
    try {
      const tokenFor = (sub: string) => () => signToken({ sub });
      const alice = sdkPeer(server, { tokenProvider: tokenFor('alice') });
      const bob = sdkPeer(server, { tokenProvider: tokenFor('bob') });
      peers.push(alice, bob);
      const aliceSeen = record(alice, ['peer-joined', 'peer-left', 'data', 'state-change', 'error']);
      const bobSeen = record(bob, ['peer-joined', 'peer-left', 'data', 'state-change', 'error']);

      await alice.join('room-1');
      await bob.join('room-1');
      await until(() => alice.remotePeers.length === 1 && bob.remotePeers.length === 1, 'both see each other');
      assert.equal(alice.remotePeers[0].id, 'bob');
      assert.equal(bob.remotePeers[0].id, 'alice');

      await alice.send({ hello: 'everyone' });
      await bob.sendTo('alice', { hello: 'alice' });
      await until(() => bobSeen.some((e) => e.event === 'data') && aliceSeen.some((e) => e.event === 'data'), 'data');
      assert.deepEqual(bobSeen.find((e) => e.event === 'data')?.payload, {
        senderPeerId: 'alice',
        data: { hello: 'everyone' },
        kind: 'broadcast',
      });
      assert.deepEqual(aliceSeen.find((e) => e.event === 'data')?.payload, {
        senderPeerId: 'bob',
        data: { hello: 'alice' },
        kind: 'direct',
      });

      // Restart on the same port: both reconnect, re-subscribe and reconcile from the snapshot. Whoever
      // re-subscribes second finds the other in its snapshot and keeps it silently (no peer-left, no second
      // peer-joined); the first may briefly see an empty room, and then sees the other join again.
      await server.close();
      await until(() => alice.state === 'reconnecting' && bob.state === 'reconnecting', 'both reconnecting');
      server = await startServer({ port, quiet: true });
      await until(() => alice.state === 'joined' && bob.state === 'joined', 'both joined again');
      await until(() => alice.remotePeers.length === 1 && bob.remotePeers.length === 1, 'both see each other again');
      assert.equal(alice.remotePeers[0].id, 'bob');
      assert.equal(bob.remotePeers[0].id, 'alice');
      const count = (seen: Recorded[], event: string) => seen.filter((e) => e.event === event).length;
      assert.equal(
        Math.min(count(aliceSeen, 'peer-left'), count(bobSeen, 'peer-left')),
        0,
        'one side kept its peer silently',
      );
      for (const seen of [aliceSeen, bobSeen]) assert.equal(count(seen, 'peer-joined') - count(seen, 'peer-left'), 1);

      await bob.send({ after: 'restart' });
      await until(
        () => aliceSeen.some((e) => e.event === 'data' && (e.payload.data as { after?: string }).after),
        'data after restart',
      );
      assert.deepEqual(
        aliceSeen.filter((e) => e.event === 'error'),
        [],
      );

      const leftBefore = aliceSeen.filter((e) => e.event === 'peer-left').length;
      await bob.close();
      await until(() => alice.remotePeers.length === 0, 'alice sees bob leave');
      assert.equal(aliceSeen.filter((e) => e.event === 'peer-left').length, leftBefore + 1);
    } finally {
      await Promise.all(peers.map((peer) => peer.close()));
      await server.close();
    }
  });

  it('a publishable-key peer reconnects with a new peerId: the snapshot replaces the old one', async () => {
    let server = await startServer({ port: 0, quiet: true });
    const port = server.port;
    const alice = sdkPeer(server, { tokenProvider: () => signToken({ sub: 'alice' }) });
    const anon = sdkPeer(server);
    try {
      const aliceSeen = record(alice, ['peer-joined', 'peer-left']);
      await alice.join('room-2');
      await anon.join('room-2');
      await until(() => alice.remotePeers.length === 1, 'alice sees anon');
      const firstId = alice.remotePeers[0].id;
      await server.close();
      server = await startServer({ port, quiet: true });
      await until(
        () =>
          alice.state === 'joined' &&
          anon.state === 'joined' &&
          alice.remotePeers.length === 1 &&
          alice.remotePeers[0].id !== firstId,
        'alice sees the new anon id',
      );
      assert.equal(anon.remotePeers[0]?.id, 'alice');
      assert.equal(aliceSeen.filter((e) => e.event === 'peer-left').length, 1);
    } finally {
      await Promise.all([alice.close(), anon.close()]);
      await server.close();
    }
  });
});
