/** bulk-create, one-to-many and create-destination: runbooks that create, each safe to run again. */
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox.js';
import { cliEnv, connectionNamed, connectionsOf, copyOfWorkflows, enabledTables, expectOk, itemOutputs, outputsOf, runExample, warnings, writes } from './support.js';

const sandbox = useSandbox({ rateLimit: false, syncDurationMs: 600_000 });
let dir = '';

beforeEach(() => {
  sandbox.reset();
  dir = copyOfWorkflows();
});

const PASSWORD = 'canary-bulk-8c4f';

describe('bulk-create.yml', () => {
  const rows = () => readFileSync(join(dir, 'data', 'databases.csv'), 'utf8').trimEnd().split('\n').slice(1).map((line) => line.split(','));

  it('creates one paused connection per CSV row with the password from the environment, then only what a longer CSV adds', async () => {
    const run = await runExample('bulk-create.yml', sandbox, dir, { env: { DB_PASSWORD: PASSWORD } });
    expectOk(run);
    const created = connectionsOf(sandbox, 'warehouse_new');
    expect(created.map((c) => c.schema).sort()).toEqual(rows().map(([prefix]) => prefix).sort());
    for (const [prefix, host, database] of rows()) {
      expect(created.find((c) => c.schema === prefix)).toMatchObject({ service: 'postgres', paused: true, config: { host, database, port: 5432, user: 'fivetran', password: '******' } });
    }
    expect((outputsOf(run).new_ids as string[]).sort()).toEqual(created.map((c) => c.id).sort());
    expect(JSON.stringify(run.events)).not.toContain(PASSWORD);

    // A row added later: a second run creates it alone and reports the others as existing.
    appendFileSync(join(dir, 'data', 'databases.csv'), 'returns_eu,returns.db.example.com,returns\n');
    const made = writes(sandbox);
    const again = await runExample('bulk-create.yml', sandbox, dir, { env: { DB_PASSWORD: PASSWORD } });
    expectOk(again);
    expect(writes(sandbox) - made).toBe(1);
    expect(outputsOf(again).new_ids).toEqual([connectionNamed(sandbox, 'warehouse_new', 'returns_eu').id]);
    expect(itemOutputs(again, 'create').filter((c) => c.action === 'exists')).toHaveLength(5);
  });

  it('with count, creates from the first rows only; without the password it fails before sending anything', async () => {
    expectOk(await runExample('bulk-create.yml', sandbox, dir, { env: { DB_PASSWORD: PASSWORD }, vars: { count: 2 } }));
    expect(connectionsOf(sandbox, 'warehouse_new').map((c) => c.schema).sort()).toEqual(['sales_eu', 'sales_us']);

    sandbox.reset();
    const missing = await runExample('bulk-create.yml', sandbox, dir);
    expect(missing.summary.status).toBe('failed');
    expect(JSON.stringify(outputsOf(missing, 'create').failures)).toContain("secret 'DB_PASSWORD' is not set");
    expect(writes(sandbox)).toBe(0);
  });
});

describe('one-to-many.yml', () => {
  const GROUPS = ['warehouse_new', 'analytics_prod', 'marketing_eu'];

  it('copies erp_pg into each group once, paused, with its enabled tables, reading the source once; a re-run changes nothing', async () => {
    const run = await runExample('one-to-many.yml', sandbox, dir);
    expectOk(run);
    const source = connectionNamed(sandbox, 'warehouse_legacy', 'erp_pg');
    for (const group of GROUPS) {
      const copies = connectionsOf(sandbox, group).filter((c) => c.service === 'postgres');
      expect(copies).toHaveLength(1);
      expect(copies[0]).toMatchObject({ schema: 'erp_pg', paused: true, config: { host: source.config.host, database: source.config.database } });
      expect(copies[0]!.config).not.toHaveProperty('password');
      expect(enabledTables(copies[0]!)).toEqual(enabledTables(source));
    }
    expect(warnings(run.events)).toHaveLength(3);
    expect(sandbox.stats().requests.byRoute['GET /v1/connections/{connectionId}/schemas']?.[200]).toBe(1);
    expect(outputsOf(run).copies).toEqual(GROUPS.map((group) => ({ group, id: connectionNamed(sandbox, group, 'erp_pg').id })));

    const made = writes(sandbox);
    expectOk(await runExample('one-to-many.yml', sandbox, dir));
    expect(writes(sandbox)).toBe(made);
  });

  it('fails clearly when the source schema is not in the group, creating nothing', async () => {
    const run = await runExample('one-to-many.yml', sandbox, dir, { vars: { schema: 'erp_pgg' } });
    expect(run.summary.status).toBe('failed');
    expect(run.events).toContainEqual(expect.objectContaining({ type: 'item', step: 'find.one', status: 'failed', error: "no connection writes to schema 'erp_pgg' in group 'warehouse_legacy'" }));
    expect(writes(sandbox)).toBe(0);
  });
});

describe('create-destination.yml (built CLI)', () => {
  it('creates the group and its BigQuery destination and tests it; a second run sends nothing', async () => {
    const env = cliEnv(sandbox);
    const file = join(dir, 'create-destination.yml');
    const first = await runCli([file, '--var', 'group_name=reporting_eu'], { env });
    expect(first.code, first.stderr).toBe(0);
    const groups = sandbox.state().groups.filter((g) => g.name === 'reporting_eu');
    expect(groups).toHaveLength(1);
    const destination = sandbox.state().destinations.find((d) => d.group_id === groups[0]!.id);
    expect(destination).toMatchObject({ service: 'big_query', region: 'GCP_EUROPE_WEST3', setup_status: 'connected', config: { project_id: 'acme-analytics', data_set_location: 'EU' } });
    expect(writes(sandbox)).toBe(3);

    const second = await runCli([file, '--var', 'group_name=reporting_eu'], { env });
    expect(second.code, second.stderr).toBe(0);
    expect(writes(sandbox)).toBe(3);
    expect(`${second.stdout}${second.stderr}`).toContain('Group: exists Destination: exists Setup: connected');
  });
});
