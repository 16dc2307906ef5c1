/**
 * Every benchmark in turn, each in its own process with its default sizes, then one line per
 * benchmark with its verdict. Exit 0 when every goal was met, 1 when one was missed, 2 when one broke.
 *
 *   npx tsx bench/all.ts        (npm run bench)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BENCHMARKS = ['b1-fan-out', 'b2-budget', 'b3-scale', 'b4-economy', 'b5-startup', 'sandbox-throughput', 'sql-rewrite'];
const VERDICT = ['goals met', 'GOAL MISSED', 'BROKE'];

const results = BENCHMARKS.map((name) => {
  console.log(`\n=== ${name}`);
  const started = performance.now();
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  const { status } = spawnSync(process.execPath, [...process.execArgv, file], { stdio: 'inherit' });
  return { name, code: status ?? 2, seconds: (performance.now() - started) / 1000 };
});
console.log('\n=== summary');
for (const { name, code, seconds } of results) console.log(`  ${name.padEnd(20)} ${(VERDICT[code] ?? `exit ${code}`).padEnd(12)} ${seconds.toFixed(0)} s`);
process.exitCode = Math.max(...results.map((r) => Math.min(r.code, 2)));
