/**
 * Node-side clients for the server tests: a raw WebSocket client that queues frames (to assert exact wire
 * behaviour), the official SDK wired to `ws`, and a refused-upgrade probe that reports HTTP status and body.
 */
import { WebSocket } from 'ws';
import { MeteredPeer, SignallingClient } from '@metered-ca/realtime';
import { SignJWT } from 'jose';
import { DEV_PUBLISHABLE_KEY, DEV_SECRET, DEV_SECRET_KEY_ID, type RunningServer } from '../../server/index.js';

export type Frame = Record<string, unknown> & { type: string };

/** Generous guard so a broken server fails the test instead of hanging it; never used to assert timing. */
const WAIT_GUARD_MS = 8000;

export class RawClient {
  readonly frames: Frame[] = [];
  private readonly waiters = new Set<() => void>();
  readonly opened: Promise<void>;
  readonly closed: Promise<{ code: number; reason: string }>;
  private cursor = 0;

  constructor(readonly socket: WebSocket) {
    this.opened = new Promise((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
      socket.once('error', reject);
    });
    this.closed = new Promise((resolve) => {
      socket.once('close', (code, reason) => {
        resolve({ code, reason: reason.toString() });
        this.wake();
      });
    });
    socket.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      this.wake();
    });
  }

  static async connect(server: RunningServer, query: string, headers: Record<string, string> = {}): Promise<RawClient> {
    const client = new RawClient(new WebSocket(`${server.wsUrl}/v1?${query}`, { headers }));
    await client.opened;
    return client;
  }

  /** Connects with the dev publishable key and returns the client after its welcome. */
  static async welcomed(server: RunningServer, query = `key=${DEV_PUBLISHABLE_KEY}`): Promise<RawClient> {
    const client = await RawClient.connect(server, query);
    await client.next('welcome');
    return client;
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** The next unread frame (optionally of `type`); frames of other types before it are skipped. */
  async next(type?: string): Promise<Frame> {
    const deadline = Date.now() + WAIT_GUARD_MS;
    for (;;) {
      while (this.cursor < this.frames.length) {
        const frame = this.frames[this.cursor++];
        if (type === undefined || frame.type === type) return frame;
      }
      if (this.socket.readyState === WebSocket.CLOSED)
        throw new Error(`socket closed while waiting for ${type ?? 'a frame'}`);
      if (Date.now() > deadline) throw new Error(`no ${type ?? 'frame'} arrived`);
      await new Promise<void>((resolve) => {
        const done = () => {
          this.waiters.delete(done);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(done, 200);
        this.waiters.add(done);
      });
    }
  }

  /** Every frame received so far that has not been read with `next`. */
  unread(): Frame[] {
    return this.frames.slice(this.cursor);
  }

  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Sends a frame with a requestId and returns the ack or error answering it. */
  async request(frame: Record<string, unknown>): Promise<Frame> {
    const requestId = `r-${Math.random().toString(36).slice(2)}`;
    this.send({ ...frame, requestId });
    const deadline = Date.now() + WAIT_GUARD_MS;
    for (;;) {
      const answer = this.frames.find((f) => f.requestId === requestId);
      if (answer) return answer;
      if (Date.now() > deadline || this.socket.readyState === WebSocket.CLOSED) {
        throw new Error(`no answer to ${String(frame.type)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /**
   * Round-trips a marker request (an `unsubscribe` of a never-used channel, acked in order), so every frame the
   * server sent before that ack has arrived. The read cursor stays put.
   */
  async flush(): Promise<void> {
    await this.request({ type: 'unsubscribe', channel: 'flush-marker' });
  }

  close(): Promise<{ code: number; reason: string }> {
    if (this.socket.readyState === WebSocket.OPEN || this.socket.readyState === WebSocket.CONNECTING)
      this.socket.close();
    return this.closed;
  }
}

/** Attempts an upgrade that should be refused; resolves with the HTTP status and JSON body. */
export function refusedUpgrade(
  server: RunningServer,
  query: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; raw: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${server.wsUrl}/v1?${query}`, { headers });
    socket.once('open', () => {
      socket.close();
      reject(new Error('upgrade was accepted'));
    });
    socket.once('unexpected-response', (_req, res) => {
      let raw = '';
      res.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: JSON.parse(raw) as Record<string, unknown>, raw }),
      );
    });
    socket.once('error', () => {
      /* reported through unexpected-response */
    });
  });
}

