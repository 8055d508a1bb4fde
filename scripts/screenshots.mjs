#!/usr/bin/env node
// Layout screenshots into docs/screenshots/: the demo page with two people in one room and 50 chat messages, at
// desktop (1280×800) and phone (390×844) size, light and dark, plus the room inside a fixed-height container.
// What the README promises ("the room fills its box, the chat scrolls inside it, its input stays visible") is
// checked by test/room-layout.test.ts; these pictures are for people to look at. Then a third person (Cy) joins
// late and is handed the chat history (late-joiner-*: the earlier messages above the "Sent before you joined" line,
// then a live one). Last, the call states of the video tiles (scripts/call-screenshots.mjs: 1, 2, 4, 6 people,
// camera off and muted, speaking, screen share). Real Chromium, fake camera, the local server on a free loopback
// port. First of all, the pre-join screen (prejoin-*). Run: node scripts/screenshots.mjs [--skip-build] [--call-only]
// [--prejoin-only]
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { shootCallStates } from './call-screenshots.mjs';
import { launchBrowser, openDemo, sendOwn, waitForRemoteVideo } from './demo-page.mjs';

const OUT = 'docs/screenshots';
const MESSAGES = 50;
const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  // Not isMobile: puppeteer reloads the page to change it, which would rejoin the room with an empty chat.
  phone: { width: 390, height: 844 },
};
/** The fixed-height container: a 1024×600 page whose only content is a 480 px box holding the room. */
const CONTAINER = { viewport: { width: 1024, height: 600 }, height: '480px' };

if (!process.argv.includes('--skip-build')) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}

/** The room's chat element and its number of messages on `page`. */
function chatCount(page) {
  return page.evaluate(() => {
    const chat = window.__demo.deepAll(document, 'metered-chat')[0];
    return chat?.shadowRoot?.querySelectorAll('.message').length ?? 0;
  });
}

/** Both people talk in turn (Bob more than Alice), with a few long lines, until each chat shows MESSAGES. */
async function fillChat(alice, bob) {
  const lines = [];
  for (let i = 1; i <= MESSAGES; i += 1) {
    const long = i % 7 === 0 ? ' — a longer line, to show how the chat wraps text that does not fit on one line' : '';
    lines.push(i % 3 === 0 ? [alice, `Alice's message ${i}${long}`] : [bob, `Bob's message ${i}${long}`]);
  }
  // In turn, as people talk: each line waits until both chats show it, so both lists have the same order.
  for (const [index, [page, text]] of lines.entries()) {
    await sendOwn(page, text);
    for (const side of [alice, bob]) {
      await side.waitForFunction(
        (n) => window.__demo.deepAll(document, 'metered-chat')[0]?.shadowRoot?.querySelectorAll('.message').length >= n,
        { timeout: 30_000, polling: 50 },
        index + 1,
      );
    }
  }
}

/** Waits until the chat list stopped moving (it follows new messages to the bottom). */
async function settle(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await new Promise((resolve) => setTimeout(resolve, 300));
}

async function shoot(page, name) {
  await settle(page);
  const path = `${OUT}/${name}.png`;
  await page.screenshot({ path });
  console.log(`wrote ${path}`);
}

/**
 * `page` as `name`-<desktop|phone>-<light|dark>. Desktop first, then phone: becoming phone-narrow closes the room's
 * side panel (side-panels.ts), so `prepare(page)` runs after each size change to set up the state to show again.
 */
async function shootAll(page, name, prepare = async () => {}) {
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewport(viewport);
    await prepare(page);
    for (const scheme of ['light', 'dark']) {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await shoot(page, `${name}-${size}-${scheme}`);
    }
  }
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  await page.setViewport(VIEWPORTS.desktop);
}

