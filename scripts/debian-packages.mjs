// Debian packages the tests need (Chromium, coturn, nftables, …): installed with apt-get when missing and we are
// root, as on CI; otherwise a clear message naming the package. No tool ever downloads a binary of its own.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

let updated = false;

/** True when we may install system packages (root). */
export function canInstall() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Makes sure `pkg` is installed, judged by `executable` existing. Returns the executable's path, or throws an
 * Error whose message says how to install it by hand.
 * @param {string} pkg Debian package name
 * @param {string} executable absolute path the package provides
 */
export function ensureDebianPackage(pkg, executable) {
  if (existsSync(executable)) return executable;
  if (!canInstall()) {
    throw new Error(`${executable} is missing: install Debian's package with \`sudo apt-get install -y ${pkg}\`.`);
  }
  console.error(`${executable} not found: installing Debian's \`${pkg}\` package (apt-get)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) {
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    updated = true;
  }
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', pkg], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env,
  });
  if (!existsSync(executable)) throw new Error(`${executable} is still missing after apt-get install ${pkg}.`);
  return executable;
}
