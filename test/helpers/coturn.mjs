// A real coturn (Debian's `coturn` package) for tests: started in the foreground on a free port with everything
// on the command line (no /etc/turnserver.conf is read), verifying credentials the way our server mints them
// (TURN REST API: `--use-auth-secret --static-auth-secret`). Used by node tests and by the web-test-runner plugin.
//
// coturn refuses to relay to loopback peers unless told (`--allow-loopback-peers`), which every test on one machine
// needs: both peers' relay addresses are 127.0.0.1.
import { spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TURNSERVER = '/usr/bin/turnserver';
/** Generous guard for coturn to start listening; a broken install fails the test instead of hanging it. */
const START_GUARD_MS = 10_000;
/**
 * Relay ports per coturn: each peer connection needs one allocation, tests use a handful. An allocation a closed
 * page did not release holds its port until it expires (10 min), so a long benchmark asks for more.
 */
const RELAY_PORT_COUNT = 40;

/** True when `port` is free for both TCP and UDP on `ip` (coturn listens on both). */
async function portIsFree(ip, port) {
  const tcpFree = await new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, ip, () => server.close(() => resolve(true)));
  });
  if (!tcpFree) return false;
  return new Promise((resolve) => {
    const socket = createSocket(ip.includes(':') ? 'udp6' : 'udp4');
    socket.once('error', () => resolve(false));
    socket.bind(port, ip, () => socket.close(() => resolve(true)));
  });
}

/** A random free port, and a run of `count` ports after it whose ends are free too, all in 20000–59999. */
async function freePorts(ip, count) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20000 + Math.floor(Math.random() * 39000);
    const wanted = [base, base + 1, base + count];
    const results = await Promise.all(wanted.map((port) => portIsFree(ip, port)));
    if (results.every(Boolean)) return { port: base, minPort: base + 1, maxPort: base + count };
  }
  throw new Error('no free port range for coturn');
}

/**
 * Starts coturn and resolves once it listens.
 * @param {{ secret: string, listenIp?: string, relayIp?: string, port?: number, realm?: string, relayPortCount?: number }} options
 * @returns {Promise<{ url: string, port: number, stop(): Promise<void>, output(): string }>}
 */
export async function startCoturn({
  secret,
  listenIp = '127.0.0.1',
  relayIp = listenIp,
  port,
  realm = 'metered.test',
  relayPortCount = RELAY_PORT_COUNT,
}) {
  if (typeof secret !== 'string' || secret.length === 0) throw new Error('startCoturn needs a secret');
  const ports = await freePorts(listenIp, relayPortCount);
  const listeningPort = port ?? ports.port;
  // An empty config file: without -c coturn would also read the machine's /etc/turnserver.conf.
  const dir = mkdtempSync(join(tmpdir(), 'coturn-'));
  const configFile = join(dir, 'turnserver.conf');
  writeFileSync(configFile, '');
  const args = [
    '-c',
    configFile,
    '--use-auth-secret',
    '--static-auth-secret',
    secret,
    '--realm',
    realm,
    '--listening-ip',
    listenIp,
    '--relay-ip',
    relayIp,
    '--listening-port',
    String(listeningPort),
    '--min-port',
    String(ports.minPort),
    '--max-port',
    String(ports.maxPort),
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    '--allow-loopback-peers',
    '--pidfile',
    join(dir, 'turnserver.pid'),
    '--userdb',
    join(dir, 'turndb'),
    '--log-file',
    'stdout',
    '--simple-log',
    '--no-software-attribute',
  ];
  const child = spawn(TURNSERVER, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk) => {
    output += chunk.toString();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(killer);
    rmSync(dir, { recursive: true, force: true });
  };

  // Ready = it answers a STUN Binding request on the UDP port (its log says less without -v, and later).
  const deadline = Date.now() + START_GUARD_MS;
  while (!(await answersStun(listenIp, listeningPort))) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`turnserver exited before listening:\n${redact(output, secret)}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`turnserver did not listen within ${START_GUARD_MS} ms:\n${redact(output, secret)}`);
    }
  }
  const host = listenIp.includes(':') ? `[${listenIp}]` : listenIp;
  return { url: `turn:${host}:${listeningPort}`, port: listeningPort, stop, output: () => redact(output, secret) };
}

/** Sends one STUN Binding request (RFC 5389) and resolves true when a Binding success answers within 200 ms. */
function answersStun(ip, port) {
  return new Promise((resolve) => {
    const socket = createSocket(ip.includes(':') ? 'udp6' : 'udp4');
    const request = Buffer.alloc(20);
    request.writeUInt16BE(0x0001, 0); // Binding request, no attributes
    request.writeUInt32BE(0x2112a442, 4); // magic cookie
    randomFillSync(request, 8, 12); // transaction id
    let settled = false;
    const finish = (answered) => {
      if (settled) return; // an error can follow a reply or the timeout; close the socket once
      settled = true;
      clearTimeout(timer);
      socket.close();
      resolve(answered);
    };
    const timer = setTimeout(() => finish(false), 200);
    socket.on('message', (reply) =>
      finish(
        reply.length >= 20 && reply.readUInt16BE(0) === 0x0101 && reply.subarray(8, 20).equals(request.subarray(8, 20)),
      ),
    );
    socket.on('error', () => finish(false));
    socket.send(request, port, ip);
  });
}

/** coturn echoes its command line in some versions: never let the shared secret reach a test report. */
function redact(text, secret) {
  return text.split(secret).join('<secret>');
}
