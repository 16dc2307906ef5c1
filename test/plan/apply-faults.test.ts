import { describe, expect, it } from 'vitest';
import { applyPlan } from '../../src/plan/index.js';
import type { ApplyResult } from '../../src/plan/index.js';
import { useSandbox } from '../helpers/sandbox.js';
import { planYaml, sandboxClient } from './plan-helpers.js';

// Faults on every kind of request; half of the failed and dropped writes happen after the write was applied.
const sandbox = useSandbox({ rateLimit: false, connections: 240, failRate: 0.08, resetRate: 0.04, seed: 7 });

const COPY = `name: copy-under-faults
steps:
  - id: source
    list: connections
    with: { group: warehouse_legacy }
    where: item.service in ['postgres', 'mysql', 'salesforce', 'stripe', 'hubspot']
  - id: copy
    foreach: \${{ steps.source.items }}
    create: connection
    with:
      group: warehouse_new
      from: \${{ item }}
      schema_suffix: _v2
      secrets: { password: "\${{ secret('DB_PASSWORD') }}" }
`;

describe('apply against a faulty API', () => {
  it('reconciles lost answers instead of re-sending creates: no duplicates, every planned connection exactly once', async () => {
    const { plan, summary } = await planYaml(COPY, sandbox, { env: { DB_PASSWORD: 'pw-0001' } });
    expect(summary.status).toBe('ok');
    expect(plan.writes.length).toBeGreaterThan(30);
    const client = sandboxClient(sandbox);
    const results: ApplyResult[] = [];
    try {
      // A failure stops an apply; applying the same plan again (forced past the creates that now exist) finishes it.
      for (let attempt = 0; attempt < 8 && results.at(-1)?.status !== 'ok'; attempt++) {
        results.push(await applyPlan(plan, { client, env: { DB_PASSWORD: 'pw-0001' }, force: attempt > 0 }));
      }
    } finally {
      await client.close();
    }
    expect(results.at(-1)!.status).toBe('ok');
    const faults = sandbox.stats().faults;
    expect(faults.failedAfterWrite + faults.resetAfterWrite).toBeGreaterThan(0);
    const target = sandbox.state().groups.find((g) => g.name === 'warehouse_new')!.id;
    const copies = sandbox.state().connections.filter((c) => c.group_id === target);
    const schemas = copies.map((c) => c.schema);
    expect(new Set(schemas).size).toBe(schemas.length);
    expect(schemas.sort()).toEqual(plan.writes.map((w) => (w.target.key ?? '').split('/')[1]).sort());
    // Some answers were lost and settled by looking the connection up, not by sending it again.
    expect(results.flatMap((r) => r.outcomes).some((o) => o.result === 'reconciled' || o.result === 'exists')).toBe(true);
  });
});
