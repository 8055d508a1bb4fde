// The NAT lab's "internet" services (see nat-lab.mjs): our signalling server (the built server/dist/server/cli.js, which
// also serves the lab page and the bundle) and Debian's coturn, both started inside the internet namespace on
// SERVICE_IP, plus the TURN REST credentials coturn checks with `use-auth-secret`.
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SERVICE_IP } from './nat-lab-network.mjs';

export const SERVER_PORT = 8080;
export const TURN_PORT = 3478;

/**
 * Starts `command` inside namespace `ns` (`ip netns exec` execs it, so the child's pid is the command's own) and
 * resolves once a line of its output matches `ready`. Rejects when it exits or stays silent for 15 s.
 */
function startIn(ns, command, args, ready, name) {
  const child = spawn('ip', ['netns', 'exec', ns, command, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let started = false;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`${name} did not start within 15 s:\n${output.slice(-2000)}`)),
      15_000,
    );
    const fail = (err) => {
      if (started) return;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(err);
    };
    const onData = (chunk) => {
      if (started) return; // keep draining the pipe (coturn logs on), but keep nothing
      output += chunk;
      if (ready.test(output)) {
        started = true;
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => fail(new Error(`${name} exited (${code}):\n${output.slice(-2000)}`)));
  });
}

/** Our server on SERVICE_IP:SERVER_PORT in dev mode, serving test/nat-lab/ at /lab and dist/ at /dist. */
export function startSignallingServer(ns, root, workDir) {
  const config = join(workDir, 'server.json');
  writeFileSync(
    config,
    JSON.stringify({
      staticDirs: [
        { urlPrefix: '/lab', dir: join(root, 'test', 'nat-lab') },
        { urlPrefix: '/dist', dir: join(root, 'dist') },
      ],
    }),
  );
  const cli = join(root, 'server', 'dist', 'server', 'cli.js');
  const args = [cli, '--host', SERVICE_IP, '--port', String(SERVER_PORT), '--config', config, '--quiet'];
  return startIn(ns, process.execPath, args, /listening on/, 'the signalling server');
}

/** coturn with TURN REST credentials (`use-auth-secret`); it answers STUN on the same port. */
export function startCoturn(ns, turnserver, secret, workDir) {
  const args = [
    '-n', // no configuration file
    '--listening-ip',
    SERVICE_IP,
    '--relay-ip',
    SERVICE_IP,
    '--listening-port',
    String(TURN_PORT),
    '--use-auth-secret',
    '--static-auth-secret',
    secret,
    '--realm',
    'lab',
    '--no-tls',
    '--no-dtls',
    '--no-cli',
    '--userdb',
    join(workDir, 'turndb'),
    '--pidfile',
    join(workDir, 'turnserver.pid'),
    '--log-file',
    'stdout',
    '--simple-log',
  ];
  // Its last start-up line; the UDP/TCP listeners were opened before it.
  return startIn(ns, turnserver, args, /DB connection success/, 'coturn');
}

/** TURN REST API credentials: username `<unix expiry>:<name>`, credential base64(HMAC-SHA1(secret, username)). */
export function turnCredentials(secret, name, ttlSeconds = 3600) {
  const username = `${Math.floor(Date.now() / 1000) + ttlSeconds}:${name}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

/** Stops a child we started (by its own pid) and waits for it to exit. */
export function stop(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
