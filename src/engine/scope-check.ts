import type { Effect } from '../steps/define-step.js';
import type { StepSpec, Workflow } from '../workflow/types.js';
import { stepKind } from './step-kind.js';

/** What a run may do: read only, also create/update, or also delete. */
export type RunScope = Effect;

export const SCOPES: readonly RunScope[] = ['read', 'write', 'delete'];
const RANK: Record<RunScope, number> = { read: 0, write: 1, delete: 2 };

export interface StepFinding {
  step: string;
  kind: string;
  effect: Effect;
}

/** Steps (including those of included workflows) whose writes exceed `scope`; checked before anything is sent. */
export function stepsBeyondScope(workflow: Workflow, scope: RunScope): StepFinding[] {
  return walk(workflow, '').filter(({ step }) => RANK[effectOf(step)] > RANK[scope]).map(toFinding);
}

/** Steps that may destroy data or restart work (delete, resync, forced sync) and so need `--yes` or a TTY. */
export function destructiveSteps(workflow: Workflow): StepFinding[] {
  return walk(workflow, '')
    .filter(({ step }) => step.definition?.destructive?.(step.staticInputs, step.writtenInputs) ?? false)
    .map(toFinding);
}

/** The largest effect of any step, for the run header. */
export function workflowEffect(workflow: Workflow): Effect {
  return walk(workflow, '').reduce<Effect>((worst, { step }) => (RANK[effectOf(step)] > RANK[worst] ? effectOf(step) : worst), 'read');
}

function effectOf(step: StepSpec): Effect {
  return step.definition ? step.definition.effect(step.staticInputs, step.writtenInputs) : 'read';
}

function walk(workflow: Workflow, prefix: string): { step: StepSpec; path: string }[] {
  return workflow.steps.flatMap((step) => {
    const path = `${prefix}${step.id}`;
    return step.uses ? walk(step.uses, `${path}.`) : [{ step, path }];
  });
}

function toFinding({ step, path }: { step: StepSpec; path: string }): StepFinding {
  return { step: path, kind: stepKind(step), effect: effectOf(step) };
}