/**
 * The SDK's WebSocket in Node. `allowSynchronousEvents: false` gives each message its own tick, as browsers do.
 * Needed because MeteredPeer.join() records its channel only after `await subscribe()` resolves: with ws's
 * default (several messages of one TCP read emitted synchronously) the roster snapshot that follows the ack is
 * handled before that await resumes and is dropped as "another channel" (SDK 1.2.0 behaviour; never in browsers).
 */
export const wsFactory = (url: string) =>
  new WebSocket(url, { allowSynchronousEvents: false }) as unknown as globalThis.WebSocket;

export function sdkClient(
  server: RunningServer,
  credential: { apiKey?: string; token?: string } = {},
): SignallingClient {
  const { token } = credential;
  return new SignallingClient({
    url: server.wsUrl,
    ...(token ? { tokenProvider: async () => token } : { apiKey: credential.apiKey ?? DEV_PUBLISHABLE_KEY }),
    webSocketFactory: wsFactory,
  } as ConstructorParameters<typeof SignallingClient>[0]);
}

/**
 * A do-nothing RTCPeerConnection for MeteredPeer in Node, which has no WebRTC. MeteredPeer builds one per remote
 * peer as soon as presence announces it; without a factory that construction throws and the peer is dropped.
 * These tests exercise signalling only (join / presence / data); no offer is ever made because no track is added.
 */
export function inertPeerConnection(): unknown {
  return {
    connectionState: 'new',
    signalingState: 'stable',
    iceConnectionState: 'new',
    localDescription: null,
    remoteDescription: null,
    createOffer: async () => ({ type: 'offer', sdp: '' }),
    createAnswer: async () => ({ type: 'answer', sdp: '' }),
    setLocalDescription: async () => {},
    setRemoteDescription: async () => {},
    addIceCandidate: async () => {},
    addTrack: () => ({}),
    removeTrack: () => {},
    getSenders: () => [],
    createDataChannel: () => ({}),
    setConfiguration: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    close: () => {},
  };
}

export function sdkPeer(
  server: RunningServer,
  credential: { apiKey?: string; tokenProvider?: () => Promise<string> } = {},
): MeteredPeer {
  return new MeteredPeer({
    url: server.wsUrl,
    ...(credential.tokenProvider
      ? { tokenProvider: credential.tokenProvider }
      : { apiKey: credential.apiKey ?? DEV_PUBLISHABLE_KEY }),
    webSocketFactory: wsFactory,
    rtcPeerConnectionFactory: inertPeerConnection,
  } as unknown as ConstructorParameters<typeof MeteredPeer>[0]);
}

/** Signs a JWT for tests; defaults to the dev secret key, a 1-hour lifetime and no extra claims. */
export async function signToken(
  claims: Record<string, unknown> & { sub?: string },
  options: { kid?: string | null; secret?: string; expiresInSec?: number } = {},
): Promise<string> {
  const { sub = 'peer-a', ...rest } = claims;
  const kid = options.kid === undefined ? DEV_SECRET_KEY_ID : options.kid;
  const jwt = new SignJWT(rest)
    .setProtectedHeader(kid === null ? { alg: 'HS256' } : { alg: 'HS256', kid })
    .setSubject(sub)
    .setExpirationTime(Math.floor(Date.now() / 1000) + (options.expiresInSec ?? 3600));
  return jwt.sign(new TextEncoder().encode(options.secret ?? DEV_SECRET));
}

export const DEV_BEARER = { authorization: `Bearer ${DEV_SECRET_KEY_ID}:${DEV_SECRET}` };

/** Calls the REST API; returns status and parsed JSON body. */
export async function rest(
  server: RunningServer,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = DEV_BEARER,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Resolves when `predicate` turns true; polls, with the same guard as frame waits. */
export async function until(predicate: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + WAIT_GUARD_MS;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
