import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { formatPlan } from '../../src/plan/format-plan.js';
import { PLAN_FORMAT } from '../../src/plan/plan-types.js';
import type { PlanFile, PlannedWrite } from '../../src/plan/plan-types.js';

const chalk = new Chalk({ level: 0 });

function plan(writes: PlannedWrite[], estimate: Partial<PlanFile['estimate']> = {}, problems: string[] = []): PlanFile {
  return {
    format: PLAN_FORMAT,
    version: 1,
    created_at: 't',
    tool_version: '0.1.0',
    workflow: { file: 'wf.yml', name: 'wf', checksum: 'c' },
    target: 'api.fivetran.com',
    base_url: 'https://api.fivetran.com/v1',
    scope: 'delete',
    vars: {},
    writes,
    estimate: { reads: 4, writes: writes.length, run: 4 + writes.length, apply: 2 + writes.length, ...estimate },
    problems,
  };
}

const WRITES: PlannedWrite[] = [
  { seq: 1, step: 'copy', key: 'a', change: 'create', method: 'POST', path: 'connections', body: { service: 'postgres', config: { password: { $secret: 'PG' } } }, target: { kind: 'connection', key: 'g/a' } },
  { seq: 2, step: 'pause', key: 'c1', change: 'update', method: 'PATCH', path: 'connections/c1', body: { paused: true, config: { schema_prefix: 'x' } }, changes: { paused: true, config: { schema_prefix: 'x' } }, target: { kind: 'connection', id: 'c1', before: { paused: false, config: { schema_prefix: 'w' } }, checksum: 'k' } },
  { seq: 3, step: 'drop', key: 'c2', change: 'delete', method: 'DELETE', path: 'connections/c2', target: { kind: 'connection', id: 'c2', before: { id: 'c2', schema: 'old' }, checksum: 'k' } },
  { seq: 4, step: 'kick', key: '-', change: 'action', method: 'POST', path: 'connections/c1/sync', body: { force: false }, target: { kind: 'connection', id: 'c1' } },
];

describe('formatPlan', () => {
  it('counts writes per step and method, and shows each diff', () => {
    const text = formatPlan(plan(WRITES, { hourlyRemaining: 100, hourlyLimit: 20000 }), { chalk, details: true });
    expect(text).toContain(['  step   writes  POST  PATCH  DELETE', '  copy        1     1', '  pause       1            1', '  drop        1                    1', '  kick        1     1', '  total       4     2      1       1'].join('\n'));
    expect(text).toContain('#1 create connection g/a  POST connections  copy [a]\n     + {"service":"postgres","config":{"password":{"$secret":"PG"}}}');
    expect(text).toContain('#2 update connection c1  PATCH connections/c1  pause [c1]\n     ~ paused: false → true\n     ~ config.schema_prefix: "w" → "x"');
    expect(text).toContain('#3 delete connection c2  DELETE connections/c2  drop [c2]\n     - {"id":"c2","schema":"old"}');
    expect(text).toContain('#4 action connection c1  POST connections/c1/sync  kick\n       {"force":false}');
    expect(text).toContain('API calls: a run makes about 8 (4 reads + 4 writes); apply makes about 6 (2 drift checks + 4 writes).');
    expect(text).toContain('Hourly budget: 100 of 20000 requests left (X-Rate-Limit-Remaining): enough for apply.');
  });

  it('warns when apply needs more requests than the hour has left, and lists problems', () => {
    const text = formatPlan(plan(WRITES, { hourlyRemaining: 3 }, ['step copy: a problem']), { chalk, details: false });
    expect(text).not.toContain('#1');
    expect(text).toContain('Hourly budget: 3 requests left (X-Rate-Limit-Remaining): apply needs 3 more: expect rate-limit waits.');
    expect(text).toContain('Problems (apply refuses this plan until they are fixed):\n  - step copy: a problem');
  });

  it('says when there is nothing to do and when the budget is unknown', () => {
    const text = formatPlan(plan([]), { chalk, details: true });
    expect(text).toContain('No writes: the account is already as the workflow wants it.');
    expect(text).toContain('Hourly budget: unknown (the API sent no X-Rate-Limit-Remaining).');
  });
});
