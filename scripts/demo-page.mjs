// Drives the demo page in real Chromium for the end-to-end check (scripts/e2e-demo.mjs) and the README screenshot
// (scripts/screenshot.mjs). It reads the elements only through their public surface: the room's `participants`
// property, the rendered <video>s and chat text, and the bubbling metered-* events.
import puppeteer from 'puppeteer-core';
import { spawnSync } from 'node:child_process';
import { CHROMIUM_FLAGS, findChromium } from './chromium-path.mjs';

/**
 * Finds Debian's Chromium (installing it when missing and root, exactly as the browser tests do) and starts it.
 * `cameraFps`: the fake camera's frame rate (Chromium's default is 30), for a rig that runs many pages at once.
 */
export async function launchBrowser({ cameraFps } = {}) {
  if (!findChromium()) {
    const install = spawnSync('node', ['scripts/ensure-chromium.mjs'], { stdio: 'inherit' });
    if (install.status !== 0) throw new Error('Chromium is missing and could not be installed');
  }
  const fakeCamera = '--use-fake-device-for-media-stream';
  const withFps = (flag) => (flag === fakeCamera ? `${flag}=fps=${cameraFps}` : flag);
  const args = cameraFps ? CHROMIUM_FLAGS.map(withFps) : CHROMIUM_FLAGS;
  return puppeteer.launch({ executablePath: findChromium(), args, headless: true });
}

/**
 * Helpers installed into every page before its scripts run (CDP-injected, so the page's CSP does not apply to
 * them). Kept as a function so puppeteer serialises it; it must not close over anything.
 */
function installPageHelpers() {
  /** querySelectorAll through every open shadow root. */
  const deepAll = (root, selector) => {
    const found = [...root.querySelectorAll(selector)];
    for (const element of root.querySelectorAll('*')) {
      if (element.shadowRoot) found.push(...deepAll(element.shadowRoot, selector));
    }
    return found;
  };
  const problems = [];
  document.addEventListener('securitypolicyviolation', (event) => {
    problems.push(`CSP blocked ${event.blockedURI || 'inline code'} (${event.violatedDirective})`);
  });
  const seenEvents = [];
  for (const name of ['metered-joined', 'metered-message', 'metered-error', 'metered-peer-joined']) {
    document.addEventListener(name, (event) => {
      const { code, text, isOwn } = event.detail ?? {};
      seenEvents.push({ name, code, text, isOwn });
    });
  }
  window.__demo = {
    deepAll,
    problems,
    seenEvents,
    /** <video>s showing a remote participant's stream, matched by stream id through the room's participants. */
    remoteVideos() {
      const room = document.querySelector('metered-room');
      const participants = room?.participants ?? [];
      const remoteIds = new Set(
        participants.filter((p) => !p.isLocal).flatMap((p) => p.streams.map((s) => s.stream.id)),
      );
      return deepAll(document, 'video').filter((video) => video.srcObject && remoteIds.has(video.srcObject.id));
    },
    /** Frames decoded so far by the best remote video (0 when none). */
    remoteFrames() {
      const counts = this.remoteVideos().map((v) => (v.videoWidth > 0 ? v.getVideoPlaybackQuality().totalVideoFrames : 0));
      return Math.max(0, ...counts);
    },
    /** What the page shows, for failure messages: room state, participants and every video's stream and frames. */
    snapshot() {
      const room = document.querySelector('metered-room');
      const people = (room?.participants ?? []).map(
        (p) => `${p.isLocal ? 'self' : 'remote'} ${p.connectionState} streams=[${p.streams.map((s) => s.stream.id.slice(0, 8))}]`,
      );
      const videos = deepAll(document, 'video').map(
        (v) => `video stream=${v.srcObject?.id?.slice(0, 8)} ${v.videoWidth}px frames=${v.getVideoPlaybackQuality().totalVideoFrames}${v.paused ? ' paused' : ''}`,
      );
      return `room ${room?.state}; ${[...people, ...videos].join('; ')}`;
    },
    chatText() {
      return deepAll(document, 'metered-chat')
        .map((chat) => chat.shadowRoot?.textContent ?? '')
        .join('\n');
    },
    chatInput() {
      const chat = deepAll(document, 'metered-chat')[0];
      return chat?.shadowRoot ? deepAll(chat.shadowRoot, 'textarea, input:not([type]), input[type="text"]')[0] : undefined;
    },
  };
}

