import { beforeEach, describe, expect, it } from 'vitest';
import { runYaml } from '../helpers/run-workflow.js';
import { useSandbox } from '../helpers/sandbox.js';
import { call, dataOf } from '../sandbox/support.js';
import { expectFailure, groupIdOf, outputsOf, seeded, writesApplied } from './ops-support.js';

const sandbox = useSandbox({ rateLimit: false });

beforeEach(() => sandbox.reset());

const schemaStep = (id: string, action: string, withBlock: string) => `name: schema
steps:
  - id: s
    schema: ${action}
    with:
      connection: ${id}
${withBlock
  .split('\n')
  .filter(Boolean)
  .map((line) => `      ${line}`)
  .join('\n')}
`;

const schemaOf = (schema: string) => seeded(sandbox, schema).schema_config!;
const route = (key: string) => sandbox.stats().requests.byRoute[key] ?? {};

describe('schema: get', () => {
  it('reads the config once per run however many steps ask', async () => {
    const erp = seeded(sandbox, 'erp_pg');
    const yaml = `name: get
steps:
  - id: a
    schema: get
    with: { connection: ${erp.id} }
  - id: b
    schema: get
    with: { connection: ${erp.id} }
`;
    const run = await runYaml(yaml, sandbox);
    expect(outputsOf(run, 'b')).toMatchObject({ config: { schemas: { public: { enabled: true }, audit: { enabled: false } } } });
    expect(route('GET /v1/connections/{connectionId}/schemas')).toEqual({ 200: 1 });
  });

  it('says when a connection has no schema config yet', async () => {
    const hubspot = seeded(sandbox, 'hubspot');
    const run = await runYaml(schemaStep(hubspot.id, 'get', ''), sandbox);
    expectFailure(run, 's', `GET /v1/connections/${hubspot.id}/schemas → 404 NotFound_SchemaConfig`);
  });
});

