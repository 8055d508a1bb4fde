#!/usr/bin/env node
// The NAT lab (issue 9): two "homes", each behind its own NAT, and an "internet" holding our signalling server and
// coturn, all in network namespaces this script builds (nat-lab-network.mjs) and removes when done, also on
// failure and Ctrl-C. Chromium runs inside each home (nat-lab-browser.mjs) with a real <metered-room>. Each case
// sets the second NAT's behaviour and the rooms' ICE servers, and expects either video both ways or the typed
// `no_media_path` error on both sides within 20 s of the join. Prints a table of outcomes and times; exits 1 when
// a case is not as expected. Needs root and `ip netns`; otherwise it prints why it skipped and exits 0.
//
//   node scripts/nat-lab.mjs          (after `npm run build`; `npm test` runs it as a stage)
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './chromium-path.mjs';
import { ensureDebianPackage } from './debian-packages.mjs';
import { joinAndWatch, launchIn } from './nat-lab-browser.mjs';
import {
  buildLab,
  labNames,
  labUnavailable,
  removeLab,
  removeStaleLabs,
  SERVICE_IP,
  setNat,
} from './nat-lab-network.mjs';
import {
  SERVER_PORT,
  startCoturn,
  startSignallingServer,
  stop,
  TURN_PORT,
  turnCredentials,
} from './nat-lab-services.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The issue's bound for `no_media_path`, from the join. */
const BOUND_MS = 20_000;
/** How long a side waits for anything at all (beyond the bound, so a late error is seen as late, not missing). */
const WAIT_MS = 30_000;
const DEV_PUBLISHABLE_KEY = 'pk_dev_local';

const STUN = [{ urls: `stun:${SERVICE_IP}:${TURN_PORT}` }];
/** TURN over UDP and TCP; every side gets its own REST credentials, as a server would hand out per peer. */
function turn(secret, name) {
  return [
    {
      urls: [`turn:${SERVICE_IP}:${TURN_PORT}?transport=udp`, `turn:${SERVICE_IP}:${TURN_PORT}?transport=tcp`],
      ...turnCredentials(secret, name),
    },
  ];
}

/** home1 is always behind a cone-like NAT; `nat2` is home2's. */
const CASES = [
  { ice: 'none', nat2: 'cone', expect: 'no_media_path' },
  { ice: 'STUN', nat2: 'cone', expect: 'video' },
  { ice: 'STUN', nat2: 'symmetric', expect: 'no_media_path' },
  { ice: 'TURN', nat2: 'cone', expect: 'video' },
  { ice: 'TURN', nat2: 'symmetric', expect: 'video' },
];

function requirements() {
  const nft = ensureDebianPackage('nftables', '/usr/sbin/nft');
  const turnserver =
    ['/usr/bin/turnserver', '/usr/sbin/turnserver'].find((path) => existsSync(path)) ??
    ensureDebianPackage('coturn', '/usr/bin/turnserver');
  const chromium = findChromium() ?? ensureDebianPackage('chromium', '/usr/bin/chromium');
  for (const built of ['server/dist/server/cli.js', 'dist/metered-elements.js']) {
    if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run \`npm run build\` first.`);
  }
  return { nft, turnserver, chromium };
}

function iceServersFor(kind, secret, name) {
  if (kind === 'STUN') return STUN;
  if (kind === 'TURN') return turn(secret, name);
  return []; // explicitly none: no default STUN either
}

async function runCase(browsers, testCase, index, secret) {
  const sides = await Promise.all(
    browsers.map(async (browser, side) => {
      const page = await browser.newPage();
      try {
        await page.goto(`http://localhost:${SERVER_PORT}/lab/`, { waitUntil: 'load' });
        return await page.evaluate(joinAndWatch, {
          channel: `nat-lab-${process.pid}-${index}`,
          serverUrl: `ws://localhost:${SERVER_PORT}`,
          apiKey: DEV_PUBLISHABLE_KEY,
          iceServers: iceServersFor(testCase.ice, secret, `home${side + 1}`),
          displayName: `home${side + 1}`,
          waitMs: WAIT_MS,
        });
      } finally {
        // Both sides are done once both promises settle; closing earlier would end the other side's call.
      }
    }),
  );
  for (const browser of browsers) for (const page of await browser.pages()) await page.close();
  const ok = sides.every(
    (side) => side.outcome === testCase.expect && (side.outcome !== 'no_media_path' || side.ms <= BOUND_MS),
  );
  return { ...testCase, sides, ok };
}

function printTable(results) {
  const rows = [['ICE servers', 'NATs (home1/home2)', 'expected', 'home1', 'home2', '']];
  for (const r of results) {
    const side = (s) => `${s.outcome} ${(s.ms / 1000).toFixed(1)} s${s.path ? ` (${s.path})` : ''}`;
    rows.push([r.ice, `cone/${r.nat2}`, r.expect, side(r.sides[0]), side(r.sides[1]), r.ok ? 'ok' : 'UNEXPECTED']);
  }
  const widths = rows[0].map((_, col) => Math.max(...rows.map((row) => row[col].length)));
  for (const row of rows)
    console.log(
      row
        .map((cell, col) => cell.padEnd(widths[col]))
        .join('  ')
        .trimEnd(),
    );
  console.log('(times: from putting the room in the page to three remote frames, or to `no_media_path`;');
  console.log(' path: the selected candidate pair, local/remote, on that side)');
}

async function main() {
  const unavailable = labUnavailable();
  if (unavailable) {
    console.log(`NAT lab skipped: ${unavailable}.`);
    return 0;
  }
  const { nft, turnserver, chromium } = requirements();
  removeStaleLabs();
  const names = labNames();
  const workDir = mkdtempSync(join(tmpdir(), 'natlab-'));
  const secret = `lab-${Math.random().toString(36).slice(2)}`;
  const running = { server: null, coturn: null, browsers: [] };
  let interruptedBy = null;
  // One cleanup, however many ask for it: on Ctrl-C both the signal handler and main's `finally` (the closed
  // browsers fail the running case) wait for the same removal before the process exits.
  let cleaning = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      await Promise.all(running.browsers.map((browser) => browser.close().catch(() => {})));
      await Promise.all([stop(running.server), stop(running.coturn)]);
      removeLab(names);
      rmSync(workDir, { recursive: true, force: true });
    })());
  const interrupted = (signal) => {
    console.error(`NAT lab: ${signal}, removing the lab…`);
    interruptedBy = signal;
    void cleanup().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    const started = Date.now();
    buildLab(names, nft);
    running.server = await startSignallingServer(names.inet, ROOT, workDir);
    running.coturn = await startCoturn(names.inet, turnserver, secret, workDir);
    running.browsers = await Promise.all([names.home1, names.home2].map((ns) => launchIn(ns, chromium, workDir)));
    const results = [];
    for (const [index, testCase] of CASES.entries()) {
      setNat(nft, names.nat2, testCase.nat2);
      results.push(await runCase(running.browsers, testCase, index, secret));
    }
    printTable(results);
    console.log(
      `NAT lab: ${results.filter((r) => r.ok).length} of ${results.length} cases as expected in ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    );
    return results.every((r) => r.ok) ? 0 : 1;
  } catch (err) {
    if (!interruptedBy) throw err;
    await cleanup();
    return 130; // the case failed because we were stopping
  } finally {
    await cleanup();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`NAT lab failed: ${err.stack ?? err}`);
    process.exit(1);
  },
);
