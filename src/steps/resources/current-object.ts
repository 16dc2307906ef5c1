import type { StepContext } from '../define-step.js';
import { refObject } from '../resource-ref.js';
import type { ApiObject } from './keyed-index.js';
import { KINDS } from './kinds.js';
import type { WritableKind } from './kinds.js';

/**
 * The object as it stands, to compare against: the given object itself when it holds every field
 * compared (a list item usually does), otherwise one fresh read.
 */
export async function currentObject(ctx: StepContext, kind: WritableKind, ref: unknown, id: string, fields: readonly string[]): Promise<ApiObject> {
  const given = refObject(ref);
  if (given && fields.every((field) => field in given)) return given;
  const call = KINDS[kind].get(id);
  return ctx.client.get<ApiObject>(call.path);
}

/** Memo key of an object read by id, shared by the steps that read it. */
export function objectMemoKey(kind: string, id: string): string {
  return `object:${kind}:${id}`;
}
