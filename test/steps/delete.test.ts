import { beforeEach, describe, expect, it } from 'vitest';
import { runYaml } from '../helpers/run-workflow.js';
import { useSandbox } from '../helpers/sandbox.js';
import { connectionNamed, expectFailure, groupId, itemOutputs, outputsOf, writes } from './resources/support.js';

const sandbox = useSandbox({ rateLimit: false });

beforeEach(() => sandbox.reset());

const deleteYaml = (resource: string, id: string) => `name: delete
steps:
  - id: d
    delete: ${resource}
    with: { id: ${id} }
`;

describe('delete', () => {
  it('is destructive: refused without --yes, nothing sent', async () => {
    const hubspot = connectionNamed(sandbox, 'hubspot');
    const run = await runYaml(deleteYaml('connection', hubspot.id), sandbox);
    expectFailure(run, 'd', '--yes');
    expect(writes(sandbox)).toBe(0);
    expect(sandbox.stats().requests.byMethod.DELETE).toBeUndefined();
  });

  it('deletes after reading, says what went, and a re-run finds it already gone', async () => {
    const hubspot = connectionNamed(sandbox, 'hubspot');
    const run = await runYaml(deleteYaml('connection', hubspot.id), sandbox, { yes: true });
    expect(outputsOf(run, 'd')).toMatchObject({
      id: hubspot.id,
      status: 'ok',
      deleted: { service: 'hubspot', schema: 'hubspot', group_id: hubspot.group_id },
      detail: `deleted hubspot connection 'hubspot' in group '${hubspot.group_id}' (id ${hubspot.id})`,
    });
    expect(sandbox.state().connections.some((c) => c.id === hubspot.id)).toBe(false);
    expect(sandbox.stats().writes.byKind).toEqual({ connection_deleted: 1 });

    const again = await runYaml(deleteYaml('connection', hubspot.id), sandbox, { yes: true });
    expect(outputsOf(again, 'd')).toMatchObject({ status: 'skipped', deleted: null, detail: 'already gone' });
    expect(writes(sandbox)).toBe(1);
  });

  it('deletes a filtered list (scenario 13) and leaves the rest', async () => {
    const run = await runYaml(
      `name: cleanup
steps:
  - id: paused
    list: connections
    with: { group: warehouse_legacy }
    where: item.paused
  - id: d
    delete: connection
    foreach: \${{ steps.paused.items }}
    with: { id: "\${{ item }}" }
`,
      sandbox,
      { yes: true },
    );
    expect(run.summary.status).toBe('ok');
    const legacy = groupId(sandbox, 'warehouse_legacy');
    const left = sandbox.state().connections.filter((c) => c.group_id === legacy);
    expect(left.length).toBeGreaterThan(0);
    expect(left.some((c) => c.paused)).toBe(false);
    expect(itemOutputs(run, 'd').map((o) => (o.deleted as { schema: string }).schema).sort()).toEqual(['facebook_ads', 'finance_sheets.budget_2026', 'hr_mssql']);
  });

  it('deletes users, teams and empty groups', async () => {
    const state = sandbox.state();
    const user = state.users.find((u) => u.email === 'tomas.ortega@example.com')!;
    const team = state.teams[1]!;
    const run = await runYaml(
      `name: people
steps:
  - { id: u, delete: user, with: { id: ${user.id} } }
  - { id: t, delete: team, with: { id: ${team.id} } }
  - { id: g, delete: group, with: { id: ${groupId(sandbox, 'staging')} } }
`,
      sandbox,
      { yes: true },
    );
    expect(run.summary.status).toBe('ok');
    expect(outputsOf(run, 'u').deleted).toEqual({ email: user.email, role: user.role });
    expect(outputsOf(run, 't').deleted).toEqual({ name: team.name, role: team.role });
    expect(outputsOf(run, 'g').deleted).toEqual({ name: 'staging' });
    expect(sandbox.stats().writes.byKind).toEqual({ user_deleted: 1, team_deleted: 1, group_deleted: 1 });
  });

  it('fails with the API error when the API refuses (a destination whose group still has connections)', async () => {
    const legacy = groupId(sandbox, 'warehouse_legacy');
    const run = await runYaml(deleteYaml('destination', legacy), sandbox, { yes: true });
    expectFailure(run, 'd', `DELETE /v1/destinations/${legacy} → 409 Conflict`);
    expect(writes(sandbox)).toBe(0);
  });

  it('a dry run chain of create, update and delete on a planned object records three writes and reads nothing of it', async () => {
    const run = await runYaml(
      `name: chain
steps:
  - { id: made, create: team, with: { name: Temporary, role: Account Reviewer } }
  - { id: renamed, update: team, with: { id: "\${{ steps.made.id }}", name: Temp } }
  - { id: gone, delete: team, with: { id: "\${{ steps.made.object }}" } }
`,
      sandbox,
      { dryRun: true, yes: true },
    );
    expect(run.summary.status).toBe('ok');
    const planned = run.events.flatMap((e) => (e.type === 'write-planned' ? [`${e.method} ${e.path}`] : []));
    expect(planned).toEqual(['POST teams', 'PATCH teams/planned%3Ateam%3Amade', 'DELETE teams/planned%3Ateam%3Amade']);
    expect(outputsOf(run, 'renamed')).toMatchObject({ changed: ['name'], object: { name: 'Temp' } });
    expect(outputsOf(run, 'gone')).toMatchObject({ deleted: { name: 'Temporary' } });
    expect(sandbox.stats().requests.byMethod).toEqual({ GET: 1 });
    expect(writes(sandbox)).toBe(0);
  });

  it('a dry run reads, records the DELETE and removes nothing', async () => {
    const hubspot = connectionNamed(sandbox, 'hubspot');
    const run = await runYaml(deleteYaml('connection', hubspot.id), sandbox, { dryRun: true, yes: true });
    expect(outputsOf(run, 'd')).toMatchObject({ deleted: { service: 'hubspot' }, detail: expect.stringMatching(/^would delete/) });
    expect(run.events.filter((e) => e.type === 'write-planned')).toEqual([expect.objectContaining({ method: 'DELETE', path: `connections/${hubspot.id}` })]);
    expect(writes(sandbox)).toBe(0);
    expect(sandbox.state().connections.some((c) => c.id === hubspot.id)).toBe(true);
  });
});
