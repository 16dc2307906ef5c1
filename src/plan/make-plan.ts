import type { ApiClient } from '../api/index.js';
import type { EngineOptions, RecordedWrite } from '../engine/engine-options.js';
import { runLoadedWorkflow } from '../engine/run-workflow.js';
import type { RunSummary } from '../engine/run-workflow.js';
import type { Redactor } from '../redact.js';
import { ENV_VAR_PREFIX } from '../workflow/resolve-vars.js';
import type { Workflow } from '../workflow/types.js';
import { buildWrites } from './build-plan.js';
import type { CallEstimate, PlanFile, PlannedWrite } from './plan-types.js';
import { PLAN_FORMAT, PLAN_VERSION } from './plan-types.js';
import type { HourlyBudget } from './rate-limit-remaining.js';

export interface MakePlanOptions extends Pick<EngineOptions, 'report' | 'runId' | 'env' | 'files' | 'signal'> {
  workflow: Workflow;
  vars: Record<string, unknown>;
  client: ApiClient;
  /** Filled by the client's dispatcher as answers come in (see `rateLimitObserver`). */
  budget: HourlyBudget;
  /** Knows the secret vars already; every `secret()` value the run reads is added. */
  redactor: Redactor;
  target: string;
  scope: string;
  toolVersion: string;
  now?: () => number;
}

/**
 * Runs the workflow in recording mode (reads sent, writes recorded, nothing changed) and makes the
 * plan of it. The plan is only meant to be applied when the run succeeded; `summary` says.
 */
export async function makePlan(options: MakePlanOptions): Promise<{ plan: PlanFile; summary: RunSummary }> {
  const { workflow, vars, client, redactor } = options;
  const recorded: RecordedWrite[] = [];
  const secrets = new Map<string, string>();
  for (const declaration of workflow.vars) {
    const value = vars[declaration.name];
    if (declaration.secret && typeof value === 'string' && value !== '') secrets.set(value, `${ENV_VAR_PREFIX}${declaration.name}`);
  }
  const summary = await runLoadedWorkflow(
    workflow,
    {
      client,
      vars,
      report: options.report,
      runId: options.runId,
      dryRun: true,
      recorder: { record: (write) => recorded.push(write) },
      env: options.env ?? {},
      files: options.files,
      ...(options.signal ? { signal: options.signal } : {}),
      onSecret: (value, name) => {
        // The first name a value is known by is where apply reads it (a secret var handed on to an include keeps its own).
        if (!secrets.has(value)) secrets.set(value, name);
        redactor.add(value);
      },
    },
    { target: options.target, scope: options.scope },
  );
  const redact = <T>(value: T): T => redactor.redactValue(value);
  const { writes, problems } = buildWrites(recorded, { secrets, redact });
  const plan: PlanFile = {
    format: PLAN_FORMAT,
    version: PLAN_VERSION,
    created_at: new Date((options.now ?? Date.now)()).toISOString(),
    tool_version: options.toolVersion,
    workflow: { file: workflow.file, name: workflow.name, checksum: workflow.checksum },
    target: options.target,
    base_url: client.baseUrl,
    scope: options.scope,
    vars: redact(vars),
    writes,
    estimate: estimate(client.stats().requests, writes, options.budget),
    problems,
  };
  return { plan, summary };
}

function estimate(reads: number, writes: readonly PlannedWrite[], budget: HourlyBudget): CallEstimate {
  const checked = new Set(writes.filter((w) => w.target.checksum !== undefined).map((w) => `${w.target.kind}\u0000${w.target.id}`)).size;
  const createLists = new Set(writes.filter((w) => w.change === 'create').map((w) => `${w.target.kind}\u0000${w.target.kind === 'connection' ? w.target.key?.split('/')[0] : ''}`)).size;
  return {
    reads,
    writes: writes.length,
    run: reads + writes.length,
    apply: checked + createLists + writes.length,
    ...(budget.remaining === undefined ? {} : { hourlyRemaining: budget.remaining }),
    ...(budget.limit === undefined ? {} : { hourlyLimit: budget.limit }),
  };
}
