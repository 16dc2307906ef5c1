import pLimit from 'p-limit';
import { ApiError, StepError } from '../errors.js';
import type { Evaluator, StepContext } from './define-step.js';
import { defineStep } from './define-step.js';
import { isPlanned, refId } from './resource-ref.js';
import { refuseInapplicable } from './resources/applicable-inputs.js';
import { RESOURCE_REF } from './resources/field-schemas.js';
import type { ApiObject } from './resources/keyed-index.js';
import { fieldPicker } from './resources/pick-fields.js';
import { resolveGroupId } from './resources/resolve-group.js';
import { columnRows, tableRows, tablesWithColumns } from './resources/schema-rows.js';

const LISTABLE = [
  'groups',
  'destinations',
  'connections',
  'users',
  'teams',
  'connector-types',
  'certificates',
  'fingerprints',
  'schema-tables',
  'schema-columns',
] as const;
type Listable = (typeof LISTABLE)[number];

interface ListInputs {
  resource: Listable;
  group?: unknown;
  schema?: string;
  connection?: unknown;
  destination?: unknown;
  fetch_columns?: boolean;
  where?: Evaluator;
  limit?: number;
  fields?: string[];
}

/** Inputs that select what is listed, by resource (`where`, `limit` and `fields` apply to all). */
const SELECTORS: Readonly<Record<Listable, readonly string[]>> = {
  groups: [],
  destinations: ['group'],
  connections: ['group', 'schema'],
  users: [],
  teams: [],
  'connector-types': [],
  certificates: ['connection', 'destination'],
  fingerprints: ['connection', 'destination'],
  'schema-tables': ['connection'],
  'schema-columns': ['connection', 'fetch_columns'],
};

/** Live column reads at once for `fetch_columns`: each one is a source interaction. */
const COLUMN_READS_AT_ONCE = 4;

const segment = encodeURIComponent;

/** Lists a resource to the end of its pages, filtered, capped and trimmed as asked. */
export const listStep = defineStep<ListInputs, { items: unknown[]; count: number }>({
  type: 'list',
  summary: 'list groups, destinations, connections, users, teams, connector types, certificates or a schema config as rows',
  main: 'resource',
  inline: ['where'],
  inputs: {
    type: 'object',
    properties: {
      resource: { type: 'string', enum: LISTABLE, description: 'what to list; schema-tables and schema-columns flatten a connection\'s schema config into rows' },
      group: { ...RESOURCE_REF, description: 'connections or destinations: only those of this group (id, name or object)' },
      schema: { type: 'string', minLength: 1, description: 'connections: only the one with this exact schema name' },
      connection: { ...RESOURCE_REF, description: 'certificates, fingerprints, schema-tables, schema-columns: of this connection' },
      destination: { ...RESOURCE_REF, description: 'certificates, fingerprints: of this destination' },
      fetch_columns: {
        type: 'boolean',
        default: false,
        description: 'schema-columns: also read the live columns of every enabled table from the source (one costly request per table); otherwise only the columns the config holds',
      },
      where: { type: 'string', 'x-atlas': 'expression', description: 'keep items for which this is true (`item` and `index` bound)' },
      limit: { type: 'integer', minimum: 1, description: 'stop after this many items (pages after it are not read)' },
      fields: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, description: "keep only these fields of each item; dotted paths allowed, e.g. ['id', 'status.setup_state']" },
    },
    required: ['resource'],
    additionalProperties: false,
  },
  outputs: { items: 'the items, in API order', count: 'how many' },
  effect: () => 'read',
  example: `- id: source
  list: connections
  with: { group: warehouse_legacy }
  where: item.service in ['postgres', 'sql_server'] && !item.paused`,
  async run(ctx, inputs) {
    const { resource, where, limit, fields, ...selectors } = inputs;
    refuseInapplicable(resource, selectors, SELECTORS[resource]);
    const items: unknown[] = [];
    const pick = fields ? fieldPicker(fields) : undefined;
    let index = 0;
    for await (const item of source(ctx, inputs)) {
      const position = index++;
      if (where && where({ item, index: position }) !== true) continue;
      items.push(pick ? pick(item) : item);
      if (limit !== undefined && items.length >= limit) break;
    }
    return { items, count: items.length };
  },
});

