/**
 * The lines of a run journal (`.atlas/runs/<run-id>/journal.jsonl`), one JSON object each: a header,
 * then item outcomes and accepted writes as they happen, then an end record when the run finished.
 * A run killed with `kill -9` simply has no end record.
 */

/** Identifies the file format, so a future layout can be told apart. */
export const JOURNAL_FORMAT = 'atlas-run/journal';
export const JOURNAL_VERSION = 1;
/** File name inside a run's directory. */
export const JOURNAL_FILE = 'journal.jsonl';

export type JournalItemStatus = 'ok' | 'unchanged' | 'skipped' | 'failed';
export type JournalRunStatus = 'ok' | 'failed' | 'interrupted';

export interface JournalCounts {
  ok: number;
  unchanged: number;
  skipped: number;
  failed: number;
}

/** First line: what ran, against what, with which (masked) vars. */
export interface HeaderRecord {
  type: 'header';
  format: typeof JOURNAL_FORMAT;
  version: number;
  run_id: string;
  started_at: string;
  workflow: {
    /** As the user gave it (relative to their working directory). */
    file: string;
    /** Absolute path: `--resume last` finds earlier runs of the same file by it. */
    path: string;
    name: string;
    /** sha256 of the file and every file it includes. */
    checksum: string;
  };
  /** Resolved vars, secret values masked. */
  vars: Record<string, unknown>;
  tool_version: string;
  /** Where requests went, for people; never holds a credential. */
  target: string;
  scope: string;
  resumed_from?: string;
  /** Process and host, so `runs` can tell a run still going from one that died. */
  pid: number;
  host: string;
}

/** The outcome of one item of a write step. */
export interface ItemRecord {
  type: 'item';
  step: string;
  key: string;
  status: JournalItemStatus;
  output?: unknown;
  error?: string;
  /** Ids of objects this item created. */
  created?: string[];
  /** Taken over from the run this one resumed. */
  replayed?: true;
  at: string;
}

/** A write the API accepted, recorded the moment it was answered. */
export interface WriteRecord {
  type: 'write';
  step: string;
  key: string;
  method: string;
  path: string;
  kind: string;
  /** Id of the object written, when it existed before. */
  id?: string;
  /** Natural key of a create. */
  natural_key?: string;
  /** Id of the object a create made. */
  created_id?: string;
  at: string;
}

/** Last line of a run that finished (ok, failed or interrupted). */
export interface EndRecord {
  type: 'end';
  status: JournalRunStatus;
  counts: JournalCounts;
  finished_at: string;
  duration_ms: number;
}

export type JournalRecord = HeaderRecord | ItemRecord | WriteRecord | EndRecord;
