/**
 * Sandbox throughput: a sandbox holding 100 000 connections runs in a child process; this process
 * drives it with undici at high concurrency and reports requests per second against the 3 000/s
 * goal (issue 3), plus latency percentiles.
 *
 *   npx tsx bench/sandbox-throughput.ts [--seconds 10] [--concurrency 64] [--connections 100000]
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Pool } from 'undici';
import { startSandbox } from '../src/sandbox/index.js';

const GOAL = 3_000;
const AUTH = `Basic ${Buffer.from('sandbox:sandbox').toString('base64')}`;

/** Child mode: start the sandbox, report its URL, stop on request. */
async function serve(connections: number): Promise<void> {
  const begin = performance.now();
  const sandbox = await startSandbox({ connections, rateLimit: false });
  process.send?.({ url: sandbox.url, startMs: Math.round(performance.now() - begin), heapMb: Math.round(process.memoryUsage().heapUsed / 1e6) });
  process.on('message', () => void sandbox.stop().then(() => process.exit(0)));
}

function startChild(connections: number): Promise<{ child: ChildProcess; url: string; startMs: number; heapMb: number }> {
  const child = fork(fileURLToPath(import.meta.url), ['--serve', '--connections', String(connections)], { execArgv: process.execArgv, stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, ...(message as { url: string; startMs: number; heapMb: number }) }));
    child.once('exit', (code) => reject(new Error(`sandbox process exited with ${code}`)));
  });
}

async function getJson<T>(pool: Pool, path: string): Promise<T> {
  const response = await pool.request({ method: 'GET', path, headers: { authorization: AUTH } });
  return (await response.body.json()) as T;
}

/** A realistic mix of simple reads: connection details, group details, a small filtered list. */
function requestMix(connectionIds: string[], groupIds: string[]): () => string {
  let n = 0;
  return () => {
    n++;
    const pick = <T>(items: T[]): T => items[(n * 7919) % items.length] as T;
    if (n % 10 === 0) return `/v1/connections?group_id=${pick(groupIds)}&limit=10`;
    if (n % 7 === 0) return `/v1/groups/${pick(groupIds)}`;
    return `/v1/connections/${pick(connectionIds)}`;
  };
}

async function drive(pool: Pool, next: () => string, concurrency: number, durationMs: number): Promise<{ count: number; errors: number; latencies: number[] }> {
  const deadline = performance.now() + durationMs;
  const latencies: number[] = [];
  let count = 0;
  let errors = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const begin = performance.now();
      const response = await pool.request({ method: 'GET', path: next(), headers: { authorization: AUTH } });
      await response.body.text();
      latencies.push(performance.now() - begin);
      count++;
      if (response.statusCode !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { count, errors, latencies };
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { serve: { type: 'boolean' }, seconds: { type: 'string' }, concurrency: { type: 'string' }, connections: { type: 'string' } },
  });
  const connections = Number(values.connections ?? 100_000);
  if (values.serve) {
    await serve(connections);
    return -1;
  }
  const seconds = Number(values.seconds ?? 10);
  const concurrency = Number(values.concurrency ?? 64);
  const { child, url, startMs, heapMb } = await startChild(connections);
  const origin = new URL(url).origin;
  const pool = new Pool(origin, { connections: concurrency });
  try {
    const groups = await getJson<{ data: { items: { id: string }[] } }>(pool, '/v1/groups?limit=1000');
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page++) {
      const body = await getJson<{ data: { items: { id: string }[]; next_cursor?: string } }>(pool, `/v1/connections?limit=1000&cursor=${cursor ?? ''}`);
      ids.push(...body.data.items.map((c) => c.id));
      cursor = body.data.next_cursor;
    }
    const next = requestMix(ids, groups.data.items.map((g) => g.id));
    await drive(pool, next, concurrency, 2_000);
    const { count, errors, latencies } = await drive(pool, next, concurrency, seconds * 1_000);
    latencies.sort((a, b) => a - b);
    const rps = count / seconds;
    console.log(`sandbox: ${connections} connections, started in ${startMs} ms, heap ${heapMb} MB`);
    console.log(`load: ${concurrency} concurrent undici requests for ${seconds} s (after 2 s warm-up), mix of GET connection / group / filtered list`);
    console.log(`requests: ${count} (${errors} non-200)`);
    console.log(`latency: p50 ${percentile(latencies, 0.5).toFixed(1)} ms, p99 ${percentile(latencies, 0.99).toFixed(1)} ms`);
    console.log(`throughput: ${Math.round(rps)} requests/s = ${(rps / GOAL).toFixed(2)}× the ${GOAL}/s goal ${rps >= GOAL ? '(met)' : '(NOT met)'}`);
    return rps >= GOAL && errors === 0 ? 0 : 1;
  } finally {
    await pool.close();
    child.send('stop');
  }
}

const code = await main();
if (code >= 0) process.exitCode = code;
