import { UsageError } from '../errors.js';
import type { HeaderRecord } from './journal-records.js';
import { resumeDifferences } from './resume-check.js';
import { findRun, isAlive } from './run-index.js';
import { RunJournalFile } from './run-journal.js';

export interface OpenRunJournalOptions {
  /** Journal directory (see `journalDir`). */
  dir: string;
  runId: string;
  /** `--resume`: a run id or `last` (the newest run of the same workflow file). */
  resume?: string;
  /** `--force`: resume although the workflow, vars or target changed, or the run seems alive. */
  force?: boolean;
  workflow: HeaderRecord['workflow'];
  vars: Record<string, unknown>;
  toolVersion: string;
  target: string;
  scope: string;
  /** Masks secrets (registered values and secret-looking keys) in everything written. */
  redact: <T>(value: T) => T;
}

/**
 * Opens the journal of a run about to start. With `resume`, first finds the earlier run and refuses
 * (UsageError, nothing sent) when it is still going or when the workflow, its vars or the target
 * changed, unless `force`: replayed outputs were computed from the earlier inputs.
 */
export function openRunJournal(options: OpenRunJournalOptions): RunJournalFile {
  const earlier = options.resume === undefined ? undefined : findRun(options.dir, options.resume, options.workflow.path);
  if (earlier && !options.force) {
    const id = earlier.header.run_id;
    if (!earlier.end && isAlive(earlier.header)) {
      throw new UsageError(`run ${id} is still going (process ${earlier.header.pid})`, { hint: 'wait for it or stop it first; --force resumes anyway' });
    }
    const problems = resumeDifferences(earlier.header, { workflowPath: options.workflow.path, checksum: options.workflow.checksum, vars: options.redact(options.vars), target: options.target });
    if (problems.length > 0) {
      throw new UsageError(`cannot resume run ${id}:\n${problems.map((p) => `  - ${p}`).join('\n')}`, {
        hint: 'nothing was sent; --force resumes anyway (finished items keep the outputs of the earlier run), or run without --resume',
      });
    }
  }
  return new RunJournalFile({
    dir: options.dir,
    runId: options.runId,
    workflow: options.workflow,
    vars: options.vars,
    toolVersion: options.toolVersion,
    target: options.target,
    scope: options.scope,
    redact: options.redact,
    ...(earlier ? { resume: earlier } : {}),
  });
}
