import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRuns } from '../../src/journal/index.js';
import { useSandbox } from '../helpers/sandbox.js';
import { MIGRATION_SANDBOX, MIGRATION_SIZE, cliEnv, migrationDir, migrationState, spawnCli } from '../journal/e2e-support.js';

// 5% of requests fail (half of the failed writes after applying them) and 2% lose their connection.
const sandbox = useSandbox({ ...MIGRATION_SANDBOX, failRate: 0.05, resetRate: 0.02, seed: 11 });

describe('the 500-item migration against a faulty API', () => {
  it('completes (resumed while an item fails) with every connection created once and zero duplicates', async () => {
    const dir = migrationDir();
    const env = cliEnv(sandbox, dir);
    const exits: (number | null)[] = [];
    // A failed item stops the fan-out (the default failure budget); each resume finishes more.
    for (let round = 0; round < 12 && exits.at(-1) !== 0; round++) {
      const result = await spawnCli(round === 0 ? ['migrate.yml'] : ['migrate.yml', '--resume', 'last'], { env, cwd: dir });
      expect(result.stderr).not.toMatch(/internal error/);
      exits.push(result.code);
    }
    expect(exits.at(-1)).toBe(0);
    expect(exits.slice(0, -1).every((code) => code === 1)).toBe(true);

    const faults = sandbox.stats().faults;
    expect(faults.failedAfterWrite + faults.resetAfterWrite).toBeGreaterThan(0);
    const state = migrationState(sandbox);
    expect(state.targetGroups).toBe(1);
    expect(new Set(state.copies).size).toBe(state.copies.length);
    expect([...state.copies].sort()).toEqual([...state.sources].sort());
    expect(state.copies).toHaveLength(MIGRATION_SIZE);
    // Creates whose answer was lost were looked up, not sent again: each connection was created once.
    expect(sandbox.stats().writes.byKind.connection_created).toBe(MIGRATION_SIZE);
    const runs = listRuns(join(dir, 'runs'));
    expect(runs).toHaveLength(exits.length);
    expect(runs[0]!.status).toBe('ok');
  });
});
