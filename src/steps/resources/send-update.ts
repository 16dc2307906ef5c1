import type { StepContext } from '../define-step.js';
import { objectMemoKey } from './current-object.js';
import type { ApiObject } from './keyed-index.js';
import { KINDS, type WritableKind } from './kinds.js';
import { applyPatch } from './update-plan.js';

/**
 * Sends an update plan's PATCH through the write gate (a dry run records it and answers the object as
 * the PATCH would leave it) and forgets the copy of the object the run read before.
 */
export async function sendUpdate(ctx: StepContext, kind: WritableKind, id: string, current: ApiObject, body: Record<string, unknown>): Promise<ApiObject> {
  const call = KINDS[kind].update(id, body);
  const updated = await ctx.write<ApiObject>({
    method: 'PATCH',
    path: call.path,
    body: call.body,
    target: { kind, id, before: current, changes: body },
    planned: () => applyPatch(current, body),
    answersObject: true,
  });
  ctx.forget(objectMemoKey(kind, id));
  return updated;
}
