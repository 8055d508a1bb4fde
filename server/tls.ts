/**
 * HTTPS + WSS on the server's one port: `tls: {certFile, keyFile}` in the config (`--tls-cert` / `--tls-key`).
 * Needed for a phone on the LAN, whose browser gives a page its camera only in a secure context. Errors name the
 * file, never its contents (the key file is a secret).
 */
import { readFileSync } from 'node:fs';
import { isRecord } from '../src/wire/is-record.js';
import { ConfigError, rejectUnknownKeys } from './config-error.js';

export interface TlsConfig {
  /** PEM certificate (chain) file. */
  certFile: string;
  /** PEM private key file. */
  keyFile: string;
}

/** The PEM contents Node's `https.createServer` takes. */
export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
}

export function validateTls(value: unknown, where = 'config.tls'): TlsConfig {
  if (!isRecord(value)) throw new ConfigError(`${where} must be an object {certFile, keyFile}`);
  rejectUnknownKeys(value, ['certFile', 'keyFile'], where);
  for (const field of ['certFile', 'keyFile'] as const) {
    if (typeof value[field] !== 'string' || value[field].length === 0) {
      throw new ConfigError(`${where}.${field} must be a file path`);
    }
  }
  return { certFile: value.certFile as string, keyFile: value.keyFile as string };
}

function readPem(path: string, what: string): Buffer {
  let pem: Buffer;
  try {
    pem = readFileSync(path);
  } catch (err) {
    throw new ConfigError(
      `cannot read the TLS ${what} file ${path}: ${(err as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  if (!pem.includes('-----BEGIN ')) throw new ConfigError(`the TLS ${what} file ${path} is not PEM`);
  return pem;
}

export function readTlsMaterial(tls: TlsConfig): TlsMaterial {
  return { cert: readPem(tls.certFile, 'certificate'), key: readPem(tls.keyFile, 'key') };
}
