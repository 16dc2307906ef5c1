import { InterruptedError, StepError } from '../../errors.js';
import { formatDuration } from '../../util/duration.js';

/** How `poll` reads, decides, and spaces its reads. */
export interface PollOptions<T, R> {
  /** One fresh read of what is being watched. */
  read: () => Promise<T>;
  /** The result once the wait is over, undefined to keep waiting; may throw to end it as a failure. */
  check: (value: T) => R | undefined;
  /** What is awaited and what was last seen, for the timeout message. */
  describe: (last: T) => string;
  timeoutMs: number;
  /** Delay before the second read; each later delay is 1.5× the previous, up to `maxIntervalMs`. */
  intervalMs: number;
  maxIntervalMs: number;
  sleep: (ms: number) => Promise<void>;
  now: () => number;
  signal: AbortSignal;
}

export interface PollResult<T, R> {
  value: T;
  result: R;
  waitedMs: number;
}

export const BACKOFF_FACTOR = 1.5;

/**
 * Reads at once, then again after growing delays until `check` says done, the timeout passes
 * (StepError saying what was last seen) or the run is interrupted (InterruptedError).
 */
export async function poll<T, R>(options: PollOptions<T, R>): Promise<PollResult<T, R>> {
  const started = options.now();
  // At least 1 ms, so a clock that only moves when slept on still reaches the timeout.
  let delay = Math.max(1, Math.min(options.intervalMs, options.maxIntervalMs));
  for (;;) {
    const value = await options.read();
    const result = options.check(value);
    const waitedMs = options.now() - started;
    if (result !== undefined) return { value, result, waitedMs };
    if (waitedMs >= options.timeoutMs) {
      throw new StepError(`gave up after ${formatDuration(options.timeoutMs)}: ${options.describe(value)}`);
    }
    await options.sleep(Math.min(delay, options.timeoutMs - waitedMs));
    if (options.signal.aborted) throw new InterruptedError('interrupted while waiting');
    delay = Math.max(1, Math.min(delay * BACKOFF_FACTOR, options.maxIntervalMs));
  }
}
