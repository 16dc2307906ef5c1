/** workflows/migrate.yml: the flagship. Effects are read from the sandbox's state, not from our output. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionRecord } from '../../src/sandbox/state/types.js';
import { runCli } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox.js';
import type { SandboxFixture } from '../helpers/sandbox.js';
import { REPO, cliEnv, connectionsOf, copyOfWorkflows, enabledTables, expectOk, itemOutputs, outputsOf, runExample, warnings, writes } from './support.js';

// Syncs outlast the tests, so a running one never finishes between a run and the state read after it.
const sandbox = useSandbox({ rateLimit: false, syncDurationMs: 600_000 });
let dir = '';

beforeAll(() => {
  dir = copyOfWorkflows();
});
beforeEach(() => sandbox.reset());

/** The schema name a copy gets: the suffix goes on the schema part (`s3_landing.daily_orders` → `s3_landing_v2.daily_orders`). */
const copyName = (schema: string, suffix = '_v2'): string => (schema.includes('.') ? schema.replace('.', `${suffix}.`) : `${schema}${suffix}`);

/** Checks the target group holds exactly one paused copy of each source, with its enabled tables. */
function expectCopies(fixture: SandboxFixture, sources: readonly ConnectionRecord[]): Map<string, ConnectionRecord> {
  const copies = connectionsOf(fixture, 'warehouse_new');
  expect(copies.map((c) => c.schema).sort()).toEqual(sources.map((s) => copyName(s.schema)).sort());
  const bySource = new Map<string, ConnectionRecord>();
  for (const source of sources) {
    const copy = copies.find((c) => c.schema === copyName(source.schema))!;
    expect(copy).toMatchObject({ service: source.service, paused: true, sync_frequency: source.sync_frequency });
    expect(enabledTables(copy)).toEqual(enabledTables(source));
    if (source.schema_config) expect(copy.schema_config!.schema_change_handling).toBe(source.schema_config.schema_change_handling);
    else expect(copy.schema_config).toBeNull();
    bySource.set(source.id, copy);
  }
  return bySource;
}

