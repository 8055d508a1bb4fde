#!/usr/bin/env node
// The relay tests need a real TURN server: Debian's `coturn` package (/usr/bin/turnserver), installed with apt-get
// when missing and we are root, as ensure-chromium.mjs does for Chromium. Prints the executable path on success.
import { ensureDebianPackage } from './debian-packages.mjs';

try {
  console.log(ensureDebianPackage('coturn', '/usr/bin/turnserver'));
} catch (err) {
  console.error(err.message);
  process.exit(1);
}