/**
 * Opens the demo on `baseUrl` as `name` in `room` (at `path`, `/` unless another copy of the page is wanted) in its
 * own browser context (separate storage, like a second tab of a second user) and records page errors and CSP
 * violations in `page.problems`, and the browser's own console errors (a refused script is reported only there) in
 * `page.consoleErrors`. The room opens on its pre-join screen; unless `join` is false the visitor's next step is
 * taken too: Join, clicked once the camera preview plays. `media` ("audio", …) is the room's media attribute
 * (default: audio and video).
 */
export async function openDemo(browser, baseUrl, { room, name, path = '/', join = true, media }) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1280, height: 800 });
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.consoleErrors = [];
  page.on('console', (message) => message.type() === 'error' && page.consoleErrors.push(message.text()));
  await page.evaluateOnNewDocument(installPageHelpers);
  const query = `?name=${encodeURIComponent(name)}${media ? `&media=${encodeURIComponent(media)}` : ''}`;
  const url = `${baseUrl}${path}${query}#${encodeURIComponent(room)}`;
  const response = await page.goto(url, { waitUntil: 'load' });
  if (!response?.ok()) throw new Error(`GET ${url} answered ${response?.status()}`);
  page.problems = async () => [...problems, ...(await page.evaluate(() => window.__demo.problems))];
  if (join) await joinFromPrejoin(page);
  return page;
}

/** Clicks Join on the room's pre-join screen, once its camera preview plays, as a visitor does. */
export async function joinFromPrejoin(page) {
  await page.waitForFunction(() => window.__demo.deepAll(document, '[part="preview"]')[0]?.videoWidth > 0, {
    timeout: 30_000,
    polling: 100,
  });
  await clickPrejoinJoin(page);
}

/** Clicks the pre-join screen's Join button, whatever the preview shows. */
export function clickPrejoinJoin(page) {
  return page.evaluate(() => window.__demo.deepAll(document, '[part="prejoin"] button')[0].click());
}

/** Resolves once the page shows a remote participant's video with frames still arriving; rejects after timeoutMs. */
export async function waitForRemoteVideo(page, timeoutMs = 45_000) {
  try {
    await page.waitForFunction(() => window.__demo.remoteFrames() > 0, { timeout: timeoutMs, polling: 200 });
    const before = await page.evaluate(() => window.__demo.remoteFrames());
    // "Advancing", not just "one frame": a frozen tile (a stale srcObject after a reconnect) shows one frame forever.
    await page.waitForFunction((n) => window.__demo.remoteFrames() >= n + 10, { timeout: timeoutMs, polling: 200 }, before);
    return await page.evaluate(() => window.__demo.remoteFrames());
  } catch (error) {
    const seen = await page.evaluate(() => window.__demo.snapshot()).catch(() => 'page unavailable');
    throw new Error(`${error instanceof Error ? error.message : error} — page shows: ${seen}`);
  }
}

/** Types `text` into the room's chat input and presses Enter, as a keyboard user would. */
export async function sendChat(page, text, timeoutMs = 15_000) {
  await page.waitForFunction(() => window.__demo.chatInput() && !window.__demo.chatInput().disabled, {
    timeout: timeoutMs,
    polling: 200,
  });
  const input = await page.evaluateHandle(() => window.__demo.chatInput());
  await input.focus();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await input.dispose();
}

/**
 * Sends `text` from `page` through the chat's own input and `send()`, as typing would (without the keyboard, so
 * several pages can send in turn quickly).
 */
export function sendOwn(page, text) {
  return page.evaluate((line) => {
    const chat = window.__demo.deepAll(document, 'metered-chat')[0];
    const input = chat.shadowRoot.querySelector('textarea');
    input.value = line;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    chat.send();
  }, text);
}

/** Resolves once `text` is on screen in the page's chat and a metered-message event carried it. */
export async function waitForChat(page, text, timeoutMs = 15_000) {
  await page.waitForFunction(
    (t) => window.__demo.chatText().includes(t) && window.__demo.seenEvents.some((e) => e.name === 'metered-message' && e.text === t && !e.isOwn),
    { timeout: timeoutMs, polling: 200 },
    text,
  );
}
