#!/usr/bin/env node
// Retakes docs/demo.png (the README's screenshot) from the real demo page: builds, starts the local server on a
// free port, puts two people in one room in headless Chromium (fake camera), exchanges a few chat lines and
// photographs the first person's tab. Run: node scripts/screenshot.mjs [--skip-build]
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { launchBrowser, openDemo, sendChat, waitForChat, waitForRemoteVideo } from './demo-page.mjs';

if (!process.argv.includes('--skip-build')) {
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
  if (build.status !== 0) process.exit(1);
}
const { startServer } = await import('../server/dist/server/index.js');
const server = await startServer({ port: 0, quiet: true });
const browser = await launchBrowser();
try {
  const alice = await openDemo(browser, server.url, { room: 'standup', name: 'Alice' });
  const bob = await openDemo(browser, server.url, { room: 'standup', name: 'Bob' });
  await Promise.all([waitForRemoteVideo(alice), waitForRemoteVideo(bob)]);
  await sendChat(bob, 'Morning! Can you see me?');
  await waitForChat(alice, 'Morning! Can you see me?');
  await sendChat(alice, 'Loud and clear!');
  await waitForChat(bob, 'Loud and clear!');
  mkdirSync('docs', { recursive: true });
  // Shorter than the test viewport: the room is about 480 px tall, the rest would be empty page.
  await alice.setViewport({ width: 1280, height: 600 });
  await alice.screenshot({ path: 'docs/demo.png' });
  console.log('wrote docs/demo.png');
} finally {
  await browser.close();
  await server.close();
}
