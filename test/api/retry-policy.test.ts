import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, backoffDelay, decideRetry, parseRetryAfter, type AttemptFailure, type HttpMethod } from '../../src/api/index.js';

const base = { idempotent: false, transientFailures: 1, rateLimitFailures: 0, options: DEFAULT_RETRY, random: () => 0.5 };

describe('decideRetry', () => {
  const cases: Array<[HttpMethod, boolean, AttemptFailure, 'retry' | 'stop' | 'stop-ambiguous']> = [
    ['GET', false, { kind: 'status', status: 500 }, 'retry'],
    ['PATCH', false, { kind: 'status', status: 502 }, 'retry'],
    ['DELETE', false, { kind: 'timeout' }, 'retry'],
    ['PUT', false, { kind: 'truncated', status: 200 }, 'retry'],
    ['POST', false, { kind: 'status', status: 500 }, 'stop-ambiguous'],
    ['POST', false, { kind: 'network', reachedServer: true }, 'stop-ambiguous'],
    ['POST', false, { kind: 'timeout' }, 'stop-ambiguous'],
    ['POST', false, { kind: 'truncated', status: 201 }, 'stop-ambiguous'],
    ['POST', false, { kind: 'network', reachedServer: false }, 'retry'],
    ['POST', true, { kind: 'status', status: 503 }, 'retry'],
    ['POST', false, { kind: 'status', status: 429 }, 'retry'],
    ['GET', false, { kind: 'status', status: 400 }, 'stop'],
    ['PATCH', false, { kind: 'status', status: 409 }, 'stop'],
    ['GET', false, { kind: 'status', status: 501 }, 'stop'],
  ];
  it.each(cases)('%s (idempotent %s) after %j → %s', (method, idempotent, failure, expected) => {
    const rateLimited = failure.kind === 'status' && failure.status === 429;
    const decision = decideRetry({ ...base, method, idempotent, failure, rateLimitFailures: rateLimited ? 1 : 0 });
    const actual = decision.retry ? 'retry' : decision.ambiguous ? 'stop-ambiguous' : 'stop';
    expect(actual).toBe(expected);
  });

  it('stops after `attempts` transient failures and `rateLimitAttempts` 429s', () => {
    const options = { ...DEFAULT_RETRY, attempts: 3, rateLimitAttempts: 5 };
    expect(decideRetry({ ...base, options, method: 'GET', failure: { kind: 'timeout' }, transientFailures: 2 }).retry).toBe(true);
    expect(decideRetry({ ...base, options, method: 'GET', failure: { kind: 'timeout' }, transientFailures: 3 }).retry).toBe(false);
    expect(decideRetry({ ...base, options, method: 'GET', failure: { kind: 'status', status: 429 }, rateLimitFailures: 4 }).retry).toBe(true);
    expect(decideRetry({ ...base, options, method: 'GET', failure: { kind: 'status', status: 429 }, rateLimitFailures: 5 }).retry).toBe(false);
  });

  it('uses Retry-After when given and refuses one above maxWaitMs', () => {
    const failure = (retryAfterMs: number): AttemptFailure => ({ kind: 'status', status: 429, retryAfterMs });
    expect(decideRetry({ ...base, method: 'POST', failure: failure(4000), rateLimitFailures: 1 })).toMatchObject({ retry: true, delayMs: 4000 });
    expect(decideRetry({ ...base, method: 'POST', failure: failure(3_600_000), rateLimitFailures: 1 })).toEqual({ retry: false, ambiguous: false, askedToWaitMs: 3_600_000 });
  });

  it('backoff stays within [0, min(cap, base·2^(n-1))) for any jitter', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (n, r) => {
        const delay = backoffDelay(n, DEFAULT_RETRY, () => r);
        const ceiling = Math.min(DEFAULT_RETRY.maxDelayMs, DEFAULT_RETRY.baseDelayMs * 2 ** (n - 1));
        return delay >= 0 && delay <= ceiling && Number.isInteger(delay);
      }),
    );
  });
});

describe('parseRetryAfter', () => {
  const now = () => Date.parse('2026-03-01T12:00:00Z');
  it.each([
    ['120', 120_000],
    [' 3 ', 3000],
    ['1.5', 1500],
    ['0', 0],
    ['Sun, 01 Mar 2026 12:00:30 GMT', 30_000],
    ['Sun, 01 Mar 2026 11:59:00 GMT', 0],
  ])('%j → %d ms', (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });

  it.each([undefined, '', 'soon', '-5'])('%j → undefined (fall back to backoff)', (header) => {
    expect(parseRetryAfter(header, now)).toBeUndefined();
  });
});
