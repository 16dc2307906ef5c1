/**
 * Schema configs: built from the source catalogue on reload or first sync, patched at every level,
 * rendered the way the API lists them (every schema and table, only the columns a user has set).
 */
import { namingFormat } from '../../openapi/definition-facts.js';
import { toDestinationName } from '../catalogue/naming.js';
import { connectionService } from '../catalogue/services.js';
import { sourceSchemasFor } from '../catalogue/source-schemas.js';
import type { SourceSchema, SourceTable } from '../catalogue/source-schemas.js';
import { HttpProblem, invalidInput } from '../http/problem.js';
import type { ColumnConfig, ConnectionRecord, JsonObject, SchemaChangeHandling, SchemaConfig, SchemaEntry, TableConfig } from '../state/types.js';

/** The source schemas this connection's reload finds. */
export function catalogueOf(connection: ConnectionRecord): SourceSchema[] {
  const family = connectionService(connection.service)?.family ?? 'app';
  return sourceSchemasFor({ service: connection.service, family, schema: connection.schema, config: connection.config });
}

function schemaNameInDestination(connection: ConnectionRecord, schemaName: string): string {
  if (namingFormat(connection.service) === 'schema_prefix') return `${connection.schema}_${toDestinationName(schemaName)}`;
  return connection.schema.split('.')[0] ?? connection.schema;
}

function tableFromSource(table: SourceTable, enabled: boolean): TableConfig {
  return {
    name_in_destination: toDestinationName(table.name),
    enabled: table.blocked ? false : enabled,
    ...(table.supportsHistory ? { sync_mode: 'SOFT_DELETE' as const } : {}),
    supports_columns_config: table.supportsColumns,
    supports_history_mode: table.supportsHistory,
    enabled_patch_settings: table.blocked ? { allowed: false, ...table.blocked } : { allowed: true },
    columns: {},
  };
}

/** Builds or refreshes a config from the catalogue. Existing entries are kept as they are. */
export function reloadSchemaConfig(connection: ConnectionRecord, excludeNew: boolean): SchemaConfig {
  const existing = connection.schema_config;
  const config: SchemaConfig = existing ?? { schema_change_handling: 'ALLOW_ALL', schemas: {} };
  // On the first load everything is enabled; later, new objects follow the change-handling policy.
  const enableNew = existing ? config.schema_change_handling === 'ALLOW_ALL' && !excludeNew : !excludeNew;
  for (const source of catalogueOf(connection)) {
    const schema = (config.schemas[source.name] ??= {
      name_in_destination: schemaNameInDestination(connection, source.name),
      enabled: enableNew,
      tables: {},
    });
    for (const table of source.tables) schema.tables[table.name] ??= tableFromSource(table, enableNew);
  }
  connection.schema_config = config;
  return config;
}

/**
 * The connection's config: after a completed sync there always is one (built on first use, which
 * keeps 100 000 generated connections cheap); before that, 404 `NotFound_SchemaConfig`.
 */
export function requireSchemaConfig(connection: ConnectionRecord): SchemaConfig {
  if (!connection.schema_config && connection.succeeded_at !== null) reloadSchemaConfig(connection, false);
  if (!connection.schema_config) {
    throw new HttpProblem(404, 'NotFound_SchemaConfig', `Connection with id '${connection.id}' doesn't have schema config`);
  }
  return connection.schema_config;
}

/** The response shape of a schema config. */
export function renderSchemaConfig(config: SchemaConfig): JsonObject {
  const schemas: JsonObject = {};
  for (const [name, schema] of Object.entries(config.schemas)) {
    const tables: JsonObject = {};
    for (const [tableName, table] of Object.entries(schema.tables)) {
      const { dropped_columns: _dropped, ...shown } = table;
      tables[tableName] = shown;
    }
    schemas[name] = { name_in_destination: schema.name_in_destination, enabled: schema.enabled, tables };
  }
  return {
    enable_new_by_default: config.schema_change_handling === 'ALLOW_ALL',
    schema_change_handling: config.schema_change_handling,
    ...(config.is_type_locked === undefined ? {} : { is_type_locked: config.is_type_locked }),
    schemas,
  };
}

// ---- lookups ----

function missing(kind: string, name: string, where: string): HttpProblem {
  return new HttpProblem(404, 'NotFound', `${kind} '${name}' not found in ${where}`);
}

function schemaEntry(config: SchemaConfig, connection: ConnectionRecord, schemaName: string): SchemaEntry {
  const schema = Object.hasOwn(config.schemas, schemaName) ? config.schemas[schemaName] : undefined;
  if (!schema) throw missing('Schema', schemaName, `the schema config of connection '${connection.id}'`);
  return schema;
}

function tableEntry(schema: SchemaEntry, schemaName: string, tableName: string): TableConfig {
  const table = Object.hasOwn(schema.tables, tableName) ? schema.tables[tableName] : undefined;
  if (!table) throw missing('Table', tableName, `schema '${schemaName}'`);
  return table;
}

