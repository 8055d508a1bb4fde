// HTTPS + WSS on the same port (`tls: {certFile, keyFile}`), with a throwaway self-signed certificate that the
// clients trust as their only CA, so the test proves a real TLS handshake for localhost.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { writeFileSync } from 'node:fs';
import { WebSocket } from 'ws';
import { ConfigError, startServer } from '../../server/index.js';
import { RawClient } from '../helpers/server-clients.js';
import { selfSignedCertificate } from './tls-cert.js';

function httpsGet(url: string, ca: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { ca, headers: { authorization: 'Bearer sk_id_dev_local:sk_secret_dev_local' } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('TLS', () => {
  it('serves HTTPS and WSS on one port: https:// and wss:// URLs, REST, the page, and a welcome over wss', async () => {
    const certificate = await selfSignedCertificate();
    const server = await startServer({
      port: 0,
      quiet: true,
      config: { tls: { certFile: certificate.certFile, keyFile: certificate.keyFile } },
    });
    try {
      assert.match(server.url, /^https:\/\/localhost:\d+$/);
      assert.match(server.wsUrl, /^wss:\/\/localhost:\d+$/);
      const usage = await httpsGet(`${server.url}/v1/usage`, certificate.cert);
      assert.equal(usage.status, 200);
      assert.equal((JSON.parse(usage.body) as { suspended: boolean }).suspended, false);
      assert.equal((await httpsGet(`${server.url}/`, certificate.cert)).status, 200);
      const client = new RawClient(new WebSocket(`${server.wsUrl}/v1?key=pk_dev_local`, { ca: certificate.cert }));
      await client.opened;
      assert.equal((await client.next('welcome')).type, 'welcome');
      await client.close();
      // Plain HTTP on the TLS port is not served.
      await assert.rejects(fetch(`http://localhost:${server.port}/v1/usage`));
    } finally {
      await server.close();
    }
  });

  it('an unreadable or non-PEM file is a ConfigError naming the file, never its contents', async () => {
    const certificate = await selfSignedCertificate();
    await assert.rejects(
      startServer({
        port: 0,
        quiet: true,
        config: { tls: { certFile: '/nonexistent/cert.pem', keyFile: certificate.keyFile } },
      }),
      (err: Error) =>
        err instanceof ConfigError &&
        err.message === 'cannot read the TLS certificate file /nonexistent/cert.pem: ENOENT',
    );
    const notPem = `${certificate.keyFile}.txt`;
    writeFileSync(notPem, 'private-key-material-do-not-print');
    await assert.rejects(
      startServer({ port: 0, quiet: true, config: { tls: { certFile: certificate.certFile, keyFile: notPem } } }),
      (err: Error) =>
        err instanceof ConfigError &&
        /TLS key file .* is not PEM/.test(err.message) &&
        !err.message.includes('do-not-print'),
    );
  });
});
