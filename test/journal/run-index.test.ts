import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNAL_FORMAT, JournalWriter, findRun, journalDir, listRuns, readRun } from '../../src/journal/index.js';
import type { HeaderRecord } from '../../src/journal/index.js';
import { newRunId } from '../../src/engine/run-workflow.js';

function writeRun(dir: string, id: string, options: { path?: string; end?: 'ok' | 'failed'; pid?: number; items?: [string, 'ok' | 'failed'][]; resumedFrom?: string }): void {
  const header: HeaderRecord = {
    type: 'header',
    format: JOURNAL_FORMAT,
    version: 1,
    run_id: id,
    started_at: '2026-11-27T10:00:00.000Z',
    workflow: { file: 'wf.yml', path: options.path ?? '/w/wf.yml', name: 'wf', checksum: 'c' },
    vars: {},
    tool_version: '0.1.0',
    target: 'sandbox',
    scope: 'write',
    ...(options.resumedFrom ? { resumed_from: options.resumedFrom } : {}),
    // A pid above the kernel's pid_max cannot exist, so such a run reads as dead.
    pid: options.pid ?? 2 ** 30,
    host: hostname(),
  };
  const writer = JournalWriter.create(join(dir, id, 'journal.jsonl'));
  writer.append(header);
  for (const [key, status] of options.items ?? []) writer.append({ type: 'item', step: 's', key, status, at: 't' });
  if (options.end) writer.append({ type: 'end', status: options.end, counts: { ok: 9, unchanged: 0, skipped: 0, failed: 0 }, finished_at: 't', duration_ms: 1 });
  writer.close();
}

describe('run index', () => {
  it('lists runs newest first with status and counts, up to a limit', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-runs-'));
    writeRun(dir, '20261127-100000-aaaa', { end: 'failed' });
    writeRun(dir, '20261127-110000-bbbb', { items: [['a', 'failed'], ['a', 'ok'], ['b', 'ok'], ['c', 'failed']], resumedFrom: '20261127-100000-aaaa' });
    writeRun(dir, '20261127-120000-cccc', { pid: process.pid });
    mkdirSync(join(dir, 'not-a-run'));
    writeFileSync(join(dir, 'stray.txt'), 'x');
    const runs = listRuns(dir);
    expect(runs.map((r) => [r.id, r.status])).toEqual([
      ['20261127-120000-cccc', 'running'],
      ['20261127-110000-bbbb', 'unfinished'],
      ['20261127-100000-aaaa', 'failed'],
    ]);
    expect(runs[1]!.counts).toEqual({ ok: 2, unchanged: 0, skipped: 0, failed: 1 });
    expect(runs[1]!.resumedFrom).toBe('20261127-100000-aaaa');
    expect(runs[2]!.counts.ok).toBe(9);
    expect(listRuns(dir, 1).map((r) => r.id)).toEqual(['20261127-120000-cccc']);
  });

  it('lists nothing for a directory that does not exist', () => {
    expect(listRuns('/nonexistent/atlas-runs')).toEqual([]);
  });

  it("resolves 'last' to the newest run of the same workflow file", () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-runs-'));
    writeRun(dir, '20261127-100000-aaaa', { end: 'failed' });
    writeRun(dir, '20261127-110000-bbbb', { end: 'ok', path: '/w/other.yml' });
    expect(findRun(dir, 'last', '/w/wf.yml').header.run_id).toBe('20261127-100000-aaaa');
    expect(findRun(dir, '20261127-110000-bbbb', '/w/wf.yml').header.run_id).toBe('20261127-110000-bbbb');
    expect(() => findRun(dir, 'last', '/w/third.yml')).toThrow(`no earlier run of /w/third.yml in ${dir}`);
  });

  it("takes for 'last' the run started later within the same second, whatever the random tails", () => {
    const second = Date.parse('2026-11-27T10:00:00.000Z');
    for (let round = 0; round < 20; round++) {
      const dir = mkdtempSync(join(tmpdir(), 'atlas-runs-'));
      const earlier = newRunId(second + 10);
      const later = newRunId(second + 400);
      writeRun(dir, earlier, { end: 'failed' });
      writeRun(dir, later, { resumedFrom: earlier });
      expect(findRun(dir, 'last', '/w/wf.yml').header.run_id).toBe(later);
      expect(listRuns(dir).map((r) => r.id)).toEqual([later, earlier]);
    }
    expect(newRunId(second + 400)).toMatch(/^20261127-100000\.400-[0-9a-f]{4}$/);
  });

  it('refuses ids that are not run ids or do not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-runs-'));
    expect(() => readRun(dir, '../etc')).toThrow("'../etc' is not a run id");
    expect(() => readRun(dir, '20261127-100000-zzzz')).toThrow(`no run '20261127-100000-zzzz' in ${dir}`);
  });

  it('takes the directory from the flag, then ATLAS_JOURNAL_DIR, then .atlas/runs', () => {
    expect(journalDir('j', { ATLAS_JOURNAL_DIR: '/env' }, '/cwd')).toBe('/cwd/j');
    expect(journalDir(undefined, { ATLAS_JOURNAL_DIR: '/env' }, '/cwd')).toBe('/env');
    expect(journalDir(undefined, { ATLAS_JOURNAL_DIR: '' }, '/cwd')).toBe('/cwd/.atlas/runs');
    expect(journalDir(undefined, {}, '/cwd')).toBe('/cwd/.atlas/runs');
  });
});
