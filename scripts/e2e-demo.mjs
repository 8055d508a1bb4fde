#!/usr/bin/env node
// `npm test` stage "end-to-end demo": the newcomer's first five minutes, automated. Runs `npm start` exactly as the
// README says (build + server on :8080), opens the demo twice in headless Chromium as two people in one room (the
// bundle loaded with its Subresource Integrity hash, as the README's snippet does), and checks they see each
// other's video (frames advancing) and each other's chat. Then it stops the server's whole process group and
// checks the port is free again. Ends with "N passed, N failed"; exits 1 on any failure.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { launchBrowser, openDemo, sendChat, waitForChat, waitForRemoteVideo } from './demo-page.mjs';

const PORT = 8080;
const BASE_URL = `http://localhost:${PORT}`;
/** Upper bounds so a hang becomes a failure with a message; none of them is an assertion about speed. */
const START_TIMEOUT_MS = 300_000;
const STOP_TIMEOUT_MS = 15_000;

let passed = 0;
let failed = 0;
async function check(name, fn) {
  try {
    const note = await fn();
    passed += 1;
    console.log(`  ok    ${name}${note ? ` (${note})` : ''}`);
    return true;
  } catch (error) {
    failed += 1;
    console.log(`  FAIL  ${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    return false;
  }
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * The README's token recipe, run as written (docs/examples/token-endpoint.mjs with the dev secret key): its token
 * must open a WebSocket to the running server and subscribe to a room its `channels` claim allows.
 */
async function tokenRecipeWorks() {
  // The endpoint does not print its port, so pick a free one for it.
  const port = await new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port: free } = probe.address();
      probe.close(() => resolve(free));
    });
  });
  const env = { ...process.env, PORT: String(port), METERED_SECRET_KEY_ID: 'sk_id_dev_local', METERED_SECRET: 'sk_secret_dev_local' };
  const endpoint = spawn('node', ['docs/examples/token-endpoint.mjs'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise((resolve, reject) => {
      endpoint.stdout.once('data', resolve);
      endpoint.once('exit', (code) => reject(new Error(`token endpoint exited (${code})`)));
    });
    const response = await fetch(`http://127.0.0.1:${port}/metered-token`);
    const { token } = await response.json();
    if (typeof token !== 'string') throw new Error('the endpoint answered no token');
    const socket = new WebSocket(`ws://localhost:${PORT}/v1?token=${encodeURIComponent(token)}`);
    const outcome = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer from the server within 10 s')), 10_000);
      socket.on('message', (raw) => {
        const frame = JSON.parse(raw.toString());
        if (frame.type === 'welcome') socket.send(JSON.stringify({ type: 'subscribe', channel: 'room-42', requestId: 'r1' }));
        if (frame.type === 'ack' || frame.type === 'error') {
          clearTimeout(timer);
          resolve(frame);
        }
      });
      socket.on('close', (code) => reject(new Error(`server closed the socket (${code})`)));
      socket.on('error', reject);
    });
    socket.removeAllListeners('close');
    socket.close();
    if (outcome.type !== 'ack') throw new Error(`subscribe answered ${outcome.code}`);
    return 'signed with jose, accepted, subscribed to room-42';
  } finally {
    endpoint.kill();
  }
}

/** The demo's script tag for the bundle, exactly as demo/index.html writes it. */
const BUNDLE_TAG = '<script type="module" src="/dist/metered-elements.js"></script>';

/**
 * A copy of the demo page whose bundle tag carries `integrity` (and `crossorigin`), as the README's snippet writes
 * it, written into dist/ (the build's output, served by `npm start` at /dist/) because the hash changes with every
 * build and so cannot be in demo/index.html. Served by the real server on the real origin: a page injected by the
 * browser driver instead would count as a public page, which Chromium forbids to reach localhost. Returns its path.
 */
function demoWithIntegrity(integrity, prefix = '') {
  const html = readFileSync('demo/index.html', 'utf8');
  if (!html.includes(BUNDLE_TAG)) throw new Error(`demo/index.html lacks ${BUNDLE_TAG}`);
  const tag = BUNDLE_TAG.replace('></script>', ` integrity="${integrity}" crossorigin="anonymous"></script>`);
  const page = html
    .replace(BUNDLE_TAG, tag)
    .replace('href="demo.css"', 'href="/demo.css"')
    .replace('src="demo.js"', 'src="/demo.js"');
  const file = `${prefix}demo-with-integrity.html`;
  writeFileSync(join('dist', file), page);
  return `/dist/${file}`;
}

/** Starts `npm start` in its own process group (so stopping it stops npm, sh and node together). */
function startServer() {
  const child = spawn('npm', ['start'], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed within ${START_TIMEOUT_MS / 1000} s`)), START_TIMEOUT_MS);
    const onData = (chunk) => {
      output += chunk;
      if (output.includes(BASE_URL)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code ?? signal}) before printing ${BASE_URL}:\n${output.slice(-2000)}`));
    });
  });
  return { child, ready, output: () => output };
}

function stopServer(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      resolve();
    }
  });
}

