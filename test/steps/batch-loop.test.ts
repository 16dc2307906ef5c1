/**
 * USE-CASES §6 scenario 15 (and the racy wait of §2.5): enable tables a batch at a time, and after
 * each batch sync and wait for that sync to finish before the next batch starts.
 */
import { describe, expect, it } from 'vitest';
import { runYaml } from '../helpers/run-workflow.js';
import { useSandbox } from '../helpers/sandbox.js';
import { call, dataOf } from '../sandbox/support.js';
import { outputsOf, seeded } from './ops-support.js';

const sandbox = useSandbox({ rateLimit: false, syncDurationMs: 30 });

const batch = `name: one batch
vars:
  connection: { type: string, required: true }
  schema: { type: string, required: true }
  tables: { type: list, required: true }
steps:
  - id: enable
    schema: patch
    with:
      connection: \${{ vars.connection }}
      enable: \${{ vars.tables.map(t, vars.schema + '.' + t) }}
  - id: kick
    sync: \${{ vars.connection }}
  - id: synced
    wait: sync-finished
    with:
      connection: \${{ vars.connection }}
      since: \${{ steps.kick.triggered_at }}
      interval: 5ms
      timeout: 30s
outputs:
  finished_at: \${{ steps.synced.object.succeeded_at }}
  since: \${{ steps.kick.triggered_at }}
`;

const loop = (id: string) => `name: enable tables in batches
steps:
  - id: batches
    foreach: \${{ chunk(['Customers', 'Orders', 'OrderItems', 'products'], 2) }}
    concurrency: 1
    uses: ./batch.yml
    with:
      connection: ${id}
      schema: public
      tables: \${{ item }}
`;

describe('batch loop: enable, sync, wait for that sync, next batch', () => {
  it('runs the batches one after the other, each waiting for its own sync', async () => {
    const erp = seeded(sandbox, 'erp_pg');
    const off = Object.fromEntries(['Customers', 'Orders', 'OrderItems'].map((t) => [t, { enabled: false }]));
    dataOf(await call(sandbox, 'PATCH', `/connections/${erp.id}/schemas`, { body: { schemas: { public: { enabled: true, tables: off } } } }));

    const run = await runYaml(loop(erp.id), sandbox, { files: { 'batch.yml': batch } });
    expect(run.summary.status).toBe('ok');
    const items = outputsOf(run, 'batches').items as { finished_at: string; since: string }[];
    expect(items).toHaveLength(2);
    const [first, second] = items as [{ finished_at: string; since: string }, { finished_at: string; since: string }];
    // Each batch saw a sync that finished after its own trigger, and the second began after the first ended.
    for (const b of items) expect(Date.parse(b.finished_at)).toBeGreaterThanOrEqual(Date.parse(b.since));
    expect(Date.parse(second.since)).toBeGreaterThan(Date.parse(first.finished_at));

    const tables = seeded(sandbox, 'erp_pg').schema_config!.schemas.public!.tables;
    for (const t of ['Customers', 'Orders', 'OrderItems', 'products']) expect(tables[t]?.enabled).toBe(true);
    expect(sandbox.stats().writes.byKind).toMatchObject({ sync_triggered: 2, schema_patched: 3 });
  });
});
