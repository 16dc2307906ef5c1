/** pause-broken, resume-paused, update-frequency and delete-connections: bulk changes to a group's connections. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox.js';
import { cliEnv, connectionNamed, connectionsOf, copyOfWorkflows, expectOk, itemOutputs, outputsOf, printed, runExample, writes } from './support.js';

// Syncs outlast the tests, so a running one never finishes between a run and the state read after it.
const sandbox = useSandbox({ rateLimit: false, syncDurationMs: 600_000 });
let dir = '';

beforeAll(() => {
  dir = copyOfWorkflows();
});
beforeEach(() => sandbox.reset());

const legacy = () => connectionsOf(sandbox, 'warehouse_legacy');
const schemasWhere = (test: (c: ReturnType<typeof legacy>[number]) => boolean) => legacy().filter(test).map((c) => c.schema).sort();

describe('pause-broken.yml', () => {
  it('pauses exactly the broken connections, and a re-run sends nothing', async () => {
    const broken = schemasWhere((c) => c.status.setup_state === 'broken');
    expect(broken).toEqual(['analytics_pg', 'billing_pg', 'legacy_orders']);
    const pausedBefore = schemasWhere((c) => c.paused);
    const run = await runExample('pause-broken.yml', sandbox, dir);
    expectOk(run);
    expect(schemasWhere((c) => c.paused)).toEqual([...pausedBefore, ...broken].sort());
    expect(writes(sandbox)).toBe(3);
    expect(sandbox.stats().requests.byRoute['GET /v1/connections/{connectionId}']).toBeUndefined();
    expect(printed(run.events).filter((line) => line.endsWith('| paused |'))).toHaveLength(3);

    const again = await runExample('pause-broken.yml', sandbox, dir);
    expectOk(again);
    expect(writes(sandbox)).toBe(3);
    expect(outputsOf(again, 'pause')).toMatchObject({ unchanged: 3, ok: 0 });
    expect(outputsOf(again).paused).toEqual([]);
  });
});

describe('resume-paused.yml', () => {
  it('resumes the paused connected ones, leaves broken ones paused, and a re-run sends nothing', async () => {
    // A broken connection paused by pause-broken stays paused: it is not connected.
    expectOk(await runExample('pause-broken.yml', sandbox, dir));
    const resumable = schemasWhere((c) => c.paused && c.status.setup_state === 'connected');
    expect(resumable).toEqual(['facebook_ads', 'finance_sheets.budget_2026', 'hr_mssql']);
    const made = writes(sandbox);
    const run = await runExample('resume-paused.yml', sandbox, dir);
    expectOk(run);
    expect(schemasWhere((c) => c.paused)).toEqual(['analytics_pg', 'billing_pg', 'legacy_orders']);
    expect(writes(sandbox) - made).toBe(3);
    expect(outputsOf(run, 'sync')).toMatchObject({ skipped: 3 });

    const again = await runExample('resume-paused.yml', sandbox, dir);
    expectOk(again);
    expect(writes(sandbox) - made).toBe(3);
    expect(outputsOf(again).resumed).toEqual([]);
  });

  it('resumes only the named schemas and, with sync, starts their sync', async () => {
    const run = await runExample('resume-paused.yml', sandbox, dir, { vars: { schemas: ['hr_mssql'], sync: true } });
    expectOk(run);
    const hr = connectionNamed(sandbox, 'warehouse_legacy', 'hr_mssql');
    expect(hr.paused).toBe(false);
    expect(hr.run).not.toBeNull();
    expect(schemasWhere((c) => c.paused)).toEqual(['facebook_ads', 'finance_sheets.budget_2026']);
    expect(sandbox.stats().requests.byRoute['POST /v1/connections/{connectionId}/sync']).toEqual({ 200: 1 });
  });
});

describe('update-frequency.yml', () => {
  it('patches only the connections whose frequency differs, and a re-run sends nothing', async () => {
    const differing = legacy().filter((c) => c.sync_frequency !== 360).map((c) => c.schema);
    expect(differing.sort()).toEqual(['partner_files.shipments', 'shop_mysql']);
    const run = await runExample('update-frequency.yml', sandbox, dir, { vars: { frequency: 360 } });
    expectOk(run);
    expect(legacy().every((c) => c.sync_frequency === 360)).toBe(true);
    expect(writes(sandbox)).toBe(2);
    expect(outputsOf(run).changed).toHaveLength(2);

    const all = await runExample('update-frequency.yml', sandbox, dir, { vars: { frequency: 60, services: ['postgres', 'mysql'] } });
    expectOk(all);
    expect(legacy().filter((c) => c.sync_frequency === 60).map((c) => c.schema).sort()).toEqual(['analytics_pg', 'erp_pg', 'shop_mysql']);
    expect(writes(sandbox)).toBe(5);
    const again = await runExample('update-frequency.yml', sandbox, dir, { vars: { frequency: 60, services: ['postgres', 'mysql'] } });
    expectOk(again);
    expect(writes(sandbox)).toBe(5);
    expect(itemOutputs(again, 'update').every((u) => u.status === 'unchanged')).toBe(true);
  });

  it('refuses a frequency Fivetran does not offer before sending anything', async () => {
    await expect(runExample('update-frequency.yml', sandbox, dir, { vars: { frequency: 45 } })).rejects.toThrow(/frequency/);
    expect(sandbox.stats().requests.total).toBe(0);
  });
});

describe('delete-connections.yml (built CLI)', () => {
  it('refuses without --yes (exit 2, nothing sent), then deletes exactly the selected ones after a backup', async () => {
    const env = cliEnv(sandbox);
    const file = join(dir, 'delete-connections.yml');
    const refused = await runCli([file, '--scope', 'delete'], { env });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("step 'delete' (delete connection) is destructive");
    expect(sandbox.stats().requests.total).toBe(0);

    const selected = legacy().filter((c) => c.paused);
    expect(selected.map((c) => c.schema).sort()).toEqual(['facebook_ads', 'finance_sheets.budget_2026', 'hr_mssql']);
    const total = sandbox.state().connections.length;
    const deleted = await runCli([file, '--scope', 'delete', '--yes'], { env });
    expect(deleted.code, deleted.stderr).toBe(0);
    const ids = new Set(sandbox.state().connections.map((c) => c.id));
    expect(selected.filter((c) => ids.has(c.id))).toEqual([]);
    expect(ids.size).toBe(total - 3);
    expect(sandbox.stats().writes.total).toBe(3);

    // The backup holds each deleted connection and, where it had one, its schema config.
    const backups = join(dir, 'out');
    const text = readFileSync(join(backups, newestBackup(backups)), 'utf8');
    const backup = JSON.parse(text) as { connection: { id: string }; schema_config: unknown }[];
    expect(backup.map((b) => b.connection.id).sort()).toEqual(selected.map((c) => c.id).sort());
    // facebook_ads never synced: it has no schema config to back up.
    expect(backup.filter((b) => b.schema_config !== null).map((b) => b.connection.id).sort()).toEqual(selected.filter((c) => c.succeeded_at !== null).map((c) => c.id).sort());
    expect(backup.filter((b) => b.schema_config !== null)).toHaveLength(2);
    expect(text).not.toMatch(/"password": "[^*]/);
  });

  it('a dry run shows the DELETEs and deletes nothing; a selection by suffix undoes migrate.yml', async () => {
    const dry = await runExample('delete-connections.yml', sandbox, dir, { dryRun: true });
    expectOk(dry);
    expect(dry.events.filter((e) => e.type === 'write-planned' && e.method === 'DELETE')).toHaveLength(3);
    expect(writes(sandbox)).toBe(0);

    expectOk(await runExample('migrate.yml', sandbox, dir, { vars: { services: ['postgres'] } }));
    expect(connectionsOf(sandbox, 'warehouse_new')).toHaveLength(2);
    const undo = await runExample('delete-connections.yml', sandbox, dir, { yes: true, vars: { group: 'warehouse_new', suffix: '_v2' } });
    expectOk(undo);
    expect(connectionsOf(sandbox, 'warehouse_new')).toEqual([]);
    expect(legacy()).toHaveLength(16);
  });
});

/** The newest file of a directory (backups are named by run id, which sorts by time). */
function newestBackup(path: string): string {
  expect(existsSync(path)).toBe(true);
  const names = readdirSync(path).filter((n) => n.startsWith('deleted-connections-')).sort();
  return names.at(-1)!;
}
