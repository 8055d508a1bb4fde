// What the log says when things go wrong, and what it never says: a frame handler that throws is logged (class
// name and location, not its message), and no secret (key secret, TURN secret, minted TURN credential, token)
// appears in any line of a busy session.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from '../../server/index.js';
import { Hub } from '../../server/hub.js';
import { RawClient, rest, signToken } from '../helpers/server-clients.js';

const KEY_SECRET = 'key-secret-value-0123456789';
const TURN_SECRET = 'turn-secret-value-0123456789';
const STATIC_CREDENTIAL = 'static-credential-value';
const BEARER = { authorization: `Bearer sk_logs:${KEY_SECRET}` };

describe('logging', () => {
  it('a frame handler that throws is logged with its class and location, never its message; the socket stays', async (t) => {
    const lines: string[] = [];
    const server = await startServer({ port: 0, log: (line) => lines.push(line) });
    // Fault injection: no frame can make the real hub throw, so one publish is made to fail like a bug would.
    const publish = t.mock.method(Hub.prototype, 'publish', () => {
      throw new TypeError('cannot read frame-data-that-must-not-be-logged');
    });
    try {
      const client = await RawClient.welcomed(server);
      assert.equal((await client.request({ type: 'subscribe', channel: 'room' })).type, 'ack');
      const answer = await client.request({ type: 'publish', channel: 'room', data: { text: 'hello' } });
      assert.deepEqual([answer.type, answer.code], ['error', 'internal_error']);
      publish.mock.restore();
      assert.equal((await client.request({ type: 'publish', channel: 'room', data: 'again' })).type, 'ack');
      await client.close();
    } finally {
      publish.mock.restore();
      await server.close();
    }
    const errors = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((e) => e.event === 'error');
    assert.equal(errors.length, 1, lines.join('\n'));
    assert.equal(errors[0].reason, 'publish handler failed');
    assert.equal(errors[0].error, 'TypeError');
    assert.match(String(errors[0].at), /logging\.test\.ts:\d+:\d+$/);
    assert.equal(typeof errors[0].peerId, 'string');
    assert.ok(lines.every((line) => !line.includes('frame-data-that-must-not-be-logged') && !line.includes('hello')));
  });

  it('no secret or credential reaches any log line: JWT and key connections, REST, kicks, refusals, shutdown', async () => {
    const lines: string[] = [];
    const server = await startServer({
      port: 0,
      log: (line) => lines.push(line),
      config: {
        publishableKeys: [{ id: 'pk_logs', channelPatterns: ['**'], actions: ['subscribe', 'publish'] }],
        secretKeys: [{ id: 'sk_logs', secret: KEY_SECRET, channelPatterns: ['**'], actions: ['publish', 'presence'] }],
        iceServers: [{ urls: 'turn:127.0.0.1:3478', username: 'static-user', credential: STATIC_CREDENTIAL }],
        turn: { urls: ['turn:127.0.0.1:3478'], secret: TURN_SECRET },
      },
    });
    const revealed: string[] = [KEY_SECRET, TURN_SECRET, STATIC_CREDENTIAL];
    try {
      const token = await signToken({ sub: 'alice' }, { kid: 'sk_logs', secret: KEY_SECRET });
      revealed.push(token);
      const jwtClient = await RawClient.welcomed(server, `token=${token}`);
      const keyClient = await RawClient.welcomed(server, 'key=pk_logs');
      for (const client of [jwtClient, keyClient]) {
        const { iceServers } = client.frames[0].metadata as { iceServers: { credential: string }[] };
        revealed.push(iceServers[1].credential);
      }
      const credentials = await rest(server, 'GET', '/v1/turn-credentials?peerId=bob', undefined, BEARER);
      assert.equal(credentials.status, 200);
      revealed.push((credentials.body.iceServers as { credential: string }[])[1].credential);
      const minted = await rest(server, 'POST', '/v1/tokens', { peerId: 'carol' }, BEARER);
      revealed.push(String(minted.body.token));
      assert.equal(
        (await rest(server, 'GET', '/v1/usage', undefined, { authorization: `Bearer sk_logs:${TURN_SECRET}` })).status,
        401,
      );
      assert.equal((await rest(server, 'DELETE', '/v1/peers/alice', undefined, BEARER)).status, 200);
      await jwtClient.closed;
      const expired = await signToken({ sub: 'dave' }, { kid: 'sk_logs', secret: KEY_SECRET, expiresInSec: -10 });
      revealed.push(expired);
      const refused = await RawClient.connect(server, `token=${expired}`);
      assert.equal((await refused.closed).code, 4002);
      await keyClient.close();
    } finally {
      await server.close();
    }
    assert.ok(lines.length >= 6, lines.join('\n'));
    for (const secret of revealed) {
      assert.ok(!lines.some((line) => line.includes(secret)), `a log line holds a secret (${secret.length} chars)`);
    }
  });
});
