import { StepError } from '../errors.js';
import type { StepSpec } from '../workflow/types.js';
import type { RunState } from './run-state.js';
import { stepKind } from './step-kind.js';

/**
 * Before a destructive step (delete, resync, forced sync) sends anything: go on with `--yes`,
 * ask once on a TTY listing what is affected, refuse otherwise. Dry runs send nothing, so they pass.
 */
export async function confirmDestructive(
  step: StepSpec,
  path: string,
  items: readonly { key: string; inputs: () => unknown }[],
  run: RunState,
): Promise<void> {
  const destructive = step.definition?.destructive;
  if (!destructive || run.options.dryRun || run.options.yes) return;
  const affected = items.filter((item) => destructive(item.inputs() as Record<string, unknown>)).map((item) => item.key);
  if (affected.length === 0) return;
  const action = stepKind(step);
  const what = `${action} on ${affected.length} item${affected.length === 1 ? '' : 's'}`;
  if (!run.options.confirm) {
    throw new StepError(`step '${path}' would run ${what} (${preview(affected)}); rerun with --yes to allow it`);
  }
  if (!(await run.options.confirm({ step: path, action, items: affected }))) {
    throw new StepError(`step '${path}' not confirmed: ${what} declined`);
  }
}

function preview(keys: readonly string[]): string {
  return keys.length <= 5 ? keys.join(', ') : `${keys.slice(0, 5).join(', ')} and ${keys.length - 5} more`;
}
