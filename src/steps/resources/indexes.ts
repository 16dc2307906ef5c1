/**
 * The run-wide natural-key indexes the write steps consult before creating anything, and the fresh
 * lookups they use to settle a create whose answer was lost.
 */
import type { ApiClient } from '../../api/index.js';
import { ApiError } from '../../errors.js';
import type { StepContext } from '../define-step.js';
import { isPlanned } from '../resource-ref.js';
import { KeyedIndex } from './keyed-index.js';
import type { ApiObject } from './keyed-index.js';
import { KINDS } from './kinds.js';
import type { WritableKind } from './kinds.js';

/** Emails are compared without case, as the API does. */
const lower = (value: unknown): string | undefined => (typeof value === 'string' ? value.toLowerCase() : undefined);
const string = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** The natural key of an object (or of a create body) of each kind. */
export const NATURAL_KEY: Readonly<Record<WritableKind, (object: ApiObject) => string | undefined>> = {
  group: (o) => string(o.name),
  destination: (o) => string(o.group_id),
  connection: (o) => string(o.schema),
  user: (o) => lower(o.email),
  team: (o) => string(o.name),
};

/** Where the objects of a kind are listed; connections are listed per group. */
function listPath(kind: WritableKind, groupId: string | undefined): string {
  return kind === 'connection' ? `groups/${encodeURIComponent(groupId ?? '')}/connections` : KINDS[kind].collection;
}

/** Memo key of an index, so other code can `ctx.forget` it after a change the index cannot follow. */
export function indexMemoKey(kind: WritableKind, groupId?: string): string {
  return kind === 'connection' ? `index:connection:${groupId ?? ''}` : `index:${kind}`;
}

async function collect(client: ApiClient, path: string, query?: Record<string, string>): Promise<ApiObject[]> {
  const objects: ApiObject[] = [];
  for await (const object of client.paginate<ApiObject>(path, query ? { query, prefetch: true } : { prefetch: true })) objects.push(object);
  return objects;
}

/**
 * The index of a kind (connections: of one group), listed once per run. A group that is only
 * planned has nothing to list yet.
 */
export function loadIndex(ctx: StepContext, kind: WritableKind, groupId?: string): Promise<KeyedIndex> {
  return ctx.memo(indexMemoKey(kind, groupId), async () => {
    if (groupId !== undefined && isPlanned(groupId)) return new KeyedIndex(NATURAL_KEY[kind]);
    return new KeyedIndex(NATURAL_KEY[kind], await collect(ctx.client, listPath(kind, groupId)));
  });
}

/**
 * Looks an object up by natural key with a fresh read (never the memo): what settles a create
 * whose answer was lost, or a 409 that says someone else made it.
 */
export async function lookupFresh(client: ApiClient, kind: WritableKind, key: string, groupId?: string): Promise<ApiObject | undefined> {
  const keyOf = NATURAL_KEY[kind];
  if (kind === 'destination') {
    try {
      return await client.get<ApiObject>(`destinations/${encodeURIComponent(key)}`);
    } catch (error) {
      if (error instanceof ApiError && error.isNotFound) return undefined;
      throw error;
    }
  }
  const query = kind === 'connection' ? { schema: key } : undefined;
  return (await collect(client, listPath(kind, groupId), query)).find((object) => keyOf(object) === key);
}