console.log('end-to-end: npm start, two people in the demo room');
if (!(await portIsFree(PORT))) {
  console.log(`  FAIL  port ${PORT} is already in use: stop whatever listens there (npm start?) and run again.`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const server = startServer();
// If this script dies unexpectedly, never leave the server behind.
process.on('exit', () => {
  try {
    process.kill(-server.child.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
});

let browser;
try {
  console.log('  … building and starting (npm start)');
  const started = await check(`npm start prints ${BASE_URL}`, () => server.ready);
  if (started) {
    browser = await launchBrowser();
    const room = `e2e-${randomUUID().slice(0, 8)}`;
    const pages = [];
    // The bundle is loaded as the README's snippet loads it: with the integrity hash the build recorded.
    const { integrity } = JSON.parse(readFileSync('dist/metered-elements.integrity.json', 'utf8'));
    const path = demoWithIntegrity(integrity);
    const wrongPath = demoWithIntegrity(`sha384-${Buffer.alloc(48).toString('base64')}`, 'wrong-');
    await check('the demo page loads twice, bundle with its integrity hash (Alice and Bob, same room)', async () => {
      pages.push(await openDemo(browser, BASE_URL, { room, name: 'Alice', path }));
      pages.push(await openDemo(browser, BASE_URL, { room, name: 'Bob', path }));
      await Promise.all(
        pages.map((page) => page.waitForFunction(() => customElements.get('metered-room') !== undefined, { timeout: 15_000 })),
      );
      const tags = await Promise.all(pages.map((page) => page.$eval('script[src="/dist/metered-elements.js"]', (s) => s.integrity)));
      if (!tags.every((value) => value === integrity)) throw new Error(`the bundle tag's integrity is ${tags.join(', ')}`);
      return `room ${room}, ${integrity.slice(0, 15)}…`;
    });
    await check('a bundle that does not match its integrity hash is refused', async () => {
      const page = await openDemo(browser, BASE_URL, { room: `${room}-sri`, name: 'Mallory', path: wrongPath, join: false });
      try {
        const deadline = Date.now() + 15_000;
        while (!page.consoleErrors.some((text) => text.includes('integrity')) && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const refusal = page.consoleErrors.find((text) => text.includes('integrity'));
        if (!refusal) throw new Error(`Chromium reported no integrity failure (console errors: ${page.consoleErrors.join('; ') || 'none'})`);
        if (await page.evaluate(() => customElements.get('metered-room') !== undefined)) throw new Error('the elements were defined');
        return refusal.slice(0, 70);
      } finally {
        await page.browserContext().close();
      }
    });
    const [alice, bob] = pages;
    if (alice && bob) {
      await check('a second copy of the bundle loads without throwing and leaves the tags alone', async () => {
        const kept = await alice.evaluate(async () => {
          const tags = ['metered-room', 'metered-video', 'metered-chat'];
          const before = tags.map((tag) => customElements.get(tag));
          // A different URL is a different module: the whole bundle evaluates again, as with two script tags.
          await import('/dist/metered-elements.js?second-copy');
          return tags.every((tag, i) => before[i] !== undefined && customElements.get(tag) === before[i]);
        });
        if (!kept) throw new Error('a tag is missing or was redefined');
      });
      await check('Alice and Bob both join (metered-joined)', async () => {
        for (const page of pages) {
          await page.waitForFunction(() => window.__demo.seenEvents.some((e) => e.name === 'metered-joined'), {
            timeout: 30_000,
          });
        }
      });
      await check("Alice sees Bob's video, frames advancing", async () => `${await waitForRemoteVideo(alice)} frames`);
      await check("Bob sees Alice's video, frames advancing", async () => `${await waitForRemoteVideo(bob)} frames`);
      await check('a chat message from Alice appears for Bob', async () => {
        await sendChat(alice, 'hello from Alice <b>not bold</b>');
        await waitForChat(bob, 'hello from Alice <b>not bold</b>');
      });
      await check('a chat message from Bob appears for Alice', async () => {
        await sendChat(bob, 'hi Alice, Bob here');
        await waitForChat(alice, 'hi Alice, Bob here');
      });
      await check('the demo event log shows the events as text', async () => {
        const logged = await bob.evaluate(() =>
          [...document.querySelectorAll('#event-log li')].map((item) => item.dataset.event),
        );
        for (const name of ['metered-joined', 'metered-peer-joined', 'metered-message']) {
          if (!logged.includes(name)) throw new Error(`${name} is not in the log (${logged.join(', ')})`);
        }
        const html = await bob.evaluate(() => document.getElementById('event-log').innerHTML);
        if (html.includes('<b>not bold</b>')) throw new Error('remote text reached the log as HTML');
        // metered-peer-joined waits for the newcomer's name: the log shows "Alice", never a "Guest …" placeholder.
        const joinedEntry = await bob.evaluate(
          () => document.querySelector('#event-log li[data-event="metered-peer-joined"] pre')?.textContent ?? '',
        );
        if (!joinedEntry.includes('"displayName": "Alice"')) {
          throw new Error(`metered-peer-joined does not carry Alice's name: ${joinedEntry}`);
        }
      });
      await check("the README's token endpoint mints a token the server accepts", tokenRecipeWorks);
      await check('no page errors, no Content-Security-Policy violations', async () => {
        const problems = [...(await alice.problems()), ...(await bob.problems())];
        if (problems.length) throw new Error(problems.join('; '));
      });
      await check('no metered-error events during the call', async () => {
        const errors = (
          await Promise.all(pages.map((page) => page.evaluate(() => window.__demo.seenEvents.filter((e) => e.name === 'metered-error'))))
        ).flat();
        if (errors.length) throw new Error(errors.map((e) => e.code).join(', '));
      });
    }
  }
} catch (error) {
  failed += 1;
  console.log(`  FAIL  unexpected: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await browser?.close();
  await stopServer(server.child);
}
await check(`the server is stopped and port ${PORT} is free again`, async () => {
  if (!(await portIsFree(PORT))) throw new Error(`something still listens on ${PORT}`);
});
if (failed) console.log(`--- npm start output (last lines) ---\n${server.output().slice(-3000)}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
