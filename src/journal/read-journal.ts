import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { JOURNAL_FORMAT } from './journal-records.js';
import type { EndRecord, HeaderRecord, ItemRecord, JournalRecord, WriteRecord } from './journal-records.js';

/** Everything a journal file says, in order. */
export interface JournalContents {
  file: string;
  header: HeaderRecord;
  items: ItemRecord[];
  writes: WriteRecord[];
  /** Missing when the run was killed (or is still going). */
  end?: EndRecord;
  /** True when the last line was cut short by a crash and was ignored. */
  tornTail: boolean;
}

/**
 * Reads a whole journal. A torn last line (the process died mid-write) is ignored; a damaged line
 * anywhere else means the file was edited or corrupted, and is refused with its line number.
 */
export function readJournal(file: string): JournalContents {
  const text = readText(file);
  const lines = text.split('\n');
  // A complete file ends with a newline, so the last piece is empty; anything else there is torn.
  const last = lines.pop() ?? '';
  let tornTail = last !== '' && parseLine(last) === undefined;
  const records: JournalRecord[] = [];
  lines.forEach((line, index) => {
    if (line === '') return;
    const record = parseLine(line);
    if (record) records.push(record);
    else if (index === lines.length - 1 && last === '') tornTail = true;
    else throw damaged(file, index + 1, 'not a journal record');
  });
  if (!tornTail && last !== '') records.push(parseLine(last)!);
  return collect(file, records, tornTail);
}

/** Only the header (the first line): cheap even for a journal of a 100 000-item run. */
export function readJournalHeader(file: string): HeaderRecord {
  const fd = openFile(file);
  try {
    const chunks: Buffer[] = [];
    const buffer = Buffer.alloc(16 * 1024);
    for (let total = 0; total < 4 * 1024 * 1024; ) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (n === 0) break;
      const chunk = buffer.subarray(0, n);
      const newline = chunk.indexOf(0x0a);
      chunks.push(Buffer.from(newline >= 0 ? chunk.subarray(0, newline) : chunk));
      if (newline >= 0) break;
      total += n;
    }
    return asHeader(file, parseLine(Buffer.concat(chunks).toString('utf8')));
  } finally {
    closeSync(fd);
  }
}

function collect(file: string, records: JournalRecord[], tornTail: boolean): JournalContents {
  const [first, ...rest] = records;
  const header = asHeader(file, first);
  const items: ItemRecord[] = [];
  const writes: WriteRecord[] = [];
  let end: EndRecord | undefined;
  rest.forEach((record, index) => {
    if (record.type === 'item') items.push(record);
    else if (record.type === 'write') writes.push(record);
    else if (record.type === 'end') end = record;
    else throw damaged(file, index + 2, `unexpected '${record.type}' record`);
  });
  return { file, header, items, writes, ...(end ? { end } : {}), tornTail };
}

function asHeader(file: string, record: JournalRecord | undefined): HeaderRecord {
  if (record?.type !== 'header' || record.format !== JOURNAL_FORMAT) throw damaged(file, 1, 'no journal header');
  return record;
}

function parseLine(line: string): JournalRecord | undefined {
  try {
    const value: unknown = JSON.parse(line);
    if (value && typeof value === 'object' && !Array.isArray(value) && typeof (value as { type?: unknown }).type === 'string') return value as JournalRecord;
  } catch {
    // Not JSON: the caller decides whether a torn line is acceptable here.
  }
  return undefined;
}

function readText(file: string): string {
  const fd = openFile(file);
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

function openFile(file: string): number {
  try {
    return openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read the run journal '${file}': ${code === 'ENOENT' ? 'no such file' : (code ?? String(error))}`, { hint: "'atlas-run runs' lists the runs that have journals" });
  }
}

function damaged(file: string, line: number, why: string): UsageError {
  return new UsageError(`run journal '${file}' is damaged at line ${line}: ${why}`, { hint: 'it cannot be resumed; start the workflow afresh (re-runs never duplicate what exists)' });
}
