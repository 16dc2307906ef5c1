import { ApiError } from '../errors.js';
import type { StepContext } from './define-step.js';
import { defineStep } from './define-step.js';
import { isPlanned, refId, refObject } from './resource-ref.js';
import { objectMemoKey } from './resources/current-object.js';
import { RESOURCE_REF } from './resources/field-schemas.js';
import { indexMemoKey } from './resources/indexes.js';
import type { ApiObject } from './resources/keyed-index.js';
import { KINDS, WRITABLE_KINDS } from './resources/kinds.js';
import type { WritableKind } from './resources/kinds.js';

interface DeleteOutput extends Record<string, unknown> {
  id: string;
  /** What went (service, schema, group…), or null when it was already gone. */
  deleted: Record<string, unknown> | null;
  outcome?: 'skipped';
  detail: string;
}

const gone = (id: string): DeleteOutput => ({ id, deleted: null, outcome: 'skipped', detail: 'already gone' });

/** Deletes one object after reading it (so plans show what goes); an object already gone is skipped. */
export const deleteStep = defineStep<{ resource: WritableKind; id: unknown }, DeleteOutput>({
  type: 'delete',
  summary: 'delete a connection, group, destination, user or team (needs --yes or a confirmation)',
  main: 'resource',
  inputs: {
    type: 'object',
    properties: {
      resource: { type: 'string', enum: WRITABLE_KINDS, description: 'what to delete' },
      id: { ...RESOURCE_REF, description: 'the object to delete: its id or the object (it is read again first)' },
    },
    required: ['resource', 'id'],
    additionalProperties: false,
  },
  outputs: {
    id: 'id of the object',
    deleted: 'a short summary of what was deleted (service, schema, group…); null when it was already gone',
  },
  effect: () => 'delete',
  destructive: () => true,
  example: `- id: obsolete
  list: connections
  with: { group: staging }
  where: item.paused
- id: remove
  delete: connection
  foreach: \${{ steps.obsolete.items }}
  with:
    id: \${{ item }}`,
  async run(ctx, { resource: kind, id: ref }) {
    const id = refId(ref, 'id');
    const facts = KINDS[kind];
    // A planned object cannot be read; its delete is recorded with what the run knows of it.
    const current = isPlanned(id) ? { ...refObject(ref), id } : await read(ctx, kind, id);
    if (!current) return gone(id);
    const call = facts.remove(id);
    try {
      await ctx.write({ method: 'DELETE', path: call.path, target: { kind, id, before: current } });
    } catch (error) {
      if (error instanceof ApiError && error.isNotFound) return gone(id);
      throw error;
    }
    ctx.forget(objectMemoKey(kind, id));
    ctx.forget(indexMemoKey(kind, typeof current.group_id === 'string' ? current.group_id : undefined));
    return { id, deleted: facts.summary(current), detail: `${ctx.dryRun ? 'would delete' : 'deleted'} ${facts.describe(current)} (id ${id})` };
  },
});

/** The object as it is now, or undefined when the API says it does not exist. */
async function read(ctx: StepContext, kind: WritableKind, id: string): Promise<ApiObject | undefined> {
  try {
    return await ctx.client.get<ApiObject>(KINDS[kind].get(id).path);
  } catch (error) {
    if (error instanceof ApiError && error.isNotFound) return undefined;
    throw error;
  }
}
