/**
 * B3 scale (issue 8): list 100 000 connections and export them to CSV through an `atlas-run`
 * workflow, against a bare undici pagination loop writing the same CSV in the same run (both against
 * one sandbox in its own process). Figures: atlas-run's time over the loop's (goal ≤ 1.2×; both are
 * whole processes, start-up included) and the peak RSS of the
 * atlas-run process (goal ≤ 150 MB). The two CSV files must be byte for byte the same.
 *
 *   npx tsx bench/b3-scale.ts [--connections 100000] [--runs 3] [--columns]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ensureBuilt, runAtlas, stepEnd, targetEnv } from './support/atlas-cli.js';
import { inTempDir, median, ms, runBenchmark, times, verdict } from './support/figures.js';
import { startSandboxProcess } from './support/sandbox-process.js';
import type { SandboxProcess } from './support/sandbox-process.js';

/** The report: a handful of fields per connection, as a status export would have them. */
const COLUMNS = ['id', 'group_id', 'service', 'schema', 'paused', 'sync_frequency', 'succeeded_at', 'failed_at'] as const;

/**
 * `fields:` keeps only what the report needs of each item; the export's default columns are those
 * fields (no expression evaluated per cell).
 */
const FIELDS_WORKFLOW = `name: b3-scale
steps:
  - id: connections
    list: connections
    with: { fields: [${COLUMNS.join(', ')}] }
  - id: report
    export: csv
    items: \${{ steps.connections.items }}
    file: atlas.csv
`;

/** The same report with an expression per column (\`--columns\`): what it costs to compute cells. */
const COLUMNS_WORKFLOW = `name: b3-scale
steps:
  - id: connections
    list: connections
    with: { fields: [${COLUMNS.join(', ')}] }
  - id: report
    export: csv
    items: \${{ steps.connections.items }}
    columns:
${COLUMNS.map((name) => `      ${name}: item.${name}`).join('\n')}
    file: atlas.csv
`;

const BARE_LOOP = fileURLToPath(new URL('./support/bare-csv-loop.mjs', import.meta.url));

/** The baseline in its own process: wall time from spawn to exit, as for atlas-run. */
function bareLoop(sandbox: SandboxProcess, file: string): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, [BARE_LOOP, sandbox.url, sandbox.apiKey, sandbox.apiSecret, file, COLUMNS.join(',')], { stdio: ['ignore', 'inherit', 'pipe'] });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`the bare loop exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

const digest = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

interface Pair {
  atlasMs: number;
  listMs: number;
  exportMs: number;
  loopMs: number;
  peakRssMb: number;
}

/** atlas-run, then the loop, on the same sandbox; throws unless both wrote the same bytes. */
async function pair(sandbox: SandboxProcess, dir: string, connections: number): Promise<Pair> {
  const run = await runAtlas(['run', 'b3.yml'], { cwd: dir, env: targetEnv(sandbox, dir) });
  const list = stepEnd(run, 'connections');
  const report = stepEnd(run, 'report');
  if (run.code !== 0) throw new Error(`atlas-run exited ${run.code}:\n${run.stderr.slice(-2000)}`);
  const loopMs = bareLoop(sandbox, join(dir, 'loop.csv'));
  const lines = readFileSync(join(dir, 'atlas.csv'), 'utf8').split('\n').length - 2;
  if (lines !== connections || digest(join(dir, 'atlas.csv')) !== digest(join(dir, 'loop.csv'))) {
    throw new Error(`the two CSV files differ (atlas-run wrote ${lines} rows)`);
  }
  return { atlasMs: run.wallMs, listMs: list.duration_ms, exportMs: report.duration_ms, loopMs, peakRssMb: run.peakRssMb };
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { connections: { type: 'string' }, runs: { type: 'string' }, columns: { type: 'boolean' } } });
  const connections = Number(values.connections ?? 100_000);
  const runs = Number(values.runs ?? 3);
  ensureBuilt();
  const sandbox = await startSandboxProcess({ data: 'empty', connections, rateLimit: false });
  try {
    return await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'b3.yml'), values.columns ? COLUMNS_WORKFLOW : FIELDS_WORKFLOW);
      // One untimed pass warms the sandbox's page rendering and the file cache (the real API is never cold).
      bareLoop(sandbox, join(dir, 'warm.csv'));
      const pairs: Pair[] = [];
      for (let n = 0; n < runs; n++) pairs.push(await pair(sandbox, dir, connections));
      console.log(`B3 scale: ${connections} connections listed (pages of 1000) and exported to CSV (${COLUMNS.length} columns, ${values.columns ? 'an expression per column' : 'list fields: + default columns'}), sandbox in its own process`);
      for (const [n, p] of pairs.entries()) {
        console.log(`  run #${n + 1}: atlas-run ${ms(p.atlasMs)} (process; list step ${ms(p.listMs)}, export step ${ms(p.exportMs)}), bare undici loop ${ms(p.loopMs)}, ratio ${times(p.atlasMs / p.loopMs)}, peak RSS ${p.peakRssMb.toFixed(0)} MB`);
      }
      return verdict([
        { label: 'atlas-run / bare loop (median run)', value: median(pairs.map((p) => p.atlasMs / p.loopMs)), goal: 1.2, kind: 'max', format: times },
        { label: 'peak RSS of atlas-run (largest run)', value: Math.max(...pairs.map((p) => p.peakRssMb)), goal: 150, kind: 'max', format: (v) => `${v.toFixed(0)} MB` },
      ]);
    });
  } finally {
    await sandbox.stop();
  }
}

runBenchmark(main);