describe('migrate.yml', () => {
  it('copies every connection of warehouse_legacy into warehouse_new once, paused, suffixed, with its enabled tables, reporting old id → new id', async () => {
    expect(connectionsOf(sandbox, 'warehouse_legacy')).toHaveLength(16);
    const run = await runExample('migrate.yml', sandbox, dir);
    expectOk(run);
    // Read after the run: reading settles syncs that were running, which refreshes their schema configs.
    const sources = connectionsOf(sandbox, 'warehouse_legacy');

    const bySource = expectCopies(sandbox, sources);
    expect(sources.filter((s) => s.schema_config).length).toBeGreaterThan(5);
    expect(outputsOf(run).mapping).toEqual(expect.arrayContaining(sources.map((s) => ({ from: s.id, to: bySource.get(s.id)!.id }))));
    expect(outputsOf(run).created).toBe(16);

    // No credentials were named: masked secrets are left out of the copies (never sent as ******), one warning each.
    const masked = sources.filter((s) => Object.values(s.config).includes('******'));
    expect(masked.map((s) => s.service).sort()).toEqual(['mysql', 'mysql_rds', 'postgres', 'postgres', 'postgres_rds', 's3', 'sftp', 'sql_server', 'sql_server_rds']);
    for (const source of masked) {
      const copy = bySource.get(source.id)!;
      for (const [key, value] of Object.entries(source.config)) if (value === '******') expect(copy.config[key], `${copy.schema}.${key}`).toBeUndefined();
    }
    expect(warnings(run.events)).toHaveLength(masked.length);
    expect(itemOutputs(run, 'copies').filter((c) => (c.secrets_left_out as string[]).length > 0)).toHaveLength(masked.length);

    // Call economy: copies come from the list items (no connection read), one list of the target group.
    const routes = sandbox.stats().requests.byRoute;
    expect(routes['GET /v1/connections/{connectionId}']).toBeUndefined();
    expect(routes['GET /v1/groups/{groupId}/connections']).toEqual({ 200: 2 });
    expect(outputsOf(run, 'schemas')).toMatchObject({ ok: 11, skipped: 5, failed: 0 });
  });

  it('a second run creates nothing and changes nothing', async () => {
    expectOk(await runExample('migrate.yml', sandbox, dir));
    const made = writes(sandbox);
    const copies = connectionsOf(sandbox, 'warehouse_new');
    const again = await runExample('migrate.yml', sandbox, dir);
    expectOk(again);
    expect(writes(sandbox)).toBe(made);
    expect(connectionsOf(sandbox, 'warehouse_new')).toEqual(copies);
    expect(itemOutputs(again, 'copies').every((c) => c.action === 'exists')).toBe(true);
    expect(outputsOf(again, 'schemas')).toMatchObject({ ok: 0, unchanged: 11, skipped: 5 });
    expect(warnings(again.events)).toEqual([]);
  });

  it('sends the password named by password_env to the copies that have one, only of the chosen services, and writes the CSV report', async () => {
    const password = 'canary-migrate-5d1e';
    const run = await runExample('migrate.yml', sandbox, dir, {
      vars: { services: ['postgres', 'mysql', 's3'], password_env: 'LEGACY_DB_PASSWORD', report_file: 'out/migrate.csv', suffix: '_new' },
      env: { LEGACY_DB_PASSWORD: password },
    });
    expectOk(run);
    const copies = connectionsOf(sandbox, 'warehouse_new');
    expect(copies.map((c) => `${c.service} ${c.schema}`).sort()).toEqual(['mysql shop_mysql_new', 'postgres analytics_pg_new', 'postgres erp_pg_new', 's3 s3_landing_new.daily_orders']);
    // The sandbox masks what it stores: a password that was sent shows as ******, one never sent is absent.
    for (const copy of copies.filter((c) => c.service !== 's3')) expect(copy.config.password).toBe('******');
    expect(copies.find((c) => c.service === 's3')!.config).not.toHaveProperty('password');
    expect(warnings(run.events)).toEqual([expect.stringContaining('created without config.role_arn')]);
    expect(JSON.stringify(run.events)).not.toContain(password);

    const csv = readFileSync(join(dir, 'out', 'migrate.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe('service,old_id,new_id,schema,action,missing');
    const erp = copies.find((c) => c.schema === 'erp_pg_new')!;
    const source = connectionsOf(sandbox, 'warehouse_legacy').find((c) => c.schema === 'erp_pg')!;
    expect(csv).toContain(`postgres,${source.id},${erp.id},erp_pg_new,created,`);
    expect(csv).toHaveLength(5);
  });

  it('a dry run reads, plans every create and schema POST, and writes nothing', async () => {
    const run = await runExample('migrate.yml', sandbox, dir, { dryRun: true });
    expectOk(run);
    expect(writes(sandbox)).toBe(0);
    const planned = run.events.filter((e) => e.type === 'write-planned');
    expect(planned.filter((e) => e.type === 'write-planned' && e.path === 'connections')).toHaveLength(16);
    expect(planned.filter((e) => e.type === 'write-planned' && e.path.endsWith('/schemas'))).toHaveLength(11);
  });
});

describe('migrate.yml through the built CLI', () => {
  it('runs green as the README says, on a fresh in-process sandbox with no environment set up', async () => {
    const journal = mkdtempSync(join(tmpdir(), 'atlas-journal-'));
    const result = await runCli(['workflows/migrate.yml', '--sandbox'], {
      cwd: REPO,
      env: { ATLAS_JOURNAL_DIR: journal, FIVETRAN_API_URL: undefined, FIVETRAN_API_KEY: undefined, FIVETRAN_API_SECRET: undefined },
    });
    expect(result.code, result.stderr).toBe(0);
    const output = `${result.stdout}${result.stderr}`;
    expect(output).toContain('target sandbox');
    expect(output.split('\n').filter((line) => /^\| \w+ +\| \w+ +\| \w+ +\| .*_v2.* \| created /.test(line))).toHaveLength(16);
    expect(output).not.toContain('******"');
  });

  it('against an account (FIVETRAN_API_*): copies once, and a second run sends no write', async () => {
    const env = cliEnv(sandbox);
    const first = await runCli([join(dir, 'migrate.yml')], { env });
    expect(first.code, first.stderr).toBe(0);
    const sources = connectionsOf(sandbox, 'warehouse_legacy');
    expectCopies(sandbox, sources);
    const made = writes(sandbox);
    const sent = writeRequests(sandbox);
    const second = await runCli([join(dir, 'migrate.yml')], { env });
    expect(second.code, second.stderr).toBe(0);
    expect(writes(sandbox)).toBe(made);
    // Not even a create answered 409: the second run sends no request but GETs.
    expect(writeRequests(sandbox)).toBe(sent);
    expectCopies(sandbox, sources);
  });
});

/** Requests other than GET the sandbox received, applied or refused. */
function writeRequests(fixture: typeof sandbox): number {
  return Object.entries(fixture.stats().requests.byMethod).reduce((sum, [method, count]) => (method === 'GET' ? sum : sum + count), 0);
}
