import { beforeEach, describe, expect, it } from 'vitest';
import { runYaml } from '../helpers/run-workflow.js';
import { useSandbox } from '../helpers/sandbox.js';
import { connectionNamed, expectFailure, groupId, outputsOf } from './resources/support.js';

const sandbox = useSandbox({ rateLimit: false });

beforeEach(() => sandbox.reset());

const getYaml = (resource: string, id?: string) => `name: get
steps:
  - id: g
    get: ${resource}
${id === undefined ? '' : `    with: { id: "${id}" }\n`}`;

describe('get', () => {
  it('reads a connection with its config, secrets masked by the API', async () => {
    const erp = connectionNamed(sandbox, 'erp_pg');
    const run = await runYaml(getYaml('connection', erp.id), sandbox);
    expect(outputsOf(run, 'g')).toMatchObject({ id: erp.id, object: { id: erp.id, service: 'postgres', schema: 'erp_pg', config: { password: '******' } } });
  });

  it('reads every other kind: group, destination, schema config, user, team, connector type, SDK state, account', async () => {
    const state = sandbox.state();
    const legacy = groupId(sandbox, 'warehouse_legacy');
    const sdk = connectionNamed(sandbox, 'sdk_orders');
    const salesforce = connectionNamed(sandbox, 'salesforce');
    const user = state.users[1]!;
    const team = state.teams[0]!;
    const cases: [string, string | undefined, Record<string, unknown>][] = [
      ['group', legacy, { name: 'warehouse_legacy' }],
      ['destination', legacy, { service: 'snowflake', config: { password: '******' } }],
      ['schema', salesforce.id, { schemas: { salesforce: { tables: { Campaign: { enabled: false } } } } }],
      ['user', user.id, { email: user.email }],
      ['team', team.id, { name: team.name }],
      ['connector-type', 'postgres', { id: 'postgres' }],
      ['state', sdk.id, { state: { cursor: '2026-01-01T00:00:00Z' } }],
      ['account', undefined, { account_name: 'Atlas Sandbox' }],
    ];
    for (const [resource, id, expected] of cases) {
      const run = await runYaml(getYaml(resource, id), sandbox);
      expect(run.summary.status, resource).toBe('ok');
      expect(outputsOf(run, 'g').object, resource).toMatchObject(expected);
    }
  });

  it('takes an object as id (e.g. a list item) and reads it again, fresh', async () => {
    const run = await runYaml(
      `name: refresh
steps:
  - id: l
    list: connections
    with: { group: warehouse_legacy, schema: hr_mssql, fields: [id] }
  - id: g
    get: connection
    with: { id: "\${{ steps.l.items[0] }}" }
`,
      sandbox,
    );
    expect(outputsOf(run, 'g').object).toMatchObject({ schema: 'hr_mssql', paused: true });
    expect(sandbox.stats().requests.byRoute['GET /v1/connections/{connectionId}']).toEqual({ 200: 1 });
  });

  it('fails with the API error naming method, path and code for an unknown id', async () => {
    const run = await runYaml(getYaml('team', 'nobody'), sandbox);
    expectFailure(run, 'g', 'GET /v1/teams/nobody → 404 NotFound_Team');
  });

  it('asks for an id where one is needed, and refuses one for account', async () => {
    expectFailure(await runYaml(getYaml('connection'), sandbox), 'g', "get connection needs input 'id'");
    expectFailure(await runYaml(getYaml('account', 'x'), sandbox), 'g', "input 'id' does not apply to account");
  });

  it('does not read what a dry run only plans', async () => {
    const run = await runYaml(
      `name: plan
steps:
  - id: made
    create: group
    with: { name: brand_new }
  - id: g
    get: group
    with: { id: "\${{ steps.made.id }}" }
`,
      sandbox,
      { dryRun: true },
    );
    expect(outputsOf(run, 'g')).toMatchObject({ status: 'skipped', id: 'planned:group:made' });
    expect(sandbox.stats().requests.byRoute['GET /v1/groups/{groupId}']).toBeUndefined();
    expect(sandbox.stats().writes.total).toBe(0);
  });
});
