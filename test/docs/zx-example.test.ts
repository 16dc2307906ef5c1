import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';

const EXAMPLE = fileURLToPath(new URL('../../examples/zx-status.mjs', import.meta.url));
const sandbox = useSandbox({ rateLimit: false });
const dir = mkdtempSync(join(tmpdir(), 'atlas-zx-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the example as a user would (`node examples/zx-status.mjs …`), with only the given FIVETRAN_* variables. */
function runExample(args: string[], fivetran: Record<string, string>): Promise<Run> {
  const env: Record<string, string> = { NO_COLOR: '1' };
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !key.startsWith('FIVETRAN_') && key !== 'FORCE_COLOR') env[key] = value;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [EXAMPLE, ...args], { env: { ...env, ...fivetran }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const credentials = (): Record<string, string> => ({ FIVETRAN_API_URL: sandbox.url, FIVETRAN_API_KEY: sandbox.apiKey, FIVETRAN_API_SECRET: sandbox.apiSecret });

describe('examples/zx-status.mjs (imports atlas-run by its package name)', () => {
  it('reports a group of the account its credentials name, writes the JSON report and fails on broken connections', async () => {
    const out = join(dir, 'status.json');
    const result = await runExample(['--group', 'warehouse_legacy', '--out', out, '--fail-on-broken'], credentials());
    expect(result.stderr).toBe('');

    const state = sandbox.state();
    const group = state.groups.find((g) => g.name === 'warehouse_legacy')!;
    const expected = state.connections.filter((c) => c.group_id === group.id);
    const broken = expected.filter((c) => c.status.setup_state === 'broken').map((c) => c.schema);
    expect(broken.length).toBeGreaterThan(0);
    expect(result.code).toBe(1);

    const report = JSON.parse(readFileSync(out, 'utf8')) as { group: string; connections: { id: string; schema: string; paused: boolean; status: { setup_state: string } }[]; broken: string[] };
    expect(report.group).toBe('warehouse_legacy');
    expect(report.connections.map((c) => [c.id, c.schema, c.paused, c.status.setup_state])).toEqual(expected.map((c) => [c.id, c.schema, c.paused, c.status.setup_state]));
    expect(report.broken).toEqual(broken);
    expect(result.stdout.split('\n')[0]).toMatch(new RegExp(`^warehouse_legacy: ${expected.length} connections, ${broken.length} broken \\(${sandbox.url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, \\d+ ms\\)$`));
    for (const c of expected) expect(result.stdout).toContain(c.schema);
  });

  it('reads only: the sandbox saw no write', async () => {
    const before = sandbox.stats().writes.total;
    await runExample(['--group', 'warehouse_legacy'], credentials());
    expect(sandbox.stats().writes.total).toBe(before);
  });

  it('exits 0 for a healthy group even with --fail-on-broken', async () => {
    const result = await runExample(['--group', 'warehouse_new', '--fail-on-broken'], credentials());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^warehouse_new: \d+ connections, 0 broken/);
  });

  it('says why and exits 1 when the workflow fails (an unknown group)', async () => {
    const result = await runExample(['--group', 'no_such_group'], credentials());
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("status of no_such_group failed: input 'group': no group with id or name 'no_such_group'");
  });

  it('starts its own sandbox when no credentials are set', async () => {
    const result = await runExample([], {});
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^warehouse_legacy: \d+ connections, \d+ broken \(sandbox, \d+ ms\)\n/);
  });
});
