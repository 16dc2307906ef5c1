import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RateLimiter, resolveBudgets, type Permit, type RateLimitOptions, type TrafficClass } from '../../src/api/index.js';
import { createFakeClock, settle, type FakeClock } from './fake-clock.js';

function limiterWith(clock: FakeClock, rateLimit: RateLimitOptions | false, maxInFlight?: number, waits: unknown[] = []): RateLimiter {
  return new RateLimiter({
    budgets: resolveBudgets(rateLimit, false),
    ...(maxInFlight === undefined ? {} : { maxInFlight }),
    now: clock.now,
    sleep: clock.sleep,
    onWait: (delayMs, trafficClass, tags) => waits.push({ delayMs, trafficClass, tags }),
  });
}

/** True when no half-open window of `windowMs` holds more than `limit` of the `times`. */
function withinBudget(times: readonly number[], limit: number, windowMs: number): boolean {
  const sorted = [...times].sort((a, b) => a - b);
  for (let i = 0; i + limit < sorted.length; i++) if (sorted[i + limit]! - sorted[i]! < windowMs) return false;
  return true;
}

/** Resolves to the permit and flips `granted()` once the limiter lets the request go. */
function track(pending: Promise<Permit>): { granted: () => boolean; permit: Promise<Permit> } {
  let done = false;
  const permit = pending.then((p) => {
    done = true;
    return p;
  });
  return { granted: () => done, permit };
}

describe('rolling-window budgets', () => {
  it('never lets more than the configured rate through in any window, for any arrival pattern', async () => {
    const requestShape = fc.record({
      arriveAt: fc.integer({ min: 0, max: 5_000 }),
      holdMs: fc.integer({ min: 0, max: 300 }),
      setupTest: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(requestShape, { minLength: 1, maxLength: 60 }), fc.integer({ min: 1, max: 6 }), async (requests, maxInFlight) => {
        const clock = createFakeClock();
        const limiter = limiterWith(clock, { perSecond: 5, perMinute: 40, classes: { 'setup-test': { perSecond: 2 } } }, maxInFlight);
        const granted: Array<{ at: number; classes: readonly TrafficClass[] }> = [];
        let active = 0;
        let peak = 0;
        const runs = requests.map(async (request) => {
          await clock.sleep(request.arriveAt);
          const classes: TrafficClass[] = request.setupTest ? ['all', 'source', 'setup-test'] : ['all'];
          const permit = await limiter.acquire(classes, {});
          granted.push({ at: clock.now(), classes });
          peak = Math.max(peak, ++active);
          await clock.sleep(request.holdMs);
          active--;
          permit.release({ status: 200 });
        });
        await clock.runAll();
        await Promise.all(runs);
        const all = granted.map((g) => g.at);
        const setup = granted.filter((g) => g.classes.includes('setup-test')).map((g) => g.at);
        expect(granted).toHaveLength(requests.length);
        expect(withinBudget(all, 5, 1_000)).toBe(true);
        expect(withinBudget(all, 40, 60_000)).toBe(true);
        expect(withinBudget(setup, 2, 1_000)).toBe(true);
        expect(peak).toBeLessThanOrEqual(maxInFlight);
      }),
      { numRuns: 60 },
    );
  });

  it('spends the budget fully: 20 requests at 5/s go out in four bursts a second apart', async () => {
    const clock = createFakeClock();
    const start = clock.now();
    const limiter = limiterWith(clock, { perSecond: 5 });
    const times: number[] = [];
    const runs = Array.from({ length: 20 }, async () => {
      (await limiter.acquire(['all'], {})).release({ status: 200 });
      times.push(clock.now() - start);
    });
    await clock.runAll();
    await Promise.all(runs);
    expect(times.sort((a, b) => a - b)).toEqual([...Array(5).fill(0), ...Array(5).fill(1000), ...Array(5).fill(2000), ...Array(5).fill(3000)]);
  });

  it('reports each wait once, with its class and the request tags', async () => {
    const clock = createFakeClock();
    const waits: unknown[] = [];
    const limiter = limiterWith(clock, { perSecond: 1 }, undefined, waits);
    (await limiter.acquire(['all'], { step: 'a' })).release({ status: 200 });
    const second = limiter.acquire(['all'], { step: 'b' });
    await clock.runAll();
    (await second).release({ status: 200 });
    expect(waits).toEqual([{ delayMs: 1000, trafficClass: 'all', tags: { step: 'b' } }]);
  });

  it('a request blocked on a narrow class does not hold up others', async () => {
    const clock = createFakeClock();
    const limiter = limiterWith(clock, { classes: { 'setup-test': { perMinute: 1 } } });
    (await limiter.acquire(['all', 'source', 'setup-test'], {})).release({ status: 200 });
    const blocked = track(limiter.acquire(['all', 'source', 'setup-test'], {}));
    (await limiter.acquire(['all'], {})).release({ status: 200 });
    await settle();
    expect(blocked.granted()).toBe(false);
    await clock.advance(60_000);
    expect(blocked.granted()).toBe(true);
    (await blocked.permit).release({ status: 200 });
  });
});

