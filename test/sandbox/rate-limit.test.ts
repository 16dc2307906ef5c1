/** Rate limits over HTTP: 429 with integer Retry-After, X-Rate-Limit headers on every answer. */
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { call, dataOf, groupId } from './support.js';

let clock = Date.UTC(2026, 3, 1);
const sandbox = useSandbox({ now: () => clock, rateLimit: { perSecond: 5, perHour: 40, setupTestsPerMinute: 2, creationsPerHour: 1 } });

describe('rate limits', () => {
  it('send X-Rate-Limit and X-Rate-Limit-Remaining on every answer, errors included', async () => {
    const ok = await call(sandbox, 'GET', '/groups');
    expect(ok.headers['x-rate-limit']).toBe('40');
    expect(ok.headers['x-rate-limit-remaining']).toBe('39');
    const missing = await call(sandbox, 'GET', '/groups/nope');
    expect(missing.status).toBe(404);
    expect(missing.headers['x-rate-limit-remaining']).toBe('38');
    const denied = await call(sandbox, 'GET', '/groups', { authorization: null });
    expect(denied.status).toBe(401);
    expect(denied.headers['x-rate-limit-remaining']).toBe('38');
  });

  it('answer 429 TooManyRequests with an integer Retry-After past the per-second burst', async () => {
    clock += 1_000;
    const statuses: number[] = [];
    let refused;
    for (let i = 0; i < 6; i++) {
      const answer = await call(sandbox, 'GET', '/groups');
      statuses.push(answer.status);
      if (answer.status === 429) refused = answer;
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(refused?.json.code).toBe('TooManyRequests');
    expect(refused?.headers['retry-after']).toMatch(/^\d+$/);
    expect(Number(refused?.headers['retry-after'])).toBe(1);
    clock += 1_000;
    expect((await call(sandbox, 'GET', '/groups')).status).toBe(200);
  });

  it('limit setup tests per minute separately from other requests', async () => {
    clock += 60_000;
    const legacy = await groupId(sandbox, 'warehouse_legacy');
    const id = dataOf<{ items: { id: string }[] }>(await call(sandbox, 'GET', `/groups/${legacy}/connections?limit=1`)).items[0]?.id;
    expect((await call(sandbox, 'POST', `/connections/${id}/test`, { body: {} })).status).toBe(200);
    expect((await call(sandbox, 'POST', `/connections/${id}/test`, { body: {} })).status).toBe(200);
    const third = await call(sandbox, 'POST', `/connections/${id}/test`, { body: {} });
    expect(third.status).toBe(429);
    expect(third.headers['retry-after']).toBe('30');
    expect(third.json.message).toMatch(/setup tests/);
    const created = await call(sandbox, 'POST', '/connections', { body: { service: 'stripe', group_id: legacy, run_setup_tests: false, config: { schema: 'no_tests' } } });
    expect(created.status).toBe(201);
  });

  it('limit user creations per hour', async () => {
    clock += 1_000;
    const user = (n: number) => ({ body: { email: `u${n}@example.com`, given_name: 'U', family_name: String(n) } });
    expect((await call(sandbox, 'POST', '/users', user(1))).status).toBe(201);
    const second = await call(sandbox, 'POST', '/users', user(2));
    expect(second.status).toBe(429);
    expect(second.headers['retry-after']).toBe('3600');
  });

  it('refuse everything once the hourly quota is spent, then recover as it refills', async () => {
    let last;
    for (let i = 0; i < 60; i++) {
      clock += 250;
      last = await call(sandbox, 'GET', '/groups');
      if (last.status === 429) break;
    }
    expect(last?.status).toBe(429);
    expect(last?.headers['x-rate-limit-remaining']).toBe('0');
    // 40 per hour refill one token every 90 s; Retry-After says exactly how long is left.
    const retryAfter = Number(last?.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(90);
    clock += retryAfter * 1000 - 1_000;
    expect((await call(sandbox, 'GET', '/groups')).status).toBe(429);
    clock += 1_000;
    expect((await call(sandbox, 'GET', '/groups')).status).toBe(200);
    expect(sandbox.stats().rateLimited).toBeGreaterThanOrEqual(4);
  });
});

describe('without rate limits', () => {
  const unlimited = useSandbox({ rateLimit: false, data: 'empty' });

  it('sends no rate-limit headers and never answers 429', async () => {
    for (let i = 0; i < 30; i++) {
      const answer = await call(unlimited, 'GET', '/groups');
      expect(answer.status).toBe(200);
      expect(answer.headers['x-rate-limit']).toBeUndefined();
    }
  });
});
