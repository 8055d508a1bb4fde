// Every error frame code the server raises (the connection stays open), provoked on purpose and observed on the
// wire and, where it matters, through the official SDK. Limits are configured small so nothing waits on time.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type RunningServer } from '../../server/index.js';
import { RawClient, rest, sdkClient } from '../helpers/server-clients.js';

const KEYS = {
  publishableKeys: [
    { id: 'pk_all', channelPatterns: ['**'], actions: ['subscribe', 'publish', 'presence', 'send'] as const },
    { id: 'pk_rooms_listen', channelPatterns: ['room-*'], actions: ['subscribe', 'presence'] as const },
  ].map((key) => ({ ...key, actions: [...key.actions] })),
  secretKeys: [
    {
      id: 'sk_id_all',
      secret: 'sk_secret_all_0123456789',
      channelPatterns: ['**'],
      actions: ['subscribe' as const, 'publish' as const, 'presence' as const, 'send' as const],
    },
  ],
};
const SK = { kid: 'sk_id_all', secret: 'sk_secret_all_0123456789' };

describe('error frames (the connection stays open)', () => {
  let server: RunningServer;
  before(async () => {
    server = await startServer({
      port: 0,
      quiet: true,
      config: { ...KEYS, limits: { maxChannelsPerConnection: 3, messageQuota: 4 } },
    });
  });
  after(() => server.close());

  const expectError = async (client: RawClient, frame: Record<string, unknown>, code: string) => {
    const answer = await client.request(frame);
    assert.equal(answer.type, 'error', JSON.stringify(frame));
    assert.equal(answer.code, code, JSON.stringify(frame));
    assert.equal(typeof answer.message, 'string');
  };

  it('malformed_message: not JSON, not an object, no string type, invalid requestId, binary frame', async () => {
    const client = await RawClient.welcomed(server, 'key=pk_all');
    const bad = [
      '{',
      'null',
      '[]',
      '"subscribe"',
      '42',
      '{}',
      '{"type":7}',
      '{"type":null}',
      '{"type":"ping","requestId":""}',
      '{"type":"ping","requestId":5}',
      `{"type":"ping","requestId":"${'x'.repeat(129)}"}`,
    ];
    for (const text of bad) {
      client.send(text);
      const answer = await client.next();
      assert.deepEqual([answer.type, answer.code, 'requestId' in answer], ['error', 'malformed_message', false], text);
    }
    client.socket.send(Buffer.from('{"type":"ping"}'), { binary: true });
    assert.equal((await client.next()).code, 'malformed_message');
    client.send({ type: 'ping' });
    assert.deepEqual(await client.next(), { type: 'pong' });
    await client.close();
  });

  it('unknown_type, invalid_channel, channel_reserved, invalid_peer_id, missing_data', async () => {
    const client = await RawClient.welcomed(server, 'key=pk_all');
    await expectError(client, { type: 'teleport' }, 'unknown_type');
    for (const channel of [
      '',
      'x'.repeat(257),
      'a\u0000b',
      'tab\there',
      'del\u007f',
      'c1\u0085',
      42,
      null,
      undefined,
    ]) {
      await expectError(client, { type: 'subscribe', channel }, 'invalid_channel');
      await expectError(client, { type: 'publish', channel, data: 1 }, 'invalid_channel');
      await expectError(client, { type: 'unsubscribe', channel }, 'invalid_channel');
    }
    assert.equal((await client.request({ type: 'subscribe', channel: 'x'.repeat(256) })).type, 'ack');
    for (const channel of ['_metered/a', '_INTERNAL/b', '_System/c']) {
      await expectError(client, { type: 'subscribe', channel }, 'channel_reserved');
      await expectError(client, { type: 'publish', channel, data: 1 }, 'channel_reserved');
    }
    assert.equal(
      (await client.request({ type: 'subscribe', channel: '_metered' })).type,
      'ack',
      'only the prefix with / is reserved',
    );
    for (const to of ['', 'x'.repeat(129), 'new\nline', 'é', 7, undefined]) {
      await expectError(client, { type: 'send', to, data: 1 }, 'invalid_peer_id');
    }
    await expectError(client, { type: 'publish', channel: 'c' }, 'missing_data');
    await expectError(client, { type: 'send', to: 'someone' }, 'missing_data');
    await client.close();
  });

  it('peer_not_found for an unknown send target', async () => {
    const client = await RawClient.welcomed(server, 'key=pk_all');
    await expectError(client, { type: 'send', to: 'ghost', data: 1 }, 'peer_not_found');
    await client.close();
  });

  it('channel_not_authorized and action_not_permitted for a publishable key (connection stays open)', async () => {
    const client = await RawClient.welcomed(server, 'key=pk_rooms_listen');
    await expectError(client, { type: 'subscribe', channel: 'admin' }, 'channel_not_authorized');
    await expectError(client, { type: 'subscribe', channel: 'room-1/sub' }, 'channel_not_authorized');
    assert.equal((await client.request({ type: 'subscribe', channel: 'room-1' })).type, 'ack');
    await expectError(client, { type: 'publish', channel: 'room-1', data: 1 }, 'action_not_permitted');
    await expectError(client, { type: 'send', to: 'x', data: 1 }, 'action_not_permitted');
    client.send({ type: 'ping' });
    await client.next('pong');
    await client.close();
  });

  it('channel_limit_exceeded past maxChannelsPerConnection (re-subscribing does not count)', async () => {
    const client = await RawClient.welcomed(server, 'key=pk_all');
    for (const channel of ['c1', 'c2', 'c3', 'c3'])
      assert.equal((await client.request({ type: 'subscribe', channel })).type, 'ack');
    await expectError(client, { type: 'subscribe', channel: 'c4' }, 'channel_limit_exceeded');
    await client.request({ type: 'unsubscribe', channel: 'c1' });
    assert.equal((await client.request({ type: 'subscribe', channel: 'c4' })).type, 'ack');
    await client.close();
  });

  it('over_message_quota once publish + send reach messageQuota; delivery and other frames continue', async () => {
    const a = await RawClient.welcomed(server, 'key=pk_all');
    const b = await RawClient.welcomed(server, 'key=pk_all');
    const bId = b.frames[0].peerId;
    await b.request({ type: 'subscribe', channel: 'q' });
    const used = async () => {
      const { messages } = (
        await rest(server, 'GET', '/v1/usage', undefined, { authorization: `Bearer ${SK.kid}:${SK.secret}` })
      ).body as {
        messages: { published: number; sent: number };
      };
      return messages.published + messages.sent;
    };
    while ((await used()) < 4) assert.equal((await a.request({ type: 'send', to: bId, data: 'x' })).type, 'ack');
    await expectError(a, { type: 'publish', channel: 'q', data: 1 }, 'over_message_quota');
    await expectError(a, { type: 'send', to: bId, data: 1 }, 'over_message_quota');
    assert.equal((await a.request({ type: 'subscribe', channel: 'q' })).type, 'ack');
    const sdk = sdkClient(server, { apiKey: 'pk_all' });
    await sdk.connect();
    await assert.rejects(sdk.publish('q', 1), { name: 'over_message_quota' });
    await sdk.close();
    await Promise.all([a.close(), b.close()]);
  });
});
