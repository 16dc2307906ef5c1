import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunJournal } from '../../src/engine/engine-options.js';
import { RunJournalFile, openRunJournal, readJournal, resumeDifferences } from '../../src/journal/index.js';
import type { JournalStart } from '../../src/journal/index.js';
import { createRedactor } from '../../src/redact.js';

const WORKFLOW = { file: 'wf.yml', path: '/w/wf.yml', name: 'wf', checksum: 'c1' };

function start(dir: string, runId: string, extra: Partial<JournalStart> = {}): JournalStart {
  let t = Date.parse('2026-11-27T10:00:00Z');
  return { dir, runId, workflow: WORKFLOW, vars: { group: 'g' }, toolVersion: '0.1.0', target: 'sandbox', scope: 'write', redact: (v) => v, now: () => (t += 1000), ...extra };
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'atlas-runs-'));
}

describe('RunJournalFile', () => {
  it('is what the engine expects of a journal', () => {
    const journal: RunJournal = new RunJournalFile(start(tempDir(), 'r1'));
    expect(journal.completed('copy', 'a')).toBeUndefined();
  });

  it('writes the header, outcomes with the ids their writes created, and the end record', () => {
    const dir = tempDir();
    const journal = new RunJournalFile(start(dir, 'r1'));
    journal.wrote({ step: 'copy', key: 'a', method: 'POST', path: 'connections', target: { kind: 'connection', key: 'g/a' }, createdId: 'new_a' });
    journal.wrote({ step: 'copy', key: 'a', method: 'PATCH', path: 'connections/new_a/schemas', target: { kind: 'schema', id: 'new_a' } });
    journal.record({ step: 'copy', key: 'a', status: 'ok', output: { id: 'new_a' } });
    journal.record({ step: 'copy', key: 'b', status: 'failed', error: 'POST /v1/connections → 500' });
    journal.finish('failed', { ok: 1, unchanged: 0, skipped: 0, failed: 1 });
    const read = readJournal(join(dir, 'r1', 'journal.jsonl'));
    expect(read.header).toMatchObject({ run_id: 'r1', workflow: WORKFLOW, vars: { group: 'g' }, tool_version: '0.1.0', target: 'sandbox', scope: 'write', pid: process.pid });
    expect(read.header.resumed_from).toBeUndefined();
    expect(read.items).toEqual([
      expect.objectContaining({ key: 'a', status: 'ok', output: { id: 'new_a' }, created: ['new_a'] }),
      expect.objectContaining({ key: 'b', status: 'failed', error: 'POST /v1/connections → 500' }),
    ]);
    expect(read.items[1]!.created).toBeUndefined();
    expect(read.writes.map((w) => [w.method, w.kind, w.natural_key ?? w.id, w.created_id])).toEqual([
      ['POST', 'connection', 'g/a', 'new_a'],
      ['PATCH', 'schema', 'new_a', undefined],
    ]);
    expect(read.end).toMatchObject({ status: 'failed', counts: { ok: 1, failed: 1 } });
    expect(read.end!.duration_ms).toBeGreaterThan(0);
  });

  it('masks secrets in vars, outputs and errors', () => {
    const dir = tempDir();
    const redactor = createRedactor();
    redactor.add('s3cr3t-value');
    const journal = new RunJournalFile(start(dir, 'r1', { vars: { password: 'pw-var', note: 'has s3cr3t-value inside' }, redact: (v) => redactor.redactValue(v) }));
    journal.record({ step: 's', key: 'k', status: 'ok', output: { config: { password: 'plain' }, text: 'token s3cr3t-value' } });
    journal.record({ step: 's', key: 'l', status: 'failed', error: 'failed with s3cr3t-value' });
    journal.finish('failed', { ok: 1, unchanged: 0, skipped: 0, failed: 1 });
    const text = readFileSync(join(dir, 'r1', 'journal.jsonl'), 'utf8');
    expect(text).not.toContain('s3cr3t-value');
    expect(text).not.toContain('pw-var');
    expect(text).not.toContain('plain');
    expect(text).toContain('******');
  });

  it('replays what the earlier run finished, copies it forward, and runs failed items again', () => {
    const dir = tempDir();
    const first = new RunJournalFile(start(dir, 'r1'));
    first.record({ step: 'copy', key: 'a', status: 'ok', output: { id: 'new_a' } });
    first.record({ step: 'copy', key: 'b', status: 'failed', error: 'boom' });
    first.record({ step: 'copy', key: 'c', status: 'failed', error: 'boom' });
    first.record({ step: 'copy', key: 'c', status: 'unchanged', output: { id: 'old_c' } });
    first.close();

    const second = new RunJournalFile(start(dir, 'r2', { resume: readJournal(first.file) }));
    expect(second.header.resumed_from).toBe('r1');
    expect(second.completed('copy', 'a')).toEqual({ status: 'ok', output: { id: 'new_a' } });
    expect(second.completed('copy', 'b')).toBeUndefined();
    expect(second.completed('copy', 'c')).toEqual({ status: 'unchanged', output: { id: 'old_c' } });
    expect(second.completed('other', 'a')).toBeUndefined();
    second.record({ step: 'copy', key: 'b', status: 'ok', output: { id: 'new_b' } });
    second.finish('ok', { ok: 2, unchanged: 1, skipped: 0, failed: 0 });

    // The resumed run's journal alone is enough to resume again: nothing is lost by chaining.
    const third = new RunJournalFile(start(dir, 'r3', { resume: readJournal(second.file) }));
    expect(['a', 'b', 'c'].map((key) => third.completed('copy', key)?.output)).toEqual([{ id: 'new_a' }, { id: 'new_b' }, { id: 'old_c' }]);
    third.close();
    const replayed = readJournal(third.file).items;
    expect(replayed.every((item) => item.replayed === true)).toBe(true);
  });
});

