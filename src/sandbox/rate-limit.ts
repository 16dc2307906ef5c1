/**
 * Fivetran's account rate limits (CONTRACT §4) as token buckets per traffic class: every request
 * draws from the overall bucket; setup tests, source interactions and user creations also draw from
 * their own. A bucket of capacity N per window refills continuously at N/window, so a client that
 * honours `Retry-After` waits seconds, not the whole window.
 */
import type { Clock } from './clock.js';

export type TrafficClass = 'setupTest' | 'source' | 'creation';

/** Bucket sizes; each undefined entry means "no limit of that kind". */
export interface RateLimits {
  /** Burst limit over one second for all requests. */
  perSecond?: number;
  /** All requests per rolling hour (the figure sent as `X-Rate-Limit`). */
  perHour?: number;
  /** Setup-test requests per minute. */
  setupTestsPerMinute?: number;
  /** Source-interaction requests (setup tests, schema reloads, column reads) per minute. */
  sourcePerMinute?: number;
  /** User creations per hour. */
  creationsPerHour?: number;
}

/** Fivetran's paid-tier numbers (Free/Standard/Enterprise/Business Critical). */
export const PAID_TIER_LIMITS: Readonly<RateLimits> = {
  perHour: 20_000,
  setupTestsPerMinute: 250,
  sourcePerMinute: 500,
  creationsPerHour: 500,
};

class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly refillPerMs: number;

  constructor(
    readonly capacity: number,
    windowMs: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
    this.refillPerMs = capacity / windowMs;
  }

  /** Milliseconds until one token is available (0 when one is available now). */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : (1 - this.tokens) / this.refillPerMs;
  }

  take(): void {
    this.tokens -= 1;
  }

  remaining(now: number): number {
    this.refill(now);
    return Math.max(0, Math.floor(this.tokens));
  }

  private refill(now: number): void {
    if (now > this.last) {
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.refillPerMs);
      this.last = now;
    }
  }
}

export type RateDecision =
  | { allowed: true }
  | { allowed: false; retryAfterSeconds: number; message: string };

interface ClassBucket {
  bucket: TokenBucket;
  message: string;
}

/** All buckets of one sandbox. */
export class RateLimiter {
  private overall: TokenBucket[] = [];
  private hourly: TokenBucket | undefined;
  private classes = new Map<TrafficClass, ClassBucket[]>();

  constructor(
    private readonly limits: RateLimits,
    private readonly clock: Clock,
  ) {
    this.reset();
  }

  /** Refills every bucket (used by `POST /__sandbox/reset`). */
  reset(): void {
    const now = this.clock();
    const { perSecond, perHour, setupTestsPerMinute, sourcePerMinute, creationsPerHour } = this.limits;
    this.hourly = perHour ? new TokenBucket(perHour, 3_600_000, now) : undefined;
    this.overall = [...(perSecond ? [new TokenBucket(perSecond, 1000, now)] : []), ...(this.hourly ? [this.hourly] : [])];
    const make = (limit: number | undefined, windowMs: number, message: string): ClassBucket[] =>
      limit ? [{ bucket: new TokenBucket(limit, windowMs, now), message }] : [];
    this.classes = new Map([
      ['setupTest', make(setupTestsPerMinute, 60_000, `No more than ${setupTestsPerMinute} setup tests can be run per minute`)],
      ['source', make(sourcePerMinute, 60_000, `No more than ${sourcePerMinute} source requests can be made per minute`)],
      ['creation', make(creationsPerHour, 3_600_000, `No more than ${creationsPerHour} users can be created hourly`)],
    ]);
  }

  /** Takes one token from every bucket the request draws from, or none if any is empty. */
  admit(classes: readonly TrafficClass[]): RateDecision {
    const now = this.clock();
    const buckets: { bucket: TokenBucket; message: string }[] = this.overall.map((bucket) => ({
      bucket,
      message: `API rate limit exceeded: no more than ${bucket.capacity} requests per ${bucket === this.hourly ? 'hour' : 'second'}`,
    }));
    for (const cls of classes) buckets.push(...(this.classes.get(cls) ?? []));
    let worst: { waitMs: number; message: string } | undefined;
    for (const { bucket, message } of buckets) {
      const waitMs = bucket.waitMs(now);
      if (waitMs > 0 && (!worst || waitMs > worst.waitMs)) worst = { waitMs, message };
    }
    // The epsilon keeps float noise (3600.0000001 s) from adding a whole second.
    if (worst) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(worst.waitMs / 1000 - 1e-6)), message: worst.message };
    for (const { bucket } of buckets) bucket.take();
    return { allowed: true };
  }

  /** Values of the `X-Rate-Limit` headers, or undefined when there is no hourly limit. */
  headers(): { limit: number; remaining: number } | undefined {
    return this.hourly ? { limit: this.hourly.capacity, remaining: this.hourly.remaining(this.clock()) } : undefined;
  }
}
