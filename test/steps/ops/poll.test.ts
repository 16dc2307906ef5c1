import { describe, expect, it } from 'vitest';
import { InterruptedError, StepError } from '../../../src/errors.js';
import { poll } from '../../../src/steps/ops/poll.js';
import type { PollOptions } from '../../../src/steps/ops/poll.js';

function clocked(values: number[], overrides: Partial<PollOptions<number, string>> = {}) {
  let now = 0;
  const slept: number[] = [];
  let reads = 0;
  const options: PollOptions<number, string> = {
    read: async () => values[Math.min(reads++, values.length - 1)]!,
    check: (v) => (v >= 3 ? `reached ${v}` : undefined),
    describe: (v) => `last saw ${v}`,
    timeoutMs: 60_000,
    intervalMs: 1000,
    maxIntervalMs: 3000,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    now: () => now,
    signal: new AbortController().signal,
    ...overrides,
  };
  return { options, slept, reads: () => reads };
}

describe('poll', () => {
  it('reads at once and returns without sleeping when already done', async () => {
    const { options, slept } = clocked([5]);
    await expect(poll(options)).resolves.toEqual({ value: 5, result: 'reached 5', waitedMs: 0 });
    expect(slept).toEqual([]);
  });

  it('backs off 1.5x per read up to the cap', async () => {
    const { options, slept } = clocked([0, 0, 0, 0, 0, 3]);
    const done = await poll(options);
    expect(slept).toEqual([1000, 1500, 2250, 3000, 3000]);
    expect(done).toEqual({ value: 3, result: 'reached 3', waitedMs: 10_750 });
  });

  it('reads one last time at the deadline, then fails saying what it saw', async () => {
    const { options, slept, reads } = clocked([1], { timeoutMs: 4000 });
    const failure = poll(options);
    await expect(failure).rejects.toThrow(StepError);
    await expect(failure).rejects.toThrow('gave up after 4.0s: last saw 1');
    expect(slept).toEqual([1000, 1500, 1500]);
    expect(reads()).toBe(4);
  });

  it('ends with InterruptedError when the signal aborts during a sleep', async () => {
    const controller = new AbortController();
    const { options } = clocked([0], { signal: controller.signal, sleep: async () => controller.abort() });
    await expect(poll(options)).rejects.toThrow(InterruptedError);
  });

  it('lets check end the wait with its own failure', async () => {
    const { options } = clocked([0], { check: () => { throw new StepError('sync failed'); } });
    await expect(poll(options)).rejects.toThrow('sync failed');
  });

  it('never spins with a zero interval: delays are at least 1 ms', async () => {
    const { options, slept } = clocked([0], { intervalMs: 0, maxIntervalMs: 0, timeoutMs: 3 });
    await expect(poll(options)).rejects.toThrow(StepError);
    expect(slept).toEqual([1, 1, 1]);
  });
});
