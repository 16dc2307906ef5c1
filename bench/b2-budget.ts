/**
 * B2 budget (issue 8): 2 000 connection updates through `atlas-run` against a sandbox (own process)
 * that admits R requests per second and answers the rest 429 with Retry-After. Two runs, each on a
 * fresh sandbox: the adaptive limiter alone (no budget given), and `--rate-limit R` as a user who
 * knows the budget would run it. Figures per run: goodput / R (goal ≥ 0.9), the share of requests
 * answered 429 (goal ≤ 5 %), failed items (must be 0).
 *
 *   npx tsx bench/b2-budget.ts [--items 2000] [--rate 200] [--latency-ms 20] [--concurrency 16]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt, runAtlas, stepEnd, targetEnv } from './support/atlas-cli.js';
import type { Figure } from './support/figures.js';
import { count, inTempDir, ms, percent, runBenchmark, verdict } from './support/figures.js';
import { startSandboxProcess, statsDelta } from './support/sandbox-process.js';

const WORKFLOW = (items: number) => `name: b2-budget
steps:
  - id: connections
    list: connections
    with: { limit: ${items} }
  - id: update
    foreach: \${{ steps.connections.items }}
    key: \${{ item.id }}
    update: connection
    with:
      id: \${{ item }}
      sync_frequency: "\${{ item.sync_frequency == 360 ? 720 : 360 }}"
`;

interface Settings {
  items: number;
  rate: number;
  latencyMs: number;
  concurrency: number;
}

/** One run on a fresh sandbox; `budget` passes `--rate-limit`. Returns its figures against the goals. */
async function budgetRun(settings: Settings, budget: boolean): Promise<Figure[]> {
  const { items, rate, latencyMs, concurrency } = settings;
  // Only the per-second budget is in play: the hourly one is far away, and PATCHes run no setup tests.
  const sandbox = await startSandboxProcess({ data: 'empty', connections: items, latencyMs, rateLimit: { perSecond: rate } });
  try {
    return await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'b2.yml'), WORKFLOW(items));
      const args = ['run', 'b2.yml', '--concurrency', String(concurrency), ...(budget ? ['--rate-limit', String(rate)] : [])];
      const before = await sandbox.stats();
      const run = await runAtlas(args, { cwd: dir, env: targetEnv(sandbox, dir) });
      const update = stepEnd(run, 'update');
      const delta = statsDelta(before, await sandbox.stats());
      const waits = run.events.filter((e) => e.type === 'rate-limit-wait').length;
      const applied = delta.writes;
      const goodput = applied / (update.duration_ms / 1000);
      const failed = update.counts.failed ?? 0;
      const label = budget ? `--rate-limit ${rate}` : 'adaptive limiter alone';
      console.log(`  ${label}: update step ${ms(update.duration_ms)}, ${applied} updates applied, ${delta.requests} requests (${delta.rateLimited} answered 429), ${waits} budget waits reported, exit ${run.code}`);
      if (applied !== items - failed) throw new Error(`${items - failed} items reported done but the sandbox applied ${applied} writes`);
      return [
        { label: `${label}: goodput / R`, value: goodput / rate, goal: 0.9, kind: 'min', format: (v) => v.toFixed(2) },
        { label: `${label}: share of requests answered 429`, value: delta.rateLimited / delta.requests, goal: 0.05, kind: 'max', format: percent },
        { label: `${label}: failed items`, value: failed, goal: 0, kind: 'max', format: count },
      ];
    });
  } finally {
    await sandbox.stop();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { items: { type: 'string' }, rate: { type: 'string' }, 'latency-ms': { type: 'string' }, concurrency: { type: 'string' } } });
  const settings: Settings = {
    items: Number(values.items ?? 2000),
    rate: Number(values.rate ?? 200),
    latencyMs: Number(values['latency-ms'] ?? 20),
    concurrency: Number(values.concurrency ?? 16),
  };
  ensureBuilt();
  console.log(`B2 budget: ${settings.items} connection updates, sandbox limited to ${settings.rate} requests/s (429 + Retry-After), latency ${settings.latencyMs} ms, concurrency ${settings.concurrency}`);
  const adaptive = await budgetRun(settings, false);
  const budgeted = await budgetRun(settings, true);
  return verdict([...adaptive, ...budgeted]);
}

runBenchmark(main);
