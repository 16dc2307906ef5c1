import { existsSync, readdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { JOURNAL_FILE } from './journal-records.js';
import type { HeaderRecord, JournalCounts, JournalRunStatus } from './journal-records.js';
import { readJournal, readJournalHeader } from './read-journal.js';
import type { JournalContents } from './read-journal.js';

/** Where journals go when neither `--journal-dir` nor ATLAS_JOURNAL_DIR says. */
export const DEFAULT_JOURNAL_DIR = '.atlas/runs';

/** `--journal-dir`, else ATLAS_JOURNAL_DIR, else `.atlas/runs`; relative paths resolve against `cwd`. */
export function journalDir(flag: string | undefined, env: Readonly<Record<string, string | undefined>>, cwd: string): string {
  const chosen = flag ?? (env.ATLAS_JOURNAL_DIR || undefined) ?? DEFAULT_JOURNAL_DIR;
  return isAbsolute(chosen) ? chosen : resolve(cwd, chosen);
}

/** A run as `atlas-run runs` lists it. */
export interface RunSummary {
  id: string;
  workflow: string;
  name: string;
  started: string;
  /** `running`: no end record and its process is alive on this host; `unfinished`: killed or crashed. */
  status: JournalRunStatus | 'running' | 'unfinished';
  counts: JournalCounts;
  resumedFrom?: string;
  file: string;
}

/** The newest runs first (run ids sort by start time), at most `limit`. Unreadable entries are skipped. */
export function listRuns(dir: string, limit = 20): RunSummary[] {
  const summaries: RunSummary[] = [];
  for (const id of runIds(dir)) {
    if (summaries.length >= limit) break;
    const file = join(dir, id, JOURNAL_FILE);
    try {
      summaries.push(summarize(readJournal(file)));
    } catch {
      // A directory without a readable journal is not a run; `runs` lists what it can.
    }
  }
  return summaries;
}

/**
 * The journal a `--resume` names: a run id, or `last` for the newest run of `workflowPath`.
 * UsageErrors say what was looked for and where.
 */
export function findRun(dir: string, ref: string, workflowPath: string): JournalContents {
  if (ref !== 'last') return readRun(dir, ref);
  for (const id of runIds(dir)) {
    const file = join(dir, id, JOURNAL_FILE);
    let header: HeaderRecord;
    try {
      header = readJournalHeader(file);
    } catch {
      continue;
    }
    if (header.workflow.path === workflowPath) return readJournal(file);
  }
  throw new UsageError(`no earlier run of ${workflowPath} in ${dir}`, { hint: "'atlas-run runs' lists the runs there; give a run id to resume another one" });
}

/** The journal of run `id`; a UsageError when there is none. */
export function readRun(dir: string, id: string): JournalContents {
  if (!/^[\w.-]+$/.test(id) || id.startsWith('.')) throw new UsageError(`'${id}' is not a run id`, { hint: "'atlas-run runs' lists run ids" });
  const file = join(dir, id, JOURNAL_FILE);
  if (!existsSync(file)) throw new UsageError(`no run '${id}' in ${dir}`, { hint: "'atlas-run runs' lists run ids (use --journal-dir if the journals are elsewhere)" });
  return readJournal(file);
}

/** Status, counts and identity of one run from its journal. */
export function summarize(journal: JournalContents): RunSummary {
  const { header, end } = journal;
  return {
    id: header.run_id,
    workflow: header.workflow.file,
    name: header.workflow.name,
    started: header.started_at,
    status: end?.status ?? (isAlive(header) ? 'running' : 'unfinished'),
    counts: end?.counts ?? countItems(journal),
    ...(header.resumed_from ? { resumedFrom: header.resumed_from } : {}),
    file: journal.file,
  };
}

/** True when the run's process still exists on this machine. */
export function isAlive(header: HeaderRecord): boolean {
  if (header.host !== hostname()) return false;
  try {
    process.kill(header.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Counts of the last outcome of every journaled item (for runs that never wrote an end record). */
function countItems(journal: JournalContents): JournalCounts {
  const latest = new Map<string, JournalRunStatus | string>();
  for (const item of journal.items) latest.set(`${item.step}\u0000${item.key}`, item.status);
  const counts: JournalCounts = { ok: 0, unchanged: 0, skipped: 0, failed: 0 };
  for (const status of latest.values()) if (status in counts) counts[status as keyof JournalCounts] += 1;
  return counts;
}

/** Run directory names, newest first. */
function runIds(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  } catch {
    return [];
  }
  return names.sort().reverse();
}
