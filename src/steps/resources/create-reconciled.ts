/**
 * Sends a create so that a lost answer never makes a duplicate: when the POST may have been applied
 * (a 5xx after sending, a reset, a timeout) the object is looked up by its natural key with a fresh
 * read before anything is sent again — found, it is adopted; not found, nothing was made and the
 * POST goes again (a few times at most, each after its own lookup, so no send can duplicate).
 */
import { ApiError, mayHaveBeenApplied } from '../../errors.js';
import type { StepContext, WriteRequest } from '../define-step.js';
import type { ApiObject } from './keyed-index.js';

export interface CreateResult {
  object: ApiObject;
  /**
   * `created`: the POST answered; `reconciled`: an ambiguous failure, then found by natural key;
   * `conflict`: the API said it exists (409) and the lookup found it made by someone else.
   */
  how: 'created' | 'reconciled' | 'conflict';
}

/** Sends of one create at most; each one after the first follows a lookup that found nothing. */
const MAX_SENDS = 3;

/** Creates through the write gate, reconciling ambiguous failures and 409s by a natural-key lookup. */
export async function createReconciled(
  ctx: Pick<StepContext, 'write' | 'say'>,
  request: WriteRequest,
  lookup: () => Promise<ApiObject | undefined>,
): Promise<CreateResult> {
  let ambiguous: unknown;
  for (let send = 1; ; send++) {
    try {
      return { object: await ctx.write<ApiObject>(request), how: 'created' };
    } catch (error) {
      const conflict = error instanceof ApiError && error.status === 409;
      if (!conflict && !mayHaveBeenApplied(error)) throw error;
      const found = await lookup();
      if (found) {
        if (conflict && ambiguous === undefined) return { object: found, how: 'conflict' };
        ctx.say({ kind: 'warning', message: `${describeError(ambiguous ?? error)}; found it by its natural key (id ${String(found.id)}): adopted, not sent again` });
        return { object: found, how: 'reconciled' };
      }
      if (conflict || send >= MAX_SENDS) throw error;
      ambiguous = error;
      ctx.say({ kind: 'warning', message: `${describeError(error)}; not found by its natural key, so it was not made: sending it again` });
    }
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
