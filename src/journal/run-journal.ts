import { hostname } from 'node:os';
import { join } from 'node:path';
import { JOURNAL_FILE, JOURNAL_FORMAT, JOURNAL_VERSION } from './journal-records.js';
import type { HeaderRecord, ItemRecord, JournalCounts, JournalItemStatus, JournalRunStatus } from './journal-records.js';
import { JournalWriter } from './journal-writer.js';
import type { JournalContents } from './read-journal.js';

/** What the CLI knows about a run before it starts; the journal adds ids, times, process and host. */
export interface JournalStart {
  /** The journal directory; the run gets `<dir>/<runId>/journal.jsonl`. */
  dir: string;
  runId: string;
  workflow: HeaderRecord['workflow'];
  /** Resolved vars; they go through `redact` before they are written. */
  vars: Record<string, unknown>;
  toolVersion: string;
  target: string;
  scope: string;
  /** The journal of the run being resumed: its finished items are replayed, not run again. */
  resume?: JournalContents;
  /** Masks secrets in anything written (registered secret values and secret-looking keys). */
  redact: <T>(value: T) => T;
  now?: () => number;
}

/** An outcome the engine reports (the engine's RunJournal.record argument). */
export interface ItemOutcome {
  step: string;
  key: string;
  status: JournalItemStatus;
  output?: unknown;
  error?: string;
}

/** A write the API accepted (the engine's SentWrite). */
export interface AcceptedWrite {
  step: string;
  key: string;
  method: string;
  path: string;
  target: { kind: string; id?: string; key?: string };
  createdId?: string;
}

/**
 * The journal of one run, as the engine sees it (it implements the engine's RunJournal): item
 * outcomes and accepted writes are appended the moment they happen; on resume, `completed` answers
 * from the earlier run and copies each replayed outcome forward, so this journal alone can be resumed.
 */
export class RunJournalFile {
  readonly file: string;
  readonly header: HeaderRecord;
  private readonly writer: JournalWriter;
  private readonly previous: Map<string, ItemRecord>;
  private readonly created = new Map<string, string[]>();
  private readonly redact: <T>(value: T) => T;
  private readonly now: () => number;
  private readonly started: number;

  constructor(start: JournalStart) {
    this.now = start.now ?? Date.now;
    this.started = this.now();
    this.redact = start.redact;
    this.file = join(start.dir, start.runId, JOURNAL_FILE);
    this.previous = finishedItems(start.resume);
    this.header = {
      type: 'header',
      format: JOURNAL_FORMAT,
      version: JOURNAL_VERSION,
      run_id: start.runId,
      started_at: new Date(this.started).toISOString(),
      workflow: start.workflow,
      vars: start.redact(start.vars),
      tool_version: start.toolVersion,
      target: start.target,
      scope: start.scope,
      ...(start.resume ? { resumed_from: start.resume.header.run_id } : {}),
      pid: process.pid,
      host: hostname(),
    };
    this.writer = JournalWriter.create(this.file);
    this.writer.append(this.header);
  }

  /** The earlier run's outcome of this item when it finished (not failed); recorded here as replayed. */
  completed(step: string, key: string): { status: JournalItemStatus; output?: unknown } | undefined {
    const earlier = this.previous.get(itemId(step, key));
    if (!earlier) return undefined;
    this.writer.append({ ...earlier, replayed: true, at: this.stamp() });
    return { status: earlier.status, ...(earlier.output === undefined ? {} : { output: earlier.output }) };
  }

  record(outcome: ItemOutcome): void {
    const id = itemId(outcome.step, outcome.key);
    const created = this.created.get(id);
    this.created.delete(id);
    this.writer.append({
      type: 'item',
      step: outcome.step,
      key: outcome.key,
      status: outcome.status,
      ...(outcome.output === undefined ? {} : { output: this.redact(outcome.output) }),
      ...(outcome.error === undefined ? {} : { error: this.redact(outcome.error) }),
      ...(created ? { created } : {}),
      at: this.stamp(),
    });
  }

  wrote(write: AcceptedWrite): void {
    if (write.createdId !== undefined) {
      const id = itemId(write.step, write.key);
      this.created.set(id, [...(this.created.get(id) ?? []), write.createdId]);
    }
    this.writer.append({
      type: 'write',
      step: write.step,
      key: write.key,
      method: write.method,
      path: write.path,
      kind: write.target.kind,
      ...(write.target.id === undefined ? {} : { id: write.target.id }),
      ...(write.target.key === undefined ? {} : { natural_key: write.target.key }),
      ...(write.createdId === undefined ? {} : { created_id: write.createdId }),
      at: this.stamp(),
    });
  }

  /** Appends the end record and closes the file. */
  finish(status: JournalRunStatus, counts: JournalCounts): void {
    const now = this.now();
    this.writer.append({ type: 'end', status, counts, finished_at: new Date(now).toISOString(), duration_ms: now - this.started });
    this.writer.close();
  }

  /** Closes without an end record (the run could not start); nothing more may be appended. */
  close(): void {
    this.writer.close();
  }

  private stamp(): string {
    return new Date(this.now()).toISOString();
  }
}

/** The last outcome of each item that finished in an earlier run; failed ones run again. */
function finishedItems(journal: JournalContents | undefined): Map<string, ItemRecord> {
  const latest = new Map<string, ItemRecord>();
  for (const item of journal?.items ?? []) latest.set(itemId(item.step, item.key), item);
  for (const [id, item] of latest) if (item.status === 'failed') latest.delete(id);
  return latest;
}

function itemId(step: string, key: string): string {
  return `${step}\u0000${key}`;
}
