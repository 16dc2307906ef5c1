/**
 * AIMD in-flight limit, as TCP and the AWS SDK's adaptive retry mode do it: halve on a 429, grow by about
 * one per window of successes, never above the configured cap. A burst of 429s from requests sent before
 * the cut counts as one signal (the `epoch`), so one wave of rejections halves once, not to 1.
 */
export class AdaptiveConcurrency {
  private limit: number;
  private epochCount = 0;
  /** Ceiling from `X-Rate-Limit-Remaining`: no point having more in flight than the hour has left. */
  private remainingCap = Infinity;

  constructor(private readonly cap: number = Infinity) {
    this.limit = cap;
  }

  /** How many requests may be in flight now (at least 1). */
  get allowed(): number {
    return Math.max(1, Math.min(Math.floor(this.limit), this.remainingCap));
  }

  /** Bumped on every cut; permits remember it to tell old rejections from new ones. */
  get epoch(): number {
    return this.epochCount;
  }

  /** A 429 for a request granted in `grantEpoch` while `inFlight` requests were out. */
  onRateLimited(grantEpoch: number, inFlight: number): void {
    if (grantEpoch !== this.epochCount) return;
    this.limit = Math.max(1, Math.floor(Math.min(this.limit, Math.max(inFlight, 1)) / 2));
    this.epochCount++;
  }

  /** Any non-429 answer: additive increase, one step per `limit` successes. */
  onSuccess(): void {
    if (this.limit >= this.cap) return;
    this.limit = Math.min(this.cap, this.limit + 1 / Math.max(1, this.limit));
  }

  /** The API said how many requests the rolling hour has left. */
  observeRemaining(remaining: number): void {
    this.remainingCap = Math.max(1, remaining);
  }
}
