import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../../src/sandbox/faults.js';
import { createPrng } from '../../../src/sandbox/prng.js';

const settings = { latencyMs: 0, jitterMs: 0, failRate: 0, resetRate: 0, slowRate: 0, slowMs: 1000 };

describe('createPrng', () => {
  it('is deterministic per seed and stays in range', () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const seqA = Array.from({ length: 50 }, () => a.next());
    expect(seqA).toEqual(Array.from({ length: 50 }, () => b.next()));
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(createPrng(43).next()).not.toBe(seqA[0]);
    const c = createPrng(1);
    expect(new Set(Array.from({ length: 200 }, () => c.int(3)))).toEqual(new Set([0, 1, 2]));
  });
});

describe('FaultInjector', () => {
  it('is inactive without faults and plans nothing then', () => {
    const faults = new FaultInjector(settings, 1);
    expect(faults.inactive).toBe(true);
    expect(faults.plan(true)).toEqual({ delayMs: 0, slowMs: 0 });
  });

  it('puts exactly half of the write failures after the write', () => {
    const faults = new FaultInjector({ ...settings, failRate: 1 }, 7);
    const plans = Array.from({ length: 10 }, () => faults.plan(true));
    expect(plans.every((p) => p.fail && [500, 503].includes(p.fail.status))).toBe(true);
    expect(plans.filter((p) => p.fail?.afterWrite).length).toBe(5);
    expect(faults.plan(false).fail?.afterWrite).toBe(false);
  });

  it('gives the same faults for the same seed, and again after reset', () => {
    const make = (): FaultInjector => new FaultInjector({ ...settings, failRate: 0.2, resetRate: 0.2, latencyMs: 20, jitterMs: 10, slowRate: 0.1 }, 99);
    const first = make();
    const sequence = Array.from({ length: 100 }, (_, i) => first.plan(i % 2 === 0));
    expect(Array.from({ length: 100 }, (_, i) => make().plan(i % 2 === 0)).length).toBe(100);
    const second = make();
    expect(Array.from({ length: 100 }, (_, i) => second.plan(i % 2 === 0))).toEqual(sequence);
    first.reset();
    expect(Array.from({ length: 100 }, (_, i) => first.plan(i % 2 === 0))).toEqual(sequence);
  });

  it('draws rates, latency with jitter and slow responses in the configured proportions', () => {
    const faults = new FaultInjector({ ...settings, failRate: 0.1, resetRate: 0.05, latencyMs: 50, jitterMs: 20, slowRate: 0.2, slowMs: 5000 }, 3);
    const plans = Array.from({ length: 4000 }, () => faults.plan(false));
    const share = (pred: (p: (typeof plans)[number]) => boolean): number => plans.filter(pred).length / plans.length;
    expect(share((p) => p.fail !== undefined)).toBeCloseTo(0.1, 1);
    expect(share((p) => p.reset !== undefined)).toBeCloseTo(0.05, 1);
    expect(share((p) => p.slowMs === 5000)).toBeCloseTo(0.2, 1);
    expect(plans.every((p) => p.delayMs >= 30 && p.delayMs <= 70)).toBe(true);
  });
});
