/** `schema: patch`: wanted settings, checked against the current config, sent as the smallest PATCH. */
import { getTableColumns, updateSchemaConfig } from '../../api/index.js';
import type { ColumnConfig, SchemaConfig } from '../../api/index.js';
import { StepError } from '../../errors.js';
import type { StepContext } from '../define-step.js';
import { isPlanned } from '../resource-ref.js';
import { tableColumnsKey } from './memo-keys.js';
import { diffSchemaConfig } from './schema-diff.js';
import type { ColumnLookup } from './schema-diff.js';
import { readSchemaConfig, rememberSchemaConfig } from './schema-config-read.js';
import { describeChanges } from './schema-outcome.js';
import type { SchemaOutputs } from './schema-outcome.js';
import { WishBuilder, wishAsBody } from './schema-wish.js';
import type { ConfigWish } from './schema-wish.js';
import { writeCall } from './write-call.js';

/** The patch inputs of the `schema` step. */
export interface PatchRequest {
  schemas?: unknown;
  enable?: unknown;
  disable?: unknown;
  hash?: unknown;
  schema_change_handling?: unknown;
  is_type_locked?: unknown;
}

function buildWish(config: SchemaConfig | undefined, request: PatchRequest): WishBuilder {
  const builder = new WishBuilder(config);
  builder.nested(request.schemas);
  builder.names('enable', request.enable, 'enabled', true);
  builder.names('disable', request.disable, 'enabled', false);
  builder.names('hash', request.hash, 'hashed', true);
  builder.settings(request.schema_change_handling, request.is_type_locked);
  return builder;
}

/**
 * Live columns of the tables whose wished columns the config does not list (it lists only columns
 * a user has set): one read per table per run, so a typo is caught with a suggestion.
 */
async function liveColumns(ctx: StepContext, id: string, config: SchemaConfig, wish: ConfigWish): Promise<ColumnLookup> {
  const read = new Map<string, Record<string, ColumnConfig>>();
  for (const [schema, schemaWish] of Object.entries(wish.schemas)) {
    for (const [table, tableWish] of Object.entries(schemaWish.tables)) {
      const listed = config.schemas[schema]?.tables?.[table]?.columns ?? {};
      if (config.schemas[schema]?.tables?.[table]?.supports_columns_config === false) continue;
      if (Object.keys(tableWish.columns).every((column) => Object.hasOwn(listed, column))) continue;
      const answer = await ctx.memo(tableColumnsKey(id, schema, table), () => ctx.client.get<{ columns: Record<string, ColumnConfig> }>(getTableColumns(id, schema, table).path, undefined, { signal: ctx.signal }));
      read.set(JSON.stringify([schema, table]), answer.columns);
    }
  }
  return (schema, table) => read.get(JSON.stringify([schema, table]));
}

/** Tables enabled inside a schema that stays disabled do not sync: worth a warning. */
function strandedTables(config: SchemaConfig, wish: ConfigWish): string[] {
  return Object.entries(wish.schemas).flatMap(([schema, schemaWish]) => {
    const schemaOn = schemaWish.enabled ?? config.schemas[schema]?.enabled;
    if (schemaOn !== false) return [];
    return Object.entries(schemaWish.tables)
      .filter(([, t]) => t.enabled === true)
      .map(([table]) => `${schema}.${table}`);
  });
}

/** Applies a patch request to a connection's schema config. */
export async function patchSchema(ctx: StepContext, id: string, request: PatchRequest): Promise<SchemaOutputs> {
  if (isPlanned(id)) {
    const builder = buildWish(undefined, request);
    if (builder.problems.length) throw new StepError(`cannot patch the schema config: ${builder.problems.join('; ')}`);
    await writeCall(ctx, updateSchemaConfig(id, wishAsBody(builder.wish)), { kind: 'schema_config', id });
    return { config: null, changes: [], detail: 'patch of the planned connection' };
  }
  const current = await readSchemaConfig(ctx, id);
  const builder = buildWish(current, request);
  if (builder.problems.length) throw new StepError(`cannot patch the schema config of ${id}: ${builder.problems.join('; ')}`);
  const diff = diffSchemaConfig(current, builder.wish, await liveColumns(ctx, id, current, builder.wish));
  if (diff.refusals.length) throw new StepError(`cannot patch the schema config of ${id}: ${diff.refusals.join('; ')}`);
  if (diff.changes.length === 0) return { config: current, changes: [], outcome: 'unchanged', detail: 'already as asked' };
  for (const table of strandedTables(current, builder.wish)) {
    ctx.say({ kind: 'warning', message: `${table} is enabled but its schema is disabled: it will not sync` });
  }
  const config = await writeCall(ctx, updateSchemaConfig(id, diff.body), { kind: 'schema_config', id, before: current, changes: diff.body });
  if (config) rememberSchemaConfig(ctx, id, config);
  return { config: config ?? current, changes: diff.changes, detail: describeChanges(diff.changes) };
}
