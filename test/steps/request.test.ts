import { beforeEach, describe, expect, it } from 'vitest';
import { runYaml } from '../helpers/run-workflow.js';
import { useSandbox } from '../helpers/sandbox.js';
import { requestStep } from '../../src/steps/request.js';
import { expectFailure, groupIdOf, outputsOf, seeded, writesApplied } from './ops-support.js';

const sandbox = useSandbox({ rateLimit: false });

beforeEach(() => sandbox.reset());

const one = (line: string, withBlock = '') => `name: raw
steps:
  - id: call
    request: ${line}
${withBlock ? `    with: ${withBlock}\n` : ''}`;

describe('request', () => {
  it('GETs one object, and rewrites a legacy path on the way', async () => {
    const legacy = groupIdOf(sandbox, 'warehouse_legacy');
    const erp = seeded(sandbox, 'erp_pg');
    const group = await runYaml(one(`GET groups/${legacy}`), sandbox);
    expect(outputsOf(group, 'call')).toMatchObject({ data: { id: legacy, name: 'warehouse_legacy' }, items: null });
    const old = await runYaml(one(`GET connectors/${erp.id}`), sandbox);
    expect(outputsOf(old, 'call')).toMatchObject({ data: { id: erp.id, schema: 'erp_pg' } });
  });

  it('pages through a whole list with all, 1000 a page', async () => {
    const legacy = groupIdOf(sandbox, 'warehouse_legacy');
    const expected = sandbox.state().connections.filter((c) => c.group_id === legacy).map((c) => c.id);
    const run = await runYaml(one('GET connections', `{ all: true, query: { group_id: ${legacy} } }`), sandbox);
    const out = outputsOf(run, 'call') as { items: { id: string }[]; count: number };
    expect(out.items.map((c) => c.id).sort()).toEqual([...expected].sort());
    expect(out.count).toBe(expected.length);
    expect(sandbox.stats().requests.byRoute['GET /v1/connections']).toEqual({ 200: 1 });
  });

  it('sends writes through the write gate, and plans them in a dry run', async () => {
    const staging = groupIdOf(sandbox, 'staging');
    const rename = one(`PATCH groups/${staging}`, '{ body: { name: staging_eu } }');
    const dry = await runYaml(rename, sandbox, { dryRun: true });
    expect(dry.events).toContainEqual(expect.objectContaining({ type: 'write-planned', method: 'PATCH', path: `groups/${staging}`, target: { kind: 'groups', id: staging } }));
    expect(writesApplied(sandbox)).toBe(0);

    const run = await runYaml(rename, sandbox);
    expect(outputsOf(run, 'call')).toMatchObject({ data: { id: staging, name: 'staging_eu' } });
    expect(sandbox.state().groups.find((g) => g.id === staging)?.name).toBe('staging_eu');
  });

  it('POSTs a body and returns the answer', async () => {
    const erp = seeded(sandbox, 'erp_pg');
    const run = await runYaml(one(`POST connections/${erp.id}/schemas/reload`, '{ body: { exclude_mode: PRESERVE } }'), sandbox);
    expect(outputsOf(run, 'call')).toMatchObject({ data: { schemas: { public: { enabled: true } } } });
    expect(sandbox.stats().writes.byKind.schema_reloaded).toBe(1);
  });

  it('never sends a masked secret back', async () => {
    const erp = seeded(sandbox, 'erp_pg');
    const run = await runYaml(one(`PATCH connections/${erp.id}`, "{ body: { config: { user: x, password: '******' } } }"), sandbox);
    expectFailure(run, 'call', "body field config.password is '******'");
    expect(sandbox.stats().requests.byMethod.PATCH).toBeUndefined();
  });

  it('makes DELETE destructive and reports API errors with method, path and code', async () => {
    const refused = await runYaml(one('DELETE groups/staging_nope'), sandbox);
    expectFailure(refused, 'call', 'rerun with --yes');
    const run = await runYaml(one('DELETE groups/staging_nope'), sandbox, { yes: true });
    expectFailure(run, 'call', 'DELETE /v1/groups/staging_nope → 404 NotFound_Group');
    expectFailure(await runYaml(one('FETCH groups'), sandbox), 'call', `input 'request' must be "METHOD path"`);
    expectFailure(await runYaml(one('GET groups', '{ all: true, body: {} }'), sandbox), 'call', 'a GET request takes no body');
  });

  it('derives its effect from the method, the worst case when templated', () => {
    expect(requestStep.effect({ request: 'GET groups' })).toBe('read');
    expect(requestStep.effect({ request: 'post connections' })).toBe('write');
    expect(requestStep.effect({ request: 'DELETE groups/x' })).toBe('delete');
    expect(requestStep.effect({ request: undefined })).toBe('delete');
    expect(requestStep.effect({ request: undefined }, { request: 'PATCH connections/${{ item.id }}' })).toBe('write');
    expect(requestStep.destructive!({ request: undefined }, { request: 'PATCH connections/${{ item.id }}' })).toBe(false);
    expect(requestStep.destructive!({ request: undefined }, { request: '${{ vars.method }} groups' })).toBe(true);
    expect(requestStep.destructive?.({ request: 'PATCH groups/x' })).toBe(false);
    expect(requestStep.destructive?.({ request: undefined })).toBe(true);
  });
});
