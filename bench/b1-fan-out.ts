/**
 * B1 fan-out (issue 8): 1 000 connection updates, each a real change, through `atlas-run` at
 * concurrency 16 against a sandbox (own process) answering every request after 50 ms. Figures: the
 * update step's wall time against the ideal (items × latency / concurrency, goal ≤ 1.15), and the
 * speed-up over a sequential one-request-at-a-time loop like the seed's Python scripts (goal ≥ 12×).
 * atlas-run runs `--runs` times (each a fresh process, each flipping every frequency again); the
 * median is judged, the best and the CPU time per update are shown.
 *
 *   npx tsx bench/b1-fan-out.ts [--items 1000] [--latency-ms 50] [--jitter-ms 0] [--concurrency 16] [--runs 3] [--cpu-prof DIR]
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuilt, runAtlas, stepEnd, targetEnv } from './support/atlas-cli.js';
import { inTempDir, median, ms, runBenchmark, times, verdict } from './support/figures.js';
import { startSandboxProcess, statsDelta } from './support/sandbox-process.js';
import type { SandboxProcess } from './support/sandbox-process.js';
import { SequentialLoop } from './support/sequential-loop.js';
import { warmUpSandbox } from './support/warm-up.js';

/** Every item changes its sync frequency (360 ↔ 720), so each update is a write the API applies. */
const WORKFLOW = (items: number) => `name: b1-fan-out
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

const flip = (frequency: unknown): number => (frequency === 360 ? 720 : 360);

/** The baseline: list, then PATCH each connection one after the other. */
async function sequentialBaseline(sandbox: SandboxProcess, items: number): Promise<number> {
  const loop = new SequentialLoop(sandbox);
  try {
    const page = await loop.call<{ items: { id: string; sync_frequency: number }[] }>('GET', `connections?limit=${items}`);
    const started = performance.now();
    for (const connection of page.items.slice(0, items)) await loop.call('PATCH', `connections/${connection.id}`, { sync_frequency: flip(connection.sync_frequency) });
    return performance.now() - started;
  } finally {
    await loop.close();
  }
}

interface AtlasFigures {
  updateMs: number;
  wallMs: number;
  cpuMs: number;
  requests: number;
}

/** One atlas-run process updating every item; throws unless every update was applied. */
async function atlasRun(sandbox: SandboxProcess, dir: string, items: number, concurrency: number, cpuProf: string | undefined): Promise<AtlasFigures> {
  const before = await sandbox.stats();
  const run = await runAtlas(['run', 'b1.yml', '--concurrency', String(concurrency)], {
    cwd: dir,
    env: targetEnv(sandbox, dir),
    ...(cpuProf ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${cpuProf}`] } : {}),
  });
  const update = stepEnd(run, 'update');
  const delta = statsDelta(before, await sandbox.stats());
  if (run.code !== 0 || update.counts.ok !== items || delta.writes !== items) {
    throw new Error(`expected ${items} applied updates, got exit ${run.code}, counts ${JSON.stringify(update.counts)}, ${delta.writes} writes:\n${run.stderr.slice(-2000)}`);
  }
  return { updateMs: update.duration_ms, wallMs: run.wallMs, cpuMs: run.cpuMs, requests: delta.requests };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      items: { type: 'string' },
      'latency-ms': { type: 'string' },
      'jitter-ms': { type: 'string' },
      concurrency: { type: 'string' },
      runs: { type: 'string' },
      'cpu-prof': { type: 'string' },
    },
  });
  const items = Number(values.items ?? 1000);
  const latencyMs = Number(values['latency-ms'] ?? 50);
  const jitterMs = Number(values['jitter-ms'] ?? 0);
  const concurrency = Number(values.concurrency ?? 16);
  const runs = Number(values.runs ?? 3);
  ensureBuilt();
  const sandbox = await startSandboxProcess({ data: 'empty', connections: items, latencyMs, jitterMs, rateLimit: false });
  try {
    await warmUpSandbox(sandbox, Math.min(items, 1000));
    return await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'b1.yml'), WORKFLOW(items));
      const results: AtlasFigures[] = [];
      for (let n = 0; n < runs; n++) results.push(await atlasRun(sandbox, dir, items, concurrency, values['cpu-prof']));
      const sequentialMs = await sequentialBaseline(sandbox, items);
      const ideal = (items * latencyMs) / concurrency;
      const updateMs = median(results.map((r) => r.updateMs));
      console.log(`B1 fan-out: ${items} connection updates, sandbox latency ${latencyMs} ms${jitterMs ? ` ± ${jitterMs} ms` : ''} (own process, warmed up), concurrency ${concurrency}`);
      for (const [n, r] of results.entries()) {
        console.log(`  atlas-run #${n + 1}: update step ${ms(r.updateMs)} = ${times(r.updateMs / ideal)} ideal; process ${ms(r.wallMs)} (start-up + list + updates), CPU ${ms(r.cpuMs)} (${(r.cpuMs / items).toFixed(2)} ms per update, start-up included), ${r.requests} requests`);
      }
      console.log(`  ideal: ${items} × ${latencyMs} ms / ${concurrency} = ${ms(ideal)}; median update step ${ms(updateMs)}, best ${ms(Math.min(...results.map((r) => r.updateMs)))}`);
      console.log(`  sequential loop (one PATCH at a time on a kept-alive connection): ${ms(sequentialMs)} (${(sequentialMs / items).toFixed(1)} ms per update)`);
      return verdict([
        { label: 'wall / ideal (median run)', value: updateMs / ideal, goal: 1.15, kind: 'max', format: times },
        { label: 'speed-up over the sequential loop (median run)', value: sequentialMs / updateMs, goal: 12, kind: 'min', format: times },
      ]);
    });
  } finally {
    await sandbox.stop();
  }
}

runBenchmark(main);
