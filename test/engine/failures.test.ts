import { beforeEach, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { board } from './support/probe-step.js';
import { itemEvents, runEngine } from './support/run-engine.js';

const sandbox = useSandbox({ rateLimit: false });

beforeEach(() => {
  board.reset();
});

/** A fan-out over 1..n where the listed items fail for good, one at a time so the order is known. */
function failing(n: number, bad: number[], extra: string): string {
  return `name: budget
steps:
  - id: each
    foreach: ${JSON.stringify(Array.from({ length: n }, (_, i) => i + 1))}
    concurrency: 1
    probe: \${{ item }}
    with: { fail: "\${{ item in ${JSON.stringify(bad)} ? 'permanent' : 'transient' }}", times: "\${{ item in ${JSON.stringify(bad)} ? 99 : 0 }}" }
${extra}
  - id: after
    probe: after
`;
}

type FanOut = { items: { value: number }[]; ok: number; failed: number; failures: { key: string; item: number; error: string }[] };

describe('failure budgets', () => {
  it('without a budget, the first failure stops the step, later items never start, and later steps are skipped', async () => {
    const { summary, events } = await runEngine(failing(5, [2], ''), sandbox);
    expect(board.started).toEqual(['each[1]', 'each[2]']);
    expect(summary.steps.each!.status).toBe('failed');
    expect(summary.steps.after!.status).toBe('skipped');
    expect(events).toContainEqual(expect.objectContaining({ type: 'message', step: 'each', level: 'error', message: 'stopped after 1 failure; 3 items were not started' }));
    expect(events).toContainEqual(expect.objectContaining({ type: 'step-end', step: 'after', status: 'skipped', reason: 'an earlier step failed' }));
    expect({ status: summary.status, exitCode: summary.exitCode }).toEqual({ status: 'failed', exitCode: 1 });
  });

  it('tolerates up to max_failures failed items and lists them under failures', async () => {
    const { summary } = await runEngine(failing(6, [2, 5], '    max_failures: 2'), sandbox);
    const outputs = summary.steps.each!.outputs as FanOut;
    expect(summary.steps.each!.status).toBe('ok');
    expect(outputs.items.map((o) => o.value)).toEqual([1, 3, 4, 6]);
    expect(outputs.failures.map((f) => [f.key, f.item, f.error])).toEqual([
      ['2', 2, 'GET probe → 404 NotFound: probe says not found'],
      ['5', 5, 'GET probe → 404 NotFound: probe says not found'],
    ]);
    expect({ ok: outputs.ok, failed: outputs.failed }).toEqual({ ok: 4, failed: 2 });
    expect(board.started).toContain('after[-]');
    expect(summary.status).toBe('ok');
  });

  it('stops as soon as the failures exceed max_failures', async () => {
    const { summary } = await runEngine(failing(6, [2, 5], '    max_failures: 1'), sandbox);
    expect(board.started).toEqual(['each[1]', 'each[2]', 'each[3]', 'each[4]', 'each[5]']);
    expect(summary.steps.each!.status).toBe('failed');
    expect(summary.steps.after!.status).toBe('skipped');
  });

  it('takes a percentage of the items as the budget', async () => {
    const within = await runEngine(failing(10, [4], '    max_failures: "10%"'), sandbox);
    expect(within.summary.steps.each!.status).toBe('ok');
    board.reset();
    const over = await runEngine(failing(10, [4, 7], '    max_failures: "10%"'), sandbox);
    expect(over.summary.steps.each!.status).toBe('failed');
    expect(board.started).toHaveLength(7);
  });

  it('with continue_on_error runs every item and the run goes on', async () => {
    const { summary } = await runEngine(failing(5, [1, 3, 5], '    continue_on_error: true'), sandbox);
    const outputs = summary.steps.each!.outputs as FanOut;
    expect(board.started.filter((k) => k.startsWith('each'))).toHaveLength(5);
    expect({ status: summary.steps.each!.status, ok: outputs.ok, failed: outputs.failed }).toEqual({ status: 'ok', ok: 2, failed: 3 });
    expect(summary.steps.after!.status).toBe('ok');
    expect(summary.status).toBe('ok');
  });

  it('lets a single step fail with continue_on_error and exposes its error to later steps', async () => {
    const { summary } = await runEngine(
      `name: tolerate
steps:
  - id: missing
    request: GET connections/no_such_connection
    continue_on_error: true
  - id: report
    set: { was: "\${{ steps.missing.status }}", why: "\${{ steps.missing.error }}" }
`,
      sandbox,
    );
    expect(summary.steps.report!.outputs).toMatchObject({
      was: 'failed',
      why: expect.stringMatching(/^GET \/v1\/connections\/no_such_connection → 404 NotFound_Connection/),
    });
    expect(summary.status).toBe('ok');
  });
});

describe('always: true', () => {
  it('runs cleanup after a failure while the steps in between are skipped', async () => {
    const { summary, events } = await runEngine(
      `name: cleanup
steps:
  - id: gate
    assert: "1 == 2"
    with: { message: the gate is closed }
  - id: work
    probe: work
  - id: cleanup
    always: true
    probe: cleanup
  - id: report
    always: true
    set: { gate: "\${{ steps.gate.status }}", work: "\${{ steps.work.status }}" }
`,
      sandbox,
    );
    expect(board.started).toEqual(['cleanup[-]']);
    expect(summary.steps.report!.outputs).toMatchObject({ gate: 'failed', work: 'skipped' });
    expect(itemEvents(events, 'gate')).toEqual([expect.objectContaining({ status: 'failed', error: 'the gate is closed' })]);
    expect({ status: summary.status, exitCode: summary.exitCode }).toEqual({ status: 'failed', exitCode: 1 });
  });
});
