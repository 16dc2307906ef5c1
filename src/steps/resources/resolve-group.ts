import { StepError } from '../../errors.js';
import { closest } from '../../util/suggest.js';
import type { StepContext } from '../define-step.js';
import { isPlanned, refObject } from '../resource-ref.js';
import { loadIndex } from './indexes.js';

/**
 * The id of the group an input names: an object with an id, a planned id, or a group id or name
 * looked up in the run's group index (one list per run, whatever the fan-out).
 */
export async function resolveGroupId(ctx: StepContext, ref: unknown, input = 'group'): Promise<string> {
  const object = refObject(ref);
  if (object && typeof object.id === 'string' && object.id !== '') return object.id;
  if (typeof ref !== 'string' || ref === '') throw new StepError(`input '${input}' must be a group id, a group name or an object with an id`);
  if (isPlanned(ref)) return ref;
  const index = await loadIndex(ctx, 'group');
  for (const group of index.values()) if (group.id === ref) return ref;
  const named = index.find(ref);
  if (named && typeof named.id === 'string') return named.id;
  const near = closest(ref, index.keys());
  throw new StepError(`input '${input}': no group with id or name '${ref}'${near ? `; did you mean '${near}'?` : ''}`);
}
