import { StepError } from '../errors.js';
import type { StepContext } from './define-step.js';

/**
 * An input naming an API object: its id, or the object itself (e.g. a list item). Passing the
 * object lets a handler use the fields it already holds instead of reading it again.
 */
export type ResourceRef = string | { id: string; [field: string]: unknown };

/** The id of a ResourceRef input; a StepError names the input when there is none. */
export function refId(ref: unknown, input: string): string {
  if (typeof ref === 'string' && ref !== '') return ref;
  if (ref && typeof ref === 'object' && typeof (ref as { id?: unknown }).id === 'string') return (ref as { id: string }).id;
  throw new StepError(`input '${input}' must be an id or an object with an id, got ${ref === null ? 'null' : typeof ref}`);
}

/** The object of a ResourceRef input when one was given (not just an id). */
export function refObject(ref: unknown): Record<string, unknown> | undefined {
  return ref && typeof ref === 'object' && !Array.isArray(ref) ? (ref as Record<string, unknown>) : undefined;
}

const PLANNED = 'planned:';

/**
 * The id a dry run gives an object it would create, so later steps can go on planning against it;
 * `apply` replaces it with the real id once the create has been sent.
 */
export function plannedId(ctx: Pick<StepContext, 'stepId' | 'itemKey'>, kind: string): string {
  return `${PLANNED}${kind}:${ctx.stepId}${ctx.itemKey === '-' ? '' : `[${ctx.itemKey}]`}`;
}

/** True for ids made by {@link plannedId}: nothing can be read from the API about them. */
export function isPlanned(id: string): boolean {
  return id.startsWith(PLANNED);
}
