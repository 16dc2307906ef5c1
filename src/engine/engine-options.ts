import type { ApiClient } from '../api/index.js';
import type { ItemStatus, Reporter } from '../report/events.js';
import type { FileAccess, WriteTarget } from '../steps/define-step.js';

/** A write seen by a dry run or a plan: what would be sent, and to what. */
export interface RecordedWrite {
  step: string;
  key: string;
  method: string;
  path: string;
  body?: unknown;
  target: WriteTarget;
  /** The handler said re-sending is harmless. */
  idempotent?: boolean;
  /** What the write returned in the dry run (a create's object with its `planned:` id). */
  planned?: unknown;
}

/** Collects the writes of a dry run or a plan (the plan file is built from these). */
export interface WriteRecorder {
  record(write: RecordedWrite): void;
}

/** What the journal knows about an item of an earlier run. */
export interface JournalEntry {
  status: ItemStatus;
  output?: unknown;
}

/** The engine's view of the run journal: it records outcomes and, on resume, answers what is done. */
export interface RunJournal {
  /** The finished outcome of this item in the run being resumed, if any. */
  completed(step: string, key: string): JournalEntry | undefined;
  record(entry: { step: string; key: string; status: ItemStatus; output?: unknown; error?: string }): void;
  /** A write the API accepted (called as it happens, so a killed run still shows what it changed). */
  wrote?(write: SentWrite): void;
}

/** A write that was sent and answered 2xx; `createdId` is the id a create answered with. */
export interface SentWrite {
  step: string;
  key: string;
  method: string;
  path: string;
  target: WriteTarget;
  createdId?: string;
}

/** Asked before a destructive step when the user can answer (a TTY); resolves to the user's choice. */
export type Confirm = (request: { step: string; action: string; items: readonly string[] }) => Promise<boolean>;

/** Everything `executeWorkflow` needs from its caller. The engine never builds a client itself. */
export interface EngineOptions {
  client: ApiClient;
  vars: Readonly<Record<string, unknown>>;
  report: Reporter;
  runId: string;
  /** Writes are recorded (and reported) instead of sent. */
  dryRun?: boolean;
  recorder?: WriteRecorder;
  journal?: RunJournal;
  /** Destructive steps run without asking. */
  yes?: boolean;
  confirm?: Confirm;
  signal?: AbortSignal;
  env?: Readonly<Record<string, string | undefined>>;
  files: FileAccess;
  /** Called with every secret value an expression reads, so outputs can mask it. */
  onSecret?: (value: string, name: string) => void;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Fan-out concurrency when neither the step nor the workflow sets one. */
  defaultConcurrency?: number;
}