describe('schema: patch', () => {
  const edit = `enable: [audit, public.products]
disable: [Sales.InvoiceLines]
hash: [public.Orders.CustomerID]
schema_change_handling: BLOCK_ALL`;

  it('sends one PATCH with only the differences, and nothing on a re-run', async () => {
    const erp = seeded(sandbox, 'erp_pg');
    const run = await runYaml(schemaStep(erp.id, 'patch', edit), sandbox);
    expect(run.summary.status).toBe('ok');
    expect(outputsOf(run, 's').changes).toEqual([
      'audit enabled',
      'public.products enabled',
      'public.Orders.CustomerID hashed',
      'Sales.InvoiceLines disabled',
      'schema_change_handling BLOCK_ALL',
    ]);
    const config = schemaOf('erp_pg');
    expect(config.schema_change_handling).toBe('BLOCK_ALL');
    expect(config.schemas.audit?.enabled).toBe(true);
    expect(config.schemas.public?.tables.products?.enabled).toBe(true);
    expect(config.schemas.Sales?.tables.InvoiceLines?.enabled).toBe(false);
    expect(config.schemas.public?.tables.Orders?.columns.CustomerID).toMatchObject({ enabled: true, hashed: true });
    expect(sandbox.stats().writes.byKind.schema_patched).toBe(1);
    // The column was not listed in the config, so its table's live columns were read once to check it.
    expect(route('GET /v1/connections/{connectionId}/schemas/{schema}/tables/{table}/columns')).toEqual({ 200: 1 });

    const writes = writesApplied(sandbox);
    const again = await runYaml(schemaStep(erp.id, 'patch', edit), sandbox);
    expect(outputsOf(again, 's')).toMatchObject({ status: 'unchanged', changes: [] });
    expect(writesApplied(sandbox)).toBe(writes);
  });

  it('takes the API nested shape, leaving out what it does not change', async () => {
    const salesforce = seeded(sandbox, 'salesforce');
    const nested = `schemas:
  salesforce:
    tables:
      Campaign: { enabled: true }
      Opportunity: { sync_mode: SOFT_DELETE }
      Contact: { columns: { Email: { hashed: false } } }
      Lead: { enabled: true }`;
    const dry = await runYaml(schemaStep(salesforce.id, 'patch', nested), sandbox, { dryRun: true });
    const planned = dry.events.find((e) => e.type === 'write-planned');
    expect(planned).toMatchObject({
      method: 'PATCH',
      path: `connections/${salesforce.id}/schemas`,
      body: {
        schemas: {
          salesforce: {
            enabled: true,
            tables: {
              Campaign: { enabled: true },
              Opportunity: { enabled: true, sync_mode: 'SOFT_DELETE' },
              Contact: { enabled: true, columns: { Email: { enabled: true, hashed: false } } },
            },
          },
        },
      },
    });
    expect(writesApplied(sandbox)).toBe(0);

    await runYaml(schemaStep(salesforce.id, 'patch', nested), sandbox);
    const tables = schemaOf('salesforce').schemas.salesforce!.tables;
    expect(tables.Campaign?.enabled).toBe(true);
    expect(tables.Opportunity?.sync_mode).toBe('SOFT_DELETE');
    expect(tables.Contact?.columns.Email?.hashed).toBe(false);
  });

  it('refuses unknown names with suggestions, contradictions and changes the config forbids, sending nothing', async () => {
    const erp = seeded(sandbox, 'erp_pg');
    const names = await runYaml(schemaStep(erp.id, 'patch', 'enable: [Public, public.orders]\ndisable: [public.products, audit]\nhash: [public.Orders.CustomerId, public.Orders]'), sandbox);
    const error = expectFailure(names, 's', `cannot patch the schema config of ${erp.id}: `);
    expect(error).toContain("enable: no schema 'Public' in the schema config (did you mean 'public'?)");
    expect(error).toContain("enable: no table 'orders' in schema 'public' (did you mean 'Orders'?)");
    expect(error).toContain("hash: 'public.Orders' is not a column");
    expect(error).not.toContain('CustomerId');

    const forbidden = await runYaml(schemaStep(erp.id, 'patch', 'enable: [public.pg_stat_activity]\ndisable: [public.Orders.OrderID]\nhash: [public.Orders.CustomerId]'), sandbox);
    const refusal = expectFailure(forbidden, 's', 'public.pg_stat_activity cannot be enabled: SYSTEM_TABLE');
    expect(refusal).toContain('public.Orders.OrderID cannot be disabled: SYSTEM_COLUMN');
    expect(refusal).toContain("no column 'CustomerId' in public.Orders (did you mean 'CustomerID'?)");

    const both = await runYaml(schemaStep(erp.id, 'patch', 'enable: [public.products]\ndisable: [public.products]'), sandbox);
    expectFailure(both, 's', 'public.products: enabled is asked to be both true and false');
    expect(sandbox.stats().requests.byMethod.PATCH).toBeUndefined();
  });

  it('needs something to change, and inputs that belong to patch', async () => {
    const erp = seeded(sandbox, 'erp_pg');
    expectFailure(await runYaml(schemaStep(erp.id, 'patch', ''), sandbox), 's', 'schema: patch needs at least one of');
    expectFailure(await runYaml(schemaStep(erp.id, 'patch', `from: ${erp.id}\nenable: [audit]`), sandbox), 's', 'schema: patch does not use from');
  });
});

