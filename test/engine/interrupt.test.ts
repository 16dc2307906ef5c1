import { beforeEach, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { board } from './support/probe-step.js';
import { itemEvents, runEngine } from './support/run-engine.js';

beforeEach(() => board.reset());

describe('interrupting a run (the abort signal of SIGINT)', () => {
  const sandbox = useSandbox({ rateLimit: false });

  it('lets in-flight items finish, starts nothing new, and ends interrupted (exit 130)', async () => {
    const controller = new AbortController();
    const run = runEngine(
      `name: interrupt
steps:
  - id: each
    foreach: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
    concurrency: 3
    probe: \${{ item }}
    with: { hold: true }
  - id: after
    probe: after
`,
      sandbox,
      { signal: controller.signal },
    );
    await board.until(() => board.heldKeys.length === 3);
    controller.abort();
    board.releaseAll();
    const { summary, events } = await run;

    expect(board.started).toEqual(['each[1]', 'each[2]', 'each[3]']);
    expect(itemEvents(events, 'each').map((e) => [e.key, e.status])).toEqual([
      ['1', 'ok'],
      ['2', 'ok'],
      ['3', 'ok'],
    ]);
    expect(summary.steps.each).toMatchObject({ status: 'interrupted', outputs: { count: 3, ok: 3 } });
    expect(events).toContainEqual(expect.objectContaining({ type: 'step-end', step: 'after', status: 'interrupted', reason: 'interrupted before it started' }));
    expect({ status: summary.status, exitCode: summary.exitCode }).toEqual({ status: 'interrupted', exitCode: 130 });
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'interrupted', exit_code: 130 });
  });
});

describe('interrupting while writes are in flight', () => {
  // Every request takes 150 ms, so the interrupt lands while two PATCHes are on the wire.
  const sandbox = useSandbox({ rateLimit: false, latencyMs: 150 });

  it('lets each write that was sent finish and report its outcome, and sends no other', async () => {
    const controller = new AbortController();
    let pausing = false;
    const run = runEngine(
      `name: pause all
steps:
  - id: all
    request: GET connections
    with: { all: true, query: { limit: 6 } }
  - id: pause
    foreach: \${{ steps.all.items.filter(c, !c.paused) }}
    concurrency: 2
    request: PATCH connections/\${{ item.id }}
    with: { body: { paused: true } }
`,
      sandbox,
      { signal: controller.signal, onEvent: (event) => (pausing ||= event.type === 'step-start' && event.step === 'pause') },
    );
    while (!(pausing && sandbox.stats().inFlight === 2)) await new Promise((resolve) => setTimeout(resolve, 5));
    controller.abort();
    const { summary, events } = await run;

    const items = itemEvents(events, 'pause');
    expect(sandbox.stats().writes.byKind.connection_updated).toBe(2);
    expect(items.map((e) => e.status)).toEqual(['ok', 'ok']);
    expect(summary.status).toBe('interrupted');
  });
});
