/**
 * Chat on a plain-http page that is not localhost: `crypto.randomUUID` does not exist there (secure contexts
 * only). The page is really insecure: an iframe from `http://insecure.test:PORT`, a name the browser maps to
 * 127.0.0.1 (`--host-resolver-rules` in web-test-runner.config.mjs), so it never leaves loopback.
 */
import { expect, waitUntil } from '@open-wc/testing';
import { addChatRoom, messages, roomsContainer, texts } from './helpers/chat-dom.js';
import { GUARD_MS, uniqueChannel, waitForState } from './helpers/room.js';
import { mainServer } from './helpers/server.js';

interface Report {
  kind: 'sent' | 'threw';
  isSecureContext: boolean;
  hasRandomUUID?: boolean;
  message?: string;
}

describe('<metered-chat> on a non-secure page', () => {
  it('sends a message from an http page that is not localhost', async () => {
    const server = await mainServer();
    const parent = await roomsContainer();
    const channel = uniqueChannel('chat-http');
    const reader = addChatRoom(server, parent, { channel, displayName: 'Reader' });
    await waitForState(reader.room, 'joined');

    const reports: Report[] = [];
    const onMessage = (event: MessageEvent) => {
      if (event.data?.source === 'insecure-chat') reports.push(event.data as Report);
    };
    window.addEventListener('message', onMessage);
    const frame = document.createElement('iframe');
    const query = new URLSearchParams({
      server: server.wsUrl,
      key: server.publishableKey,
      channel,
      text: 'hello over http',
    });
    frame.src = `http://insecure.test:${location.port}/test/fixtures/insecure-chat.html?${query}`;
    parent.append(frame);
    try {
      await waitUntil(() => reports.length > 0, 'the http page never joined and sent', { timeout: GUARD_MS });
      const [report] = reports;
      expect(report.isSecureContext, 'the test page must really be insecure').to.equal(false);
      expect(report, report.message).to.include({ kind: 'sent', hasRandomUUID: false });
      await waitUntil(() => messages(reader.chat).length === 1, 'the message from the http page did not arrive', {
        timeout: GUARD_MS,
      });
      expect(texts(reader.chat)).to.deep.equal(['hello over http']);
    } finally {
      window.removeEventListener('message', onMessage);
      frame.remove();
    }
  });
});