/** The chat-volume layout: two people, 50 messages; desktop, phone, light, dark, and a fixed-height box. */
async function shootChatLayout(browser, serverUrl) {
  const alice = await openDemo(browser, serverUrl, { room: 'layout', name: 'Alice' });
  const bob = await openDemo(browser, serverUrl, { room: 'layout', name: 'Bob' });
  await Promise.all([waitForRemoteVideo(alice), waitForRemoteVideo(bob)]);
  await fillChat(alice, bob);
  console.log(`Alice's chat shows ${await chatCount(alice)} messages`);

  for (const scheme of ['light', 'dark']) {
    await alice.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await alice.setViewport(viewport);
      await shoot(alice, `${size}-${scheme}`);
    }
  }

  // The same room in a box of fixed height: the page's header and event log go, the stage becomes the box.
  await alice.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: 'light' }]);
  await alice.setViewport(CONTAINER.viewport);
  await alice.evaluate((height) => {
    document.querySelector('header').style.display = 'none';
    document.querySelector('aside').style.display = 'none';
    const main = document.querySelector('main');
    main.style.display = 'block';
    const stage = document.getElementById('stage');
    stage.style.height = height;
    stage.style.outline = '2px dashed #dc2626'; // the container's edge: nothing may cross it
    stage.style.outlineOffset = '2px';
  }, CONTAINER.height);
  await shoot(alice, 'fixed-height-container');
  const problems = await alice.problems();
  if (problems.length) throw new Error(`the page reported problems: ${problems.join('; ')}`);

  // Then, since a third person changes the others' pictures: Cy joins late and gets the history.
  const cy = await openDemo(browser, serverUrl, { room: 'layout', name: 'Cy' });
  const chatShows = (n) =>
    cy.waitForFunction(
      (count) =>
        window.__demo.deepAll(document, 'metered-chat')[0]?.shadowRoot?.querySelectorAll('.message').length >= count,
      { timeout: 30_000, polling: 50 },
      n,
    );
  await chatShows(MESSAGES);
  await sendOwn(bob, 'Welcome, Cy! The messages above were sent before you came.');
  await chatShows(MESSAGES + 1);
  for (const scheme of ['light', 'dark']) {
    await cy.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
    for (const [size, viewport] of Object.entries(VIEWPORTS)) {
      await cy.setViewport(viewport);
      // The chat does not follow a viewport change (it follows new messages): show its end, the divider and after.
      await cy.evaluate(() => {
        const list = window.__demo.deepAll(document, 'metered-chat')[0].shadowRoot.querySelector('.list');
        list.scrollTop = list.scrollHeight;
      });
      await shoot(cy, `late-joiner-${size}-${scheme}`);
    }
  }
  // The call states run in a room of their own; these pages leave first (fewer connections to run).
  await Promise.all([alice, bob, cy].map((page) => page.browserContext().close()));
}

/**
 * The pre-join screen of a visitor arriving on the demo: the camera preview, the microphone level, name, Join. Each
 * picture is taken the moment the fake microphone beeps, so the level bar shows (shoot()'s settling wait would
 * often land between two beeps).
 */
async function shootPrejoin(browser, serverUrl) {
  const page = await openDemo(browser, serverUrl, { room: 'prejoin', name: 'Alice', join: false });
  await page.waitForFunction(() => window.__demo.deepAll(document, '[part="preview"]')[0]?.videoWidth > 0, {
    timeout: 30_000,
  });
  for (const [size, viewport] of Object.entries(VIEWPORTS)) {
    await page.setViewport(viewport);
    for (const scheme of ['light', 'dark']) {
      await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
      await settle(page);
      await page.waitForFunction(
        () => Number(window.__demo.deepAll(document, '[part="level"]')[0]?.style.getPropertyValue('--level')) > 0.1,
        { timeout: 30_000, polling: 20 },
      );
      const path = `${OUT}/prejoin-${size}-${scheme}.png`;
      await page.screenshot({ path });
      console.log(`wrote ${path}`);
    }
  }
  await page.browserContext().close();
}

const { startServer } = await import('../server/dist/server/index.js');
const server = await startServer({ port: 0, quiet: true });
// The fake camera at 5 fps instead of 30: the call states end with six pages in one Chromium, each encoding for and
// decoding from the other five, on a 2-core machine; at 30 fps that does not fit (measured: 0 % idle CPU and the
// connections dropping to `disconnected`). A still picture looks the same either way.
const browser = await launchBrowser({ cameraFps: 5 });
try {
  mkdirSync(OUT, { recursive: true });
  await shootPrejoin(browser, server.url);
  if (!process.argv.includes('--prejoin-only')) {
    if (!process.argv.includes('--call-only')) await shootChatLayout(browser, server.url);
    const problems = await shootCallStates(browser, server.url, shootAll);
    if (problems.length) throw new Error(`the call pages reported problems: ${problems.join('; ')}`);
  }
} finally {
  await browser.close();
  await server.close();
}
