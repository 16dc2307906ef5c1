import type { SourceIssue } from '../errors.js';
import type { Reference } from '../template/index.js';
import { suggestionHint } from '../util/suggest.js';

/** Outputs every fan-out step has, whatever its type. */
export const FANOUT_OUTPUTS = ['items', 'count', 'ok', 'unchanged', 'skipped', 'failed', 'failures', 'status'] as const;
/** Outputs every single (non fan-out) step has besides its handler's. */
export const COMMON_OUTPUTS = ['status', 'error', 'outcome', 'detail'] as const;

/** What an expression at one place in a workflow may refer to. */
export interface ReferenceScope {
  vars: readonly string[];
  /** Earlier steps of the same workflow, with the outputs each is known to have. */
  steps: ReadonlyMap<string, readonly string[]>;
  /** Names bound at this place: the fan-out item (`item` or its `as:` name) and `index`, `result` in `outputs:`. */
  locals: readonly string[];
  /** The name a fan-out binds its items to here, for hints. */
  item?: string;
  /** The step the expression belongs to, and the steps after it: named too early, they get a precise message. */
  current?: string;
  later?: readonly string[];
}

const RUN_FIELDS = ['id', 'started_at'];

/**
 * Checks every name an expression reads against what exists at that point of the workflow, so a
 * typo in `steps.sorce.items` is reported before the run instead of failing half-way through it.
 */
export function checkReferences(references: readonly Reference[], scope: ReferenceScope): SourceIssue[] {
  const issues: SourceIssue[] = [];
  const roots = ['vars', 'steps', 'run', ...scope.locals];
  for (const reference of references) {
    const { root, path, location } = reference;
    const at = (message: string, hint?: string): void => {
      issues.push({ file: location.file, line: location.line, column: location.column, message, ...(hint ? { hint } : {}) });
    };
    switch (root) {
      case 'vars': {
        const name = path[0];
        if (name !== undefined && !scope.vars.includes(name)) {
          at(`unknown var 'vars.${name}'`, scope.vars.length ? suggestionHint(name, scope.vars) : 'declare it under vars:');
        }
        break;
      }
      case 'steps': {
        const id = path[0];
        if (id === undefined) break;
        const outputs = scope.steps.get(id);
        if (!outputs) {
          if (id === scope.current) at(`step '${id}' cannot read its own outputs`, "use 'result' in the step's outputs: instead");
          else if (scope.later?.includes(id)) at(`step '${id}' runs after this one: only earlier steps can be used`, `move this step after '${id}', or '${id}' before it`);
          else at(`unknown step 'steps.${id}'`, scope.steps.size ? `${suggestionHint(id, [...scope.steps.keys()])} (only earlier steps can be used)` : 'no earlier step exists here');
          break;
        }
        const output = path[1];
        if (output !== undefined && outputs.length > 0 && !outputs.includes(output)) {
          at(`step '${id}' has no output '${output}'`, suggestionHint(output, outputs));
        }
        break;
      }
      case 'run': {
        const field = path[0];
        if (field !== undefined && !RUN_FIELDS.includes(field)) at(`unknown field 'run.${field}'`, suggestionHint(field, RUN_FIELDS));
        break;
      }
      case 'env':
        at("'env' is not a variable", "read the environment explicitly with env('NAME') or secret('NAME')");
        break;
      default:
        if (roots.includes(root)) break;
        if (root === 'result') {
          at("'result' is only defined in a step's outputs:", 'it holds the outputs of that step, e.g. outputs: { total: ${{ result.count }} }');
        } else if (root === 'item' || root === 'index') {
          at(`'${root}' is only defined inside a step with foreach`, scope.item ? `this step names its items '${scope.item}'` : 'add foreach: to the step, or use steps.<id>.items');
        } else {
          at(`unknown name '${root}'`, suggestionHint(root, roots));
        }
    }
  }
  return issues;
}
