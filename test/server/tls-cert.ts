// A throwaway self-signed certificate for localhost / 127.0.0.1 / ::1, made with the `openssl` command (Debian's
// `openssl` package, installed like Chromium when missing and we are root). Used by the TLS tests only.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const OPENSSL = '/usr/bin/openssl';

export interface TestCertificate {
  certFile: string;
  keyFile: string;
  /** The certificate's PEM: clients trust it as their only CA. */
  cert: Buffer;
}

async function ensureOpenssl(): Promise<void> {
  if (existsSync(OPENSSL)) return;
  // A computed specifier: the helper is plain JavaScript shared with the scripts, typed here by hand.
  const helpers = (await import(new URL('../../scripts/debian-packages.mjs', import.meta.url).href)) as {
    ensureDebianPackage(pkg: string, executable: string): string;
  };
  helpers.ensureDebianPackage('openssl', OPENSSL);
}

export async function selfSignedCertificate(): Promise<TestCertificate> {
  await ensureOpenssl();
  const dir = mkdtempSync(join(tmpdir(), 'me-tls-'));
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync(
    OPENSSL,
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1',
      '-keyout',
      keyFile,
      '-out',
      certFile,
    ],
    { stdio: 'ignore' },
  );
  return { certFile, keyFile, cert: readFileSync(certFile) };
}
