import { ApiError, NetworkError } from '../../../src/errors.js';
import { defineStep } from '../../../src/steps/define-step.js';

interface ProbeInputs {
  value?: unknown;
  get?: string;
  fail?: 'transient' | 'permanent' | 'ambiguous';
  times?: number;
  hold?: boolean;
}

type Waiter = { ready: () => boolean; resolve: () => void };

/**
 * What the probe step saw, shared with the test that runs it: items in flight and their peak,
 * start and finish order, attempts per item, and items held until the test releases them. One
 * test at a time uses it (tests in a file run in order); `reset()` before each.
 */
class ProbeBoard {
  inFlight = 0;
  peak = 0;
  started: string[] = [];
  finished: string[] = [];
  /** Starts and ends interleaved as they happened: `start:KEY`, `end:KEY`. */
  timeline: string[] = [];
  attempts = new Map<string, number>();
  private held: { key: string; release: () => void }[] = [];
  private waiters: Waiter[] = [];

  reset(): void {
    this.inFlight = 0;
    this.peak = 0;
    this.started = [];
    this.finished = [];
    this.timeline = [];
    this.attempts.clear();
    this.held = [];
    this.waiters = [];
  }

  get heldKeys(): string[] {
    return this.held.map((h) => h.key);
  }

  /** Resolves once `ready()` holds (checked now and after every change on the board). */
  until(ready: () => boolean): Promise<void> {
    if (ready()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ ready, resolve }));
  }

  /** Lets the most recently held item go on (or the given one). */
  release(key?: string): void {
    const index = key === undefined ? this.held.length - 1 : this.held.findIndex((h) => h.key === key);
    const [entry] = this.held.splice(index, 1);
    entry?.release();
  }

  releaseAll(): void {
    for (const entry of this.held.splice(0)) entry.release();
  }

  enter(key: string): number {
    this.inFlight += 1;
    this.peak = Math.max(this.peak, this.inFlight);
    this.started.push(key);
    this.timeline.push(`start:${key}`);
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    this.changed();
    return attempt;
  }

  hold(key: string): Promise<void> {
    return new Promise((release) => {
      this.held.push({ key, release });
      this.changed();
    });
  }

  leave(key: string): void {
    this.inFlight -= 1;
    this.finished.push(key);
    this.timeline.push(`end:${key}`);
    this.changed();
  }

  private changed(): void {
    const due = this.waiters.filter((w) => w.ready());
    this.waiters = this.waiters.filter((w) => !due.includes(w));
    for (const waiter of due) waiter.resolve();
  }
}

export const board = new ProbeBoard();

/**
 * A test-only step type: optionally GETs an endpoint through the step's real client, optionally waits
 * until the test releases it, then fails the way it is told (a transient network error, a permanent
 * 404, or a write that may have been applied) for its first `times` attempts.
 */
export const probeStep = defineStep<ProbeInputs, { value: unknown; attempt: number; data?: unknown }>({
  type: 'probe',
  summary: 'test probe: observe concurrency, hold, read, fail on demand',
  main: 'value',
  inputs: {
    type: 'object',
    properties: {
      value: { description: 'returned as the output value' },
      get: { type: 'string', description: 'endpoint to GET first' },
      fail: { type: 'string', enum: ['transient', 'permanent', 'ambiguous'], description: 'how to fail' },
      times: { type: 'integer', minimum: 1, description: 'fail only the first N attempts of an item' },
      hold: { type: 'boolean', description: 'wait until the test releases the item' },
    },
    additionalProperties: false,
  },
  outputs: { value: 'the value given', attempt: 'which attempt succeeded', data: 'what the GET answered' },
  effect: () => 'read',
  example: '- probe: 1',
  async run(ctx, inputs) {
    const key = `${ctx.stepId}[${ctx.itemKey}]`;
    const attempt = board.enter(key);
    try {
      const data = inputs.get === undefined ? undefined : await ctx.client.get(inputs.get);
      if (inputs.hold) await board.hold(key);
      if (inputs.fail && (inputs.times === undefined || attempt <= inputs.times)) throw failure(inputs.fail, inputs.get ?? 'probe');
      return { value: inputs.value, attempt, ...(data === undefined ? {} : { data }) };
    } finally {
      board.leave(key);
    }
  },
});

function failure(kind: NonNullable<ProbeInputs['fail']>, path: string): Error {
  switch (kind) {
    case 'transient':
      return new NetworkError({ method: 'GET', path, reason: 'connection reset (probe)', mayHaveBeenApplied: false });
    case 'ambiguous':
      return new NetworkError({ method: 'POST', path, reason: 'connection reset after sending (probe)', mayHaveBeenApplied: true });
    case 'permanent':
      return new ApiError({ method: 'GET', path, status: 404, code: 'NotFound', apiMessage: 'probe says not found' });
  }
}
