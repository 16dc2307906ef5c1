import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RunJournalFile } from '../../src/journal/index.js';
import { runCli } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'atlas-runs-cli-'));
const env = { ATLAS_JOURNAL_DIR: join(dir, 'runs') };
const workflow = { file: 'workflows/migrate.yml', path: '/w/workflows/migrate.yml', name: 'migrate', checksum: 'c' };

beforeAll(() => {
  const start = (runId: string) => ({ dir: join(dir, 'runs'), runId, workflow, vars: {}, toolVersion: '0.1.0', target: 'api.fivetran.com', scope: 'write', redact: <T>(v: T) => v });
  const first = new RunJournalFile(start('20261127-100000-aaaa'));
  first.record({ step: 'copy', key: 'c1', status: 'ok', output: { id: 'n1' } });
  first.record({ step: 'copy', key: 'c2', status: 'failed', error: 'POST /v1/connections → 500 InternalError' });
  first.finish('failed', { ok: 1, unchanged: 0, skipped: 0, failed: 1 });
  const second = new RunJournalFile(start('20261127-110000-bbbb'));
  second.record({ step: 'copy', key: 'c2', status: 'ok', output: { id: 'n2' } });
  second.finish('ok', { ok: 2, unchanged: 0, skipped: 0, failed: 0 });
});

describe('atlas-run runs', () => {
  it('lists runs newest first as a table', async () => {
    const result = await runCli(['runs'], { env, cwd: dir });
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^RUN\s+WORKFLOW\s+STARTED\s+STATUS\s+OK\s+UNCHANGED\s+SKIPPED\s+FAILED$/);
    expect(lines[1]).toMatch(/^20261127-110000-bbbb\s+workflows\/migrate\.yml\s+\S+ \S+\s+ok\s+2\s+0\s+0\s+0$/);
    expect(lines[2]).toMatch(/^20261127-100000-aaaa\s+.*failed\s+1\s+0\s+0\s+1$/);
  });

  it('prints one JSON object per run with --json, and honours --limit', async () => {
    const result = await runCli(['runs', '--json', '--limit', '1'], { env, cwd: dir });
    expect(result.code).toBe(0);
    const runs = result.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(runs).toEqual([expect.objectContaining({ id: '20261127-110000-bbbb', status: 'ok', workflow: 'workflows/migrate.yml', counts: { ok: 2, unchanged: 0, skipped: 0, failed: 0 } })]);
  });

  it('shows one run with its failed items and how to resume it', async () => {
    const result = await runCli(['runs', '20261127-100000-aaaa'], { env, cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('status failed');
    expect(result.stdout).toContain('failed items:\n  copy [c2]: POST /v1/connections → 500 InternalError');
    expect(result.stdout).toContain('resume with: atlas-run workflows/migrate.yml --resume 20261127-100000-aaaa');
    const last = await runCli(['runs', 'last'], { env, cwd: dir });
    expect(last.stdout).toMatch(/^run 20261127-110000-bbbb · migrate/);
    expect(last.stdout).not.toContain('resume with');
  });

  it('says where it looked when there is nothing, and refuses bad input', async () => {
    const empty = await runCli(['runs'], { env: { ATLAS_JOURNAL_DIR: join(dir, 'none') }, cwd: dir });
    expect(empty.code).toBe(0);
    expect(empty.stderr).toBe(`no runs in ${join(dir, 'none')}\n`);
    const limit = await runCli(['runs', '--limit', '0'], { env, cwd: dir });
    expect(limit.code).toBe(2);
    expect(limit.stderr).toContain('--limit must be a positive integer');
    const missing = await runCli(['runs', '20200101-000000-0000'], { env, cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("no run '20200101-000000-0000'");
  });
});
