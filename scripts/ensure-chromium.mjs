#!/usr/bin/env node
// Browser tests need a real Chromium. We never download a browser build of our own (CI's network only reaches
// the npm registry and Debian's packages), so we use Debian's `chromium` package, installing it when missing.
// Prints the executable path on success; CHROME_PATH overrides everything.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium-path.mjs';

function install() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    console.error(
      'Chromium was not found. Install Debian\'s package with `sudo apt-get install -y chromium`, ' +
        'or set CHROME_PATH to a Chromium/Chrome executable.',
    );
    process.exit(1);
  }
  console.error('Chromium not found: installing Debian\'s `chromium` package (apt-get)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: ['ignore', 'ignore', 'inherit'], env });
}

if (process.env.CHROME_PATH && !existsSync(process.env.CHROME_PATH)) {
  console.error(`CHROME_PATH is set to ${process.env.CHROME_PATH}, but no file is there.`);
  process.exit(1);
}
if (!findChromium()) install();
const found = findChromium();
if (!found) {
  console.error('Chromium is still missing after apt-get install chromium.');
  process.exit(1);
}
console.log(found);
