import { isDeepStrictEqual } from 'node:util';
import type { HeaderRecord } from './journal-records.js';

/** What the run about to start would be, masked the same way its journal header will be. */
export interface ResumeCandidate {
  workflowPath: string;
  checksum: string;
  /** Resolved vars after masking, so a secret var reads `******` on both sides. */
  vars: Record<string, unknown>;
  target: string;
}

/**
 * Why resuming `earlier` with `now` is unsafe, one line per difference (empty: same workflow, same vars,
 * same target). Replayed outputs were computed from the earlier inputs, so any change makes them suspect.
 */
export function resumeDifferences(earlier: HeaderRecord, now: ResumeCandidate): string[] {
  const problems: string[] = [];
  if (earlier.workflow.path !== now.workflowPath) {
    problems.push(`run ${earlier.run_id} ran ${earlier.workflow.path}, not ${now.workflowPath}`);
  } else if (earlier.workflow.checksum !== now.checksum) {
    problems.push(`the workflow (or a file it includes) changed since run ${earlier.run_id} (checksum ${short(earlier.workflow.checksum)} → ${short(now.checksum)})`);
  }
  const names = [...new Set([...Object.keys(earlier.vars), ...Object.keys(now.vars)])].sort();
  for (const name of names) {
    const before = earlier.vars[name];
    const after = now.vars[name];
    if (isDeepStrictEqual(before, after)) continue;
    if (!(name in earlier.vars)) problems.push(`var '${name}' is new (now ${show(after)})`);
    else if (!(name in now.vars)) problems.push(`var '${name}' is gone (was ${show(before)})`);
    else problems.push(`var '${name}' was ${show(before)}, now ${show(after)}`);
  }
  if (earlier.target !== now.target) problems.push(`run ${earlier.run_id} ran against ${earlier.target}, this one would run against ${now.target}`);
  return problems;
}

function short(checksum: string): string {
  return checksum.slice(0, 12);
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
