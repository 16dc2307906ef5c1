/**
 * Turning a schema config as read into a request body: the OpenAPI request schemas are the source of
 * truth for what may be sent, so read-only fields (`name_in_destination`, `supports_*`,
 * `enabled_patch_settings`, `enable_new_by_default`…) fall away without a hand-kept list.
 */
import type { SchemaConfig, SchemaConfigCreate, SchemaConfigUpdate } from '../../api/index.js';
import { loadSubset, refName } from '../../openapi/subset.js';
import type { JsonSchema } from '../../openapi/subset.js';

function resolve(schema: JsonSchema | undefined): JsonSchema | undefined {
  const name = refName(schema?.$ref);
  return name === undefined ? schema : loadSubset().components.schemas[name];
}

/**
 * `value` reduced to what `schema` declares: undeclared properties and nulls are dropped, map
 * entries (`additionalProperties`) and array items are reduced in turn.
 */
export function projectOnto(value: unknown, schema: JsonSchema | undefined): unknown {
  const resolved = resolve(schema);
  if (!resolved || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => projectOnto(item, resolved.items as JsonSchema | undefined));
  const properties = (resolved.properties ?? {}) as Record<string, JsonSchema>;
  const additional = typeof resolved.additionalProperties === 'object' ? (resolved.additionalProperties as JsonSchema) : undefined;
  if (Object.keys(properties).length === 0 && !additional) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const childSchema = Object.hasOwn(properties, key) ? properties[key] : additional;
    if (childSchema && child !== null && child !== undefined) out[key] = projectOnto(child, childSchema);
  }
  return out;
}

/** A request component of the committed definition, by name. */
function component(name: string): JsonSchema {
  const schema = loadSubset().components.schemas[name];
  if (!schema) throw new Error(`the OpenAPI subset has no component ${name}`);
  return schema;
}

/**
 * A column's primary-key flag describes the source table, not a selection choice, and some services
 * refuse it (the seed's copy script drops it for sql_server_rds), so copies leave it out.
 */
function withoutPrimaryKeys<T>(body: T): T {
  for (const schema of Object.values((body as { schemas?: Record<string, { tables?: Record<string, { columns?: Record<string, Record<string, unknown>> }> }> }).schemas ?? {})) {
    for (const table of Object.values(schema.tables ?? {})) for (const column of Object.values(table.columns ?? {})) delete column.is_primary_key;
  }
  return body;
}

/** The source config as a pre-create body (`POST …/schemas`, only before the target has a config). */
export function copyCreateBody(source: SchemaConfig): SchemaConfigCreate {
  return withoutPrimaryKeys(projectOnto(structuredClone(source), component('StandardConfigCreateRequest')) as SchemaConfigCreate);
}

/** The source config as a whole-config update body (`PATCH …/schemas`): the wish a copy diffs against the target. */
export function copyUpdateBody(source: SchemaConfig): SchemaConfigUpdate {
  return withoutPrimaryKeys(projectOnto(structuredClone(source), component('StandardConfigUpdateRequest')) as SchemaConfigUpdate);
}
