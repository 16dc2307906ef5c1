import { beforeEach, describe, expect, it } from 'vitest';
import { validateRequest } from '../../src/openapi/validator.js';
import { runYaml } from '../helpers/run-workflow.js';
import { useSandbox } from '../helpers/sandbox.js';
import { useRecordingProxy } from './resources/recording-proxy.js';
import { connectionNamed, connectionsOf, expectFailure, groupId, itemOutputs, outputsOf, writes } from './resources/support.js';

const sandbox = useSandbox({ rateLimit: false });
const proxy = useRecordingProxy(sandbox);

beforeEach(() => {
  sandbox.reset();
  proxy.sent.length = 0;
});

const DB_PASSWORD = 'db-secret-91c2';
const env = { DB_PASSWORD };
const DATABASES = ['postgres', 'postgres_rds', 'mysql', 'mysql_rds', 'sql_server', 'sql_server_rds'];

const MIGRATE = `name: migrate
vars:
  suffix: { default: _migrated }
steps:
  - id: source
    list: connections
    with: { group: warehouse_legacy }
    where: item.service in ${JSON.stringify(DATABASES)}
  - id: copies
    create: connection
    foreach: \${{ steps.source.items }}
    with:
      group: warehouse_new
      from: \${{ item }}
      schema_suffix: \${{ vars.suffix }}
      secrets: { password: "\${{ secret('DB_PASSWORD') }}" }
`;

const posts = () => proxy.sent.filter((r) => r.method === 'POST');

