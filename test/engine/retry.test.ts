import { beforeEach, describe, expect, it } from 'vitest';
import { isRetryable, retryDelay } from '../../src/engine/step-retry.js';
import { ApiError, ExpressionError, NetworkError, StepError, TimeoutError, UsageError } from '../../src/errors.js';
import type { RunEvent } from '../../src/report/events.js';
import { useSandbox } from '../helpers/sandbox.js';
import { board } from './support/probe-step.js';
import { itemEvents, recordingSleep, runEngine } from './support/run-engine.js';

const sandbox = useSandbox({ rateLimit: false });

beforeEach(() => {
  board.reset();
  sandbox.reset();
});

function probe(fail: string, times: number, retry: string): string {
  return `name: retry
steps:
  - id: flaky
    foreach: [a, b]
    concurrency: 1
    probe: \${{ item }}
    with: { fail: ${fail}, times: ${times} }
    retry: ${retry}
`;
}

function retryWarnings(events: readonly RunEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'message' && e.level === 'warning' ? [e.message] : []));
}

describe('retry', () => {
  it('runs an item again after a transient failure, with growing backoff, until it succeeds', async () => {
    const { sleep, delays } = recordingSleep();
    const { summary, events } = await runEngine(probe('transient', 2, '{ attempts: 3, backoff: 100ms }'), sandbox, { sleep });
    const outputs = summary.steps.flaky!.outputs as { items: { value: string; attempt: number }[] };
    expect(outputs.items.map((o) => [o.value, o.attempt])).toEqual([
      ['a', 3],
      ['b', 3],
    ]);
    expect(summary.status).toBe('ok');
    // Two waits per item, one item at a time: 50–100 ms before the second attempt, 100–200 ms before the third.
    expect(delays).toHaveLength(4);
    for (const [index, delay] of delays.entries()) {
      const base = index % 2 === 0 ? 100 : 200;
      expect(delay).toBeGreaterThanOrEqual(base / 2);
      expect(delay).toBeLessThanOrEqual(base);
    }
    expect(retryWarnings(events)[0]).toMatch(/^attempt 1 failed \(GET probe → network error: connection reset \(probe\)\); retrying in \d+ ms$/);
  });

  it('gives up after the last attempt and fails the item with the last error', async () => {
    const { sleep } = recordingSleep();
    const { summary, events } = await runEngine(probe('transient', 99, '3'), sandbox, { sleep });
    expect(board.attempts.get('flaky[a]')).toBe(3);
    expect(itemEvents(events, 'flaky')[0]).toMatchObject({ status: 'failed', error: 'GET probe → network error: connection reset (probe)' });
    expect(summary.status).toBe('failed');
  });

  it('never retries a permanent failure', async () => {
    const { sleep, delays } = recordingSleep();
    const { summary } = await runEngine(probe('permanent', 99, '5'), sandbox, { sleep });
    expect(board.attempts.get('flaky[a]')).toBe(1);
    expect(delays).toEqual([]);
    expect(summary.steps.flaky!.status).toBe('failed');
  });

  it('never re-sends a write that may have been applied', async () => {
    const { sleep, delays } = recordingSleep();
    await runEngine(probe('ambiguous', 99, '5'), sandbox, { sleep });
    expect(board.attempts.get('flaky[a]')).toBe(1);
    expect(delays).toEqual([]);
  });

  it('does not retry without a retry: field', async () => {
    const { summary } = await runEngine(
      `name: once
steps:
  - id: flaky
    probe: x
    with: { fail: transient }
`,
      sandbox,
    );
    expect(board.attempts.get('flaky[-]')).toBe(1);
    expect(summary.steps.flaky!.status).toBe('failed');
  });

  it('sends a request the API refused with 404 exactly once, retry or not', async () => {
    const { sleep, delays } = recordingSleep();
    const { summary } = await runEngine(
      `name: missing
steps:
  - id: read
    request: GET connections/no_such_connection
    retry: 4
`,
      sandbox,
      { sleep },
    );
    expect(sandbox.stats().requests.byRoute['GET /v1/connections/{connectionId}']).toEqual({ 404: 1 });
    expect(delays).toEqual([]);
    expect(summary.steps.read!.status).toBe('failed');
  });
});

describe('which failures are transient', () => {
  const target = { method: 'GET', path: '/v1/groups' };

  it.each([
    ['a 5xx answer', true, new ApiError({ ...target, status: 503 })],
    ['a 429 answer', true, new ApiError({ ...target, status: 429 })],
    ['a network error before the server acted', true, new NetworkError({ ...target, reason: 'reset', mayHaveBeenApplied: false })],
    ['a timeout of a read', true, new TimeoutError({ ...target, timeoutMs: 10, mayHaveBeenApplied: false })],
    ['a 4xx answer', false, new ApiError({ ...target, status: 400 })],
    ['a write that may have been applied', false, new ApiError({ method: 'POST', path: '/v1/groups', status: 500, mayHaveBeenApplied: true })],
    ['an expression error', false, new ExpressionError('x', 'boom')],
    ['a usage error', false, new UsageError('bad input')],
    ['a step error', true, new StepError('wait timed out')],
    ['a programming error', false, new TypeError('x is undefined')],
  ])('%s → retried: %s', (_name, retryable, error) => {
    expect(isRetryable(error)).toBe(retryable);
  });

  it('backs off exponentially up to the cap, jittered within the upper half', () => {
    const spec = { attempts: 10, backoffMs: 100, maxBackoffMs: 1000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(spec, n, () => 0))).toEqual([50, 100, 200, 400, 500, 500]);
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(spec, n, () => 0.999999))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
});
