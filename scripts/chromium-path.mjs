// Where the Chromium used by tests, the end-to-end check, the benchmarks and the screenshot lives.
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** @returns {string | undefined} CHROME_PATH when set, else the first Debian/Chrome path that exists. */
export function findChromium() {
  if (process.env.CHROME_PATH) return existsSync(process.env.CHROME_PATH) ? process.env.CHROME_PATH : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

/**
 * Flags known to work here: root needs --no-sandbox; fake camera/mic and auto-accepted permission prompts make
 * WebRTC testable headless; the background-networking flags stop Chromium dialling Google's hosts, which this
 * closed network refuses.
 */
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // Every host name but localhost resolves to "not found" inside Chromium, so no test can reach a real host by
  // accident — above all the room's default STUN server (stun.relay.metered.ca, used when a page configures no ICE
  // servers): checked with strace that no DNS query leaves for it with this flag, while without it one does.
  // Tests use localhost and 127.0.0.1 only; Chromium maps even an IP literal through `MAP *`, so 127.0.0.1 is
  // excluded by name (the NAT lab, with addresses of its own, sets its own rules). Chromium keeps only the last
  // --host-resolver-rules flag: extra rules go through resolverRules() below, never as a second flag.
  resolverRules(),
];

/** The one --host-resolver-rules flag: `extra` rules (e.g. "MAP insecure.test 127.0.0.1") before the catch-all. */
export function resolverRules(extra = []) {
  return `--host-resolver-rules=${[...extra, 'MAP * ~NOTFOUND', 'EXCLUDE localhost', 'EXCLUDE 127.0.0.1'].join(', ')}`;
}
