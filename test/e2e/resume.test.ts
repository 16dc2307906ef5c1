import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { listRuns, readJournal } from '../../src/journal/index.js';
import { runCli } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox.js';
import { MIGRATION_SANDBOX, MIGRATION_SIZE, cliEnv, migrationDir, migrationState, spawnCli } from '../journal/e2e-support.js';

const sandbox = useSandbox(MIGRATION_SANDBOX);

/** Copy items finished so far according to the events of one process. */
function copiesDone(event: Record<string, unknown>, seen: { count: number }): number {
  if (event.type === 'item' && event.step === 'copy' && event.status !== 'failed') seen.count += 1;
  return seen.count;
}

describe('a 500-item migration killed with SIGKILL and resumed', () => {
  const dir = migrationDir();
  let env: Record<string, string>;
  beforeAll(() => {
    env = cliEnv(sandbox, dir);
  });

  it('finishes every item exactly once across three kills and resumes, with zero duplicates', async () => {
    expect(migrationState(sandbox).sources).toHaveLength(MIGRATION_SIZE);
    const killPoints = [60, 220, 390];
    for (const [round, killAt] of killPoints.entries()) {
      const seen = { count: 0 };
      const args = round === 0 ? ['migrate.yml'] : ['migrate.yml', '--resume', 'last'];
      const result = await spawnCli(args, { env, cwd: dir, onEvent: (event) => copiesDone(event, seen) >= killAt });
      expect(result.signal).toBe('SIGKILL');
      // Whatever the killed process had journaled is intact; only its end record is missing.
      const [latest] = listRuns(join(dir, 'runs'), 1);
      expect(latest!.status).toBe('unfinished');
    }
    const final = await spawnCli(['migrate.yml', '--resume', 'last'], { env, cwd: dir });
    expect(final.stderr).not.toMatch(/internal error/);
    expect(final.code).toBe(0);

    const state = migrationState(sandbox);
    expect(state.targetGroups).toBe(1);
    expect(state.copies).toHaveLength(MIGRATION_SIZE);
    expect(new Set(state.copies).size).toBe(MIGRATION_SIZE);
    expect([...state.copies].sort()).toEqual([...state.sources].sort());
    // Not one create was sent twice: items cut off by a kill were found by natural key on resume.
    expect(sandbox.stats().writes.byKind.connection_created).toBe(MIGRATION_SIZE);
    expect(sandbox.stats().writes.byKind.group_created).toBe(1);

    const runs = listRuns(join(dir, 'runs'));
    expect(runs.map((r) => r.status)).toEqual(['ok', 'unfinished', 'unfinished', 'unfinished']);
    expect(runs[0]!.resumedFrom).toBe(runs[1]!.id);
    const journal = readJournal(runs[0]!.file);
    const copies = journal.items.filter((i) => i.step === 'copy');
    expect(new Set(copies.map((i) => i.key)).size).toBe(MIGRATION_SIZE);
    expect(copies.filter((i) => i.replayed).length).toBeGreaterThanOrEqual(390);
    expect(readFileSync(runs[0]!.file, 'utf8')).not.toContain('db-secret-e2e');
  });

  it('re-running the completed migration sends zero writes', async () => {
    const before = sandbox.stats().writes.total;
    const rerun = await spawnCli(['migrate.yml'], { env, cwd: dir });
    expect(rerun.code).toBe(0);
    expect(sandbox.stats().writes.total).toBe(before);
    const end = rerun.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>).find((e) => e.type === 'run-end')!;
    expect(end.counts).toMatchObject({ ok: 1, unchanged: MIGRATION_SIZE + 1, failed: 0 });
  });

  it('lists the runs and refuses a resume whose workflow or vars changed, saying what changed', async () => {
    const list = await runCli(['runs'], { env, cwd: dir });
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')[0]).toMatch(/^RUN\s+WORKFLOW\s+STARTED\s+STATUS\s+OK\s+UNCHANGED\s+SKIPPED\s+FAILED\s+RESUMED FROM$/);
    expect(list.stdout).toContain('unfinished');

    const writes = sandbox.stats().writes.total;
    const varChanged = await runCli(['migrate.yml', '--resume', 'last', '--var', 'target_group=elsewhere'], { env, cwd: dir });
    expect(varChanged.code).toBe(2);
    expect(varChanged.stderr).toMatch(/cannot resume run \S+:\n {2}- var 'target_group' was "migrated", now "elsewhere"/);
    expect(varChanged.stderr).toContain('--force');

    writeFileSync(join(dir, 'migrate.yml'), `${readFileSync(join(dir, 'migrate.yml'), 'utf8')}# edited\n`);
    const edited = await runCli(['migrate.yml', '--resume', 'last'], { env, cwd: dir });
    expect(edited.code).toBe(2);
    expect(edited.stderr).toMatch(/the workflow \(or a file it includes\) changed since run/);
    expect(sandbox.stats().writes.total).toBe(writes);

    const forced = await runCli(['migrate.yml', '--resume', 'last', '--force', '--quiet'], { env, cwd: dir });
    expect(forced.code).toBe(0);
    expect(sandbox.stats().writes.total).toBe(writes);

    const unknown = await runCli(['migrate.yml', '--resume', '20200101-000000-dead'], { env, cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("no run '20200101-000000-dead'");
  });
});
