import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanFile } from '../../src/plan/index.js';
import { runCli } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox.js';
import { MIGRATION_SANDBOX, MIGRATION_SIZE, cliEnv, migrationDir, migrationState } from '../journal/e2e-support.js';
import { sandboxClient } from '../plan/plan-helpers.js';

const sandbox = useSandbox(MIGRATION_SANDBOX);

describe('atlas-run plan, then atlas-run apply', () => {
  const dir = migrationDir();
  let env: Record<string, string>;
  beforeAll(() => {
    env = cliEnv(sandbox, dir);
  });

  it('plans the migration without writing, then apply sends exactly the planned writes', async () => {
    const before = sandbox.stats().writes.total;
    const planned = await runCli(['plan', 'migrate.yml', '--out', 'plan.json'], { env, cwd: dir });
    expect(planned.stderr).toContain('Plan saved to plan.json');
    expect(planned.code).toBe(0);
    expect(sandbox.stats().writes.total).toBe(before);
    expect(planned.stdout).toMatch(/ {2}step\s+writes\s+POST\n {2}target\s+1\s+1\n {2}copy\s+500\s+500\n {2}total\s+501\s+501/);
    expect(planned.stdout).toContain('#1 create group migrated  POST groups');
    expect(planned.stdout).toMatch(/API calls: a run makes about \d+ \(\d+ reads \+ 501 writes\)/);
    const text = readFileSync(join(dir, 'plan.json'), 'utf8');
    expect(text).not.toContain('db-secret-e2e');
    const plan = JSON.parse(text) as PlanFile;
    expect(plan.writes).toHaveLength(MIGRATION_SIZE + 1);
    expect(plan.writes.slice(1).every((w) => w.needs?.[0] === 'planned:group:target')).toBe(true);

    const noSecret = await runCli(['apply', 'plan.json'], { env: { ...env, DB_PASSWORD: undefined }, cwd: dir });
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain('secret not set in the environment: DB_PASSWORD');
    expect(sandbox.stats().writes.total).toBe(before);

    const applied = await runCli(['apply', 'plan.json', '--quiet'], { env, cwd: dir });
    expect(applied.stderr).toBe('');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain(`applied: ${MIGRATION_SIZE + 1} writes`);
    const stats = sandbox.stats();
    expect(stats.writes.total - before).toBe(MIGRATION_SIZE + 1);
    expect(stats.writes.byKind.group_created).toBe(1);
    expect(stats.writes.byKind.connection_created).toBe(MIGRATION_SIZE);
    const state = migrationState(sandbox);
    expect([...state.copies].sort()).toEqual([...state.sources].sort());

    // The same plan again: every create's natural key is taken now, so apply refuses and sends nothing.
    const again = await runCli(['apply', 'plan.json', '--quiet'], { env, cwd: dir });
    expect(again.code).toBe(1);
    expect(again.stdout).toContain('group migrated exists now');
    expect(sandbox.stats().writes.total - before).toBe(MIGRATION_SIZE + 1);
  });

  it('refuses to apply when an object changed between plan and apply, listing it', async () => {
    const targets = sandbox.state().connections.filter((c) => c.service === 'stripe' && !c.paused).slice(0, 3);
    writeFileSync(
      join(dir, 'pause.yml'),
      `name: pause-some
steps:
  - id: pause
    foreach: \${{ ${JSON.stringify(targets.map((c) => c.id))} }}
    update: connection
    with: { id: "\${{ item }}", paused: true }
`,
    );
    const planned = await runCli(['plan', 'pause.yml', '--out', 'pause-plan.json'], { env, cwd: dir });
    expect(planned.code).toBe(0);
    expect(planned.stdout).toContain('~ paused: false → true');

    const client = sandboxClient(sandbox);
    try {
      await client.patch(`connections/${targets[1]!.id}`, { sync_frequency: 720 });
    } finally {
      await client.close();
    }
    const before = sandbox.stats().writes.total;
    const refused = await runCli(['apply', 'pause-plan.json'], { env, cwd: dir });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`connection ${targets[1]!.id} changed since the plan: sync_frequency (write #2)`);
    expect(refused.stdout).toContain('nothing was sent');
    expect(sandbox.stats().writes.total).toBe(before);

    const forced = await runCli(['apply', 'pause-plan.json', '--force', '--quiet'], { env, cwd: dir });
    expect(forced.code).toBe(0);
    expect(sandbox.stats().writes.total - before).toBe(3);
    const paused = sandbox.state().connections.filter((c) => targets.some((t) => t.id === c.id) && c.paused);
    expect(paused).toHaveLength(3);
  });

  it('prints the plan as JSON, or only its counts', async () => {
    // The connections pause.yml paused are paused now: unpausing them is three updates.
    writeFileSync(join(dir, 'unpause.yml'), readFileSync(join(dir, 'pause.yml'), 'utf8').replace('paused: true', 'paused: false'));
    const json = await runCli(['plan', 'unpause.yml', '--json'], { env, cwd: dir });
    expect(json.code).toBe(0);
    const plan = JSON.parse(json.stdout) as PlanFile;
    expect(plan.writes.map((w) => [w.change, w.changes])).toEqual([0, 1, 2].map(() => ['update', { paused: false }]));
    const summary = await runCli(['plan', 'unpause.yml', '--summary'], { env, cwd: dir });
    expect(summary.stdout).toMatch(/ {2}pause\s+3\s+3/);
    expect(summary.stdout).not.toContain('#1');
    const nothing = await runCli(['plan', 'pause.yml'], { env, cwd: dir });
    expect(nothing.stdout).toContain('No writes: the account is already as the workflow wants it.');
  });

  it('refuses what is not a plan', async () => {
    writeFileSync(join(dir, 'not-a-plan.json'), '{"hello": 1}');
    const result = await runCli(['apply', 'not-a-plan.json'], { env, cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("'not-a-plan.json' is not an atlas-run plan");
  });
});
