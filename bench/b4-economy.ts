/**
 * B4 economy (issue 8): the shipped workflows/migrate.yml copies 200 connections (each with its
 * schema config) into another group, then runs again. Figures from the sandbox's own counters:
 * requests per migrated connection on the first run (goal ≤ 5, what the seed's Python script
 * sends per connection) and writes on the second run (goal 0).
 *
 *   npx tsx bench/b4-economy.ts [--connections 200]
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureBuilt, runAtlas, stepEnd, targetEnv } from './support/atlas-cli.js';
import type { AtlasRun } from './support/atlas-cli.js';
import { count, inTempDir, runBenchmark, verdict } from './support/figures.js';
import { startSandboxProcess, statsDelta } from './support/sandbox-process.js';
import type { SandboxProcess } from './support/sandbox-process.js';
import { SequentialLoop } from './support/sequential-loop.js';

const MIGRATE = fileURLToPath(new URL('../workflows/migrate.yml', import.meta.url));
const SOURCE_GROUP = 'team_00001';
const TARGET_GROUP = 'migrated';

/** The target group and its destination, made before anything is counted (the workflow expects them). */
async function prepareTarget(sandbox: SandboxProcess): Promise<void> {
  const loop = new SequentialLoop(sandbox);
  try {
    const group = await loop.call<{ id: string }>('POST', 'groups', { name: TARGET_GROUP });
    await loop.call('POST', 'destinations', { group_id: group.id, service: 'big_query', time_zone_offset: '0', run_setup_tests: false, config: { project_id: 'bench-project', data_set_location: 'US' } });
  } finally {
    await loop.close();
  }
}

type Counters = ReturnType<typeof statsDelta>;

/** One run of the migration, with what the sandbox saw of it. */
async function migrate(sandbox: SandboxProcess, dir: string): Promise<{ run: AtlasRun; seen: Counters }> {
  const before = await sandbox.stats();
  const run = await runAtlas(['run', 'migrate.yml', '--var', `source_group=${SOURCE_GROUP}`, '--var', `target_group=${TARGET_GROUP}`, '--var', 'password_env=DB_PASSWORD'], {
    cwd: dir,
    env: { ...targetEnv(sandbox, dir), DB_PASSWORD: 'bench-db-password' },
  });
  const seen = statsDelta(before, await sandbox.stats());
  if (run.code !== 0) throw new Error(`migrate.yml exited ${run.code}:\n${run.stderr.slice(-3000)}`);
  return { run, seen };
}

const describe = (seen: Counters): string => Object.entries(seen.byMethod).map(([method, n]) => `${n} ${method}`).join(', ');

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { connections: { type: 'string' } } });
  const connections = Number(values.connections ?? 200);
  ensureBuilt();
  // An empty account whose generated connections all sit in one group: exactly the ones to migrate.
  const sandbox = await startSandboxProcess({ data: 'empty', connections, rateLimit: false });
  try {
    await prepareTarget(sandbox);
    return await inTempDir(async (dir) => {
      copyFileSync(MIGRATE, join(dir, 'migrate.yml'));
      const first = await migrate(sandbox, dir);
      const copies = stepEnd(first.run, 'copies').counts;
      const schemas = stepEnd(first.run, 'schemas').counts;
      if (copies.ok !== connections) throw new Error(`expected ${connections} copies created, got ${JSON.stringify(copies)}`);
      const second = await migrate(sandbox, dir);
      console.log(`B4 economy: workflows/migrate.yml, ${connections} connections of ${SOURCE_GROUP} copied into ${TARGET_GROUP} with their schema configs, then run again`);
      console.log(`  first run: ${first.seen.requests} requests (${describe(first.seen)}), ${first.seen.writes} writes; copies ${JSON.stringify(copies)}, schema configs ${JSON.stringify(schemas)}`);
      console.log(`  second run: ${second.seen.requests} requests (${describe(second.seen)}), ${second.seen.writes} writes`);
      console.log('  the seed (api_interact_migrate_group.py) sends 5 per connection: GET connection, POST create, GET schemas, POST reload, PATCH schemas');
      return verdict([
        { label: 'requests per migrated connection (first run)', value: first.seen.requests / connections, goal: 5, kind: 'max', format: count },
        // Requests, not applied writes: a create refused with 409 is no write but is still one sent too many.
        { label: 'writes on the second run', value: second.seen.requests - (second.seen.byMethod.GET ?? 0), goal: 0, kind: 'max', format: count },
      ]);
    });
  } finally {
    await sandbox.stop();
  }
}

runBenchmark(main);
