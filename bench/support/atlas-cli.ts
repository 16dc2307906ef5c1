import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The compiled CLI, as `npm install` would put it on the PATH. */
export const ATLAS_BIN = join(ROOT, 'dist', 'bin.js');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/ when it is missing or older than src/, so a benchmark never measures stale code.
 * ATLAS_BENCH_NO_BUILD=1 skips the check (the smoke test: `npm test` has just built, and rebuilding
 * under other test files that spawn dist/bin.js would pull it from under them).
 */
export function ensureBuilt(): void {
  if (process.env.ATLAS_BENCH_NO_BUILD === '1') return;
  if (existsSync(ATLAS_BIN) && statSync(ATLAS_BIN).mtimeMs >= newestMtime(join(ROOT, 'src'))) return;
  console.log('building dist/ (missing or older than src/)…');
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  // tsc still emits when another part has type errors; only a missing entry point stops the benchmark.
  if (!existsSync(ATLAS_BIN)) throw new Error(`build failed (tsc exit ${result.status})`);
  // As `npm run build`: the CLI is shipped bundled, and that is what the benchmarks measure.
  const bundle = spawnSync(process.execPath, [join(ROOT, 'scripts', 'bundle-cli.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (bundle.status !== 0) throw new Error(`bundling the CLI failed (exit ${bundle.status})`);
}

/** One `--json` event of a run. */
export type RunEvent = Record<string, unknown> & { type: string };

export interface AtlasRun {
  code: number | null;
  /** From spawn to exit. */
  wallMs: number;
  /** Peak resident set of the atlas-run process (from its own `resourceUsage`), in MB. */
  peakRssMb: number;
  /** CPU time (user + system) the atlas-run process used: what it costs, whatever else the host runs. */
  cpuMs: number;
  events: RunEvent[];
  stderr: string;
}

/**
 * Preloaded into the CLI process: on exit it writes its own resource usage (peak RSS in kilobytes, CPU
 * in microseconds) to the file named by ATLAS_BENCH_USAGE_FILE. Nothing else of the process changes.
 */
const USAGE_HOOK = `data:text/javascript,${encodeURIComponent(
  "import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(process.env.ATLAS_BENCH_USAGE_FILE, JSON.stringify(process.resourceUsage())));",
)}`;

function readUsage(file: string): { peakRssMb: number; cpuMs: number } {
  if (!existsSync(file)) return { peakRssMb: Number.NaN, cpuMs: Number.NaN };
  const usage = JSON.parse(readFileSync(file, 'utf8')) as NodeJS.ResourceUsage;
  return { peakRssMb: usage.maxRSS / 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 };
}

export interface AtlasRunOptions {
  cwd: string;
  env: Record<string, string>;
  /** Extra node flags, e.g. `--cpu-prof` to see where the atlas-run process spends its time. */
  nodeArgs?: readonly string[];
}

/**
 * Runs `atlas-run <args> --json` in `cwd` with `env` added. Its events go to a file, read after it
 * exits: a pipe would make every event write wait for this process to read it, and the benchmark
 * would measure itself.
 */
export async function runAtlas(args: readonly string[], options: AtlasRunOptions): Promise<AtlasRun> {
  const scratch = mkdtempSync(join(tmpdir(), 'atlas-bench-run-'));
  const usageFile = join(scratch, 'usage.json');
  const eventsFile = join(scratch, 'events.ndjson');
  const stdout = openSync(eventsFile, 'w');
  try {
    const started = performance.now();
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), `--import=${USAGE_HOOK}`, ATLAS_BIN, ...args, '--json'], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', ...options.env, ATLAS_BENCH_USAGE_FILE: usageFile },
      stdio: ['ignore', stdout, 'pipe'],
    });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    const wallMs = performance.now() - started;
    const events = readFileSync(eventsFile, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as RunEvent);
    return { code, wallMs, ...readUsage(usageFile), events, stderr };
  } finally {
    closeSync(stdout);
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The `step-end` event of a step, which carries its duration and item counts. */
export function stepEnd(run: AtlasRun, step: string): RunEvent & { duration_ms: number; counts: Record<string, number> } {
  const event = run.events.find((e) => e.type === 'step-end' && e.step === step);
  if (!event) throw new Error(`atlas-run exited ${run.code} without finishing step '${step}':\n${run.stderr.slice(-2000)}`);
  return event as RunEvent & { duration_ms: number; counts: Record<string, number> };
}

/** The environment that points the CLI at a sandbox, with run journals under `dir`. */
export function targetEnv(sandbox: { url: string; apiKey: string; apiSecret: string }, dir: string): Record<string, string> {
  return { FIVETRAN_API_URL: sandbox.url, FIVETRAN_API_KEY: sandbox.apiKey, FIVETRAN_API_SECRET: sandbox.apiSecret, ATLAS_JOURNAL_DIR: join(dir, 'runs') };
}
