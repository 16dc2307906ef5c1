/**
 * The name mapping the rewriter applies: schema → table → column, each with the name in the source
 * and the name Fivetran writes in the destination. Plain data (JSON-serialisable), built once and
 * shared by every file rewritten.
 */

export interface MappedColumn {
  readonly source: string;
  readonly destination: string;
}

export interface MappedTable {
  readonly source: string;
  readonly destination: string;
  readonly columns: readonly MappedColumn[];
  /** True when `columns` is the table's full column list (from the columns endpoint), not just overridden columns. */
  readonly columnsComplete: boolean;
}

export interface MappedSchema {
  /** The connection the schema belongs to; null for schemas that only the override file declares. */
  readonly connectionId: string | null;
  readonly source: string;
  readonly destination: string;
  readonly tables: readonly MappedTable[];
}

export interface SqlMapping {
  readonly schemas: readonly MappedSchema[];
}

/**
 * A column as Fivetran describes it in a schema config or the columns endpoint. These shapes are
 * closed (no index signature) so the API's typed `SchemaConfig` fits them; fields not listed are ignored.
 */
export interface FivetranColumnConfig {
  readonly name_in_destination?: string;
  readonly enabled?: boolean;
  readonly hashed?: boolean;
  readonly is_primary_key?: boolean;
}

export interface FivetranTableConfig {
  readonly name_in_destination?: string;
  readonly columns?: Readonly<Record<string, FivetranColumnConfig>>;
  readonly supports_columns_config?: boolean;
  readonly enabled?: boolean;
}

export interface FivetranSchemaConfig {
  readonly name_in_destination?: string;
  readonly tables?: Readonly<Record<string, FivetranTableConfig>>;
  readonly enabled?: boolean;
}

/** The `data` of `GET /connections/{id}/schemas`. */
export interface FivetranSchemasConfig {
  readonly schema_change_handling?: string;
  readonly schemas?: Readonly<Record<string, FivetranSchemaConfig>>;
}

/** The `data.columns` of `GET /connections/{id}/schemas/{schema}/tables/{table}/columns`, for one table. */
export interface TableColumnList {
  /** Source schema name (the key in the schema config). */
  readonly schema: string;
  /** Source table name (the key in the schema config). */
  readonly table: string;
  readonly columns: Readonly<Record<string, FivetranColumnConfig>>;
}

/** Everything one connection contributes to the mapping. */
export interface ConnectionMappingSource {
  readonly connectionId?: string;
  readonly schemaConfig: FivetranSchemasConfig;
  /** Full column lists for some tables; the schema config lists only columns a user has changed. */
  readonly tableColumns?: readonly TableColumnList[];
}

/** A user override, normalised (see `parseMappingOverrides` for the file format). */
export interface TableOverride {
  readonly destination?: string;
  readonly columns?: Readonly<Record<string, string>>;
}

export interface SchemaOverride {
  readonly destination?: string;
  readonly tables?: Readonly<Record<string, TableOverride>>;
}

export interface MappingOverrides {
  /** Applied to every connection that has the schema; a schema no connection has is added as declared. */
  readonly schemas?: Readonly<Record<string, SchemaOverride>>;
  /** Applied to one connection's schemas only. */
  readonly connections?: Readonly<Record<string, { readonly schemas?: Readonly<Record<string, SchemaOverride>> }>>;
}

export interface MappingInputs {
  readonly connections?: readonly ConnectionMappingSource[];
  /** Applied in order after the connections, so later files win. */
  readonly overrides?: readonly MappingOverrides[];
}

interface DraftTable {
  source: string;
  destination: string;
  columns: Map<string, string>;
  columnsComplete: boolean;
}