function sourceTable(connection: ConnectionRecord, schemaName: string, tableName: string): SourceTable | undefined {
  return catalogueOf(connection)
    .find((s) => s.name === schemaName)
    ?.tables.find((t) => t.name === tableName);
}

/** Every column of a table (catalogue columns merged with user settings), minus dropped ones. */
export function liveColumns(connection: ConnectionRecord, schemaName: string, tableName: string): Record<string, ColumnConfig> {
  const config = requireSchemaConfig(connection);
  const table = tableEntry(schemaEntry(config, connection, schemaName), schemaName, tableName);
  const dropped = new Set(table.dropped_columns ?? []);
  const columns: Record<string, ColumnConfig> = {};
  for (const column of sourceTable(connection, schemaName, tableName)?.columns ?? []) {
    if (!dropped.has(column.name)) columns[column.name] = table.columns[column.name] ?? defaultColumn(column.name, column.primaryKey);
  }
  for (const [name, column] of Object.entries(table.columns)) columns[name] ??= column;
  return columns;
}

function defaultColumn(name: string, primaryKey: boolean): ColumnConfig {
  return {
    name_in_destination: toDestinationName(name),
    enabled: true,
    hashed: false,
    is_primary_key: primaryKey,
    enabled_patch_settings: primaryKey ? { allowed: false, reason_code: 'SYSTEM_COLUMN' } : { allowed: true },
  };
}

// ---- patches ----

interface ColumnPatch {
  enabled?: boolean;
  hashed?: boolean;
  is_primary_key?: boolean;
}

interface TablePatch {
  enabled?: boolean;
  sync_mode?: TableConfig['sync_mode'];
  columns?: Record<string, ColumnPatch>;
}

interface SchemaPatch {
  enabled?: boolean;
  tables?: Record<string, TablePatch>;
}

/** Applies `{enabled, hashed?, is_primary_key?}` to one column of a table. */
export function patchColumn(connection: ConnectionRecord, schemaName: string, tableName: string, columnName: string, patch: ColumnPatch): void {
  const config = requireSchemaConfig(connection);
  const table = tableEntry(schemaEntry(config, connection, schemaName), schemaName, tableName);
  if (!table.supports_columns_config) {
    throw invalidInput(`Table \`${tableName}\` of schema \`${schemaName}\` doesn't supports columns configuration`);
  }
  const known = liveColumns(connection, schemaName, tableName);
  const source = sourceTable(connection, schemaName, tableName);
  const current = known[columnName] ?? (source ? undefined : defaultColumn(columnName, false));
  if (!current) throw missing('Column', columnName, `table '${schemaName}.${tableName}'`);
  if (patch.enabled !== undefined && patch.enabled !== current.enabled && !current.enabled_patch_settings.allowed) {
    throw invalidInput(`Column '${columnName}' of table '${schemaName}.${tableName}' cannot be ${patch.enabled ? 'enabled' : 'disabled'}: it is a primary key`);
  }
  table.columns[columnName] = {
    ...current,
    ...(patch.enabled === undefined ? {} : { enabled: patch.enabled }),
    ...(patch.hashed === undefined ? {} : { hashed: patch.hashed }),
    ...(patch.is_primary_key === undefined ? {} : { is_primary_key: patch.is_primary_key }),
  };
}

/** Applies `{enabled, sync_mode?, columns?}` to one table. */
export function patchTable(connection: ConnectionRecord, schemaName: string, tableName: string, patch: TablePatch): void {
  const config = requireSchemaConfig(connection);
  const table = tableEntry(schemaEntry(config, connection, schemaName), schemaName, tableName);
  if (patch.enabled !== undefined && patch.enabled !== table.enabled && !table.enabled_patch_settings.allowed) {
    const reason = table.enabled_patch_settings.reason ?? table.enabled_patch_settings.reason_code ?? 'not allowed';
    throw invalidInput(`Table '${schemaName}.${tableName}' cannot be ${patch.enabled ? 'enabled' : 'disabled'}: ${reason}`);
  }
  if (patch.sync_mode === 'HISTORY' && !table.supports_history_mode) {
    throw invalidInput(`Table '${schemaName}.${tableName}' doesn't support history mode`);
  }
  for (const [columnName, columnPatch] of Object.entries(patch.columns ?? {})) patchColumn(connection, schemaName, tableName, columnName, columnPatch);
  if (patch.enabled !== undefined) table.enabled = patch.enabled;
  if (patch.sync_mode !== undefined) table.sync_mode = patch.sync_mode;
}

/** Applies `{enabled, tables?}` to one schema. */
export function patchSchema(connection: ConnectionRecord, schemaName: string, patch: SchemaPatch): void {
  const schema = schemaEntry(requireSchemaConfig(connection), connection, schemaName);
  for (const [tableName, tablePatch] of Object.entries(patch.tables ?? {})) patchTable(connection, schemaName, tableName, tablePatch);
  if (patch.enabled !== undefined) schema.enabled = patch.enabled;
}

