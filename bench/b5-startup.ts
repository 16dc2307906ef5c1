/**
 * B5 start-up (issue 8): `atlas-run --version` against `node -e 0` (goal ≤ 2×), and
 * `atlas-run --help` for information. The three commands are run in turn, `--runs` times each
 * after up to 3 untimed warm-up rounds (file cache), with spawnSync; the medians are compared.
 *
 *   npx tsx bench/b5-startup.ts [--runs 40]
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { ATLAS_BIN, ensureBuilt } from './support/atlas-cli.js';
import { median, ms, runBenchmark, times, verdict } from './support/figures.js';

const COMMANDS = {
  'node -e 0': ['-e', '0'],
  'atlas-run --version': [ATLAS_BIN, '--version'],
  'atlas-run --help': [ATLAS_BIN, '--help'],
} as const;
type Name = keyof typeof COMMANDS;

/** Wall time of one run; throws when the command fails. */
function timeOnce(args: readonly string[]): number {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { runs: { type: 'string' } } });
  const runs = Number(values.runs ?? 40);
  ensureBuilt();
  const names = Object.keys(COMMANDS) as Name[];
  const warmUps = Math.min(3, runs);
  for (let n = 0; n < warmUps; n++) for (const name of names) timeOnce(COMMANDS[name]);
  const samples: Record<Name, number[]> = { 'node -e 0': [], 'atlas-run --version': [], 'atlas-run --help': [] };
  // Interleaved, so a busy spell of the host hits every command alike.
  for (let n = 0; n < runs; n++) for (const name of names) samples[name].push(timeOnce(COMMANDS[name]));
  const medians = Object.fromEntries(names.map((name) => [name, median(samples[name])])) as Record<Name, number>;
  console.log(`B5 start-up: median of ${runs} runs each (interleaved, spawnSync, after ${warmUps} warm-up rounds), node ${process.version}`);
  for (const name of names) console.log(`  ${name}: ${ms(medians[name])} median, ${ms(Math.min(...samples[name]))} fastest`);
  console.log(`  atlas-run --help / node -e 0: ${times(medians['atlas-run --help'] / medians['node -e 0'])}`);
  return verdict([{ label: 'atlas-run --version / node -e 0', value: medians['atlas-run --version'] / medians['node -e 0'], goal: 2, kind: 'max', format: times }]);
}

runBenchmark(main);
