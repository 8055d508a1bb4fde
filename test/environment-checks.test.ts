import { expect, waitUntil } from '@open-wc/testing';
import { isInAppBrowser } from '../src/room/environment-checks.js';
import {
  addRoom,
  collectErrors,
  GUARD_MS,
  roomSuite,
  spyOnCaptures,
  uniqueChannel,
  waitForError,
  waitForState,
} from './helpers/room.js';
import { startServer, stopServer } from './helpers/server.js';

/** The room's notice, as a person reads it. */
async function noticeText(room: HTMLElement & { updateComplete: Promise<boolean> }): Promise<string> {
  await waitUntil(() => room.shadowRoot!.querySelector('[part="notice"]'), 'no notice on screen', { timeout: GUARD_MS });
  return room.shadowRoot!.querySelector('[part="notice"]')!.textContent!.replace(/\s+/g, ' ');
}

/**
 * The page's own limits, detected before the room asks for devices. The user agent and a missing getUserMedia are
 * FAKED (this Chromium is neither an in-app browser nor old); the detection code, the room and the server are real.
 * A key without `send` is real: a server configured with such a key.
 */
describe('<metered-room> checks what the page allows before asking for devices', () => {
  const suite = roomSuite();
  const { rooms } = suite;

  afterEach(() => {
    Reflect.deleteProperty(navigator, 'userAgent');
    Reflect.deleteProperty(navigator.mediaDevices, 'getUserMedia');
  });

  it('recognises the webviews of Instagram, Facebook, LinkedIn, TikTok and Line, and not real browsers', () => {
    const inApp = [
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 300.0.0.0',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 [FBAN/FBIOS;FBAV/440.0.0.0;FBBV/1]',
      'Mozilla/5.0 (Linux; Android 14; Pixel 8; wv) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/440.0]',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 LinkedInApp/9.29',
      'Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/119.0 Mobile Safari/537.36 musical_ly_2023 BytedanceWebview/d8a21c6',
      'Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) Mobile/15E148 Safari Line/13.1.0',
    ];
    const browsers = [
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15',
      'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36',
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0',
      'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 EdgA/120.0',
    ];
    expect(inApp.filter((ua) => !isInAppBrowser(ua))).to.deep.equal([]);
    expect(browsers.filter((ua) => isInAppBrowser(ua))).to.deep.equal([]);
  });

  it('an in-app browser (faked: Instagram user agent) → browser_unsupported before any device is asked for; the room joins', async () => {
    Object.defineProperty(navigator, 'userAgent', {
      value: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 Instagram 300.0.0.0',
      configurable: true,
    });
    const captures = spyOnCaptures();
    try {
      const room = addRoom(suite.server, { channel: uniqueChannel('inapp') });
      rooms.push(room);
      const detail = await waitForError(collectErrors(room), 'browser_unsupported');
      expect(detail).to.include({ fatal: false, reason: 'in-app' });
      await waitForState(room, 'joined');
      expect(captures.streams).to.have.length(0);
      expect(await noticeText(room)).to.contain('Open this page in your browser');
    } finally {
      captures.restore();
    }
  });

  it('a secure page without getUserMedia (faked: getUserMedia removed) → browser_unsupported, reason no-media-api', async () => {
    Object.defineProperty(navigator.mediaDevices, 'getUserMedia', { value: undefined, configurable: true });
    const room = addRoom(suite.server, { channel: uniqueChannel('nogum') });
    rooms.push(room);
    const detail = await waitForError(collectErrors(room), 'browser_unsupported');
    expect(detail).to.include({ fatal: false, reason: 'no-media-api' });
    await waitForState(room, 'joined');
  });

  it('a key without the send action (our server) → send_not_permitted as soon as someone else is in the room, not a silent wait', async () => {
    const noSend = await startServer({
      publishableKeys: [{ id: 'pk_no_send', channelPatterns: ['**'], actions: ['subscribe', 'publish', 'presence'] }],
    });
    try {
      const channel = uniqueChannel('nosend');
      const alice = addRoom(noSend, { channel, apiKey: 'pk_no_send' });
      rooms.push(alice);
      const errors = collectErrors(alice);
      await waitForState(alice, 'joined');
      const bob = addRoom(noSend, { channel, apiKey: 'pk_no_send', media: 'none' });
      rooms.push(bob);
      const detail = await waitForError(errors, 'send_not_permitted');
      expect(detail.fatal).to.equal(false);
      expect(alice.state).to.equal('joined');
      expect(await noticeText(alice)).to.contain('Give the publishable key the Send action');
    } finally {
      for (const room of rooms.splice(0)) room.remove();
      await stopServer(noSend);
    }
  });
});
