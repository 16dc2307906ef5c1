import { beforeEach, describe, expect, it } from 'vitest';
import { validateRequest } from '../../src/openapi/validator.js';
import { runYaml } from '../helpers/run-workflow.js';
import { useSandbox } from '../helpers/sandbox.js';
import { connectionsOf, expectFailure, groupId, itemOutputs, outputsOf, writes } from './resources/support.js';

const sandbox = useSandbox({ rateLimit: false });

beforeEach(() => sandbox.reset());

const PG_PASSWORD = 'pg-secret-7f3a';
const env = { PG_PASSWORD };

const createYaml = (resource: string, fields: string) => `name: create
steps:
  - id: c
    create: ${resource}
    with:
${fields
  .trim()
  .split('\n')
  .map((line) => `      ${line}`)
  .join('\n')}
`;

const pgConnection = (prefix: string, extra = '') =>
  createYaml(
    'connection',
    `group: warehouse_new
service: postgres
config: { schema_prefix: ${prefix}, host: pg.example.com, port: 5432, database: app, user: fivetran, password: "\${{ secret('PG_PASSWORD') }}" }
${extra}`,
  );

describe('create', () => {
  it('creates a group, and a re-run finds it by name and sends nothing', async () => {
    const yaml = createYaml('group', 'name: reporting_eu');
    const first = await runYaml(yaml, sandbox);
    expect(outputsOf(first, 'c')).toMatchObject({ action: 'created', status: 'ok', object: { name: 'reporting_eu' } });
    const created = sandbox.state().groups.filter((g) => g.name === 'reporting_eu');
    expect(created).toHaveLength(1);
    expect(outputsOf(first, 'c').id).toBe(created[0]!.id);
    expect(writes(sandbox)).toBe(1);

    const again = await runYaml(yaml, sandbox);
    expect(outputsOf(again, 'c')).toMatchObject({ action: 'exists', status: 'unchanged', id: created[0]!.id });
    expect(writes(sandbox)).toBe(1);
    expect(sandbox.state().groups.filter((g) => g.name === 'reporting_eu')).toHaveLength(1);
  });

  it('creates a database connection with a secret from the environment; a re-run sends nothing', async () => {
    const first = await runYaml(pgConnection('app_pg'), sandbox, { env });
    expect(first.summary.status).toBe('ok');
    const made = connectionsOf(sandbox, 'warehouse_new').filter((c) => c.schema === 'app_pg');
    expect(made).toHaveLength(1);
    expect(made[0]!.config).toMatchObject({ host: 'pg.example.com', password: '******' });
    expect(made[0]!.destination_schema_names).toBe('FIVETRAN_NAMING');
    const output = outputsOf(first, 'c');
    expect(output).toMatchObject({ action: 'created', id: made[0]!.id });
    expect(JSON.stringify(output)).not.toContain(PG_PASSWORD);
    expect(JSON.stringify(first.events)).not.toContain(PG_PASSWORD);

    const again = await runYaml(pgConnection('app_pg'), sandbox, { env });
    expect(outputsOf(again, 'c')).toMatchObject({ action: 'exists', status: 'unchanged', id: made[0]!.id });
    expect(writes(sandbox)).toBe(1);
  });

  it('keys file and sheet connections on schema.table', async () => {
    const yaml = createYaml(
      'connection',
      `group: warehouse_new
service: google_sheets
config: { schema: sheets, table: budget, sheet_id: "https://docs.google.com/spreadsheets/d/abc/edit", named_range: r, auth_type: ServiceAccount }`,
    );
    const first = await runYaml(yaml, sandbox);
    expect(outputsOf(first, 'c')).toMatchObject({ action: 'created', object: { schema: 'sheets.budget' } });
    const again = await runYaml(yaml, sandbox);
    expect(outputsOf(again, 'c')).toMatchObject({ action: 'exists' });
    expect(writes(sandbox)).toBe(1);
  });

  it('creates a destination in a group named by name; one per group, so a re-run finds it', async () => {
    const yaml = createYaml(
      'destination',
      `group: staging
service: snowflake
time_zone_offset: "0"
region: GCP_US_EAST4
config: { host: acme.snowflakecomputing.com, port: 443, database: STAGING, auth: PASSWORD, user: FT, role: FT_ROLE }
secrets: { password: "\${{ secret('SF_PASSWORD') }}" }`,
    );
    const first = await runYaml(yaml, sandbox, { env: { SF_PASSWORD: 'sf-secret' } });
    expect(outputsOf(first, 'c')).toMatchObject({ action: 'created', id: groupId(sandbox, 'staging') });
    const destination = sandbox.state().destinations.find((d) => d.group_id === groupId(sandbox, 'staging'));
    expect(destination).toMatchObject({ service: 'snowflake', config: { password: '******', database: 'STAGING' } });
    const again = await runYaml(yaml, sandbox, { env: { SF_PASSWORD: 'sf-secret' } });
    expect(outputsOf(again, 'c')).toMatchObject({ action: 'exists' });
    expect(writes(sandbox)).toBe(1);
  });

  it('provisions users and teams from a list, skipping existing emails (any case) and names', async () => {
    const run = await runYaml(
      `name: people
vars:
  people:
    default:
      - { email: Priya.Raman@example.com, given_name: Priya, family_name: Raman }
      - { email: new.person@example.com, given_name: New, family_name: Person }
steps:
  - id: users
    create: user
    foreach: \${{ vars.people }}
    key: \${{ item.email }}
    with:
      email: \${{ item.email }}
      given_name: \${{ item.given_name }}
      family_name: \${{ item.family_name }}
      role: Account Reviewer
  - id: team
    create: team
    with: { name: Data Platform, description: new words }
`,
      sandbox,
    );
    expect(run.summary.status).toBe('ok');
    expect(itemOutputs(run, 'users').map((o) => o.action)).toEqual(['exists', 'created']);
    expect(outputsOf(run, 'team')).toMatchObject({ action: 'exists' });
    expect(sandbox.state().users.filter((u) => u.email === 'new.person@example.com')).toHaveLength(1);
    expect(sandbox.stats().writes.byKind).toEqual({ user_created: 1 });
  });

  it('if_exists: update changes only what differs; unchanged on the next run; fail refuses', async () => {
    const team = sandbox.state().teams.find((t) => t.name === 'Finance Analytics')!;
    const yaml = (mode: string, description: string) => createYaml('team', `name: Finance Analytics\ndescription: ${description}\nrole: ${team.role}\nif_exists: ${mode}`);
    const updated = await runYaml(yaml('update', 'Billing and payroll'), sandbox);
    expect(outputsOf(updated, 'c')).toMatchObject({ action: 'updated', id: team.id, object: { description: 'Billing and payroll' } });
    expect(outputsOf(updated, 'c').detail).toContain('updated description');
    expect(sandbox.stats().requests.byRoute['PATCH /v1/teams/{teamId}']).toEqual({ 200: 1 });
    expect(sandbox.state().teams.find((t) => t.id === team.id)!.description).toBe('Billing and payroll');

    const same = await runYaml(yaml('update', 'Billing and payroll'), sandbox);
    expect(outputsOf(same, 'c')).toMatchObject({ action: 'unchanged', status: 'unchanged' });
    expect(writes(sandbox)).toBe(1);

    const refused = await runYaml(yaml('fail', 'x'), sandbox);
    expectFailure(refused, 'c', `team 'Finance Analytics' (id ${team.id}) already exists and if_exists is 'fail'`);
    expect(writes(sandbox)).toBe(1);
  });

  it('if_exists: update of a connection patches settings and config, never create-only keys or secrets', async () => {
    await runYaml(pgConnection('app_pg'), sandbox, { env });
    const [made] = connectionsOf(sandbox, 'warehouse_new').filter((c) => c.schema === 'app_pg');
    const changed = pgConnection('app_pg', 'sync_frequency: 60\nif_exists: update').replace('host: pg.example.com', 'host: pg2.example.com');
    const run = await runYaml(changed, sandbox, { env });
    expect(outputsOf(run, 'c')).toMatchObject({ action: 'updated', id: made!.id });
    expect(outputsOf(run, 'c').detail).toMatch(/^updated config\.host, sync_frequency of .*secret values cannot be compared/);
    expect(sandbox.stats().requests.byRoute['PATCH /v1/connections/{connectionId}']).toEqual({ 200: 1 });
    const after = connectionsOf(sandbox, 'warehouse_new').find((c) => c.id === made!.id)!;
    expect(after).toMatchObject({ sync_frequency: 60, config: { host: 'pg2.example.com' } });
    expect(sandbox.stats().writes.byKind).toEqual({ connection_created: 1, connection_updated: 1 });
  });

  it('a dry run sends nothing, returns planned ids later steps can use, and masks secrets in outputs', async () => {
    const run = await runYaml(
      `name: plan
steps:
  - id: g
    create: group
    with: { name: brand_new }
  - id: c
    create: connection
    with:
      group: \${{ steps.g.id }}
      service: postgres
      config: { schema_prefix: app_pg, host: h, port: 5432, database: d, user: u }
      secrets: { password: "\${{ secret('PG_PASSWORD') }}" }
`,
      sandbox,
      { dryRun: true, env },
    );
    expect(run.summary.status).toBe('ok');
    expect(writes(sandbox)).toBe(0);
    expect(sandbox.stats().requests.byMethod.POST).toBeUndefined();
    expect(outputsOf(run, 'g')).toMatchObject({ id: 'planned:group:g', action: 'created' });
    const planned = outputsOf(run, 'c');
    expect(planned).toMatchObject({ id: 'planned:connection:c', object: { group_id: 'planned:group:g', schema: 'app_pg', config: { password: '******' } } });
    const posts = run.events.filter((e) => e.type === 'write-planned');
    expect(posts.map((e) => e.type === 'write-planned' && `${e.method} ${e.path}`)).toEqual(['POST groups', 'POST connections']);
    expect(JSON.stringify(run.events)).not.toContain(PG_PASSWORD);
  });

  it('creates once when one fan-out names the same object twice', async () => {
    const run = await runYaml(
      `name: twice
steps:
  - id: c
    create: group
    foreach: [dup_group, dup_group, other_group]
    concurrency: 3
    with: { name: "\${{ item }}" }
`,
      sandbox,
    );
    expect(run.summary.status).toBe('ok');
    expect(itemOutputs(run, 'c').map((o) => o.action).sort()).toEqual(['created', 'created', 'exists']);
    expect(sandbox.state().groups.filter((g) => g.name === 'dup_group')).toHaveLength(1);
    expect(sandbox.stats().writes.byKind).toEqual({ group_created: 2 });
  });

  it('a connection made by someone else after the run listed the group is found by its key on the 409', async () => {
    const target = groupId(sandbox, 'warehouse_new');
    const run = await runYaml(
      `name: race
steps:
  - id: first
    create: connection
    with: { group: warehouse_new, service: fivetran_log, config: { schema: log_a } }
  - id: someone_else
    request: POST connections
    with:
      body: { group_id: ${target}, service: fivetran_log, config: { schema: log_b } }
  - id: second
    create: connection
    with: { group: warehouse_new, service: fivetran_log, config: { schema: log_b } }
`,
      sandbox,
    );
    expect(run.summary.status).toBe('ok');
    expect(outputsOf(run, 'second')).toMatchObject({ action: 'exists', status: 'unchanged' });
    expect(outputsOf(run, 'second').detail).toContain('created meanwhile by someone else');
    expect(sandbox.stats().requests.byRoute['POST /v1/connections']).toEqual({ 201: 2, 409: 1 });
    expect(connectionsOf(sandbox, 'warehouse_new').filter((c) => c.schema === 'log_b')).toHaveLength(1);
    expect(sandbox.stats().requests.byRoute['GET /v1/groups/{groupId}/connections']).toEqual({ 200: 2 });
  });

  it('bulk-creates database connections from a CSV (scenario 5): skips existing prefixes, two reads per run', async () => {
    const yaml = `name: bulk
steps:
  - id: prefixes
    read: schemas.csv
    with: { columns: [schema_prefix] }
  - id: make
    create: connection
    foreach: \${{ steps.prefixes.items }}
    key: \${{ item.schema_prefix }}
    with:
      group: warehouse_new
      service: sql_server_rds
      paused: true
      config: { schema_prefix: "\${{ item.schema_prefix }}", host: mssql.example.com, port: 1433, database: sqlserver, user: fivetran }
      secrets: { password: "\${{ secret('PG_PASSWORD') }}" }
`;
    const first = await runYaml(yaml, sandbox, { env, files: { 'schemas.csv': 'hr_011\nhr_012\n' } });
    expect(itemOutputs(first, 'make').map((o) => o.action)).toEqual(['created', 'created']);
    const requestsBefore = sandbox.stats().requests.total;
    const second = await runYaml(yaml, sandbox, { env, files: { 'schemas.csv': 'hr_011\nhr_012\nhr_013\nhr_014\n' } });
    expect(itemOutputs(second, 'make').map((o) => [o.key, o.action])).toEqual([
      ['hr_011', 'exists'],
      ['hr_012', 'exists'],
      ['hr_013', 'created'],
      ['hr_014', 'created'],
    ]);
    // One groups list, one list of the target group, then only the two creates.
    expect(sandbox.stats().requests.total - requestsBefore).toBe(4);
    expect(connectionsOf(sandbox, 'warehouse_new').map((c) => c.schema).sort()).toEqual(['hr_011', 'hr_012', 'hr_013', 'hr_014']);
    expect(connectionsOf(sandbox, 'warehouse_new').every((c) => c.paused && c.config.password === '******')).toBe(true);
  });

  it('bootstraps an environment (scenario 11): a new group is found by name by the steps after it; a re-run creates nothing', async () => {
    const yaml = `name: bootstrap
steps:
  - { id: group, create: group, with: { name: demo_env } }
  - id: destination
    create: destination
    with: { group: demo_env, service: big_query, time_zone_offset: "0", config: { project_id: demo, data_set_location: US } }
  - id: log
    create: connection
    with: { group: demo_env, service: fivetran_log, config: { schema: demo_log } }
`;
    const first = await runYaml(yaml, sandbox);
    expect(first.summary.status).toBe('ok');
    const id = groupId(sandbox, 'demo_env');
    expect(outputsOf(first, 'destination')).toMatchObject({ action: 'created', id });
    expect(connectionsOf(sandbox, 'demo_env').map((c) => c.schema)).toEqual(['demo_log']);
    expect(sandbox.stats().requests.byRoute['GET /v1/groups']).toEqual({ 200: 1 });
    const again = await runYaml(yaml, sandbox);
    expect(['group', 'destination', 'log'].map((step) => outputsOf(again, step).action)).toEqual(['exists', 'exists', 'exists']);
    expect(sandbox.stats().writes.byKind).toEqual({ group_created: 1, destination_created: 1, connection_created: 1 });
  });

  it('fails with the API error for a body the API refuses, naming method, path and code', async () => {
    const run = await runYaml(createYaml('connection', 'group: warehouse_new\nservice: no_such_service\nconfig: { schema: x }'), sandbox);
    expectFailure(run, 'c', "POST /v1/connections → 400 InvalidInput: Unsupported connector service 'no_such_service'");
    expect(writes(sandbox)).toBe(0);
  });

  it('refuses before sending: missing naming keys, inputs of another kind, a masked secret, an unknown group', async () => {
    const cases: [string, string][] = [
      [createYaml('connection', 'group: warehouse_new\nservice: postgres\nconfig: { host: h }'), 'config.schema_prefix'],
      [createYaml('group', 'name: g\nemail: x@example.com'), "input 'email' does not apply to group"],
      [createYaml('connection', 'group: warehouse_new\nservice: postgres\nconfig: { schema_prefix: p, password: "******" }'), "'config.password' is '******'"],
      [createYaml('connection', 'group: no_such_group\nservice: fivetran_log\nconfig: { schema: s }'), "no group with id or name 'no_such_group'"],
      [createYaml('user', 'given_name: A'), "create user needs input 'email'"],
    ];
    for (const [yaml, message] of cases) expectFailure(await runYaml(yaml, sandbox), 'c', message);
    expect(sandbox.stats().requests.byMethod.POST).toBeUndefined();
  });

  it('sends bodies the OpenAPI definition accepts', async () => {
    const run = await runYaml(pgConnection('app_pg', 'sync_frequency: 1440\ndaily_sync_time: "03:00"\nrun_setup_tests: false'), sandbox, { env, dryRun: true });
    const post = run.events.find((e) => e.type === 'write-planned');
    expect(post?.type === 'write-planned' && validateRequest('POST', `/v1/${post.path}`, post.body)).toEqual([]);
  });
});
