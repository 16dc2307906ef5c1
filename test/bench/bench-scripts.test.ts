import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

interface BenchResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `bench/<name>.ts` as `npm run bench:…` would (through tsx), at the tiny size given. */
function bench(name: string, args: readonly string[]): Promise<BenchResult> {
  const file = fileURLToPath(new URL(`../../bench/${name}.ts`, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
      env: { ...process.env, ATLAS_BENCH_NO_BUILD: '1', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Exit 0 (goals met) or 1 (missed, expected at toy sizes); 2 would mean the benchmark broke. */
function expectRan(result: BenchResult): void {
  expect(result.stderr).toBe('');
  expect([0, 1]).toContain(result.code);
}

// Start-up checks only: each benchmark runs end to end at a toy size; no timing is asserted.
describe.concurrent('benchmark scripts still run', { timeout: 60_000 }, () => {
  it('B1 fan-out: every update applied by atlas-run, then the bare concurrent and sequential loops', async () => {
    const result = await bench('b1-fan-out', ['--items', '12', '--latency-ms', '1', '--runs', '1']);
    expectRan(result);
    expect(result.stdout).toMatch(/atlas-run #1: update step \d+ ms .* 13 requests/);
    expect(result.stdout).toMatch(/bare undici loop, 16 PATCHes at a time \(the floor on this host\): \d+ ms = [\d.]+× ideal/);
    expect(result.stdout).toMatch(/wall \/ ideal \(median run\): [\d.]+×/);
    expect(result.stdout).toMatch(/speed-up over the sequential loop \(median run\): [\d.]+×/);
  });

  it('B2 budget: both runs finish with no failed item', async () => {
    const result = await bench('b2-budget', ['--items', '20', '--rate', '50', '--latency-ms', '1']);
    expectRan(result);
    expect(result.stdout).toMatch(/adaptive limiter alone: update step \d+ ms, 20 updates applied/);
    expect(result.stdout).toMatch(/--rate-limit 50: update step \d+ ms, 20 updates applied/);
    expect(result.stdout).toContain('adaptive limiter alone: failed items: 0 (goal ≤ 0) met');
    expect(result.stdout).toContain('--rate-limit 50: failed items: 0 (goal ≤ 0) met');
  });

  it('B3 scale: atlas-run and the bare loop write the same CSV', async () => {
    const result = await bench('b3-scale', ['--connections', '1500', '--runs', '1']);
    expectRan(result);
    expect(result.stdout).toMatch(/run #1: atlas-run \d+ ms .* bare undici loop \d+ ms, ratio [\d.]+×, peak RSS \d+ MB/);
  });

  it('B4 economy: the second migration writes nothing', async () => {
    const result = await bench('b4-economy', ['--connections', '6']);
    expectRan(result);
    expect(result.stdout).toMatch(/requests per migrated connection \(first run\): [\d.]+ \(goal ≤ 5\)/);
    expect(result.stdout).toContain('writes on the second run: 0 (goal ≤ 0) met');
  });

  it('B5 start-up: medians of the three commands', async () => {
    const result = await bench('b5-startup', ['--runs', '1']);
    expectRan(result);
    expect(result.stdout).toMatch(/atlas-run --version \/ node -e 0: [\d.]+×/);
    expect(result.stdout).toMatch(/atlas-run --help: \d+ ms median/);
  });
});
