// Browser tests: real Chromium (Debian's, never downloaded), real WebRTC with fake camera/microphone, and REAL
// signalling servers from server/index.ts (loaded through tsx, so `npm run test:browser` needs no build first).
// Tests drive the servers through `executeServerCommand` (test/helpers/server.ts ↔ test/helpers/wtr-server-plugin.mjs).
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { findChromium, CHROMIUM_FLAGS, resolverRules } from './scripts/chromium-path.mjs';
import { serverPlugin, tokenUrlMiddleware } from './test/helpers/wtr-server-plugin.mjs';
import { iceServersUrlMiddleware } from './test/helpers/ice-servers-url-middleware.mjs';
import { forcedColorsPlugin } from './test/helpers/forced-colors-plugin.mjs';

/**
 * `insecure.test` is loopback under a name the browser does not trust, so test/chat-insecure-context.test.ts can load
 * a real non-secure page (no `crypto.randomUUID`, no camera) without leaving the machine.
 */
const FLAGS = [
  ...CHROMIUM_FLAGS.filter((flag) => !flag.startsWith('--host-resolver-rules=')),
  resolverRules(['MAP insecure.test 127.0.0.1']),
];

export default {
  files: ['test/**/*.test.ts', '!test/server/**'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  // One test file at a time: the machine has 2 cores and every room runs real WebRTC.
  concurrency: 1,
  concurrentBrowsers: 1,
  testsFinishTimeout: 10 * 60 * 1000,
  browserStartTimeout: 60 * 1000,
  testFramework: { config: { timeout: 30000 } },
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: findChromium(), args: FLAGS, headless: true },
    }),
  ],
  middleware: [tokenUrlMiddleware, iceServersUrlMiddleware],
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json' }), serverPlugin(), forcedColorsPlugin()],
};
