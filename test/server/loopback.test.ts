// One origin for page and WebSocket on both loopbacks: Chromium resolves `localhost` to ::1 first, so the server
// binds 127.0.0.1 and ::1 on the same port, and a real Chromium page at http://localhost:PORT reaches ws://localhost:PORT.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { startServer } from '../../server/index.js';
import { DEV_BEARER } from '../helpers/server-clients.js';
// @ts-expect-error -- plain .mjs shared with the browser runner; it exports findChromium() and CHROMIUM_FLAGS
import { CHROMIUM_FLAGS as FLAGS, findChromium as find } from '../../scripts/chromium-path.mjs';

const findChromium = find as () => string | undefined;
const CHROMIUM_FLAGS = FLAGS as string[];

describe('loopback binding', () => {
  it('answers on 127.0.0.1 and on ::1 at the same port', async () => {
    const server = await startServer({ port: 0, quiet: true });
    try {
      for (const host of ['127.0.0.1', '[::1]']) {
        const res = await fetch(`http://${host}:${server.port}/v1/usage`, { headers: DEV_BEARER });
        assert.equal(res.status, 200, host);
        await res.json();
      }
    } finally {
      await server.close();
    }
  });

  const chromium = findChromium();
  it(
    'a Chromium page at http://localhost:PORT opens ws://localhost:PORT/v1 and gets welcome',
    { skip: chromium ? false : 'no Chromium installed (npm run test:browser installs it)' },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'me-page-'));
      writeFileSync(join(dir, 'index.html'), '<!doctype html><title>same origin</title>');
      const server = await startServer({ port: 0, quiet: true, config: { staticDirs: [{ urlPrefix: '/', dir }] } });
      const browser = await puppeteer.launch({ executablePath: chromium, args: CHROMIUM_FLAGS, headless: true });
      try {
        const page = await browser.newPage();
        await page.goto(`${server.url}/`);
        const first = await page.evaluate(
          (wsUrl) =>
            new Promise<string>((resolve) => {
              const socket = new WebSocket(`${wsUrl}/v1?key=pk_dev_local`);
              socket.onmessage = (event) => {
                resolve(String(event.data));
                socket.close();
              };
              socket.onclose = (event) => resolve(`closed ${event.code}`);
            }),
          server.wsUrl,
        );
        assert.equal((JSON.parse(first) as { type: string }).type, 'welcome');
      } finally {
        await browser.close();
        await server.close();
      }
    },
  );
});
