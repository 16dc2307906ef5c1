import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';
import type { JournalRecord } from './journal-records.js';

/**
 * Appends journal records to a file, one synchronous write per record: once `append` returns, the
 * line is in the kernel's hands, so killing the process (even with SIGKILL) loses nothing appended.
 * Each record is a single `write` of one line, so a crash can at worst leave a torn last line.
 */
export class JournalWriter {
  private fd: number | undefined;

  private constructor(
    readonly file: string,
    fd: number,
  ) {
    this.fd = fd;
  }

  /** Creates the file (and its directories); refuses to overwrite an existing journal. */
  static create(file: string): JournalWriter {
    try {
      mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
      // Journals hold business data (ids, names, outputs): readable by their owner only.
      return new JournalWriter(file, openSync(file, 'wx', 0o600));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === 'EEXIST' ? 'it already exists' : code === 'EACCES' ? 'permission denied' : (code ?? String(error));
      throw new UsageError(`cannot create the run journal '${file}': ${why}`, { hint: 'choose another directory with --journal-dir or ATLAS_JOURNAL_DIR' });
    }
  }

  append(record: JournalRecord): void {
    if (this.fd === undefined) throw new Error(`journal '${this.file}' is closed`);
    writeSync(this.fd, `${JSON.stringify(record)}\n`);
  }

  /** Flushes to disk and closes; later appends are programming errors. Closing twice is harmless. */
  close(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
}
