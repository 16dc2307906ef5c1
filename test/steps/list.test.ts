import { beforeEach, describe, expect, it } from 'vitest';
import { runYaml } from '../helpers/run-workflow.js';
import { useSandbox } from '../helpers/sandbox.js';
import { connectionNamed, connectionsOf, expectFailure, groupId, outputsOf, requests } from './resources/support.js';

const sandbox = useSandbox({ rateLimit: false });
/** An account big enough for several pages of 1000. */
const big = useSandbox({ rateLimit: false, data: 'empty', groups: 2, connections: 2_300 });

beforeEach(() => {
  sandbox.reset();
  big.reset();
});

const listYaml = (body: string) => `name: list
steps:
  - id: l
${body
  .trim()
  .split('\n')
  .map((line) => `    ${line}`)
  .join('\n')}
`;

type Row = Record<string, unknown>;
const itemsOf = (run: Awaited<ReturnType<typeof runYaml>>): Row[] => outputsOf(run, 'l').items as Row[];

describe('list', () => {
  it('lists the connections of a group named by name, every field, in API order', async () => {
    const run = await runYaml(listYaml('list: connections\nwith: { group: warehouse_legacy }'), sandbox);
    expect(run.summary.status).toBe('ok');
    const expected = connectionsOf(sandbox, 'warehouse_legacy').map((c) => c.id);
    expect(itemsOf(run).map((c) => c.id)).toEqual(expected);
    expect(outputsOf(run, 'l').count).toBe(expected.length);
    const erp = itemsOf(run).find((c) => c.schema === 'erp_pg')!;
    expect(erp).toMatchObject({ service: 'postgres', config: { password: '******', schema_prefix: 'erp_pg' } });
  });

  it('takes a group by id or object too, and an exact schema filter', async () => {
    const id = groupId(sandbox, 'warehouse_legacy');
    const byId = await runYaml(listYaml(`list: connections\nwith: { group: ${id}, schema: erp_pg }`), sandbox);
    expect(itemsOf(byId).map((c) => c.schema)).toEqual(['erp_pg']);
    const byObject = await runYaml(
      `name: list
steps:
  - id: g
    list: groups
    where: item.name == 'analytics_prod'
  - id: l
    list: connections
    with: { group: "\${{ steps.g.items[0] }}" }
`,
      sandbox,
    );
    expect(itemsOf(byObject).map((c) => c.schema).sort()).toEqual(['github', 'jira', 'stripe', 'zendesk']);
  });

  it('lists account-wide connections with where, limit and fields (dotted paths kept nested)', async () => {
    const run = await runYaml(
      listYaml(`list: connections
where: item.status.setup_state == 'broken'
with:
  fields: [id, schema, status.setup_state]`),
      sandbox,
    );
    const broken = sandbox.state().connections.filter((c) => c.status.setup_state === 'broken');
    expect(broken.length).toBeGreaterThan(0);
    expect(itemsOf(run)).toEqual(broken.map((c) => ({ id: c.id, schema: c.schema, status: { setup_state: 'broken' } })));

    const limited = await runYaml(listYaml('list: connections\nwith: { limit: 2 }'), sandbox);
    expect(itemsOf(limited)).toHaveLength(2);
  });

  it('reads every page of a big account, 1000 at a time, and stops reading pages once the limit is met', async () => {
    const all = await runYaml(listYaml('list: connections'), big);
    expect(outputsOf(all, 'l').count).toBe(2_300);
    expect(new Set(itemsOf(all).map((c) => c.id)).size).toBe(2_300);
    expect(big.stats().requests.byRoute['GET /v1/connections']).toEqual({ 200: 3 });

    big.reset();
    const first = await runYaml(listYaml('list: connections\nwith: { limit: 10 }'), big);
    expect(itemsOf(first)).toHaveLength(10);
    expect(big.stats().requests.byRoute['GET /v1/connections']).toEqual({ 200: 1 });
  });

  it('lists groups, destinations (all, or of one group), users, teams and connector types', async () => {
    const run = await runYaml(
      `name: many
steps:
  - { id: groups, list: groups }
  - { id: destinations, list: destinations }
  - { id: one, list: destinations, with: { group: warehouse_new } }
  - { id: none, list: destinations, with: { group: staging } }
  - { id: users, list: users }
  - { id: teams, list: teams }
  - { id: types, list: connector-types, with: { limit: 1 } }
`,
      sandbox,
    );
    expect(run.summary.status).toBe('ok');
    const state = sandbox.state();
    const count = (step: string): unknown => outputsOf(run, step).count;
    expect(count('groups')).toBe(state.groups.length);
    expect(count('destinations')).toBe(state.destinations.length);
    expect((outputsOf(run, 'one').items as Row[]).map((d) => d.service)).toEqual(['big_query']);
    expect(count('none')).toBe(0);
    expect(count('users')).toBe(state.users.length);
    expect(count('teams')).toBe(state.teams.length);
    expect((outputsOf(run, 'types').items as Row[])[0]).toMatchObject({ id: '15five' });
  });

  it('lists certificates of a connection after one is approved', async () => {
    const billing = connectionNamed(sandbox, 'billing_pg');
    const before = await runYaml(listYaml(`list: certificates\nwith: { connection: ${billing.id} }`), sandbox);
    expect(outputsOf(before, 'l').count).toBe(0);
    const tested = await fetch(`${sandbox.url}/connections/${billing.id}/test`, {
      method: 'POST',
      headers: { authorization: sandbox.authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ trust_certificates: true }),
    });
    expect(tested.status).toBe(200);
    const after = await runYaml(listYaml(`list: certificates\nwith: { connection: ${billing.id} }`), sandbox);
    expect(outputsOf(after, 'l').count).toBe(1);
    expect(itemsOf(after)[0]).toHaveProperty('hash');
  });

  it('flattens a schema config into table rows and column rows', async () => {
    const salesforce = connectionNamed(sandbox, 'salesforce');
    const run = await runYaml(
      `name: rows
steps:
  - id: tables
    list: schema-tables
    with: { connection: ${salesforce.id} }
  - id: columns
    list: schema-columns
    with: { connection: ${salesforce.id} }
`,
      sandbox,
    );
    const tables = outputsOf(run, 'tables').items as Row[];
    const config = salesforce.schema_config!;
    expect(tables).toHaveLength(Object.values(config.schemas).reduce((n, s) => n + Object.keys(s.tables).length, 0));
    expect(tables.find((t) => t.table === 'Campaign')).toMatchObject({ schema: 'salesforce', name_in_source: 'Campaign', enabled: false, connection_id: salesforce.id });
    expect(tables.find((t) => t.table === 'Opportunity')).toMatchObject({ sync_mode: 'HISTORY', enabled: true });
    // Without fetch_columns only the columns the config holds: the ones someone changed.
    const columns = outputsOf(run, 'columns').items as Row[];
    expect(columns).toContainEqual(expect.objectContaining({ table: 'Contact', column: 'Email', hashed: true, enabled: true }));
    expect(columns).toContainEqual(expect.objectContaining({ table: 'Account', column: 'Region__c', enabled: false }));
    expect(sandbox.stats().requests.byRoute['GET /v1/connections/{connectionId}/schemas/{schema}/tables/{table}/columns']).toBeUndefined();
  });

  it('reads live columns per enabled table only when asked', async () => {
    const erp = connectionNamed(sandbox, 'erp_pg');
    const enabledTables = Object.entries(erp.schema_config!.schemas)
      .filter(([, schema]) => schema.enabled)
      .flatMap(([, schema]) => Object.values(schema.tables).filter((table) => table.enabled)).length;
    const run = await runYaml(listYaml(`list: schema-columns\nwith: { connection: ${erp.id}, fetch_columns: true }\nwhere: item.table == 'Orders'`), sandbox);
    const orders = itemsOf(run);
    expect(orders.length).toBeGreaterThan(1);
    expect(orders.every((c) => c.schema === 'public' && typeof c.name_in_destination === 'string')).toBe(true);
    expect(orders.some((c) => c.is_primary_key === true)).toBe(true);
    const columnReads = sandbox.stats().requests.byRoute['GET /v1/connections/{connectionId}/schemas/{schema}/tables/{table}/columns'];
    expect(columnReads).toEqual({ 200: enabledTables });
  });

  it('fails with the API error naming method, path and code for an unknown connection', async () => {
    const run = await runYaml(listYaml('list: schema-tables\nwith: { connection: no_such_thing }'), sandbox);
    expectFailure(run, 'l', 'GET /v1/connections/no_such_thing/schemas → 404 NotFound_Connection');
  });

  it('refuses an unknown group name with a suggestion, and inputs that do not apply', async () => {
    const typo = await runYaml(listYaml('list: connections\nwith: { group: warehouse_legasy }'), sandbox);
    expectFailure(typo, 'l', "no group with id or name 'warehouse_legasy'; did you mean 'warehouse_legacy'?");
    const wrong = await runYaml(listYaml('list: groups\nwith: { schema: x }'), sandbox);
    expectFailure(wrong, 'l', "input 'schema' does not apply to groups");
    const owner = await runYaml(listYaml('list: fingerprints'), sandbox);
    expectFailure(owner, 'l', "needs exactly one of 'connection' or 'destination'");
  });

  it('resolves group names from one groups list per run, whatever the number of steps', async () => {
    const run = await runYaml(
      `name: two
steps:
  - { id: a, list: connections, with: { group: warehouse_legacy } }
  - { id: b, list: connections, with: { group: analytics_prod } }
`,
      sandbox,
    );
    expect(run.summary.status).toBe('ok');
    expect(sandbox.stats().requests.byRoute['GET /v1/groups']).toEqual({ 200: 1 });
    expect(requests(sandbox)).toBe(3);
  });
});
