/** `atlas-run sandbox`, spawned from the built CLI. */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSandboxArgs } from '../../src/cli/commands/sandbox.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { BIN, runCli } from '../helpers/cli.js';
import { call, dataOf, groupId } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'atlas-sandbox-cli-'));
const children: ChildProcessWithoutNullStreams[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

interface Running {
  child: ChildProcessWithoutNullStreams;
  url: string;
  stdout: () => string;
  exited: Promise<number | null>;
}

/** Spawns the sandbox command and resolves once it printed its line. */
function spawnSandbox(args: string[]): Promise<Running> {
  const child = spawn(process.execPath, [BIN, 'sandbox', ...args], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const match = /^listening on (http:\/\/\S+\/v1)\n/.exec(stdout);
      if (match) resolve({ child, url: match[1] as string, stdout: () => stdout, exited });
    });
    void exited.then((code) => reject(new Error(`sandbox exited early with ${code}: ${stderr}`)));
  });
}

const authorization = `Basic ${Buffer.from('sandbox:sandbox').toString('base64')}`;

describe('atlas-run sandbox', () => {
  it('prints exactly one line when ready, serves the API, and saves its state on SIGTERM', async () => {
    const running = await spawnSandbox(['--port', '0', '--state-file', 'state.json', '--connections', '60', '--seed', '3']);
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const target = { url: running.url, authorization };
    const legacy = await groupId(target, 'warehouse_legacy');
    await call(target, 'PATCH', `/groups/${legacy}`, { body: { name: 'renamed_by_cli_test' } });
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(running.stdout()).toBe(`listening on ${running.url}\n`);
    const saved = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as { groups: { name: string }[]; connections: unknown[] };
    expect(saved.groups.map((g) => g.name)).toContain('renamed_by_cli_test');
    expect(saved.connections).toHaveLength(60);

    const again = await spawnSandbox(['--port', '0', '--state-file', 'state.json']);
    const names = dataOf<{ items: { name: string }[] }>(await call({ url: again.url, authorization }, 'GET', '/groups')).items.map((g) => g.name);
    expect(names).toContain('renamed_by_cli_test');
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
  });

  it('applies fault and legacy options', async () => {
    const running = await spawnSandbox(['--port', '0', '--fail-rate', '1', '--legacy-paths', 'alias', '--latency-ms', '5']);
    const answer = await call({ url: running.url, authorization }, 'GET', '/connectors');
    expect([500, 503]).toContain(answer.status);
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  });

  it('explains bad options with exit code 2, and a busy port too', async () => {
    const bad = await runCli(['sandbox', '--fail-rate', '2'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--fail-rate must be a number between 0 and 1');
    const unknown = await runCli(['sandbox', '--colour'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--colour'/);
    const busy = await startSandbox({ data: 'empty' });
    const port = new URL(busy.url).port;
    const inUse = await runCli(['sandbox', '--port', port], { cwd: dir });
    await busy.stop();
    expect(inUse.code).toBe(2);
    expect(inUse.stderr).toContain(`port ${port} is already in use`);
  });

  it('documents itself in --help', async () => {
    const help = await runCli(['sandbox', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: atlas-run sandbox [options]');
    expect(help.stdout).toContain('--legacy-paths MODE');
  });
});

describe('parseSandboxArgs', () => {
  it('maps every flag to a sandbox option', () => {
    expect(
      parseSandboxArgs([
        '--host', '0.0.0.0', '--port', '9000', '--seed', '7', '--groups', '3', '--connections', '100000', '--latency-ms', '20',
        '--fail-rate', '0.1', '--reset-rate', '0.05', '--rate-limit', '50', '--legacy-paths', 'alias', '--sync-duration-ms', '100', '--state-file', 's.json',
      ]),
    ).toEqual({
      host: '0.0.0.0',
      port: 9000,
      seed: 7,
      groups: 3,
      connections: 100_000,
      latencyMs: 20,
      failRate: 0.1,
      resetRate: 0.05,
      rateLimit: { perSecond: 50 },
      legacyPaths: 'alias',
      syncDurationMs: 100,
      stateFile: 's.json',
    });
    expect(parseSandboxArgs([])).toMatchObject({ host: '127.0.0.1', port: 8787 });
    expect(() => parseSandboxArgs(['--legacy-paths', 'maybe'])).toThrow(/404 or alias/);
    expect(() => parseSandboxArgs(['--port=-1'])).toThrow(/--port must be an integer/);
    expect(() => parseSandboxArgs(['--rate-limit', '0'])).toThrow(/--rate-limit must be an integer ≥ 1/);
  });
});
