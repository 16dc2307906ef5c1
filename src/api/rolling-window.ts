/**
 * At most `limit` grants in any window of `windowMs` (half-open). Fivetran counts in rolling windows, and a
 * plain token bucket of capacity N lets up to 2N through in one window, so this keeps the last `limit`
 * grant times in a ring instead: each token comes back exactly `windowMs` after it was spent.
 */
export class RollingWindow {
  private readonly times: Float64Array;
  private next = 0;
  private used = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {
    this.times = new Float64Array(limit);
  }

  /** Milliseconds from `now` until one more grant fits; 0 when it fits now. */
  waitMs(now: number): number {
    if (this.used < this.limit) return 0;
    const oldest = this.times[this.next] ?? 0;
    return Math.max(0, oldest + this.windowMs - now);
  }

  /** Spends one token at `now`. */
  record(now: number): void {
    this.times[this.next] = now;
    this.next = (this.next + 1) % this.limit;
    this.used = Math.min(this.used + 1, this.limit);
  }
}
