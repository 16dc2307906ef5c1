import { randomBytes } from 'node:crypto';
import type { Reporter } from '../report/events.js';
import { emptyCounts } from '../report/events.js';
import type { Workflow } from '../workflow/types.js';
import type { EngineOptions } from './engine-options.js';
import { executeWorkflow } from './execute-workflow.js';
import type { WorkflowResult } from './execute-workflow.js';

/** What a finished run reports to its caller. */
export interface RunSummary extends WorkflowResult {
  runId: string;
  exitCode: number;
  durationMs: number;
}

export interface RunHeader {
  /** Where requests go, for people (`sandbox (http://…)`, `api.fivetran.com`). */
  target: string;
  scope: string;
  resumedFrom?: string;
}

/**
 * `20261127-183512.345-4f2a`: sorts by start time to the millisecond (`--resume last` and `runs` take the
 * newest by name: with seconds only, a run resumed within the second of its predecessor could sort
 * before it), with a random tail so two runs in one millisecond still differ.
 */
export function newRunId(now: number = Date.now()): string {
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 19);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

/** Exit code of a run: 0 all ok, 1 a step failed, 130 interrupted. */
export function exitCodeOf(status: WorkflowResult['status']): number {
  return status === 'ok' ? 0 : status === 'interrupted' ? 130 : 1;
}

/** Runs a loaded workflow with run-start/run-end events around it and the exit code worked out. */
export async function runLoadedWorkflow(workflow: Workflow, options: EngineOptions, header: RunHeader): Promise<RunSummary> {
  const now = options.now ?? Date.now;
  const started = now();
  let writesPlanned = 0;
  const report: Reporter = (event) => {
    if (event.type === 'write-planned') writesPlanned += 1;
    options.report(event);
  };
  report({
    type: 'run-start',
    run_id: options.runId,
    workflow: workflow.file,
    name: workflow.name,
    target: header.target,
    scope: header.scope,
    dry_run: options.dryRun ?? false,
    ...(header.resumedFrom ? { resumed_from: header.resumedFrom } : {}),
    steps: workflow.steps.length,
  });
  let result: WorkflowResult;
  try {
    result = await executeWorkflow(workflow, { ...options, report });
  } catch (error) {
    report({ type: 'run-end', run_id: options.runId, status: 'failed', exit_code: 1, duration_ms: now() - started, counts: emptyCounts(), requests: options.client.stats().requests });
    throw error;
  }
  const exitCode = exitCodeOf(result.status);
  report({
    type: 'run-end',
    run_id: options.runId,
    status: result.status,
    exit_code: exitCode,
    duration_ms: now() - started,
    counts: result.counts,
    requests: options.client.stats().requests,
    ...(options.dryRun ? { writes_planned: writesPlanned } : {}),
  });
  return { ...result, runId: options.runId, exitCode, durationMs: now() - started };
}
