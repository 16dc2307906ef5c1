import { describe, expect, it } from 'vitest';
import { PAID_TIER_LIMITS, RateLimiter } from '../../../src/sandbox/rate-limit.js';

function limiter(limits: ConstructorParameters<typeof RateLimiter>[0]) {
  let now = 1_000_000;
  const rl = new RateLimiter(limits, () => now);
  return { rl, advance: (ms: number) => (now += ms) };
}

describe('RateLimiter', () => {
  it('refuses the request after the burst with an integer Retry-After, then refills', () => {
    const { rl, advance } = limiter({ perSecond: 2 });
    expect(rl.admit([])).toEqual({ allowed: true });
    expect(rl.admit([])).toEqual({ allowed: true });
    expect(rl.admit([])).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    advance(499);
    expect(rl.admit([]).allowed).toBe(false);
    advance(1);
    expect(rl.admit([]).allowed).toBe(true);
  });

  it('rounds Retry-After up to whole seconds', () => {
    const { rl } = limiter({ setupTestsPerMinute: 2 });
    rl.admit(['setupTest']);
    rl.admit(['setupTest']);
    // One token per 30 s.
    expect(rl.admit(['setupTest'])).toMatchObject({ allowed: false, retryAfterSeconds: 30 });
    expect(rl.admit([])).toEqual({ allowed: true });
  });

  it('does not consume from any bucket when one refuses', () => {
    const { rl } = limiter({ perHour: 10, sourcePerMinute: 1 });
    expect(rl.admit(['source']).allowed).toBe(true);
    expect(rl.admit(['source']).allowed).toBe(false);
    expect(rl.headers()).toEqual({ limit: 10, remaining: 9 });
  });

  it('counts user creations in their own hourly bucket', () => {
    const { rl } = limiter({ creationsPerHour: 1 });
    expect(rl.admit(['creation']).allowed).toBe(true);
    const refused = rl.admit(['creation']);
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 3600 });
    expect(refused.allowed === false && refused.message).toMatch(/No more than 1 users can be created hourly/);
  });

  it('reports X-Rate-Limit figures of the hourly bucket, and none without one', () => {
    const { rl } = limiter(PAID_TIER_LIMITS);
    rl.admit([]);
    rl.admit([]);
    expect(rl.headers()).toEqual({ limit: 20_000, remaining: 19_998 });
    expect(limiter({ perSecond: 5 }).rl.headers()).toBeUndefined();
  });

  it('reset refills every bucket', () => {
    const { rl } = limiter({ perSecond: 1 });
    rl.admit([]);
    expect(rl.admit([]).allowed).toBe(false);
    rl.reset();
    expect(rl.admit([]).allowed).toBe(true);
  });
});
