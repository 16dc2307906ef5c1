import { beforeEach, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { board } from './support/probe-step.js';
import { itemEvents, runEngine } from './support/run-engine.js';

const sandbox = useSandbox({ rateLimit: false });

beforeEach(() => board.reset());

describe('step outputs', () => {
  it('gives a single step its handler outputs, its status, and outputs: computed from result', async () => {
    const { summary } = await runEngine(
      `name: single
steps:
  - id: numbers
    set: { values: [3, 1, 2] }
    outputs:
      total: \${{ sum(result.values) }}
      sorted_first: \${{ result.values[1] }}
  - id: after
    set: { total: "\${{ steps.numbers.total }}", state: "\${{ steps.numbers.status }}" }
    outputs: { seen: "\${{ result.total }} (\${{ result.state }})" }
`,
      sandbox,
    );
    expect(summary.steps.numbers!.outputs).toEqual({ values: [3, 1, 2], status: 'ok', total: 6, sorted_first: 1 });
    expect(summary.steps.after!.outputs.seen).toBe('6 (ok)');
  });

  it('keeps the type of a whole-string expression and stringifies an embedded one', async () => {
    const { summary } = await runEngine(
      `name: types
vars:
  ids: [a, b]
  n: 2
steps:
  - id: typed
    set:
      list: \${{ vars.ids }}
      number: \${{ vars.n + 1 }}
      text: "n is \${{ vars.n }}, ids are \${{ vars.ids }}"
`,
      sandbox,
    );
    expect(summary.steps.typed!.outputs).toMatchObject({ list: ['a', 'b'], number: 3, text: 'n is 2, ids are ["a","b"]' });
  });

  it('gives a fan-out step the counts, the items, and outputs: computed from them', async () => {
    const { summary } = await runEngine(
      `name: fan-out outputs
steps:
  - id: each
    foreach: [1, 2, 3]
    when: \${{ item != 2 }}
    probe: \${{ item * item }}
    outputs:
      squares: \${{ result.items.map(i, i.value) }}
      ran: \${{ result.ok }}
`,
      sandbox,
    );
    expect(summary.steps.each!.outputs).toMatchObject({ count: 2, ok: 2, skipped: 1, failed: 0, failures: [], status: 'ok', squares: [1, 9], ran: 2 });
  });

  it('returns the workflow outputs when the run succeeds, and none when it fails', async () => {
    const workflow = (gate: string) => `name: workflow outputs
outputs:
  doubled: \${{ steps.numbers.values.map(v, v * 2) }}
steps:
  - id: numbers
    set: { values: [1, 2] }
  - id: gate
    assert: "${gate}"
`;
    const ok = await runEngine(workflow('true'), sandbox);
    expect(ok.summary.outputs).toEqual({ doubled: [2, 4] });
    const failed = await runEngine(workflow('false'), sandbox);
    expect(failed.summary.outputs).toEqual({});
  });

  it('reports an expression that fails at run time as the failure of its step, naming the expression', async () => {
    const { summary, events } = await runEngine(
      `name: runtime error
vars:
  conn: { type: object, default: {} }
steps:
  - id: read
    set: { id: "\${{ vars.conn.id }}" }
`,
      sandbox,
    );
    expect(summary.steps.read!.status).toBe('failed');
    const failure = itemEvents(events, 'read')[0];
    expect(failure).toMatchObject({
      status: 'failed',
      error: "workflow.yml:6:31: no such key 'id' in 'vars.conn.id'\n  hint: use has(vars.conn.id) or default(vars.conn.id, …) when it may be absent",
    });
  });
});
