import type { Sleep } from '../../src/api/index.js';

/** A virtual clock: `sleep` registers a timer, `advance` moves time and fires due timers in order. */
export interface FakeClock {
  now: () => number;
  sleep: Sleep;
  /** Every delay anyone asked to sleep, in order. */
  sleeps: number[];
  /** Moves time forward by `ms`, firing due timers (and letting promise chains settle) as it goes. */
  advance(ms: number): Promise<void>;
  /** Fires timers until none are left or `limitMs` of virtual time passed. */
  runAll(limitMs?: number): Promise<void>;
  /** Timers not yet fired. */
  pending(): number;
}

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

/** Lets every queued microtask and immediate run, so awaiting code reaches its next sleep. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export function createFakeClock(start = Date.parse('2026-03-01T12:00:00Z')): FakeClock {
  let time = start;
  let seq = 0;
  const timers: Timer[] = [];
  const sleeps: number[] = [];
  const sleep: Sleep = (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      sleeps.push(ms);
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      const timer: Timer = { at: time + Math.max(0, ms), seq: seq++, resolve };
      timers.push(timer);
      signal?.addEventListener(
        'abort',
        () => {
          const index = timers.indexOf(timer);
          if (index !== -1) timers.splice(index, 1);
          reject(signal.reason);
        },
        { once: true },
      );
    });
  const fireNext = (until: number): boolean => {
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = timers[0];
    if (!next || next.at > until) return false;
    timers.shift();
    time = Math.max(time, next.at);
    next.resolve();
    return true;
  };
  return {
    now: () => time,
    sleep,
    sleeps,
    async advance(ms) {
      const until = time + ms;
      await settle();
      while (fireNext(until)) await settle();
      time = until;
      await settle();
    },
    async runAll(limitMs = 24 * 3_600_000) {
      const until = time + limitMs;
      await settle();
      while (fireNext(until)) await settle();
    },
    pending: () => timers.length,
  };
}
