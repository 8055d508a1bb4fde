#!/usr/bin/env node
// Browser tests need a real Chromium. We never download a browser build of our own (CI's network only reaches
// the npm registry and Debian's packages), so we use Debian's `chromium` package, installing it when missing.
// Prints the executable path on success; CHROME_PATH overrides everything.
import { existsSync } from 'node:fs';
import { findChromium } from './chromium-path.mjs';
import { ensureDebianPackage } from './debian-packages.mjs';

if (process.env.CHROME_PATH && !existsSync(process.env.CHROME_PATH)) {
  console.error(`CHROME_PATH is set to ${process.env.CHROME_PATH}, but no file is there.`);
  process.exit(1);
}
try {
  console.log(findChromium() ?? ensureDebianPackage('chromium', '/usr/bin/chromium'));
} catch (err) {
  console.error(`${err.message} Or set CHROME_PATH to a Chromium/Chrome executable.`);
  process.exit(1);
}