/** The items of the resource, page after page; planned owners have nothing to list yet. */
async function* source(ctx: StepContext, inputs: ListInputs): AsyncGenerator<ApiObject> {
  const { client } = ctx;
  // A list read to its end fetches the next page while this one is filtered; one cut short by `limit` does not.
  const paging = { prefetch: inputs.limit === undefined };
  switch (inputs.resource) {
    case 'groups':
    case 'users':
    case 'teams':
      yield* client.paginate<ApiObject>(inputs.resource, paging);
      return;
    case 'connector-types':
      yield* client.paginate<ApiObject>('metadata/connector-types', paging);
      return;
    case 'connections': {
      const query = inputs.schema === undefined ? paging : { ...paging, query: { schema: inputs.schema } };
      if (inputs.group === undefined) {
        yield* client.paginate<ApiObject>('connections', query);
        return;
      }
      const groupId = await resolveGroupId(ctx, inputs.group);
      if (!isPlanned(groupId)) yield* client.paginate<ApiObject>(`groups/${segment(groupId)}/connections`, query);
      return;
    }
    case 'destinations':
      if (inputs.group === undefined) yield* client.paginate<ApiObject>('destinations', paging);
      else yield* destinationOf(ctx, await resolveGroupId(ctx, inputs.group));
      return;
    case 'certificates':
    case 'fingerprints': {
      const owner = trustOwner(inputs);
      if (!isPlanned(owner.id)) yield* client.paginate<ApiObject>(`${owner.collection}/${segment(owner.id)}/${inputs.resource}`, paging);
      return;
    }
    case 'schema-tables':
    case 'schema-columns': {
      const connectionId = refId(inputs.connection ?? missing(inputs.resource, 'connection'), 'connection');
      if (isPlanned(connectionId)) return;
      const config = await client.get<ApiObject>(`connections/${segment(connectionId)}/schemas`);
      if (inputs.resource === 'schema-tables') yield* tableRows(config, connectionId);
      else yield* await schemaColumns(ctx, config, connectionId, inputs.fetch_columns ?? false);
    }
  }
}

/** A group's destination (one per group, same id), or nothing when it has none. */
async function* destinationOf(ctx: StepContext, groupId: string): AsyncGenerator<ApiObject> {
  if (isPlanned(groupId)) return;
  try {
    yield await ctx.client.get<ApiObject>(`destinations/${segment(groupId)}`);
  } catch (error) {
    if (!(error instanceof ApiError && error.isNotFound)) throw error;
  }
}

function trustOwner(inputs: ListInputs): { collection: string; id: string } {
  if ((inputs.connection === undefined) === (inputs.destination === undefined)) {
    throw new StepError(`list ${inputs.resource} needs exactly one of 'connection' or 'destination'`);
  }
  return inputs.connection !== undefined
    ? { collection: 'connections', id: refId(inputs.connection, 'connection') }
    : { collection: 'destinations', id: refId(inputs.destination, 'destination') };
}

/** Column rows of every table; with `fetch`, each enabled table's live columns are read too. */
async function schemaColumns(ctx: StepContext, config: ApiObject, connectionId: string, fetch: boolean): Promise<ApiObject[]> {
  const tables = tablesWithColumns(config, connectionId);
  const limit = pLimit(COLUMN_READS_AT_ONCE);
  const perTable = await Promise.all(
    tables.map((table) =>
      limit(async () => {
        const { row } = table;
        if (!fetch || row.enabled !== true || row.schema_enabled !== true) return columnRows(table);
        const path = `connections/${segment(connectionId)}/schemas/${segment(String(row.schema))}/tables/${segment(String(row.table))}/columns`;
        const live = await ctx.client.get<{ columns?: Record<string, ApiObject> }>(path);
        return columnRows(table, live.columns ?? {});
      }),
    ),
  );
  return perTable.flat();
}

function missing(resource: string, input: string): never {
  throw new StepError(`list ${resource} needs input '${input}'`);
}
