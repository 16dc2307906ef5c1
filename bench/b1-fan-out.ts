/**
 * B1 fan-out (issue 8): 1 000 connection updates, each a real change, through `atlas-run` at
 * concurrency 16 against a sandbox (own process) answering every request after 50 ms. Figures: the
 * update step's wall time against the ideal (items × latency / concurrency, goal ≤ 1.15), and the
 * speed-up over a sequential one-request-at-a-time loop like the seed's Python scripts (goal ≥ 12×).
 * In the same run, a bare undici loop at the same concurrency shows the floor the host and the sandbox
 * allow, so atlas-run's own overhead reads apart from theirs. atlas-run runs `--runs` times (each a fresh process, each flipping every frequency again); the
 * median is judged, the best and the CPU time per update are shown.
 *
 *   npx tsx bench/b1-fan-out.ts [--items 1000] [--latency-ms 50] [--jitter-ms 0] [--concurrency 16] [--fan-out N] [--runs 3] [--cpu-prof DIR]
 *
 * `--fan-out N` sets the update step's own concurrency (items in progress) while `--concurrency`
 * still caps the requests in flight, so the next item's request waits ready at the limiter.
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
const WORKFLOW = (items: number, fanOut: number | undefined) => `name: b1-fan-out
steps:
  - id: connections
    list: connections
    with: { limit: ${items} }
  - id: update${fanOut === undefined ? '' : `\n    concurrency: ${fanOut}`}
    foreach: \${{ steps.connections.items }}
    key: \${{ item.id }}
    update: connection
    with:
      id: \${{ item }}
      sync_frequency: "\${{ item.sync_frequency == 360 ? 720 : 360 }}"
`;

const flip = (frequency: unknown): number => (frequency === 360 ? 720 : 360);

/**
 * A bare undici loop: list, then PATCH each connection, `workers` at a time over as many connections.
 * With one worker it is the baseline (the seed's way); with `--concurrency` workers it is the floor.
 */
async function bareLoop(sandbox: SandboxProcess, items: number, workers: number): Promise<number> {
  const loop = new SequentialLoop(sandbox, workers);
  try {
    const queue: { id: string; sync_frequency: number }[] = [];
    let cursor: string | undefined;
    do {
      const page = await loop.call<{ items: { id: string; sync_frequency: number }[]; next_cursor?: string }>('GET', `connections?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      queue.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor && queue.length < items);
    queue.length = Math.min(queue.length, items);
    const started = performance.now();
    const worker = async () => {
      for (let connection = queue.shift(); connection; connection = queue.shift()) {
        await loop.call('PATCH', `connections/${connection.id}`, { sync_frequency: flip(connection.sync_frequency) });
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
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
  const peak = (await sandbox.stats()).peakInFlight;
  if (peak > concurrency) throw new Error(`the sandbox saw ${peak} requests in flight, over the cap of ${concurrency}`);
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
      'fan-out': { type: 'string' },
      'cpu-prof': { type: 'string' },
    },
  });
  const items = Number(values.items ?? 1000);
  const latencyMs = Number(values['latency-ms'] ?? 50);
  const jitterMs = Number(values['jitter-ms'] ?? 0);
  const concurrency = Number(values.concurrency ?? 16);
  const runs = Number(values.runs ?? 3);
  const fanOut = values['fan-out'] === undefined ? undefined : Number(values['fan-out']);
  ensureBuilt();
  const sandbox = await startSandboxProcess({ data: 'empty', connections: items, latencyMs, jitterMs, rateLimit: false });
  try {
    await warmUpSandbox(sandbox, Math.min(items, 1000), concurrency);
    return await inTempDir(async (dir) => {
      writeFileSync(join(dir, 'b1.yml'), WORKFLOW(items, fanOut));
      const results: AtlasFigures[] = [];
      for (let n = 0; n < runs; n++) results.push(await atlasRun(sandbox, dir, items, concurrency, values['cpu-prof']));
      const floorMs = await bareLoop(sandbox, items, concurrency);
      const sequentialMs = await bareLoop(sandbox, items, 1);
      const ideal = (items * latencyMs) / concurrency;
      const updateMs = median(results.map((r) => r.updateMs));
      console.log(`B1 fan-out: ${items} connection updates, sandbox latency ${latencyMs} ms${jitterMs ? ` ± ${jitterMs} ms` : ''} (own process, warmed up), --concurrency ${concurrency}${fanOut === undefined ? '' : ` with the step's concurrency ${fanOut}`} (never more than ${concurrency} requests in flight at the sandbox)`);
      for (const [n, r] of results.entries()) {
        console.log(`  atlas-run #${n + 1}: update step ${ms(r.updateMs)} = ${times(r.updateMs / ideal)} ideal; process ${ms(r.wallMs)} (start-up + list + updates), CPU ${ms(r.cpuMs)} (${(r.cpuMs / items).toFixed(2)} ms per update, start-up included), ${r.requests} requests`);
      }
      console.log(`  ideal: ${items} × ${latencyMs} ms / ${concurrency} = ${ms(ideal)}; median update step ${ms(updateMs)}, best ${ms(Math.min(...results.map((r) => r.updateMs)))}`);
      console.log(`  bare undici loop, ${concurrency} PATCHes at a time (the floor on this host): ${ms(floorMs)} = ${times(floorMs / ideal)} ideal; atlas-run's median is ${times(updateMs / floorMs)} of it`);
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
