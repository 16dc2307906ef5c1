import { ExpressionError } from '../errors.js';
import type { Effect } from '../steps/define-step.js';
import { compileTemplate } from '../template/index.js';
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

/**
 * Steps that may destroy data or restart work (delete, resync, forced sync) and so need `--yes` or a TTY.
 * Given the run's `vars`, inputs templated on vars alone are decided too, so `force: ${{ vars.force }}`
 * needs `--yes` only when the var is true.
 */
export function destructiveSteps(workflow: Workflow, vars?: Readonly<Record<string, unknown>>): StepFinding[] {
  return walk(workflow, '')
    .filter(({ step, included }) => {
      // An included workflow's vars come from its caller's templates: only its static inputs are known.
      const inputs = vars && !included ? inputsKnownBeforeRun(step, vars) : step.staticInputs;
      return step.definition?.destructive?.(inputs, step.writtenInputs) ?? false;
    })
    .map(toFinding);
}

/** The static inputs plus those whose expressions read only `vars` (no steps, items, secrets or environment). */
function inputsKnownBeforeRun(step: StepSpec, vars: Readonly<Record<string, unknown>>): Readonly<Record<string, unknown>> {
  const known: Record<string, unknown> = { ...step.staticInputs };
  for (const [name, written] of Object.entries(step.writtenInputs)) {
    if (known[name] !== undefined) continue;
    const template = compileTemplate(written);
    const onVarsAlone = template.expressions.every((e) => e.references.every((r) => r.root === 'vars') && e.functions.every((f) => f.name !== 'secret' && f.name !== 'env'));
    if (!onVarsAlone) continue;
    try {
      known[name] = template.render({ vars });
    } catch (error) {
      // Left undecided (so treated as destructive), as before the run knew its vars.
      if (!(error instanceof ExpressionError)) throw error;
    }
  }
  return known;
}


function effectOf(step: StepSpec): Effect {
  return step.definition ? step.definition.effect(step.staticInputs, step.writtenInputs) : 'read';
}

function walk(workflow: Workflow, prefix: string): { step: StepSpec; path: string; included: boolean }[] {
  return workflow.steps.flatMap((step) => {
    const path = `${prefix}${step.id}`;
    return step.uses ? walk(step.uses, `${path}.`) : [{ step, path, included: prefix !== '' }];
  });
}

function toFinding({ step, path }: { step: StepSpec; path: string }): StepFinding {
  return { step: path, kind: stepKind(step), effect: effectOf(step) };
}