describe('schema: reload', () => {
  it('reloads, then applies schema_change_handling only when it differs', async () => {
    const hubspot = seeded(sandbox, 'hubspot');
    const yaml = schemaStep(hubspot.id, 'reload', 'schema_change_handling: ALLOW_COLUMNS');
    const run = await runYaml(yaml, sandbox);
    expect(outputsOf(run, 's')).toMatchObject({ changes: ['reloaded (PRESERVE)', 'schema_change_handling ALLOW_COLUMNS'], config: { schema_change_handling: 'ALLOW_COLUMNS' } });
    expect(schemaOf('hubspot').schema_change_handling).toBe('ALLOW_COLUMNS');
    const again = await runYaml(yaml, sandbox);
    expect(outputsOf(again, 's').changes).toEqual(['reloaded (PRESERVE)']);
    expect(sandbox.stats().writes.byKind).toMatchObject({ schema_reloaded: 2, schema_patched: 1 });
  });

  it('plans against the config as it is in a dry run', async () => {
    const erp = seeded(sandbox, 'erp_pg');
    const run = await runYaml(schemaStep(erp.id, 'reload', 'exclude_mode: EXCLUDE\nschema_change_handling: BLOCK_ALL'), sandbox, { dryRun: true });
    expect(outputsOf(run, 's')).toMatchObject({ config: { schema_change_handling: 'ALLOW_ALL' } });
    expect(run.events.filter((e) => e.type === 'write-planned')).toMatchObject([
      { method: 'POST', path: `connections/${erp.id}/schemas/reload`, body: { exclude_mode: 'EXCLUDE' } },
      { method: 'PATCH', path: `connections/${erp.id}/schemas`, body: { schema_change_handling: 'BLOCK_ALL' } },
    ]);
    expect(writesApplied(sandbox)).toBe(0);
  });
});

/** A new connection of `service` in warehouse_new, tests skipped: it has no schema config yet. */
async function newConnection(service: string, config: Record<string, unknown>): Promise<string> {
  const body = { service, group_id: groupIdOf(sandbox, 'warehouse_new'), paused: true, run_setup_tests: false, config };
  return dataOf<{ id: string }>(await call(sandbox, 'POST', '/connections', { body })).id;
}

/** Enabled flags and sync modes of every table, and the settings of every listed column. */
function selection(config: { schemas: Record<string, { enabled: boolean; tables: Record<string, { enabled: boolean; sync_mode?: string; columns: Record<string, { enabled: boolean; hashed: boolean }> }> }> }) {
  return Object.fromEntries(
    Object.entries(config.schemas).map(([name, schema]) => [
      name,
      {
        enabled: schema.enabled,
        tables: Object.fromEntries(
          Object.entries(schema.tables).map(([table, t]) => [
            table,
            { enabled: t.enabled, sync_mode: t.sync_mode, columns: Object.fromEntries(Object.entries(t.columns).map(([c, v]) => [c, { enabled: v.enabled, hashed: v.hashed }])) },
          ]),
        ),
      },
    ]),
  );
}

const copyYaml = (target: string, from: string) => schemaStep(target, 'copy', `from: ${from}`);