describe('Retry-After and X-Rate-Limit-Remaining', () => {
  it('a 429 with Retry-After pauses the whole class, not just the request', async () => {
    const clock = createFakeClock();
    const waits: unknown[] = [];
    const limiter = limiterWith(clock, false, undefined, waits);
    (await limiter.acquire(['all'], {})).release({ status: 429, retryAfterMs: 5000 });
    const other = track(limiter.acquire(['all'], { step: 'other' }));
    await clock.advance(4_999);
    expect(other.granted()).toBe(false);
    await clock.advance(1);
    expect(other.granted()).toBe(true);
    (await other.permit).release({ status: 200 });
    expect(waits).toEqual([{ delayMs: 5000, trafficClass: 'all', tags: { step: 'other' } }]);
  });

  it('a 429 on a setup test pauses setup tests only', async () => {
    const clock = createFakeClock();
    const limiter = limiterWith(clock, false);
    (await limiter.acquire(['all', 'source', 'setup-test'], {})).release({ status: 429, retryAfterMs: 60_000 });
    (await limiter.acquire(['all'], {})).release({ status: 200 });
    const test = track(limiter.acquire(['all', 'source', 'setup-test'], {}));
    await clock.advance(59_000);
    expect(test.granted()).toBe(false);
    await clock.advance(1_000);
    expect(test.granted()).toBe(true);
    (await test.permit).release({ status: 200 });
  });

  it('slows down when the hour is nearly spent', async () => {
    const clock = createFakeClock();
    const limiter = limiterWith(clock, false, 10);
    expect(limiter.inFlightLimit).toBe(10);
    (await limiter.acquire(['all'], {})).release({ status: 200, remaining: 3 });
    expect(limiter.inFlightLimit).toBe(3);
    (await limiter.acquire(['all'], {})).release({ status: 200, remaining: 0 });
    expect(limiter.inFlightLimit).toBe(1);
    (await limiter.acquire(['all'], {})).release({ status: 200, remaining: 19_000 });
    expect(limiter.inFlightLimit).toBe(10);
  });

  it('drops a waiter whose signal aborts', async () => {
    const clock = createFakeClock();
    const limiter = limiterWith(clock, false, 1);
    const held = await limiter.acquire(['all'], {});
    const controller = new AbortController();
    const waiting = limiter.acquire(['all'], {}, controller.signal);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    held.release({ status: 200 });
    expect(limiter.inFlight).toBe(0);
  });
});

describe('adaptive concurrency', () => {
  it('halves once per wave of 429s, again on the next wave, and grows back to the cap, never above', async () => {
    const clock = createFakeClock();
    const limiter = limiterWith(clock, false, 16);
    const wave = (size: number): Promise<Permit[]> => Promise.all(Array.from({ length: size }, () => limiter.acquire(['all'], {})));
    for (const permit of await wave(16)) permit.release({ status: 429 });
    expect(limiter.inFlightLimit).toBe(8);
    for (const permit of await wave(8)) permit.release({ status: 429 });
    expect(limiter.inFlightLimit).toBe(4);
    const history: number[] = [];
    for (let i = 0; i < 300; i++) {
      (await limiter.acquire(['all'], {})).release({ status: 200 });
      history.push(limiter.inFlightLimit);
    }
    expect(history[0]).toBe(4);
    expect(history.at(-1)).toBe(16);
    expect(Math.max(...history)).toBe(16);
    // Additive, not a jump: it takes about `limit` successes to gain one.
    expect(history.indexOf(5)).toBeGreaterThanOrEqual(3);
  });

  it('after a burst of 429s, fewer requests are rejected, not more', async () => {
    const clock = createFakeClock();
    const limiter = limiterWith(clock, false, 16);
    const capacity = 4;
    let serving = 0;
    const rejectedAt: number[] = [];
    const start = clock.now();
    const runs = Array.from({ length: 200 }, async () => {
      for (;;) {
        const permit = await limiter.acquire(['all'], {});
        if (serving >= capacity) {
          rejectedAt.push(clock.now() - start);
          permit.release({ status: 429 });
          await clock.sleep(20);
          continue;
        }
        serving++;
        await clock.sleep(10);
        serving--;
        permit.release({ status: 200 });
        return;
      }
    });
    await clock.runAll();
    await Promise.all(runs);
    // The opening burst: 16 sent into a capacity of 4 (and the first cut still above it).
    const opening = rejectedAt.filter((t) => t === 0).length;
    expect(opening).toBeGreaterThanOrEqual(12);
    // Afterwards the additive probe above capacity costs at most one rejection per 10 ms wave, where a
    // fixed 16 in flight would keep losing 12 per wave.
    const perWave = new Map<number, number>();
    for (const t of rejectedAt.filter((t) => t > 0)) perWave.set(Math.floor(t / 10), (perWave.get(Math.floor(t / 10)) ?? 0) + 1);
    expect(Math.max(0, ...perWave.values())).toBeLessThanOrEqual(1);
    expect(rejectedAt.length / (200 + rejectedAt.length)).toBeLessThan(0.15);
    expect(limiter.inFlight).toBe(0);
  });
});
