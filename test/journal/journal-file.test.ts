import { appendFileSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { JOURNAL_FORMAT, JournalWriter, readJournal, readJournalHeader } from '../../src/journal/index.js';
import type { HeaderRecord, ItemRecord } from '../../src/journal/index.js';

function header(runId = 'r1'): HeaderRecord {
  return {
    type: 'header',
    format: JOURNAL_FORMAT,
    version: 1,
    run_id: runId,
    started_at: '2026-11-27T10:00:00.000Z',
    workflow: { file: 'wf.yml', path: '/w/wf.yml', name: 'wf', checksum: 'abc' },
    vars: { group: 'g' },
    tool_version: '0.1.0',
    target: 'sandbox',
    scope: 'write',
    pid: 1,
    host: 'h',
  };
}

function item(key: string, status: ItemRecord['status'] = 'ok'): ItemRecord {
  return { type: 'item', step: 'copy', key, status, output: { id: `new-${key}` }, at: '2026-11-27T10:00:01.000Z' };
}

function tempFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'atlas-journal-')), 'run', 'journal.jsonl');
}

describe('journal writer and reader', () => {
  it('round-trips a header, items, writes and the end record', () => {
    const file = tempFile();
    const writer = JournalWriter.create(file);
    writer.append(header());
    writer.append(item('a'));
    writer.append({ type: 'write', step: 'copy', key: 'b', method: 'POST', path: 'connections', kind: 'connection', natural_key: 'g/b', created_id: 'x1', at: 't' });
    writer.append(item('b', 'failed'));
    writer.append({ type: 'end', status: 'failed', counts: { ok: 1, unchanged: 0, skipped: 0, failed: 1 }, finished_at: 't', duration_ms: 5 });
    writer.close();
    const journal = readJournal(file);
    expect(journal.header.run_id).toBe('r1');
    expect(journal.items.map((i) => [i.key, i.status])).toEqual([
      ['a', 'ok'],
      ['b', 'failed'],
    ]);
    expect(journal.writes).toHaveLength(1);
    expect(journal.writes[0]!.created_id).toBe('x1');
    expect(journal.end?.status).toBe('failed');
    expect(journal.tornTail).toBe(false);
  });

  it('makes every appended line readable at once, before close (what survives kill -9)', () => {
    const file = tempFile();
    const writer = JournalWriter.create(file);
    writer.append(header());
    writer.append(item('a'));
    const journal = readJournal(file);
    expect(journal.items).toHaveLength(1);
    expect(journal.end).toBeUndefined();
    writer.close();
  });

  it('ignores a torn last line', () => {
    const file = tempFile();
    const writer = JournalWriter.create(file);
    writer.append(header());
    writer.append(item('a'));
    writer.close();
    appendFileSync(file, '{"type":"item","step":"copy","key":"b","sta');
    const journal = readJournal(file);
    expect(journal.tornTail).toBe(true);
    expect(journal.items.map((i) => i.key)).toEqual(['a']);
  });

  it('accepts a complete last record that lacks its newline', () => {
    const file = tempFile();
    const writer = JournalWriter.create(file);
    writer.append(header());
    writer.close();
    appendFileSync(file, JSON.stringify(item('a')));
    const journal = readJournal(file);
    expect(journal.tornTail).toBe(false);
    expect(journal.items.map((i) => i.key)).toEqual(['a']);
  });

  it('refuses a journal damaged before its last line, naming the line', () => {
    const file = tempFile();
    const writer = JournalWriter.create(file);
    writer.append(header());
    writer.close();
    appendFileSync(file, 'garbage\n');
    appendFileSync(file, `${JSON.stringify(item('a'))}\n`);
    expect(() => readJournal(file)).toThrow(/damaged at line 2/);
  });

  it('refuses a file that is not a journal', () => {
    const file = tempFile();
    const writer = JournalWriter.create(file);
    writer.append(item('a'));
    writer.close();
    expect(() => readJournal(file)).toThrow(/line 1: no journal header/);
  });

  it('reads only the header of a large journal', () => {
    const file = tempFile();
    const writer = JournalWriter.create(file);
    writer.append(header('big'));
    for (let i = 0; i < 2000; i++) writer.append(item(String(i)));
    writer.close();
    expect(readJournalHeader(file).run_id).toBe('big');
  });

  it('never overwrites an existing journal and keeps it private to its owner', () => {
    const file = tempFile();
    JournalWriter.create(file).close();
    expect(() => JournalWriter.create(file)).toThrow(UsageError);
    expect(() => JournalWriter.create(file)).toThrow(/already exists/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('says which file is missing', () => {
    expect(() => readJournal('/nonexistent/journal.jsonl')).toThrow(/cannot read the run journal '\/nonexistent\/journal.jsonl': no such file/);
  });

  it('writes one JSON object per line', () => {
    const file = tempFile();
    const writer = JournalWriter.create(file);
    writer.append(header());
    writer.append(item('with\nnewline'));
    writer.close();
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(readJournal(file).items[0]!.key).toBe('with\nnewline');
  });
});