/** Applies a whole-config PATCH `{schema_change_handling?, is_type_locked?, schemas?}`. */
export function patchSchemaConfig(connection: ConnectionRecord, body: JsonObject): void {
  const config = requireSchemaConfig(connection);
  for (const [schemaName, schemaPatch] of Object.entries((body.schemas ?? {}) as Record<string, SchemaPatch>)) {
    patchSchema(connection, schemaName, schemaPatch);
  }
  if (typeof body.schema_change_handling === 'string') config.schema_change_handling = body.schema_change_handling as SchemaChangeHandling;
  if (typeof body.is_type_locked === 'boolean') config.is_type_locked = body.is_type_locked;
}

/** Creates the config a connection has none of yet (`POST …/schemas`), from the request. */
export function createSchemaConfig(connection: ConnectionRecord, body: JsonObject): SchemaConfig {
  const config: SchemaConfig = {
    schema_change_handling: (body.schema_change_handling as SchemaChangeHandling | undefined) ?? 'ALLOW_ALL',
    ...(typeof body.is_type_locked === 'boolean' ? { is_type_locked: body.is_type_locked } : {}),
    schemas: {},
  };
  const catalogue = catalogueOf(connection);
  for (const [schemaName, schemaPatch] of Object.entries((body.schemas ?? {}) as Record<string, SchemaPatch>)) {
    const source = catalogue.find((s) => s.name === schemaName);
    const tables: Record<string, TableConfig> = {};
    for (const [tableName, tablePatch] of Object.entries(schemaPatch.tables ?? {})) {
      const sourceTableEntry = source?.tables.find((t) => t.name === tableName);
      const table = sourceTableEntry
        ? tableFromSource(sourceTableEntry, tablePatch.enabled ?? true)
        : tableFromSource({ name: tableName, columns: [], supportsColumns: true, supportsHistory: true }, tablePatch.enabled ?? true);
      if (tablePatch.sync_mode !== undefined) table.sync_mode = tablePatch.sync_mode;
      for (const [columnName, columnPatch] of Object.entries(tablePatch.columns ?? {})) {
        const primaryKey = sourceTableEntry?.columns.find((c) => c.name === columnName)?.primaryKey ?? false;
        table.columns[columnName] = { ...defaultColumn(columnName, primaryKey), ...columnPatch, ...(primaryKey ? { enabled: true } : {}) };
      }
      tables[tableName] = table;
    }
    config.schemas[schemaName] = {
      name_in_destination: schemaNameInDestination(connection, schemaName),
      enabled: schemaPatch.enabled ?? true,
      tables,
    };
  }
  // Source objects the request does not mention join on the next reload or sync, per the policy.
  connection.schema_config = config;
  return config;
}

/** Drops blocked (disabled) columns: `{schema: {tables: {table: {columns: [names]}}}}`. */
export function dropColumns(connection: ConnectionRecord, request: Record<string, Record<string, string[]>>): number {
  const config = requireSchemaConfig(connection);
  const plan: { table: TableConfig; column: string }[] = [];
  for (const [schemaName, tables] of Object.entries(request)) {
    const schema = schemaEntry(config, connection, schemaName);
    for (const [tableName, columns] of Object.entries(tables)) {
      const table = tableEntry(schema, schemaName, tableName);
      const live = liveColumns(connection, schemaName, tableName);
      for (const column of columns) {
        const current = live[column];
        if (!current) throw missing('Column', column, `table '${schemaName}.${tableName}'`);
        if (current.enabled) throw new HttpProblem(409, 'Conflict', `Column '${column}' of table '${schemaName}.${tableName}' is not blocked`);
        plan.push({ table, column });
      }
    }
  }
  for (const { table, column } of plan) {
    delete table.columns[column];
    table.dropped_columns = [...(table.dropped_columns ?? []), column];
  }
  return plan.length;
}

/** Checks a table-resync scope `{schema: [tables]}` against the config. */
export function assertResyncScope(connection: ConnectionRecord, scope: Record<string, unknown>): void {
  const entries = Object.entries(scope);
  if (entries.length === 0) throw invalidInput('Resync scope must name at least one schema');
  const config = requireSchemaConfig(connection);
  for (const [schemaName, tables] of entries) {
    if (!Array.isArray(tables) || tables.length === 0) throw invalidInput(`Resync scope of schema '${schemaName}' must list at least one table`);
    const schema = Object.hasOwn(config.schemas, schemaName) ? config.schemas[schemaName] : undefined;
    if (!schema) throw invalidInput(`Schema '${schemaName}' not found in the schema config of connection '${connection.id}'`);
    for (const tableName of tables) {
      if (typeof tableName !== 'string' || !Object.hasOwn(schema.tables, tableName)) {
        throw invalidInput(`Table '${String(tableName)}' not found in schema '${schemaName}'`);
      }
    }
  }
}