describe('create connection from another connection', () => {
  it('migrates a group: one POST per connection, the secret sent, never a mask, bodies valid, copies paused', async () => {
    const sources = connectionsOf(sandbox, 'warehouse_legacy').filter((c) => DATABASES.includes(c.service));
    expect(sources.length).toBeGreaterThanOrEqual(6);
    const run = await runYaml(MIGRATE, proxy.fixture, { env });
    expect(run.summary.status).toBe('ok');

    const copies = connectionsOf(sandbox, 'warehouse_new');
    expect(copies.map((c) => c.schema).sort()).toEqual(sources.map((s) => `${s.schema}_migrated`).sort());
    for (const source of sources) {
      const copy = copies.find((c) => c.schema === `${source.schema}_migrated`)!;
      expect(copy).toMatchObject({ service: source.service, paused: true, sync_frequency: source.sync_frequency, destination_schema_names: 'FIVETRAN_NAMING' });
      expect(copy.config).toMatchObject({ host: source.config.host, database: source.config.database, schema_prefix: `${source.schema}_migrated`, password: '******' });
    }
    const outputs = itemOutputs(run, 'copies');
    expect(outputs.map((o) => [o.source_id, o.action])).toEqual(sources.map((s) => [s.id, 'created']));

    // What went over the wire: the real secret in every create, no `******` anywhere, bodies the definition accepts.
    expect(posts()).toHaveLength(sources.length);
    for (const post of posts()) {
      const body = JSON.parse(post.body) as { config: Record<string, unknown> };
      expect(body.config.password).toBe(DB_PASSWORD);
      expect(validateRequest('POST', '/v1/connections', body)).toEqual([]);
    }
    expect(proxy.sent.some((r) => r.body.includes('******'))).toBe(false);
    expect(JSON.stringify(run.summary.steps)).not.toContain(DB_PASSWORD);

    // Call economy: the groups list, the source list, the target's list, then one POST per copy.
    expect(proxy.sent.map((r) => `${r.method} ${r.url.split('?')[0]}`).filter((r) => r.startsWith('GET'))).toEqual([
      'GET /v1/groups',
      `GET /v1/groups/${groupId(sandbox, 'warehouse_legacy')}/connections`,
      `GET /v1/groups/${groupId(sandbox, 'warehouse_new')}/connections`,
    ]);
  });

  it('a second migration run creates nothing and sends no write', async () => {
    await runYaml(MIGRATE, proxy.fixture, { env });
    const made = writes(sandbox);
    proxy.sent.length = 0;
    const again = await runYaml(MIGRATE, proxy.fixture, { env });
    expect(again.summary.status).toBe('ok');
    expect(writes(sandbox)).toBe(made);
    expect(proxy.sent.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(proxy.sent).toHaveLength(3);
    expect(itemOutputs(again, 'copies').every((o) => o.action === 'exists' && o.status === 'unchanged')).toBe(true);
    expect(outputsOf(again, 'copies')).toMatchObject({ unchanged: made, ok: 0 });
  });

  it('refuses a source whose secret is still masked, naming the key, and sends nothing', async () => {
    const s3 = connectionNamed(sandbox, 's3_landing.daily_orders');
    const run = await runYaml(
      `name: s3
steps:
  - id: c
    create: connection
    with: { group: warehouse_new, from: ${s3.id} }
`,
      proxy.fixture,
    );
    expectFailure(run, 'c', "'config.role_arn' is '******' (masked by the API when read) and will not be sent back; supply the value in 'secrets:'");
    expect(posts()).toEqual([]);
    expect(writes(sandbox)).toBe(0);
  });

  it('missing_secrets: omit creates the copy without its masked secrets, warns per key, and a re-run sends nothing', async () => {
    const s3 = connectionNamed(sandbox, 's3_landing.daily_orders');
    const yaml = `name: s3
steps:
  - id: c
    create: connection
    with: { group: warehouse_new, from: ${s3.id}, missing_secrets: omit }
`;
    const run = await runYaml(yaml, proxy.fixture);
    expect(run.summary.status).toBe('ok');
    expect(outputsOf(run, 'c')).toMatchObject({ action: 'created', secrets_left_out: ['config.role_arn'] });
    const warnings = run.events.filter((e) => e.type === 'message' && e.level === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ message: expect.stringContaining('created without config.role_arn (its source shows it only as ******)') });
    const body = JSON.parse(posts()[0]!.body) as { config: Record<string, unknown> };
    expect(body.config).not.toHaveProperty('role_arn');
    expect(body.config).toMatchObject({ bucket: s3.config.bucket, pattern: s3.config.pattern });
    expect(proxy.sent.some((r) => r.body.includes('******'))).toBe(false);
    const copy = connectionsOf(sandbox, 'warehouse_new').find((c) => c.service === 's3')!;
    expect(copy).toMatchObject({ paused: true, schema: 's3_landing.daily_orders' });
    expect(copy.config.role_arn).toBeUndefined();

    const made = writes(sandbox);
    const again = await runYaml(yaml, proxy.fixture);
    expect(outputsOf(again, 'c')).toMatchObject({ action: 'exists', status: 'unchanged', secrets_left_out: [] });
    expect(again.events.some((e) => e.type === 'message' && e.level === 'warning')).toBe(false);
    expect(writes(sandbox)).toBe(made);
  });

  it('applies schema_name or schema_suffix to the naming key of each format', async () => {
    const sheets = connectionNamed(sandbox, 'finance_sheets.budget_2026');
    const log = connectionNamed(sandbox, 'fivetran_log');
    const run = await runYaml(
      `name: names
steps:
  - id: sheet
    create: connection
    with: { group: warehouse_new, from: ${sheets.id}, schema_suffix: _v2 }
  - id: renamed
    create: connection
    with: { group: warehouse_new, from: ${log.id}, schema_name: platform_log, paused: false }
`,
      sandbox,
    );
    expect(run.summary.status).toBe('ok');
    const copies = connectionsOf(sandbox, 'warehouse_new');
    expect(copies.find((c) => c.service === 'google_sheets')).toMatchObject({ schema: 'finance_sheets_v2.budget_2026', config: { named_range: sheets.config.named_range } });
    expect(copies.find((c) => c.service === 'fivetran_log')).toMatchObject({ schema: 'platform_log', paused: false });
  });

  it('fans one connection out to several groups reading the source once', async () => {
    const erp = connectionNamed(sandbox, 'erp_pg');
    const run = await runYaml(
      `name: fan-out
steps:
  - id: copies
    create: connection
    foreach: [warehouse_new, analytics_prod, marketing_eu]
    with:
      group: \${{ item }}
      from: ${erp.id}
      secrets: { password: "\${{ secret('DB_PASSWORD') }}" }
`,
      sandbox,
      { env },
    );
    expect(run.summary.status).toBe('ok');
    for (const group of ['warehouse_new', 'analytics_prod', 'marketing_eu']) {
      expect(connectionsOf(sandbox, group).filter((c) => c.schema === 'erp_pg')).toHaveLength(1);
    }
    expect(sandbox.stats().requests.byRoute['GET /v1/connections/{connectionId}']).toEqual({ 200: 1 });
    expect(sandbox.stats().requests.byRoute['POST /v1/connections']).toEqual({ 201: 3 });
  });

  it('if_exists: update brings a copy in line with its source without sending secrets or re-pausing it', async () => {
    await runYaml(MIGRATE, proxy.fixture, { env });
    const erp = connectionNamed(sandbox, 'erp_pg');
    const copy = connectionNamed(sandbox, 'erp_pg_migrated');
    const patch = (id: string, body: unknown) =>
      fetch(`${sandbox.url}/connections/${id}`, { method: 'PATCH', headers: { authorization: sandbox.authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await patch(erp.id, { sync_frequency: 60 })).status).toBe(200);
    expect((await patch(copy.id, { paused: false })).status).toBe(200);
    proxy.sent.length = 0;

    const run = await runYaml(MIGRATE.replace('secrets:', 'if_exists: update\n      secrets:'), proxy.fixture, { env });
    expect(run.summary.status).toBe('ok');
    const outputs = itemOutputs(run, 'copies');
    expect(outputs.find((o) => o.source_id === erp.id)).toMatchObject({ action: 'updated', id: copy.id });
    expect(outputs.filter((o) => o.action === 'unchanged')).toHaveLength(outputs.length - 1);
    const patches = proxy.sent.filter((r) => r.method === 'PATCH');
    expect(patches.map((r) => [r.url, JSON.parse(r.body)])).toEqual([[`/v1/connections/${copy.id}`, { sync_frequency: 60 }]]);
    expect(connectionNamed(sandbox, 'erp_pg_migrated')).toMatchObject({ sync_frequency: 60, paused: false });
  });

  it('a dry run of a copy sends nothing and shows the body with the secret masked', async () => {
    const run = await runYaml(MIGRATE, proxy.fixture, { env, dryRun: true });
    expect(run.summary.status).toBe('ok');
    expect(proxy.sent.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(writes(sandbox)).toBe(0);
    const first = itemOutputs(run, 'copies')[0]!;
    expect(first).toMatchObject({ action: 'created', id: expect.stringMatching(/^planned:connection:copies\[/), object: { paused: true, config: { password: '******' } } });
    expect(JSON.stringify(run.events)).not.toContain(DB_PASSWORD);
  });

  it('leaves out source fields and config keys a create does not take, and says so', async () => {
    const erp = connectionNamed(sandbox, 'erp_pg');
    const { run: _run, trust: _trust, schema_config: _schemaConfig, sdk_state: _sdk, ...record } = erp;
    const source = { ...record, config: { ...erp.config, latest_version: '7' } };
    const run = await runYaml(
      `name: odd
vars:
  source: { type: object, required: true }
steps:
  - id: c
    create: connection
    with:
      group: warehouse_new
      from: \${{ vars.source }}
      secrets: { password: "\${{ secret('DB_PASSWORD') }}" }
`,
      proxy.fixture,
      { env, vars: { source } },
    );
    expect(run.summary.status).toBe('ok');
    expect(outputsOf(run, 'c').detail).toContain('left out config keys a create does not take: latest_version');
    const body = JSON.parse(posts()[0]!.body) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(
      ['config', 'daily_sync_time', 'data_delay_sensitivity', 'data_delay_threshold', 'destination_schema_names', 'group_id', 'networking_method', 'pause_after_trial', 'paused', 'schedule_type', 'service', 'sync_frequency'].filter((key) => key in body),
    );
    for (const readOnly of ['id', 'status', 'created_at', 'succeeded_at', 'connected_by', 'schema', 'setup_tests', 'service_version']) expect(body).not.toHaveProperty(readOnly);
    expect(body.config).not.toHaveProperty('latest_version');
    expect(validateRequest('POST', '/v1/connections', body)).toEqual([]);
  });
});
