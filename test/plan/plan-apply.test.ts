import { beforeEach, describe, expect, it } from 'vitest';
import { applyBlockers, applyPlan } from '../../src/plan/index.js';
import { useSandbox } from '../helpers/sandbox.js';
import { planYaml, sandboxClient } from './plan-helpers.js';

const sandbox = useSandbox({ rateLimit: false, syncDurationMs: 5 });

beforeEach(() => sandbox.reset());

function groupId(name: string): string {
  return sandbox.state().groups.find((g) => g.name === name)!.id;
}

function connectionsIn(name: string) {
  const id = groupId(name);
  return sandbox.state().connections.filter((c) => c.group_id === id);
}

const COPY = `name: copy
vars:
  kinds: { type: list, default: [salesforce, hubspot, postgres] }
steps:
  - id: source
    list: connections
    with: { group: warehouse_legacy }
    where: item.service in vars.kinds
  - id: copy
    foreach: \${{ steps.source.items }}
    create: connection
    with:
      group: warehouse_new
      from: \${{ item }}
      schema_suffix: _copy
      secrets:
        password: \${{ secret('PG_PASSWORD') }}
`;

describe('plan then apply against the sandbox', () => {
  it('records the writes without sending any, then apply sends exactly them, secrets from the environment', async () => {
    const writesBefore = sandbox.stats().writes.total;
    const requestsBefore = sandbox.stats().requests.total;
    const { plan, summary } = await planYaml(COPY, sandbox, { env: { PG_PASSWORD: 'pg-secret-1' } });
    expect(summary.status).toBe('ok');
    expect(sandbox.stats().writes.total).toBe(writesBefore);
    const sources = sandbox.state().connections.filter((c) => c.group_id === groupId('warehouse_legacy') && ['salesforce', 'hubspot', 'postgres'].includes(c.service));
    expect(plan.writes).toHaveLength(sources.length);
    expect(plan.writes.every((w) => w.change === 'create' && w.method === 'POST')).toBe(true);
    expect(JSON.stringify(plan)).not.toContain('pg-secret-1');
    expect(plan.writes.find((w) => (w.body as { service: string }).service === 'postgres')!.body).toMatchObject({ config: { password: { $secret: 'PG_PASSWORD' } } });
    // Every request the plan made was a read; a run makes them again, plus the writes.
    const reads = sandbox.stats().requests.total - requestsBefore;
    expect(plan.estimate).toMatchObject({ reads, writes: sources.length, run: reads + sources.length });

    const client = sandboxClient(sandbox);
    try {
      expect(applyBlockers(plan, { env: {}, baseUrl: sandbox.url, force: false })).toEqual(['secret not set in the environment: PG_PASSWORD']);
      const result = await applyPlan(plan, { client, env: { PG_PASSWORD: 'pg-secret-1' } });
      expect(result.status).toBe('ok');
      expect(result.outcomes.map((o) => o.result)).toEqual(plan.writes.map(() => 'created'));
    } finally {
      await client.close();
    }
    expect(sandbox.stats().writes.total - writesBefore).toBe(plan.writes.length);
    expect(sandbox.stats().writes.byKind.connection_created).toBe(plan.writes.length);
    const copies = connectionsIn('warehouse_new');
    expect(copies.map((c) => c.schema).sort()).toEqual(sources.map((c) => `${c.schema}_copy`).sort());
    // The password reached the API: the sandbox masks it on the way out, but it is set.
    expect(copies.find((c) => c.service === 'postgres')!.config.password).toBe('******');
  });

  it('replaces planned ids with the ids creates answered with, in paths, bodies and natural keys', async () => {
    const { plan } = await planYaml(
      `name: bootstrap
steps:
  - id: grp
    create: group
    with: { name: ops_new }
  - id: conn
    create: connection
    with:
      group: \${{ steps.grp.id }}
      service: stripe
      config: { schema: stripe_ops }
  - id: kick
    sync: \${{ steps.conn.id }}
`,
      sandbox,
    );
    expect(plan.problems).toEqual([]);
    expect(plan.writes.map((w) => [w.step, w.method, w.path, w.creates ?? null, w.needs ?? []])).toEqual([
      ['grp', 'POST', 'groups', 'planned:group:grp', []],
      ['conn', 'POST', 'connections', 'planned:connection:conn', ['planned:group:grp']],
      ['kick', 'POST', `connections/${encodeURIComponent('planned:connection:conn')}/sync`, null, ['planned:connection:conn']],
    ]);
    const client = sandboxClient(sandbox);
    try {
      const result = await applyPlan(plan, { client, env: {} });
      expect(result.status).toBe('ok');
      const group = sandbox.state().groups.find((g) => g.name === 'ops_new')!;
      const connection = sandbox.state().connections.find((c) => c.group_id === group.id)!;
      expect(connection.schema).toBe('stripe_ops');
      expect(result.ids).toEqual({ 'planned:group:grp': group.id, 'planned:connection:conn': connection.id });
      expect(sandbox.stats().writes.byKind.sync_triggered).toBe(1);
    } finally {
      await client.close();
    }
  });

  it('refuses when an object it will update changed since the plan, naming the field, and applies with force', async () => {
    const target = sandbox.state().connections.find((c) => c.service === 'stripe' && !c.paused)!;
    const { plan } = await planYaml(
      `name: pause
steps:
  - id: pause
    update: connection
    with: { id: ${target.id}, paused: true }
`,
      sandbox,
    );
    expect(plan.writes).toHaveLength(1);
    expect(plan.writes[0]).toMatchObject({ change: 'update', changes: { paused: true }, target: { kind: 'connection', id: target.id } });
    const client = sandboxClient(sandbox);
    try {
      await client.patch(`connections/${target.id}`, { sync_frequency: 1440 });
      const writesBefore = sandbox.stats().writes.total;
      const refused = await applyPlan(plan, { client, env: {} });
      expect(refused.status).toBe('refused');
      expect(refused.drift.findings).toEqual([expect.objectContaining({ object: `connection ${target.id}`, reason: 'changed', seqs: [1], fields: [{ path: 'sync_frequency', before: target.sync_frequency, now: 1440 }] })]);
      expect(sandbox.stats().writes.total).toBe(writesBefore);

      const forced = await applyPlan(plan, { client, env: {}, force: true });
      expect(forced.status).toBe('ok');
      expect(sandbox.state().connections.find((c) => c.id === target.id)!.paused).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('does not count a sync finishing as drift', async () => {
    const target = sandbox.state().connections.find((c) => c.service === 'hubspot' && !c.paused)!;
    const { plan } = await planYaml(`name: p\nsteps:\n  - id: pause\n    update: connection\n    with: { id: ${target.id}, paused: true }\n`, sandbox);
    const client = sandboxClient(sandbox);
    try {
      await client.post(`connections/${target.id}/sync`, { force: true });
      await new Promise((resolve) => setTimeout(resolve, 20));
      const result = await applyPlan(plan, { client, env: {} });
      expect(result.drift.findings).toEqual([]);
      expect(result.status).toBe('ok');
    } finally {
      await client.close();
    }
  });

  it('refuses a delete whose object is already gone, and a create whose natural key was taken meanwhile', async () => {
    const doomed = sandbox.state().connections.find((c) => c.service === 'stripe')!;
    const { plan } = await planYaml(
      `name: mixed
steps:
  - id: drop
    delete: connection
    with: { id: ${doomed.id} }
  - id: grp
    create: group
    with: { name: late_group }
`,
      sandbox,
    );
    const client = sandboxClient(sandbox);
    try {
      await client.delete(`connections/${doomed.id}`);
      await client.post('groups', { name: 'late_group' });
      const result = await applyPlan(plan, { client, env: {} });
      expect(result.status).toBe('refused');
      expect(result.drift.findings.map((f) => [f.reason, f.object])).toEqual([
        ['gone', `connection ${doomed.id}`],
        ['exists', 'group late_group'],
      ]);
      const forced = await applyPlan(plan, { client, env: {}, force: true });
      expect(forced.status).toBe('ok');
      expect(forced.outcomes.map((o) => o.result)).toEqual(['gone', 'exists']);
      expect(sandbox.state().groups.filter((g) => g.name === 'late_group')).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it('stops at the first failing write and says what was not sent', async () => {
    const { plan } = await planYaml(`name: g\nsteps:\n  - id: a\n    create: group\n    with: { name: first_one }\n  - id: b\n    create: group\n    with: { name: second_one }\n`, sandbox);
    const broken = { ...plan, writes: plan.writes.map((w) => (w.seq === 1 ? { ...w, body: { name: '' } } : w)) };
    const client = sandboxClient(sandbox);
    try {
      const result = await applyPlan(broken, { client, env: {} });
      expect(result.status).toBe('failed');
      expect(result.failure?.write.seq).toBe(1);
      expect(result.failure?.error).toMatch(/POST \/v1\/groups → 400/);
      expect(result.notSent).toBe(1);
      expect(sandbox.state().groups.some((g) => g.name === 'second_one')).toBe(false);
    } finally {
      await client.close();
    }
  });
});
