/** status.yml: one line per connection over every page, and the same rows as CSV. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { connectionsOf, copyOfWorkflows, expectOk, outputsOf, runExample } from './support.js';

// More connections than one page of 1000 holds, so the report must follow the cursor.
const sandbox = useSandbox({ rateLimit: false, connections: 1100, syncDurationMs: 600_000 });
let dir = '';

beforeAll(() => {
  dir = copyOfWorkflows();
});

/** CSV text → rows keyed by the header (status.yml writes no quoted commas: names and states only). */
function csvRows(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trimEnd().split('\n');
  const names = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [names[i]!, value])));
}

describe('status.yml', () => {
  it('prints and exports every connection of the account across pages, colouring broken and paused ones', async () => {
    const connections = sandbox.state().connections;
    expect(connections.length).toBe(1100);
    const run = await runExample('status.yml', sandbox, dir);
    expectOk(run);
    expect(sandbox.stats().requests.byRoute['GET /v1/connections']).toEqual({ 200: 2 });

    const lines = run.events.filter((e) => e.type === 'print' && e.step === 'lines');
    expect(lines).toHaveLength(1100);
    const erp = connections.find((c) => c.schema === 'erp_pg')!;
    expect(lines).toContainEqual(expect.objectContaining({ text: `${erp.id} erp_pg Type: postgres Status: scheduled Setup: connected Frequency: 360` }));
    const levelOf = (schema: string) => lines.find((e) => e.type === 'print' && e.text.split(' ')[1] === schema);
    expect(levelOf('billing_pg')).toMatchObject({ level: 'error' });
    expect(levelOf('hr_mssql')).toMatchObject({ level: 'warning' });

    const rows = csvRows(readFileSync(join(dir, 'out', 'connection-status.csv'), 'utf8'));
    expect(rows.map((r) => r.id).sort()).toEqual(connections.map((c) => c.id).sort());
    const groups = new Map(sandbox.state().groups.map((g) => [g.id, g.name]));
    for (const connection of connections) {
      const row = rows.find((r) => r.id === connection.id)!;
      expect(row).toEqual({
        group: groups.get(connection.group_id),
        id: connection.id,
        schema: connection.schema,
        service: connection.service,
        paused: String(connection.paused),
        setup_state: connection.status.setup_state,
        sync_state: connection.status.sync_state,
        sync_frequency: String(connection.sync_frequency),
        succeeded_at: connection.succeeded_at ?? '',
        failed_at: connection.failed_at ?? '',
      });
    }
    expect((outputsOf(run).broken as string[]).sort()).toEqual(connections.filter((c) => c.status.setup_state === 'broken').map((c) => c.id).sort());
    expect(sandbox.stats().writes.total).toBe(0);
  });

  it('reports one group when asked, to the file named', async () => {
    const run = await runExample('status.yml', sandbox, dir, { vars: { group: 'warehouse_legacy', csv: 'out/legacy/status.csv' } });
    expectOk(run);
    const rows = csvRows(readFileSync(join(dir, 'out', 'legacy', 'status.csv'), 'utf8'));
    expect(rows.map((r) => r.id).sort()).toEqual(connectionsOf(sandbox, 'warehouse_legacy').map((c) => c.id).sort());
    expect(new Set(rows.map((r) => r.group))).toEqual(new Set(['warehouse_legacy']));
    expect(outputsOf(run).count).toBe(rows.length);
  });
});
