import pLimit from 'p-limit';
import { StepError } from '../errors.js';
import { emptyCounts } from '../report/events.js';
import type { ItemCounts, ItemStatus, RunStatus, StepStatus } from '../report/events.js';
import type { Evaluator, StepOutcome } from '../steps/define-step.js';
import { ENV_VAR_PREFIX, resolveVars } from '../workflow/resolve-vars.js';
import { LocatedExpressionError } from '../template/index.js';
import type { CompiledTemplate } from '../template/index.js';
import type { StepSpec, Workflow } from '../workflow/types.js';
import { confirmDestructive } from './confirm-destructive.js';
import type { EngineOptions } from './engine-options.js';
import { evaluateExpression, renderTemplate, testCondition } from './expressions.js';
import { itemKeys } from './item-keys.js';
import { stepKind } from './step-kind.js';
import { DEFAULT_CONCURRENCY, RunState } from './run-state.js';
import { createStepContext } from './step-context.js';
import { isRetryable, retryDelay } from './step-retry.js';

export interface StepResult {
  status: StepStatus;
  outputs: Record<string, unknown>;
  counts: ItemCounts;
}

export interface WorkflowResult {
  status: RunStatus;
  outputs: Record<string, unknown>;
  steps: Record<string, StepResult>;
  counts: ItemCounts;
}

/** The names expressions see: `vars`, `steps.<id>`, `run`, plus `item`/`index` inside a fan-out. */
type Scope = { vars: Readonly<Record<string, unknown>>; steps: Record<string, unknown>; run: { id: string; started_at: string } } & Record<string, unknown>;

interface ItemOutcome {
  status: ItemStatus;
  output?: Record<string, unknown>;
  error?: string;
}

/**
 * Runs a loaded workflow: steps in order, fan-out under p-limit, failures contained per the
 * step's budget, every outcome reported and journaled. Resolves with the run's status; never throws
 * for a step failure (that is a result), only for programming errors.
 */
export async function executeWorkflow(workflow: Workflow, options: EngineOptions): Promise<WorkflowResult> {
  const run = new RunState(options);
  return executeSteps(workflow, options.vars, run, '');
}

async function executeSteps(workflow: Workflow, vars: Readonly<Record<string, unknown>>, run: RunState, prefix: string): Promise<WorkflowResult> {
  const scope: Scope = { vars, steps: {}, run: { id: run.options.runId, started_at: run.startedAt } };
  const results: Record<string, StepResult> = {};
  const counts = emptyCounts();
  let failed = false;
  for (const step of workflow.steps) {
    const path = `${prefix}${step.id}`;
    let result: StepResult;
    if (run.aborted) result = notRun(run, step, path, 'interrupted', 'interrupted before it started');
    else if (failed && !step.always) result = notRun(run, step, path, 'skipped', 'an earlier step failed');
    else result = await executeStep(workflow, step, scope, run, path);
    results[step.id] = result;
    scope.steps[step.id] = result.outputs;
    for (const key of Object.keys(counts) as (keyof ItemCounts)[]) counts[key] += result.counts[key];
    if (result.status === 'failed') failed = true;
  }
  const status: RunStatus = run.aborted ? 'interrupted' : failed ? 'failed' : 'ok';
  const outputs = status === 'ok' && workflow.outputs ? renderOutputs(workflow.outputs, scope, run) : {};
  return { status, outputs, steps: results, counts };
}

function notRun(run: RunState, step: StepSpec, path: string, status: StepStatus, reason: string): StepResult {
  run.report({ type: 'step-end', step: path, kind: stepKind(step), status, duration_ms: 0, counts: emptyCounts(), reason });
  return { status, outputs: { status }, counts: emptyCounts() };
}

async function executeStep(workflow: Workflow, step: StepSpec, scope: Scope, run: RunState, path: string): Promise<StepResult> {
  const started = run.now();
  const kind = stepKind(step);
  let result: StepResult;
  try {
    result = step.foreach ? await fanOut(workflow, step, scope, run, path) : await single(step, scope, run, path);
  } catch (error) {
    const reason = errorMessage(error);
    run.report({ type: 'message', step: path, level: 'error', message: reason });
    result = { status: 'failed', outputs: { status: 'failed', error: reason }, counts: { ...emptyCounts(), failed: 1 } };
  }
  run.report({ type: 'step-end', step: path, kind, status: result.status, duration_ms: run.now() - started, counts: result.counts });
  return result;
}