describe('resumeDifferences', () => {
  const earlier = readHeader();

  function readHeader() {
    const dir = tempDir();
    const journal = new RunJournalFile(start(dir, 'r1', { vars: { group: 'g', suffix: '_v2', pw: '******' } }));
    journal.close();
    return readJournal(journal.file).header;
  }

  it('finds nothing when workflow, vars and target are the same', () => {
    expect(resumeDifferences(earlier, { workflowPath: '/w/wf.yml', checksum: 'c1', vars: { group: 'g', suffix: '_v2', pw: '******' }, target: 'sandbox' })).toEqual([]);
  });

  it('names every difference', () => {
    const problems = resumeDifferences(earlier, { workflowPath: '/w/wf.yml', checksum: 'c2', vars: { group: 'h', pw: '******', extra: [1] }, target: 'api.fivetran.com' });
    expect(problems).toEqual([
      'the workflow (or a file it includes) changed since run r1 (checksum c1 → c2)',
      "var 'extra' is new (now [1])",
      "var 'group' was \"g\", now \"h\"",
      "var 'suffix' is gone (was \"_v2\")",
      'run r1 ran against sandbox, this one would run against api.fivetran.com',
    ]);
  });

  it('says when the run was of another workflow file', () => {
    expect(resumeDifferences(earlier, { workflowPath: '/w/other.yml', checksum: 'c1', vars: { group: 'g', suffix: '_v2', pw: '******' }, target: 'sandbox' })).toEqual(['run r1 ran /w/wf.yml, not /w/other.yml']);
  });
});

describe('openRunJournal', () => {
  it('refuses a resume whose vars changed, unless forced', () => {
    const dir = tempDir();
    new RunJournalFile(start(dir, '20261127-100000-aaaa')).finish('failed', { ok: 0, unchanged: 0, skipped: 0, failed: 1 });
    const options = { dir, runId: '20261127-100100-bbbb', resume: 'last', workflow: WORKFLOW, vars: { group: 'other' }, toolVersion: '0.1.0', target: 'sandbox', scope: 'write', redact: <T>(v: T) => v };
    expect(() => openRunJournal(options)).toThrow(/cannot resume run 20261127-100000-aaaa:\n {2}- var 'group' was "g", now "other"/);
    const forced = openRunJournal({ ...options, force: true });
    expect(forced.header.resumed_from).toBe('20261127-100000-aaaa');
    forced.close();
  });

  it('refuses to resume a run whose process is still alive', () => {
    const dir = tempDir();
    const alive = new RunJournalFile(start(dir, '20261127-100000-aaaa'));
    expect(() => openRunJournal({ dir, runId: 'r2', resume: '20261127-100000-aaaa', workflow: WORKFLOW, vars: { group: 'g' }, toolVersion: '0.1.0', target: 'sandbox', scope: 'write', redact: <T>(v: T) => v })).toThrow(
      `run 20261127-100000-aaaa is still going (process ${process.pid})`,
    );
    alive.close();
  });
});
