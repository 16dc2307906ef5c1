/**
 * A connection's schema config (nested schemas → tables → columns, keyed by source name) flattened
 * into rows, one per table or per column, so `where`, `filter` and `export` can work on it.
 */
import type { ApiObject } from './keyed-index.js';

type Entries = Record<string, ApiObject>;

const entries = (value: unknown): [string, ApiObject][] =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value as Entries) : [];

const allowed = (node: ApiObject): boolean | undefined => {
  const settings = node.enabled_patch_settings as { allowed?: unknown } | undefined;
  return typeof settings?.allowed === 'boolean' ? settings.allowed : undefined;
};

/** The tables of a schema config, each with its schema. */
function* tables(config: ApiObject): Generator<{ schemaName: string; schema: ApiObject; tableName: string; table: ApiObject }> {
  for (const [schemaName, schema] of entries(config.schemas)) {
    for (const [tableName, table] of entries(schema.tables)) yield { schemaName, schema, tableName, table };
  }
}

/** A table of a schema config as a row, and the columns the config holds for it (only those ever set). */
export interface TableColumns {
  row: ApiObject;
  columns: Entries;
}

/** Every table of a schema config, as a row with its configured columns. */
export function tablesWithColumns(config: ApiObject, connectionId: string): TableColumns[] {
  return [...tables(config)].map(({ schemaName, schema, tableName, table }) => ({
    row: {
      connection_id: connectionId,
      schema: schemaName,
      schema_name_in_destination: schema.name_in_destination,
      schema_enabled: schema.enabled,
      table: tableName,
      name_in_source: tableName,
      name_in_destination: table.name_in_destination,
      enabled: table.enabled,
      sync_mode: table.sync_mode,
      supports_columns_config: table.supports_columns_config,
      enabled_patch_allowed: allowed(table),
    },
    columns: Object.fromEntries(entries(table.columns)),
  }));
}

/** One row per table of a schema config. */
export function tableRows(config: ApiObject, connectionId: string): ApiObject[] {
  return tablesWithColumns(config, connectionId).map(({ row }) => row);
}

/**
 * One row per column of a table: the live columns (when read from the source) overlaid with the
 * config's, since the config holds only the columns someone changed.
 */
export function columnRows(table: TableColumns, live: Entries = {}): ApiObject[] {
  const merged: Entries = { ...live };
  for (const [name, column] of Object.entries(table.columns)) merged[name] = { ...live[name], ...column };
  const { row } = table;
  return Object.entries(merged).map(([name, column]) => ({
    connection_id: row.connection_id,
    schema: row.schema,
    schema_name_in_destination: row.schema_name_in_destination,
    table: row.table,
    table_name_in_destination: row.name_in_destination,
    table_enabled: row.enabled,
    column: name,
    name_in_source: name,
    name_in_destination: column.name_in_destination,
    enabled: column.enabled,
    hashed: column.hashed,
    is_primary_key: column.is_primary_key,
    enabled_patch_allowed: allowed(column),
  }));
}
