/**
 * One authenticated WebSocket: sends `welcome`, then answers each client frame in order. Enforces the
 * per-connection limits (token bucket → 4011, channel cap, quota) and the token's lifetime (4002 ~250 ms before
 * `exp`). Error frames carry fixed text only; nothing the client sent is echoed except a valid requestId.
 */
import type { WebSocket, RawData } from 'ws';
import type { Action } from './config.js';
import type { Principal } from './auth.js';
import type { Member } from './hub.js';
import type { ServerContext } from './context.js';
import { matchesAny } from './channel-patterns.js';
import { parseClientFrame, type ClientFrame } from './client-frames.js';
import { errorFrame, type WireErrorCode } from './error-codes.js';
import { TokenBucket } from './rate-limits.js';
import { serverIceServers, welcomeMetadata } from './ice-servers.js';
import { describeError } from './log.js';

/** A slow reader whose outgoing queue passes this is disconnected instead of growing server memory without bound. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
const MAX_TIMER_MS = 2 ** 31 - 1;

export class Connection implements Member {
  readonly peerId: string;
  readonly peerMetadata?: Record<string, unknown>;
  readonly receivesPresence: boolean;
  private readonly bucket: TokenBucket;
  private expiryTimer: NodeJS.Timeout | null = null;
  private closing = false;

  constructor(
    readonly id: number,
    private readonly socket: WebSocket,
    private readonly principal: Principal,
    private readonly context: ServerContext,
  ) {
    this.peerId = principal.peerId;
    if (principal.peerMetadata) this.peerMetadata = principal.peerMetadata;
    this.receivesPresence = principal.actions.has('presence');
    const { messagesPerSecond, messageBurst } = context.config.limits;
    this.bucket = new TokenBucket(messagesPerSecond, messageBurst);
  }

  /** Joins the hub, sends `welcome` and starts listening. */
  start(): void {
    this.context.hub.add(this);
    this.socket.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    this.socket.on('close', (code) => this.onClose(code));
    this.socket.on('error', () => {
      /* 'close' follows; ws reports protocol errors (including 1009) by closing */
    });
    const welcome: Record<string, unknown> = {
      type: 'welcome',
      peerId: this.peerId,
      expiresAt: this.principal.expiresAt,
      serverTime: Date.now(),
      maxMessageSize: this.context.config.limits.maxFrameBytes,
    };
    // ICE servers with fresh TURN credentials for this peerId, appended to any the JWT's metadata carries.
    const metadata = welcomeMetadata(this.principal.metadata, serverIceServers(this.context.config, this.peerId));
    if (metadata) welcome.metadata = metadata;
    this.sendText(JSON.stringify(welcome));
    this.armExpiry();
    this.context.log({ event: 'connect', connection: this.id, peerId: this.peerId, auth: this.principal.kind });
  }

  sendText(text: string): void {
    if (this.closing || this.socket.readyState !== this.socket.OPEN) return;
    if (this.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(1008, 'slow_consumer');
      return;
    }
    this.socket.send(text);
  }

  /** Closes with a code and a fixed reason; the hub forgets the connection at once. */
  close(code: number, reason: string): void {
    if (this.closing) return;
    this.closing = true;
    this.leaveHub();
    this.context.log({ event: 'closed_by_server', connection: this.id, peerId: this.peerId, code, reason });
    this.socket.close(code, reason);
  }

  /** Graceful shutdown: `going_away` then close 1001. */
  goAway(retryAfterMs: number): void {
    this.sendText(JSON.stringify({ type: 'going_away', retryAfterMs }));
    this.close(1001, 'going_away');
  }

  private leaveHub(): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
    this.context.hub.remove(this);
  }

  private onClose(code: number): void {
    const byServer = this.closing;
    this.closing = true;
    this.leaveHub();
    if (!byServer) this.context.log({ event: 'disconnect', connection: this.id, peerId: this.peerId, code });
  }

  private armExpiry(): void {
    if (this.principal.expiresAt === null) return;
    const delay = this.principal.expiresAt * 1000 - 250 - Date.now();
    this.expiryTimer = setTimeout(
      () => (delay > MAX_TIMER_MS ? this.armExpiry() : this.close(4002, 'token_expired')),
      Math.max(0, Math.min(delay, MAX_TIMER_MS)),
    );
    this.expiryTimer.unref();
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.closing) return;
    if (!this.bucket.take()) {
      this.close(4011, 'over_message_rate');
      return;
    }
    if (isBinary) {
      this.sendError('malformed_message');
      return;
    }
    const text = Buffer.isBuffer(data)
      ? data.toString('utf8')
      : Array.isArray(data)
        ? Buffer.concat(data).toString('utf8')
        : Buffer.from(data).toString('utf8');
    const parsed = parseClientFrame(text);
    if (!parsed.ok) {
      this.sendError(parsed.code, parsed.requestId);
      return;
    }
    try {
      this.handle(parsed.frame);
    } catch (err) {
      // A bug in one frame's handling must not take the server down; the client learns it failed, the log says
      // where (never the message or the frame: they may hold client data).
      this.context.log({
        event: 'error',
        reason: `${parsed.frame.type} handler failed`,
        connection: this.id,
        peerId: this.peerId,
        ...describeError(err),
      });
      this.sendError('internal_error', 'requestId' in parsed.frame ? parsed.frame.requestId : undefined);
    }
  }

  private handle(frame: ClientFrame): void {
    switch (frame.type) {
      case 'ping':
        this.sendText('{"type":"pong"}');
        return;
      case 'subscribe':
        return this.subscribe(frame);
      case 'unsubscribe':
        this.context.hub.unsubscribe(this, frame.channel);
        this.ack(frame.requestId);
        return;
      case 'publish':
        if (!this.permits('publish', frame.requestId)) return;
        if (!this.channelAllowed(frame.channel)) return this.sendError('channel_not_authorized', frame.requestId);
        if (!this.context.quotaAllows()) return this.sendError('over_message_quota', frame.requestId);
        this.context.hub.publish(frame.channel, this.peerId, this.peerMetadata, frame.data, this);
        this.ack(frame.requestId);
        return;
      case 'send':
        if (!this.permits('send', frame.requestId)) return;
        if (!this.context.quotaAllows()) return this.sendError('over_message_quota', frame.requestId);
        if (this.context.hub.sendDirect(frame.to, this, frame.data) === null) {
          return this.sendError('peer_not_found', frame.requestId);
        }
        this.ack(frame.requestId);
        return;
    }
  }

  private subscribe(frame: Extract<ClientFrame, { type: 'subscribe' }>): void {
    if (!this.permits('subscribe', frame.requestId)) return;
    if (!this.channelAllowed(frame.channel)) {
      this.sendError('channel_not_authorized', frame.requestId);
      // A JWT's `channels` claim is binding: the sheet closes such connections with 4003 (terminal in the SDK).
      if (this.principal.channelClaimIsBinding) this.close(4003, 'channel_not_authorized');
      return;
    }
    const hub = this.context.hub;
    if (
      !hub.isSubscribed(this, frame.channel) &&
      hub.subscriptionCount(this) >= this.context.config.limits.maxChannelsPerConnection
    ) {
      return this.sendError('channel_limit_exceeded', frame.requestId);
    }
    hub.subscribe(this, frame.channel, frame.includeSenderMetadata, () => this.ack(frame.requestId));
  }

  private permits(action: Action, requestId: string | undefined): boolean {
    if (this.principal.actions.has(action)) return true;
    this.sendError('action_not_permitted', requestId);
    return false;
  }

  private channelAllowed(channel: string): boolean {
    return this.principal.channelPatternSets.every((patterns) => matchesAny(channel, patterns));
  }

  private ack(requestId: string | undefined): void {
    if (requestId !== undefined) this.sendText(JSON.stringify({ type: 'ack', requestId }));
  }

  private sendError(code: WireErrorCode, requestId?: string): void {
    this.sendText(errorFrame(code, requestId));
  }
}
