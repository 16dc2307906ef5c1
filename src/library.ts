import { dirname, resolve } from 'node:path';
import type { ApiClient } from './api/index.js';
import { UsageError } from './errors.js';
import { createRedactor } from './redact.js';
import type { Confirm } from './engine/engine-options.js';
import { newRunId, runLoadedWorkflow } from './engine/run-workflow.js';
import type { RunSummary } from './engine/run-workflow.js';
import { destructiveSteps, stepsBeyondScope } from './engine/scope-check.js';
import type { RunScope } from './engine/scope-check.js';
import type { Reporter } from './report/events.js';
import { stepRegistry } from './steps/registry.js';
import { loadWorkflow, loadWorkflowObject } from './workflow/load-workflow.js';
import { resolveVars, secretVarValues } from './workflow/resolve-vars.js';

export interface RunWorkflowOptions {
  /** The client requests go through (e.g. `createClient({ …, baseUrl: sandbox.url })`). */
  client: ApiClient;
  /** Var values; they win over `ATLAS_VAR_*` and defaults. */
  vars?: Record<string, unknown>;
  /** Receives every run event; default: none. */
  reporter?: Reporter;
  dryRun?: boolean;
  /** Allow destructive steps (otherwise `confirm` is asked, or the run is refused). */
  yes?: boolean;
  confirm?: Confirm;
  /** Default `write`. */
  scope?: RunScope;
  /** Relative paths in the workflow resolve here; default the workflow's directory (or the process's for objects). */
  cwd?: string;
  /** Environment for `secret()`, `env()` and `ATLAS_VAR_*`; default `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
  signal?: AbortSignal;
}

/**
 * Validates and runs a workflow file (or a workflow given as an object) — the same checks and engine as
 * `atlas-run FILE`. Invalid input throws WorkflowError/UsageError before anything is sent; step failures
 * are reported in the summary (`status`, `exitCode`), not thrown.
 * @example const summary = await runWorkflow('workflows/status.yml', { client, vars: { group: 'warehouse_legacy' } });
 */
export async function runWorkflow(workflow: string | Record<string, unknown>, options: RunWorkflowOptions): Promise<RunSummary> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const loaded = typeof workflow === 'string' ? loadWorkflow(workflow, { types: stepRegistry, cwd }) : loadWorkflowObject(workflow, { types: stepRegistry, cwd });
  const vars = resolveVars(loaded.vars, { given: options.vars ?? {}, env });
  const scope = options.scope ?? 'write';
  const beyond = stepsBeyondScope(loaded, scope);
  if (beyond.length > 0) throw new UsageError(beyond.map((f) => `step '${f.step}' (${f.kind}) needs scope ${f.effect}; this run's scope is ${scope}`).join('\n'));
  const destructive = options.yes || options.dryRun || options.confirm ? [] : destructiveSteps(loaded, vars.values);
  if (destructive.length > 0) throw new UsageError(destructive.map((f) => `step '${f.step}' (${f.kind}) is destructive`).join('\n'), { hint: 'pass yes: true or a confirm callback' });
  const baseDir = typeof workflow === 'string' ? dirname(resolve(cwd, workflow)) : cwd;
  // As the CLI does for its output: secret vars and secret() values never reach the reporter.
  const redactor = createRedactor();
  for (const value of secretVarValues(loaded.vars, vars.values)) redactor.add(value);
  const reporter = options.reporter;
  return runLoadedWorkflow(
    loaded,
    {
      client: options.client,
      vars: vars.values,
      report: reporter ? (event) => reporter(redactor.redactValue(event)) : () => undefined,
      onSecret: (value) => redactor.add(value),
      runId: newRunId(),
      dryRun: options.dryRun ?? false,
      yes: options.yes ?? false,
      ...(options.confirm ? { confirm: options.confirm } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      env,
      files: { baseDir, roots: [...new Set([baseDir, cwd])], maxReadBytes: 64 * 1024 * 1024 },
    },
    { target: options.client.baseUrl, scope },
  );
}
