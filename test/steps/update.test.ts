import { beforeEach, describe, expect, it } from 'vitest';
import { validateRequest } from '../../src/openapi/validator.js';
import { runYaml } from '../helpers/run-workflow.js';
import { useSandbox } from '../helpers/sandbox.js';
import { useRecordingProxy } from './resources/recording-proxy.js';
import { connectionNamed, expectFailure, groupId, itemOutputs, outputsOf, writes } from './resources/support.js';

const sandbox = useSandbox({ rateLimit: false });
const proxy = useRecordingProxy(sandbox);

beforeEach(() => {
  sandbox.reset();
  proxy.sent.length = 0;
});

const updateYaml = (resource: string, fields: string) => `name: update
steps:
  - id: u
    update: ${resource}
    with: { ${fields} }
`;

const patches = () => proxy.sent.filter((r) => r.method === 'PATCH').map((r) => JSON.parse(r.body) as Record<string, unknown>);

describe('update', () => {
  it('patches only what differs, and a re-run sends nothing', async () => {
    const erp = connectionNamed(sandbox, 'erp_pg');
    const yaml = updateYaml('connection', `id: ${erp.id}, paused: true, sync_frequency: ${erp.sync_frequency}`);
    const run = await runYaml(yaml, proxy.fixture);
    expect(outputsOf(run, 'u')).toMatchObject({ id: erp.id, changed: ['paused'], status: 'ok', object: { paused: true } });
    expect(patches()).toEqual([{ paused: true }]);
    expect(connectionNamed(sandbox, 'erp_pg').paused).toBe(true);

    const again = await runYaml(yaml, proxy.fixture);
    expect(outputsOf(again, 'u')).toMatchObject({ changed: [], status: 'unchanged', detail: expect.stringContaining('nothing to change') });
    expect(patches()).toHaveLength(1);
    expect(writes(sandbox)).toBe(1);
  });

  it('uses a list item instead of reading each object, and merges config key by key', async () => {
    const run = await runYaml(
      `name: move
steps:
  - id: mysql
    list: connections
    with: { group: warehouse_legacy }
    where: item.service.startsWith('mysql')
  - id: u
    update: connection
    foreach: \${{ steps.mysql.items }}
    with:
      id: \${{ item }}
      config: { host: new-mysql.example.com, port: 3306 }
`,
      proxy.fixture,
    );
    expect(run.summary.status).toBe('ok');
    expect(itemOutputs(run, 'u').map((o) => o.changed)).toEqual([['config.host'], ['config.host']]);
    expect(patches()).toEqual([{ config: { host: 'new-mysql.example.com' } }, { config: { host: 'new-mysql.example.com' } }]);
    expect(sandbox.stats().requests.byRoute['GET /v1/connections/{connectionId}']).toBeUndefined();
    const shop = connectionNamed(sandbox, 'shop_mysql');
    expect(shop.config).toMatchObject({ host: 'new-mysql.example.com', database: 'shop', user: 'fivetran', password: '******' });
  });

  it('sends a secret without comparing it (it reads back masked) and says so; never sends a mask', async () => {
    const erp = connectionNamed(sandbox, 'erp_pg');
    const run = await runYaml(updateYaml('connection', `id: ${erp.id}, config: { password: "\${{ secret('NEW_PW') }}" }`), proxy.fixture, { env: { NEW_PW: 'rotated-pw-1' } });
    expect(outputsOf(run, 'u')).toMatchObject({ changed: ['config.password'], object: { config: { password: '******' } } });
    expect(outputsOf(run, 'u').detail).toContain('config.password sent without comparison');
    expect(patches()).toEqual([{ config: { password: 'rotated-pw-1' } }]);
    expect(JSON.stringify(run.summary.steps)).not.toContain('rotated-pw-1');

    const masked = await runYaml(updateYaml('connection', `id: ${erp.id}, config: { password: "******", host: h }`), proxy.fixture);
    expectFailure(masked, 'u', "'config.password' is '******'");
    expect(patches()).toHaveLength(1);
  });

  it('updates groups, destinations (reading the config a list item lacks), users and teams', async () => {
    const state = sandbox.state();
    const user = state.users.find((u) => u.email === 'tomas.ortega@example.com')!;
    const team = state.teams[0]!;
    const run = await runYaml(
      `name: several
steps:
  - id: dest
    list: destinations
    with: { group: warehouse_legacy }
  - id: d
    update: destination
    with: { id: "\${{ steps.dest.items[0] }}", time_zone_offset: "+1", config: { database: FIVETRAN2 } }
  - id: g
    update: group
    with: { id: ${groupId(sandbox, 'staging')}, name: staging_v2 }
  - id: u
    update: user
    with: { id: ${user.id}, role: Account Analyst }
  - id: t
    update: team
    with: { id: ${team.id}, description: new words }
`,
      proxy.fixture,
    );
    expect(run.summary.status).toBe('ok');
    expect(outputsOf(run, 'd').changed).toEqual(['time_zone_offset', 'config.database']);
    expect(sandbox.stats().requests.byRoute['GET /v1/destinations/{destinationId}']).toEqual({ 200: 1 });
    const after = sandbox.state();
    expect(after.destinations.find((d) => d.id === groupId(sandbox, 'warehouse_legacy'))).toMatchObject({ time_zone_offset: '+1', config: { database: 'FIVETRAN2', host: 'acme.snowflakecomputing.com' } });
    expect(after.groups.map((g) => g.name)).toContain('staging_v2');
    expect(after.users.find((u) => u.id === user.id)!.role).toBe('Account Analyst');
    expect(after.teams.find((t) => t.id === team.id)!.description).toBe('new words');
    for (const [index, body] of patches().entries()) {
      const url = proxy.sent.filter((r) => r.method === 'PATCH')[index]!.url;
      expect(validateRequest('PATCH', url, body)).toEqual([]);
    }
  });

  it('sends setup-test controls only along with a real change', async () => {
    const erp = connectionNamed(sandbox, 'erp_pg');
    const alone = await runYaml(updateYaml('connection', `id: ${erp.id}, paused: false, run_setup_tests: true`), proxy.fixture);
    expect(outputsOf(alone, 'u')).toMatchObject({ status: 'unchanged' });
    const together = await runYaml(updateYaml('connection', `id: ${erp.id}, sync_frequency: 60, run_setup_tests: true`), proxy.fixture);
    expect(outputsOf(together, 'u').changed).toEqual(['sync_frequency', 'run_setup_tests']);
    expect(patches()).toEqual([{ sync_frequency: 60, run_setup_tests: true }]);
  });

  it('fails with the API error naming method, path and code for an unknown id', async () => {
    const run = await runYaml(updateYaml('connection', 'id: nope, paused: true'), sandbox);
    expectFailure(run, 'u', 'GET /v1/connections/nope → 404 NotFound_Connection');
    expect(writes(sandbox)).toBe(0);
  });

  it('refuses fields of another kind and an update with nothing to set', async () => {
    expectFailure(await runYaml(updateYaml('group', 'id: x, paused: true'), sandbox), 'u', "input 'paused' does not apply to group");
    expectFailure(await runYaml(updateYaml('team', 'id: x'), sandbox), 'u', 'update team needs at least one field to set');
  });

  it('a dry run records the PATCH it would send and changes nothing', async () => {
    const erp = connectionNamed(sandbox, 'erp_pg');
    const run = await runYaml(updateYaml('connection', `id: ${erp.id}, paused: true, config: { host: other }`), sandbox, { dryRun: true });
    expect(outputsOf(run, 'u')).toMatchObject({ changed: ['paused', 'config.host'], object: { paused: true, config: { host: 'other', database: 'erp' } } });
    const planned = run.events.filter((e) => e.type === 'write-planned');
    expect(planned).toEqual([expect.objectContaining({ method: 'PATCH', path: `connections/${erp.id}`, body: { paused: true, config: { host: 'other' } } })]);
    expect(writes(sandbox)).toBe(0);
  });
});