async function single(step: StepSpec, scope: Scope, run: RunState, path: string): Promise<StepResult> {
  run.report({ type: 'step-start', step: path, kind: stepKind(step) });
  const counts = emptyCounts();
  if (step.when && !testCondition(step.when, scope, run.evaluation)) {
    counts.skipped = 1;
    run.report({ type: 'item', step: path, key: '-', status: 'skipped', duration_ms: 0, detail: 'condition is false' });
    return { status: 'ok', outputs: { status: 'skipped' }, counts };
  }
  await confirmDestructive(step, path, [{ key: '-', inputs: () => renderTemplate(step.inputs, scope, run.evaluation) }], run);
  const outcome = await runItem(step, scope, run, path, '-');
  counts[outcome.status] = 1;
  let outputs: Record<string, unknown> = { ...(outcome.output ?? {}), status: outcome.status };
  if (outcome.status === 'failed') {
    outputs.error = outcome.error;
    return { status: step.continueOnError ? 'ok' : 'failed', outputs, counts };
  }
  if (step.outputs) outputs = { ...outputs, ...renderOutputs(step.outputs, { ...scope, result: outputs }, run) };
  return { status: 'ok', outputs, counts };
}

async function fanOut(workflow: Workflow, step: StepSpec, scope: Scope, run: RunState, path: string): Promise<StepResult> {
  const items = renderTemplate(step.foreach!, scope, run.evaluation);
  if (!Array.isArray(items)) throw notAList(step.foreach!, items);
  const bindingsOf = (item: unknown, index: number): Scope => ({ ...scope, [step.as]: item, index });
  const keys = itemKeys(items, step.key ? items.map((item, index) => evaluateExpression(step.key!, bindingsOf(item, index), run.evaluation)) : undefined);
  run.report({ type: 'step-start', step: path, kind: stepKind(step), total: items.length });

  await confirmDestructive(
    step,
    path,
    items.map((item, index) => ({ key: keys[index]!, inputs: () => renderTemplate(step.inputs, bindingsOf(item, index), run.evaluation) })),
    run,
  );

  const counts = emptyCounts();
  // Filled, not sparse: filter() skips holes, and not-started items are counted as undefined entries.
  const outcomes: (ItemOutcome | undefined)[] = Array.from({ length: items.length }, () => undefined);
  const limit = pLimit(step.concurrency ?? workflow.concurrency ?? run.options.defaultConcurrency ?? DEFAULT_CONCURRENCY);
  let stopped = false;
  await Promise.all(
    items.map((item, index) =>
      limit(async () => {
        if (stopped || run.aborted) return;
        const bindings = bindingsOf(item, index);
        const key = keys[index]!;
        if (step.when && !testCondition(step.when, bindings, run.evaluation)) {
          outcomes[index] = { status: 'skipped' };
          counts.skipped += 1;
          run.report({ type: 'item', step: path, key, status: 'skipped', duration_ms: 0, detail: 'condition is false' });
          return;
        }
        const outcome = await runItem(step, bindings, run, path, key);
        outcomes[index] = outcome;
        counts[outcome.status] += 1;
        if (outcome.status === 'failed' && overBudget(step, counts.failed, items.length)) stopped = true;
      }),
    ),
  );

  const succeeded: Record<string, unknown>[] = [];
  const failures: Record<string, unknown>[] = [];
  outcomes.forEach((outcome, index) => {
    if (!outcome || outcome.status === 'skipped') return;
    if (outcome.status === 'failed') failures.push({ key: keys[index], item: items[index], error: outcome.error });
    else succeeded.push({ ...(outcome.output ?? {}), status: outcome.status, key: keys[index], item: items[index] });
  });
  const notStarted = outcomes.filter((o) => o === undefined).length;
  const failed = stopped || (counts.failed > 0 && !step.continueOnError && step.maxFailures === undefined);
  const status: StepStatus = failed ? 'failed' : run.aborted && notStarted > 0 ? 'interrupted' : 'ok';
  if (stopped && notStarted > 0) {
    run.report({ type: 'message', step: path, level: 'error', message: `stopped after ${counts.failed} failure${counts.failed === 1 ? '' : 's'}; ${notStarted} item${notStarted === 1 ? ' was' : 's were'} not started` });
  }
  let outputs: Record<string, unknown> = {
    items: succeeded,
    count: succeeded.length,
    ok: counts.ok,
    unchanged: counts.unchanged,
    skipped: counts.skipped,
    failed: counts.failed,
    failures,
    status,
  };
  if (step.outputs && status !== 'failed') outputs = { ...outputs, ...renderOutputs(step.outputs, { ...scope, result: outputs }, run) };
  return { status, outputs, counts };
}

/** True when the failures so far exceed what the step tolerates. */
function overBudget(step: StepSpec, failures: number, total: number): boolean {
  if (step.continueOnError) return false;
  const budget = step.maxFailures;
  if (!budget) return failures > 0;
  if (budget.kind === 'count') return failures > budget.max;
  return (failures / total) * 100 > budget.max;
}

