import type { HttpMethod } from './client-types.js';

/** How persistent the client is. Every field has a default; pass only what you change. */
export interface RetryOptions {
  /** Most attempts of one call when failures are transient (5xx, network, timeout). Default 4. */
  attempts: number;
  /** Most attempts of one call while the API answers 429. Default 10. */
  rateLimitAttempts: number;
  /** First backoff step; doubles each attempt. Default 500. */
  baseDelayMs: number;
  /** Backoff cap. Default 30 000. */
  maxDelayMs: number;
  /** Longest `Retry-After` the client accepts; a longer one fails at once. Default 300 000 (5 min). */
  maxWaitMs: number;
}

export const DEFAULT_RETRY: Readonly<RetryOptions> = {
  attempts: 4,
  rateLimitAttempts: 10,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxWaitMs: 300_000,
};

/** What went wrong with one attempt, as far as the retry policy cares. */
export type AttemptFailure =
  | { kind: 'status'; status: number; retryAfterMs?: number }
  /** `reachedServer` false: refused before anything was sent (ECONNREFUSED, DNS), so any method may be re-sent. */
  | { kind: 'network'; reachedServer: boolean }
  | { kind: 'timeout' }
  /** Headers arrived but the body broke off. */
  | { kind: 'truncated'; status: number }
  /** The body was bigger than the client reads: it would be again, so this is final. */
  | { kind: 'too-large'; status: number };

export type RetryDecision =
  | { retry: true; delayMs: number; reason: string }
  | {
      retry: false;
      /** The write may have reached the server and been applied: the caller reconciles instead of re-sending. */
      ambiguous: boolean;
      /** Set when the API asked to wait longer than `maxWaitMs`. */
      askedToWaitMs?: number;
      /** Stopped because sending again could apply the write twice (not because attempts ran out). */
      unsafe?: boolean;
    };

export interface RetryInput {
  method: HttpMethod;
  /** The caller asserted this POST is safe to re-send. */
  idempotent: boolean;
  failure: AttemptFailure;
  /** Transient failures of this call so far, this one included. */
  transientFailures: number;
  /** 429 answers of this call so far, this one included. */
  rateLimitFailures: number;
  options: RetryOptions;
  /** In [0, 1); jitter source. */
  random: () => number;
}

/** True for calls that may be sent twice without harm: everything but a POST not marked idempotent. */
export function safeToResend(method: HttpMethod, idempotent: boolean): boolean {
  return method !== 'POST' || idempotent;
}

/** Capped exponential backoff with full jitter: uniform in [0, min(cap, base·2^(n-1))). */
export function backoffDelay(failures: number, options: RetryOptions, random: () => number): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.floor(random() * ceiling);
}

/**
 * The retry policy, as one pure function. A 429 was refused before processing, so it is always safe to
 * re-send; 5xx, resets and timeouts are re-sent only when the call is safe to repeat.
 */
export function decideRetry(input: RetryInput): RetryDecision {
  const { failure, options } = input;
  const resendable = safeToResend(input.method, input.idempotent);
  const write = input.method !== 'GET';
  if (failure.kind === 'status' && failure.status === 429) {
    if (failure.retryAfterMs !== undefined && failure.retryAfterMs > options.maxWaitMs) {
      return { retry: false, ambiguous: false, askedToWaitMs: failure.retryAfterMs };
    }
    if (input.rateLimitFailures >= options.rateLimitAttempts) return { retry: false, ambiguous: false };
    const delayMs = failure.retryAfterMs ?? backoffDelay(input.rateLimitFailures, options, input.random);
    return { retry: true, delayMs, reason: `429 Too Many Requests${failure.retryAfterMs === undefined ? '' : ' (Retry-After)'}` };
  }
  const transient = transientReason(failure);
  if (transient === undefined) return { retry: false, ambiguous: false };
  const reachedServer = !(failure.kind === 'network' && !failure.reachedServer);
  if (!reachedServer || resendable) {
    if (input.transientFailures >= options.attempts) return { retry: false, ambiguous: write && reachedServer };
    const hinted = failure.kind === 'status' ? failure.retryAfterMs : undefined;
    if (hinted !== undefined && hinted > options.maxWaitMs) {
      return { retry: false, ambiguous: write, askedToWaitMs: hinted };
    }
    const delayMs = hinted ?? backoffDelay(input.transientFailures, options, input.random);
    return { retry: true, delayMs, reason: transient };
  }
  return { retry: false, ambiguous: true, unsafe: true };
}

/** Why a failure is worth another attempt, or undefined when it is final (4xx other than 429, 501). */
function transientReason(failure: AttemptFailure): string | undefined {
  switch (failure.kind) {
    case 'status':
      return failure.status >= 500 && failure.status !== 501 ? `HTTP ${failure.status}` : undefined;
    case 'network':
      return failure.reachedServer ? 'connection lost' : 'connection refused';
    case 'timeout':
      return 'timeout';
    case 'truncated':
      return 'truncated response';
    case 'too-large':
      return undefined;
  }
}
