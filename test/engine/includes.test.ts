import { beforeEach, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { board } from './support/probe-step.js';
import { itemEvents, runEngine } from './support/run-engine.js';

const sandbox = useSandbox({ rateLimit: false });

beforeEach(() => board.reset());

const ECHO = `name: echo
vars:
  group: { required: true }
  limit: 10
outputs:
  summary: \${{ vars.group }}:\${{ vars.limit }}
steps:
  - id: echo
    probe: \${{ vars.group }}
`;

const BATCH = `name: batch
vars:
  ids: { type: list, required: true }
outputs:
  done: \${{ steps.each.count }}
steps:
  - id: each
    foreach: \${{ vars.ids }}
    concurrency: 3
    probe: \${{ item }}
`;

describe('uses:', () => {
  it('runs an included workflow with its vars and hands its outputs to later steps', async () => {
    const { summary, events } = await runEngine(
      `name: caller
steps:
  - id: inner
    uses: ./echo.yml
    with: { group: g1 }
  - id: after
    set: { seen: "\${{ steps.inner.summary }}" }
`,
      sandbox,
      { files: { 'echo.yml': ECHO } },
    );
    expect(summary.steps.after!.outputs.seen).toBe('g1:10');
    expect(itemEvents(events, 'inner.echo')).toEqual([expect.objectContaining({ key: '-', status: 'ok' })]);
    expect(board.started).toEqual(['inner.echo[-]']);
  });

  it('runs an include once per item with foreach, each with its own vars and outputs', async () => {
    const { summary } = await runEngine(
      `name: caller
steps:
  - id: inner
    foreach: [g1, g2, g3]
    uses: ./echo.yml
    with: { group: "\${{ item }}", limit: "\${{ index }}" }
`,
      sandbox,
      { files: { 'echo.yml': ECHO } },
    );
    const items = summary.steps.inner!.outputs.items as { summary: string; key: string }[];
    expect(items.map((i) => [i.key, i.summary])).toEqual([
      ['g1', 'g1:0'],
      ['g2', 'g2:1'],
      ['g3', 'g3:2'],
    ]);
    expect([...board.started].sort()).toEqual(['inner[g1].echo[-]', 'inner[g2].echo[-]', 'inner[g3].echo[-]']);
  });

  it('runs a batch loop: one batch at a time, each batch fanned out within its own cap', async () => {
    const { summary } = await runEngine(
      `name: batches
steps:
  - id: src
    set: { ids: [1, 2, 3, 4, 5, 6, 7] }
  - id: batches
    foreach: \${{ chunk(steps.src.ids, 3) }}
    key: \${{ 'batch' + string(index) }}
    concurrency: 1
    uses: ./batch.yml
    with: { ids: "\${{ item }}" }
    outputs:
      total: \${{ sum(result.items.map(b, b.done)) }}
`,
      sandbox,
      { files: { 'batch.yml': BATCH } },
    );
    expect((summary.steps.batches!.outputs.items as { done: number }[]).map((b) => b.done)).toEqual([3, 3, 1]);
    expect(summary.steps.batches!.outputs.total).toBe(7);
    expect(board.peak).toBeLessThanOrEqual(3);
    // Every item of a batch has finished before the next batch starts its first one.
    const batchOf = (entry: string): number => Number(/batches\[batch(\d)\]/.exec(entry)![1]);
    for (let batch = 1; batch < 3; batch++) {
      const firstStart = board.timeline.findIndex((e) => e.startsWith('start:') && batchOf(e) === batch);
      const lastEnd = board.timeline.findLastIndex((e) => e.startsWith('end:') && batchOf(e) === batch - 1);
      expect(lastEnd).toBeLessThan(firstStart);
    }
    expect(board.started.map(batchOf)).toEqual([0, 0, 0, 1, 1, 1, 2]);
  });

  it('fails the uses step when the included workflow fails, naming its failed step', async () => {
    const { summary, events } = await runEngine(
      `name: caller
steps:
  - id: inner
    uses: ./gated.yml
  - id: after
    probe: after
`,
      sandbox,
      {
        files: {
          'gated.yml': `name: gated
steps:
  - id: gate
    assert: "false"
    with: { message: closed }
`,
        },
      },
    );
    expect(itemEvents(events, 'inner')).toEqual([expect.objectContaining({ status: 'failed', error: "gated failed at step 'gate'" })]);
    expect(itemEvents(events, 'inner.gate')).toEqual([expect.objectContaining({ status: 'failed', error: 'closed' })]);
    expect(summary.steps.after!.status).toBe('skipped');
    expect(board.started).toEqual([]);
  });
});