/** Runs (or replays from the journal) one item of a step, with the step's retry policy. */
async function runItem(step: StepSpec, scope: Scope, run: RunState, path: string, key: string): Promise<ItemOutcome> {
  const started = run.now();
  const journal = run.options.journal;
  const replayable = isReplayable(step);
  const previous = replayable ? journal?.completed(path, key) : undefined;
  if (previous && previous.status !== 'failed') {
    const output = (previous.output ?? {}) as Record<string, unknown>;
    run.report({ type: 'item', step: path, key, status: previous.status, duration_ms: 0, replayed: true, detail: 'done in the resumed run' });
    return { status: previous.status, output };
  }
  try {
    const output = await withRetry(step, run, path, () => invoke(step, scope, run, path, key));
    const status: ItemStatus = outcomeOf(output);
    if (replayable) journal?.record({ step: path, key, status, output });
    run.report({ type: 'item', step: path, key, status, duration_ms: run.now() - started, ...describe(output) });
    return { status, output };
  } catch (error) {
    const message = errorMessage(error);
    if (replayable) journal?.record({ step: path, key, status: 'failed', error: message });
    run.report({ type: 'item', step: path, key, status: 'failed', duration_ms: run.now() - started, error: message });
    return { status: 'failed', error: message };
  }
}

async function invoke(step: StepSpec, scope: Scope, run: RunState, path: string, key: string): Promise<Record<string, unknown>> {
  const inputs = renderTemplate(step.inputs, scope, run.evaluation) as Record<string, unknown>;
  if (step.uses) return runInclude(step.uses, inputs, run, key === '-' ? `${path}.` : `${path}[${key}].`);
  const lazy: Record<string, Evaluator | Record<string, Evaluator>> = {};
  for (const [name, input] of Object.entries(step.lazyInputs)) {
    if (input.kind === 'expression') {
      lazy[name] = (bindings) => evaluateExpression(input.expression, { ...scope, ...bindings }, run.evaluation);
    } else if (input.kind === 'template') {
      lazy[name] = (bindings) => renderTemplate(input.template, { ...scope, ...bindings }, run.evaluation);
    } else {
      lazy[name] = Object.fromEntries(
        Object.entries(input.expressions).map(([field, expression]) => [field, (bindings?: Record<string, unknown>) => evaluateExpression(expression, { ...scope, ...bindings }, run.evaluation)]),
      );
    }
  }
  const context = createStepContext(run, path, key, scope.vars);
  const output = await step.definition!.run(context, { ...inputs, ...lazy } as never);
  return output;
}

async function runInclude(workflow: Workflow, inputs: Record<string, unknown>, run: RunState, prefix: string): Promise<Record<string, unknown>> {
  const vars = resolveVars(workflow.vars, { given: inputs });
  // The include's own secret vars are masked like the top workflow's, whatever value the caller passed.
  for (const declaration of workflow.vars) {
    const value = vars.values[declaration.name];
    if (declaration.secret && typeof value === 'string' && value !== '') run.options.onSecret?.(value, `${ENV_VAR_PREFIX}${declaration.name}`);
  }
  const result = await executeSteps(workflow, vars.values, run, prefix);
  if (result.status !== 'ok') {
    const failedStep = Object.entries(result.steps).find(([, r]) => r.status === 'failed')?.[0];
    throw new StepError(`${workflow.name} ${result.status}${failedStep ? ` at step '${failedStep}'` : ''}`);
  }
  return result.outputs;
}

async function withRetry<T>(step: StepSpec, run: RunState, path: string, attempt: () => Promise<T>): Promise<T> {
  const spec = step.retry;
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!spec || n >= spec.attempts || run.aborted || !isRetryable(error)) throw error;
      const delay = retryDelay(spec, n);
      run.report({ type: 'message', step: path, level: 'warning', message: `attempt ${n} failed (${errorMessage(error)}); retrying in ${delay} ms` });
      await run.sleep(delay);
      // Interrupted while waiting: nothing more is sent.
      if (run.aborted) throw error;
    }
  }
}

/** Steps whose items change something are journaled and replayed on resume; reads are simply run again. */
function isReplayable(step: StepSpec): boolean {
  return step.definition !== undefined && step.definition.effect(step.staticInputs, step.writtenInputs) !== 'read';
}

function outcomeOf(output: Record<string, unknown>): ItemStatus {
  const outcome = output.outcome as StepOutcome | undefined;
  return outcome === 'unchanged' || outcome === 'skipped' ? outcome : 'ok';
}

function describe(output: Record<string, unknown>): { detail?: string } {
  return typeof output.detail === 'string' ? { detail: output.detail } : {};
}

function renderOutputs(outputs: Readonly<Record<string, CompiledTemplate>>, scope: Record<string, unknown>, run: RunState): Record<string, unknown> {
  return Object.fromEntries(Object.entries(outputs).map(([name, template]) => [name, renderTemplate(template, scope, run.evaluation)]));
}

/** A foreach that gave something other than a list, named at its expression (file:line:col) when it is one. */
function notAList(foreach: CompiledTemplate, value: unknown): Error {
  const reason = `foreach must give a list, got ${value === null ? 'null' : typeof value}`;
  const [expression, ...more] = foreach.expressions;
  if (!expression || more.length > 0) return new StepError(reason);
  return new LocatedExpressionError({ expression: expression.source, reason, code: 'type_error', ...(expression.location ? { location: expression.location } : {}) });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
