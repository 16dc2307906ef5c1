/**
 * The README pipes output into `head`; a reader that stops early must not crash atlas-run (Node
 * reports EPIPE where a C tool would get SIGPIPE). Each command prints far more than a pipe buffer.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox.js';

const sandbox = useSandbox({ rateLimit: false, connections: 1500 });

/** Runs `atlas-run ARGS | head -c 200` in bash and gives atlas-run's own exit code and stderr. */
function pipedToHead(args: string): Promise<{ code: number; stderr: string }> {
  const script = `"${process.execPath}" "${BIN}" ${args} 2>"$ERR" | head -c 200 >/dev/null; echo "\${PIPESTATUS[0]}"; cat "$ERR" >&2`;
  return new Promise((resolve, reject) => {
    const env = { ...process.env, NO_COLOR: '1', ERR: join(tmpdir(), `atlas-pipe-${process.pid}-${Math.random().toString(36).slice(2)}.err`), FIVETRAN_API_URL: sandbox.url, FIVETRAN_API_KEY: sandbox.apiKey, FIVETRAN_API_SECRET: sandbox.apiSecret };
    const child = spawn('bash', ['-c', `${script}; rm -f "$ERR"`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', () => resolve({ code: Number(stdout.trim()), stderr }));
  });
}

describe('output piped into a reader that stops early', () => {
  it('call --all stops paging quietly and exits 0', async () => {
    const result = await pipedToHead('call GET connections --all');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('a workflow run finishes its steps and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-pipe-'));
    try {
      writeFileSync(join(dir, 'lines.yml'), LINES);
      const run = await pipedToHead(`"${join(dir, 'lines.yml')}" --scope read --journal-dir "${join(dir, 'runs')}"`);
      expect(run.stderr).not.toMatch(/EPIPE|internal error/);
      expect(run.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** One printed line per connection: far more than a pipe holds. */
const LINES = `name: lines
steps:
  - id: connections
    list: connections
    with: { fields: [id, schema, service] }
  - id: print
    foreach: \${{ steps.connections.items }}
    concurrency: 1
    print: \${{ item.id }} \${{ item.schema }} \${{ item.service }}
`;