interface DraftSchema {
  connectionId: string | null;
  source: string;
  destination: string;
  tables: Map<string, DraftTable>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function destinationOf(config: unknown, fallback: string): string {
  const name = isRecord(config) ? config['name_in_destination'] : undefined;
  return typeof name === 'string' && name !== '' ? name : fallback;
}

function addColumns(table: DraftTable, columns: unknown): void {
  if (!isRecord(columns)) return;
  for (const [source, config] of Object.entries(columns)) table.columns.set(source, destinationOf(config, source));
}

function draftConnection(input: ConnectionMappingSource): DraftSchema[] {
  const connectionId = input.connectionId ?? null;
  const schemas = isRecord(input.schemaConfig) ? input.schemaConfig['schemas'] : undefined;
  const drafts: DraftSchema[] = [];
  for (const [schemaSource, schemaConfig] of Object.entries(isRecord(schemas) ? schemas : {})) {
    const schema: DraftSchema = { connectionId, source: schemaSource, destination: destinationOf(schemaConfig, schemaSource), tables: new Map() };
    const tables = isRecord(schemaConfig) ? schemaConfig['tables'] : undefined;
    for (const [tableSource, tableConfig] of Object.entries(isRecord(tables) ? tables : {})) {
      const table: DraftTable = { source: tableSource, destination: destinationOf(tableConfig, tableSource), columns: new Map(), columnsComplete: false };
      addColumns(table, isRecord(tableConfig) ? tableConfig['columns'] : undefined);
      schema.tables.set(tableSource, table);
    }
    drafts.push(schema);
  }
  for (const list of input.tableColumns ?? []) {
    const schema = drafts.find((s) => s.source === list.schema);
    const table = schema?.tables.get(list.table);
    if (!table) continue; // a column list for a table the config does not know has nowhere to go
    addColumns(table, list.columns);
    table.columnsComplete = true;
  }
  return drafts;
}

function applySchemaOverride(schema: DraftSchema, override: SchemaOverride): void {
  if (override.destination !== undefined) schema.destination = override.destination;
  for (const [tableSource, tableOverride] of Object.entries(override.tables ?? {})) {
    let table = schema.tables.get(tableSource);
    if (!table) {
      table = { source: tableSource, destination: tableSource, columns: new Map(), columnsComplete: false };
      schema.tables.set(tableSource, table);
    }
    if (tableOverride.destination !== undefined) table.destination = tableOverride.destination;
    for (const [columnSource, destination] of Object.entries(tableOverride.columns ?? {})) table.columns.set(columnSource, destination);
  }
}

function applyOverrides(drafts: DraftSchema[], overrides: MappingOverrides): void {
  const apply = (connectionId: string | null, schemas: Readonly<Record<string, SchemaOverride>>): void => {
    for (const [schemaSource, override] of Object.entries(schemas)) {
      const targets = drafts.filter((s) => s.source === schemaSource && (connectionId === null || s.connectionId === connectionId));
      if (targets.length === 0) {
        const added: DraftSchema = { connectionId, source: schemaSource, destination: schemaSource, tables: new Map() };
        drafts.push(added);
        targets.push(added);
      }
      for (const target of targets) applySchemaOverride(target, override);
    }
  };
  apply(null, overrides.schemas ?? {});
  for (const [connectionId, scoped] of Object.entries(overrides.connections ?? {})) apply(connectionId, scoped.schemas ?? {});
}

function freeze(draft: DraftSchema): MappedSchema {
  return {
    connectionId: draft.connectionId,
    source: draft.source,
    destination: draft.destination,
    tables: [...draft.tables.values()].map((t) => ({
      source: t.source,
      destination: t.destination,
      columnsComplete: t.columnsComplete,
      columns: [...t.columns].map(([source, destination]) => ({ source, destination })),
    })),
  };
}

/**
 * Builds the mapping from connections' schema configs, optional full column lists, and override
 * files applied last. Pure; tolerant of missing fields (a missing `name_in_destination` means
 * the name is unchanged).
 *
 * @example buildMapping({ connections: [{ connectionId: 'abc', schemaConfig: data }] })
 */
export function buildMapping(inputs: MappingInputs): SqlMapping {
  const drafts = (inputs.connections ?? []).flatMap(draftConnection);
  for (const overrides of inputs.overrides ?? []) applyOverrides(drafts, overrides);
  return { schemas: drafts.map(freeze) };
}

/**
 * The tables of a schema config whose full column list is worth fetching (enabled, and the
 * connector supports column configuration), as `{schema, table}` source names.
 */
export function tablesWithColumnLists(config: FivetranSchemasConfig): { schema: string; table: string }[] {
  const result: { schema: string; table: string }[] = [];
  for (const [schema, schemaConfig] of Object.entries(config.schemas ?? {})) {
    if (schemaConfig.enabled === false) continue;
    for (const [table, tableConfig] of Object.entries(schemaConfig.tables ?? {})) {
      if (tableConfig.enabled !== false && tableConfig.supports_columns_config !== false) result.push({ schema, table });
    }
  }
  return result;
}