describe('schema: copy', () => {
  it('gives a target without a config the source selection in one POST, and a re-run sends nothing', async () => {
    const source = seeded(sandbox, 'salesforce');
    const target = await newConnection('salesforce', { schema: 'salesforce_copy' });
    const requestsBefore = sandbox.stats().requests.total;
    const run = await runYaml(copyYaml(target, source.id), sandbox);
    expect(run.summary.status).toBe('ok');
    expect(sandbox.stats().requests.total - requestsBefore).toBe(3);
    expect(sandbox.stats().writes.byKind.schema_created).toBe(1);
    const copied = sandbox.state().connections.find((c) => c.id === target)!.schema_config!;
    expect(selection(copied)).toEqual(selection(schemaOf('salesforce')));
    expect(copied.schemas.salesforce?.tables.Contact?.columns.Email).toMatchObject({ hashed: true });

    const writes = writesApplied(sandbox);
    const again = await runYaml(copyYaml(target, source.id), sandbox);
    expect(outputsOf(again, 's')).toMatchObject({ status: 'unchanged', changes: [] });
    expect(writesApplied(sandbox)).toBe(writes);
  });

  it('patches only the differences onto a target that has a config', async () => {
    const source = seeded(sandbox, 'hr_mssql');
    const target = await newConnection('sql_server', { schema_prefix: 'hr_copy', host: 'hr.example.com', port: 1433, database: 'hr', user: 'u', password: 'p' });
    dataOf(await call(sandbox, 'POST', `/connections/${target}/schemas/reload`, { body: { exclude_mode: 'PRESERVE' } }));
    const run = await runYaml(copyYaml(target, source.id), sandbox);
    expect(outputsOf(run, 's').changes).toEqual(['dbo.Employees.Salary set (enabled true, hashed true)', 'HR.Recruiting disabled']);
    expect(sandbox.stats().writes.byKind.schema_patched).toBe(1);
    const copied = sandbox.state().connections.find((c) => c.id === target)!.schema_config!;
    expect(selection(copied)).toEqual(selection(schemaOf('hr_mssql')));
    const again = await runYaml(copyYaml(target, source.id), sandbox);
    expect(outputsOf(again, 's')).toMatchObject({ status: 'unchanged' });
    expect(sandbox.stats().writes.byKind.schema_patched).toBe(1);
  });

  it('reads the source once when fanning one config out to several targets', async () => {
    const source = seeded(sandbox, 'erp_pg');
    const targets = [await newConnection('postgres', { schema_prefix: 'erp_a' }), await newConnection('postgres', { schema_prefix: 'erp_b' })];
    const yaml = `name: fan out
steps:
  - id: copies
    foreach: \${{ ${JSON.stringify(targets)} }}
    schema: copy
    with: { connection: '\${{ item }}', from: ${source.id} }
`;
    const run = await runYaml(yaml, sandbox);
    expect(outputsOf(run, 'copies')).toMatchObject({ ok: 2 });
    expect(route('GET /v1/connections/{connectionId}/schemas')).toEqual({ 200: 1, 404: 2 });
    for (const id of targets) {
      expect(selection(sandbox.state().connections.find((c) => c.id === id)!.schema_config!)).toEqual(selection(schemaOf('erp_pg')));
    }
  });

  it('records the POST for a planned target without reading it', async () => {
    const source = seeded(sandbox, 'salesforce');
    const run = await runYaml(copyYaml("'planned:connection:make'", source.id), sandbox, { dryRun: true });
    expect(run.summary.status).toBe('ok');
    expect(run.events.filter((e) => e.type === 'write-planned')).toMatchObject([{ method: 'POST', path: 'connections/planned%3Aconnection%3Amake/schemas' }]);
    expect(route('GET /v1/connections/{connectionId}/schemas')).toEqual({ 200: 1 });
    expect(writesApplied(sandbox)).toBe(0);
  });

  it('skips a source that has no schema config yet (nothing to copy), writing nothing', async () => {
    const target = await newConnection('hubspot', { schema: 'hubspot_copy' });
    const run = await runYaml(copyYaml(target, seeded(sandbox, 'hubspot').id), sandbox);
    expect(run.summary.status).toBe('ok');
    expect(outputsOf(run, 's')).toMatchObject({ status: 'skipped', config: null, changes: [] });
    expect(run.events.find((e) => e.type === 'item' && e.step === 's')).toMatchObject({ detail: expect.stringContaining('has no schema config yet') });
    expect(route('GET /v1/connections/{connectionId}/schemas')).toEqual({ 404: 1 });
    expect(sandbox.state().connections.find((c) => c.id === target)!.schema_config).toBeFalsy();
  });

  it('refuses a target whose source lacks what is copied', async () => {
    const run = await runYaml(copyYaml(seeded(sandbox, 'erp_pg').id, seeded(sandbox, 'salesforce').id), sandbox);
    expectFailure(run, 's', "no schema 'salesforce' in the schema config");
    expect(sandbox.stats().requests.byMethod.PATCH).toBeUndefined();
  });
});

describe('schema and get share what the run read', () => {
  it('a patch after get: schema neither reads the config again nor leaves it stale', async () => {
    const erp = seeded(sandbox, 'erp_pg');
    const yaml = `name: shared
steps:
  - id: before
    get: schema
    with: { id: ${erp.id} }
  - id: edit
    schema: patch
    with: { connection: ${erp.id}, disable: [public.Orders] }
  - id: after
    schema: get
    with: { connection: ${erp.id} }
`;
    const run = await runYaml(yaml, sandbox);
    expect(run.summary.status).toBe('ok');
    expect(route('GET /v1/connections/{connectionId}/schemas')).toEqual({ 200: 1 });
    expect(outputsOf(run, 'after')).toMatchObject({ config: { schemas: { public: { tables: { Orders: { enabled: false } } } } } });
  });
});
