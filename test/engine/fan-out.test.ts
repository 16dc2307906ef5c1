import { beforeEach, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { board } from './support/probe-step.js';
import { itemEvents, runEngine } from './support/run-engine.js';

const sandbox = useSandbox({ rateLimit: false, latencyMs: 4, jitterMs: 3 });

beforeEach(() => {
  board.reset();
  sandbox.reset();
});

/** Releases held items newest first, each time `width` of them are waiting, until `total` have run. */
async function releaseNewestFirst(total: number, width: number): Promise<number[]> {
  const heldCounts: number[] = [];
  for (let released = 0; released < total; released++) {
    const waiting = Math.min(width, total - released);
    await board.until(() => board.heldKeys.length === waiting);
    heldCounts.push(board.inFlight);
    board.release();
  }
  return heldCounts;
}

describe('fan-out', () => {
  it('runs at most the step concurrency at once, reaches it, and keeps outputs in input order', async () => {
    const items = Array.from({ length: 10 }, (_, i) => i + 1);
    const run = runEngine(
      `name: fan-out
steps:
  - id: each
    foreach: ${JSON.stringify(items)}
    concurrency: 3
    probe: \${{ item * 10 }}
    with: { hold: true }
`,
      sandbox,
    );
    const inFlightWhileHeld = await releaseNewestFirst(items.length, 3);
    const { summary } = await run;

    expect(inFlightWhileHeld.slice(0, 8)).toEqual(Array(8).fill(3));
    expect(board.peak).toBe(3);
    // Released newest first, so they finished out of order...
    expect(board.finished).not.toEqual(board.started);
    // ...yet the outputs follow the input list.
    const outputs = summary.steps.each!.outputs as { items: { value: number; key: string; item: number; status: string }[]; count: number; ok: number };
    expect(outputs.items.map((o) => o.value)).toEqual(items.map((i) => i * 10));
    expect(outputs.items.map((o) => [o.key, o.item, o.status])).toEqual(items.map((i) => [String(i), i, 'ok']));
    expect({ count: outputs.count, ok: outputs.ok, status: summary.status }).toEqual({ count: 10, ok: 10, status: 'ok' });
  });

  it('uses the workflow concurrency when the step sets none', async () => {
    const run = runEngine(
      `name: workflow cap
concurrency: 2
steps:
  - id: each
    foreach: [a, b, c, d, e]
    probe: \${{ item }}
    with: { hold: true }
`,
      sandbox,
    );
    await releaseNewestFirst(5, 2);
    await run;
    expect(board.peak).toBe(2);
  });

  it('lists real API answers in input order although they arrive out of order, within the cap at the sandbox', async () => {
    const { summary, events } = await runEngine(
      `name: read every connection
steps:
  - id: all
    request: GET connections
    with: { all: true }
  - id: each
    foreach: \${{ steps.all.items }}
    concurrency: 4
    request: GET connections/\${{ item.id }}
    outputs:
      schemas: \${{ result.items.map(c, c.data.schema) }}
`,
      sandbox,
      { maxInFlight: 16 },
    );
    const listed = (summary.steps.all!.outputs.items as { id: string; schema: string }[]);
    expect(listed.length).toBeGreaterThan(8);
    expect(summary.steps.each!.outputs.schemas).toEqual(listed.map((c) => c.schema));
    expect(itemEvents(events, 'each').map((e) => e.key)).not.toEqual(listed.map((c) => c.id));
    expect(sandbox.stats().peakInFlight).toBeLessThanOrEqual(4);
    expect(sandbox.stats().requests.byRoute['GET /v1/connections/{connectionId}']).toEqual({ 200: listed.length });
  });

  it('tests `when` per item: skipped items run nothing and are counted, not listed', async () => {
    const { summary, events } = await runEngine(
      `name: evens
steps:
  - id: each
    foreach: [1, 2, 3, 4, 5, 6]
    when: \${{ item % 2 == 0 }}
    probe: \${{ item }}
`,
      sandbox,
    );
    const outputs = summary.steps.each!.outputs as { items: { value: number }[]; ok: number; skipped: number };
    expect(outputs.items.map((o) => o.value)).toEqual([2, 4, 6]);
    expect({ ok: outputs.ok, skipped: outputs.skipped }).toEqual({ ok: 3, skipped: 3 });
    expect(board.started).toEqual(['each[2]', 'each[4]', 'each[6]']);
    const skipped = itemEvents(events, 'each').filter((e) => e.status === 'skipped');
    expect(skipped.map((e) => [e.key, e.detail])).toEqual([
      ['1', 'condition is false'],
      ['3', 'condition is false'],
      ['5', 'condition is false'],
    ]);
  });

  it('skips a single step whose condition is false, and later steps can tell', async () => {
    const { summary } = await runEngine(
      `name: skip one
vars:
  enabled: false
steps:
  - id: maybe
    when: \${{ vars.enabled }}
    probe: ran
  - id: after
    set: { was: "\${{ steps.maybe.status }}" }
`,
      sandbox,
    );
    expect(board.started).toEqual([]);
    expect(summary.steps.after!.outputs.was).toBe('skipped');
    expect(summary.counts.skipped).toBe(1);
  });

  it('names items by their key expression, or id, keeping keys unique', async () => {
    const { summary, events } = await runEngine(
      `name: keys
steps:
  - id: by_name
    foreach: [{ name: a }, { name: b }, { name: a }]
    key: \${{ item.name }}
    probe: \${{ index }}
  - id: by_id
    foreach: [{ id: x1 }, { id: x2 }]
    probe: \${{ item.id }}
`,
      sandbox,
    );
    expect(itemEvents(events, 'by_name').map((e) => e.key)).toEqual(['a', 'b', 'a#2']);
    expect((summary.steps.by_id!.outputs.items as { key: string }[]).map((o) => o.key)).toEqual(['x1', 'x2']);
  });

  it('fails the step when foreach does not give a list', async () => {
    const { summary, events } = await runEngine(
      `name: not a list
vars:
  ids: abc
steps:
  - id: each
    foreach: \${{ vars.ids }}
    probe: \${{ item }}
`,
      sandbox,
    );
    expect(summary.steps.each!.status).toBe('failed');
    expect(events).toContainEqual(expect.objectContaining({ type: 'message', step: 'each', level: 'error', message: "workflow.yml:6:18: foreach must give a list, got string in 'vars.ids'" }));
    expect(summary.exitCode).toBe(1);
  });

  it('runs an empty list as an ok step with no items', async () => {
    const { summary } = await runEngine(
      `name: nothing
steps:
  - id: each
    foreach: []
    probe: \${{ item }}
  - id: after
    set: { n: "\${{ steps.each.count }}" }
`,
      sandbox,
    );
    expect(summary.steps.each!.status).toBe('ok');
    expect(summary.steps.after!.outputs.n).toBe(0);
  });
});
