/**
 * The two rate limiters: a per-connection token bucket for inbound frames (empty → close 4011) and a per-source-IP
 * sliding window for connection attempts (over → HTTP 429 at upgrade).
 */

export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.refilledAt = now();
  }

  /** Takes one token; false when the bucket is empty. */
  take(): boolean {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) * this.perSecond) / 1000);
    this.refilledAt = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export class AttemptWindow {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly perWindow: number,
    private readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records an attempt from `source`; false when it is over the limit (the attempt still counts). */
  allow(source: string): boolean {
    const now = this.now();
    const recent = (this.attempts.get(source) ?? []).filter((at) => now - at < this.windowMs);
    recent.push(now);
    this.attempts.set(source, recent);
    if (this.attempts.size > 10_000) this.prune(now);
    return recent.length <= this.perWindow;
  }

  private prune(now: number): void {
    for (const [source, times] of this.attempts) {
      if (times.every((at) => now - at >= this.windowMs)) this.attempts.delete(source);
    }
  }
}
