#!/usr/bin/env node
// `npm test` stage "CMS embeds": the README's CMS block as CMSs serve it, in real Chromium (fake camera and
// microphone) against the real server (server/dist, so run `npm run build` first), pages in test/toolchain/cms/:
// - inside a sandboxed, cross-origin iframe (an "embed" block) WITH allow="camera; microphone; display-capture;
//   fullscreen": the room joins and shows the local camera;
// - the same WITHOUT `allow`: the frame's Permissions Policy forbids the camera; the room must detect it before
//   asking (a non-fatal iframe_permission_missing naming camera and microphone, and a notice that gives the exact
//   allow="…" attribute to add) and still join, not hang silently; a screen share there reports the same code
//   for display-capture;
// - the README's first example, a room with its own <metered-video> and <metered-chat>: both find the room (the
//   bundle leaves out Lit's ContextRoot, since it defines the room before them);
// - pasted into a page whose theme CSS is hostile (`* { all: revert }`, `video { display: none }`, 40px text,
//   garish buttons): the elements keep their own look because their styles live in shadow roots. What the page
//   does pass in, on purpose, is checked and documented in the README: inherited text properties (font family,
//   size, colour) and the colour scheme.
// Screenshots of each page go to test/toolchain/.work/screenshots/ (look at them when changing styles).
// Ends with "N passed, N failed"; exits 1 on any failure.
import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchBrowser } from '../../scripts/demo-page.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SHOTS = join(ROOT, 'test', 'toolchain', '.work', 'screenshots');
/** Upper bounds so a hang becomes a failure with a message; none of them is an assertion about speed. */
const JOIN_TIMEOUT_MS = 30_000;

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    const note = await fn();
    passed += 1;
    console.log(`  ok    ${name}${note ? ` (${note})` : ''}`);
  } catch (error) {
    failed += 1;
    console.log(`  FAIL  ${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
}

/** Runs in the page: what the room shows, read through its shadow root (open, as every element's is). */
function roomView() {
  const room = document.querySelector('metered-room');
  const deepAll = (root, selector) => {
    const found = [...root.querySelectorAll(selector)];
    for (const element of root.querySelectorAll('*')) if (element.shadowRoot) found.push(...deepAll(element.shadowRoot, selector));
    return found;
  };
  const shown = (element) => {
    const box = element.getBoundingClientRect();
    return getComputedStyle(element).display !== 'none' && box.width > 0 && box.height > 0;
  };
  const videos = deepAll(room.shadowRoot, 'video');
  const button = deepAll(room.shadowRoot, 'button')[0];
  const buttonStyle = button ? getComputedStyle(button) : null;
  const notice = deepAll(room.shadowRoot, '[part="notice"]')[0];
  const hostStyle = getComputedStyle(room);
  const chat = deepAll(room.shadowRoot, 'metered-chat')[0];
  const chatStyle = chat ? getComputedStyle(chat) : null;
  return {
    state: room.state,
    events: window.meteredEvents,
    playingVideos: videos.filter((video) => shown(video) && video.videoWidth > 0 && !video.paused).length,
    videos: videos.length,
    notice: notice && shown(notice) ? notice.textContent.trim().replace(/\s+/g, ' ') : null,
    host: { display: hostStyle.display, height: room.getBoundingClientRect().height, font: hostStyle.fontFamily, color: hostStyle.color },
    chat: chatStyle && { fontFamily: chatStyle.fontFamily, fontSize: chatStyle.fontSize, color: chatStyle.color },
    button: buttonStyle && {
      fontSize: buttonStyle.fontSize,
      fontFamily: buttonStyle.fontFamily,
      background: buttonStyle.backgroundColor,
      borderStyle: buttonStyle.borderTopStyle,
      margin: buttonStyle.marginTop,
    },
  };
}

/** Waits until the room in `frame` has joined or failed (or the timeout passes), then returns its view. */
async function settled(frame) {
  await frame
    .waitForFunction(() => ['joined', 'failed'].includes(document.querySelector('metered-room')?.state), { timeout: JOIN_TIMEOUT_MS, polling: 200 })
    .catch(() => undefined);
  return frame.evaluate(roomView);
}

/** Waits for the local camera preview to play (fake camera), or gives up after the timeout. */
async function videoPlaying(frame) {
  await frame.evaluate(() => undefined);
  return frame
    .waitForFunction(
      () => {
        const room = document.querySelector('metered-room');
        const all = (root) => [...root.querySelectorAll('video'), ...[...root.querySelectorAll('*')].filter((e) => e.shadowRoot).flatMap((e) => all(e.shadowRoot))];
        return all(room.shadowRoot).some((video) => video.videoWidth > 0 && !video.paused);
      },
      { timeout: JOIN_TIMEOUT_MS, polling: 200 },
    )
    .then(() => true, () => false);
}

async function openPage(browser, url) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  await page.setViewport({ width: 1100, height: 900 });
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  await page.goto(url, { waitUntil: 'load' });
  return page;
}

async function embedFrame(page) {
  await page.waitForFunction(() => document.getElementById('embed')?.src, { timeout: 10_000 });
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => f.url().includes('/embed.html'));
    if (frame) {
      await frame.waitForFunction(() => document.readyState === 'complete' && customElements.get('metered-room'), { timeout: 15_000 });
      return frame;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the embed iframe did not load');
}

const { startServer } = await import('../../server/dist/server/index.js');
const server = await startServer({
  port: 0,
  quiet: true,
  config: {
    staticDirs: [
      { urlPrefix: '/', dir: join(ROOT, 'test', 'toolchain', 'cms') },
      { urlPrefix: '/dist', dir: join(ROOT, 'dist') },
    ],
  },
});
mkdirSync(SHOTS, { recursive: true });
console.log('CMS embeds: the README block in a sandboxed iframe (with and without allow) and under hostile CSS');
const browser = await launchBrowser();
// The CMS page on one loopback name, the embed block on the other: two origins, as a CMS and its embed host are.
const cmsOrigin = `http://127.0.0.1:${server.port}`;
try {
  await check('sandboxed iframe WITH allow: the room joins and shows the camera', async () => {
    const page = await openPage(browser, `${cmsOrigin}/sandboxed.html?allow=1&channel=cms-${randomUUID().slice(0, 8)}`);
    try {
      const frame = await embedFrame(page);
      const view = await settled(frame);
      const playing = await videoPlaying(frame);
      await page.screenshot({ path: join(SHOTS, 'sandboxed-with-allow.png') });
      if (view.state !== 'joined') throw new Error(`room is ${view.state}; events ${JSON.stringify(view.events)}`);
      const errors = view.events.filter((e) => e.name === 'metered-error');
      if (errors.length) throw new Error(`errors: ${errors.map((e) => e.code).join(', ')}`);
      if (!playing) throw new Error('the local camera does not play');
      if (page.errors.length) throw new Error(`page errors: ${page.errors.join('; ')}`);
      return 'joined, camera playing, no error';
    } finally {
      await page.browserContext().close();
    }
  });

  await check('sandboxed iframe WITHOUT allow: says the camera is blocked (non-fatal) and still joins', async () => {
    const page = await openPage(browser, `${cmsOrigin}/sandboxed.html?channel=cms-${randomUUID().slice(0, 8)}`);
    try {
      const frame = await embedFrame(page);
      const view = await settled(frame);
      await frame.waitForFunction(() => window.meteredEvents.some((e) => e.name === 'metered-error'), { timeout: JOIN_TIMEOUT_MS }).catch(() => undefined);
      // The notice comes with the room's next render, which may follow the event (renders yield while a room joins).
      await frame.waitForFunction(`(${roomView})().notice`, { timeout: JOIN_TIMEOUT_MS, polling: 200 }).catch(() => undefined);
      const final = await frame.evaluate(roomView);
      await page.screenshot({ path: join(SHOTS, 'sandboxed-without-allow.png') });
      const errors = final.events.filter((e) => e.name === 'metered-error');
      const denied = errors.find((e) => e.code === 'iframe_permission_missing');
      if (!denied) throw new Error(`no iframe_permission_missing (state ${final.state}, events ${JSON.stringify(final.events)})`);
      if (denied.fatal) throw new Error('iframe_permission_missing was fatal');
      if (denied.allow !== 'camera; microphone') throw new Error(`allow is "${denied.allow}", not "camera; microphone"`);
      const other = errors.filter((e) => e !== denied).map((e) => e.code);
      if (other.length > 0) throw new Error(`other errors too: ${other.join(', ')} (the camera was asked for anyway?)`);
      if (final.state !== 'joined') throw new Error(`room is ${final.state}, not joined`);
      if (!final.notice) throw new Error('no notice on screen');
      const remedy = 'allow="camera; microphone; display-capture; fullscreen"';
      if (!final.notice.includes(remedy)) throw new Error(`the notice does not give ${remedy}: "${final.notice}"`);
      // A screen share is refused by the same policy: the same code, naming display-capture.
      await frame.evaluate(() => document.querySelector('metered-room').startScreenShare());
      const shareEvents = (await frame.evaluate(roomView)).events.filter((e) => e.name === 'metered-error');
      const share = shareEvents.find((e) => e.code === 'iframe_permission_missing' && e.allow === 'display-capture');
      if (!share) throw new Error(`screen share: no iframe_permission_missing for display-capture (${JSON.stringify(shareEvents)})`);
      return `${view.state}; metered-error ${denied.code} (fatal: false); notice "${final.notice.slice(0, 60)}"`;
    } finally {
      await page.browserContext().close();
    }
  });

  await check("the README's first example (a room with its own video and chat), from the bundle: both find the room", async () => {
    const page = await openPage(browser, `http://localhost:${server.port}/children.html?channel=cms-${randomUUID().slice(0, 8)}`);
    try {
      const view = await settled(page.mainFrame());
      const shown = await page
        .waitForFunction(
          () => document.querySelector('metered-video')?.shadowRoot?.querySelector('video')?.videoWidth > 0,
          { timeout: JOIN_TIMEOUT_MS, polling: 200 },
        )
        .then(() => true, () => false);
      const missing = await page.evaluate(() =>
        ['metered-video', 'metered-chat'].filter((tag) => document.querySelector(tag)?.shadowRoot?.querySelector('[part="missing-room"]')),
      );
      await page.screenshot({ path: join(SHOTS, 'readme-children.png') });
      if (view.state !== 'joined') throw new Error(`room is ${view.state}; events ${JSON.stringify(view.events)}`);
      if (missing.length) throw new Error(`${missing.join(' and ')} did not find the room`);
      if (!shown) throw new Error('<metered-video> does not show the camera');
      const errors = view.events.filter((e) => e.name === 'metered-error');
      if (errors.length) throw new Error(`errors: ${errors.map((e) => e.code).join(', ')}`);
      return 'joined; the video shows the camera, the chat has its room';
    } finally {
      await page.browserContext().close();
    }
  });

  await check('hostile CSS: videos shown, controls and chat keep their own look (the text size is inherited)', async () => {
    const page = await openPage(browser, `http://localhost:${server.port}/hostile.html?channel=cms-${randomUUID().slice(0, 8)}`);
    try {
      const view = await settled(page.mainFrame());
      const playing = await videoPlaying(page.mainFrame());
      const after = await page.evaluate(roomView);
      await page.screenshot({ path: join(SHOTS, 'hostile-css.png'), fullPage: true });
      const problems = [];
      if (view.state !== 'joined') problems.push(`room is ${view.state}`);
      if (!playing || after.playingVideos === 0) problems.push('no video shown (`video { display: none }` reached it?)');
      if (after.host.display !== 'block' || Math.round(after.host.height) !== 640) problems.push(`host is ${after.host.display}, ${after.host.height}px high`);
      const button = after.button;
      if (!button) problems.push('no control button');
      else {
        if (button.background === 'rgb(255, 105, 180)' || button.borderStyle === 'dashed') problems.push('the page styled the buttons');
        if (button.margin !== '0px') problems.push(`the page's margins reached the buttons (${button.margin})`);
      }
      // The default chat sits in the room's shadow root, out of reach of `*`: it keeps its own font family and
      // colour, and inherits only the size (documented in the README, as is `all: revert` resetting the room's own).
      const chat = after.chat;
      if (!chat) problems.push('no default chat');
      else if (!chat.fontFamily.startsWith('system-ui') || chat.color === 'rgb(124, 45, 18)') problems.push(`the chat took the page's font or colour (${chat.fontFamily}, ${chat.color})`);
      if (problems.length) throw new Error(problems.join('; '));
      return `inherited: size ${chat.fontSize}; room's own controls (host reverted by all: revert) ${button.fontFamily.split(',')[0]}`;
    } finally {
      await page.browserContext().close();
    }
  });
} finally {
  await browser.close();
  await server.close();
}
console.log(`screenshots: ${SHOTS}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
