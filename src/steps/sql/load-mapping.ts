import {
  buildMapping,
  findReferencedTables,
  tablesWithColumnLists,
  type ConnectionMappingSource,
  type FivetranSchemasConfig,
  type MappingOverrides,
  type SqlDialect,
  type SqlMapping,
  type TableColumnList,
} from '../../sql/index.js';
import { readSchemaConfig, readTableColumns, type ApiReads } from './api-reads.js';

export interface LoadMappingInput {
  readonly connectionIds: readonly string[];
  readonly overrides: readonly MappingOverrides[];
  /** The SQL about to be rewritten: only the tables it names get their full column lists fetched. */
  readonly texts: readonly string[];
  readonly dialect: SqlDialect;
}

const tableKey = (connectionId: string, schema: string, table: string): string => JSON.stringify([connectionId, schema, table]);

/** The tables `texts` name that have a column list worth fetching, per connection. */
function tablesToFetch(configs: ReadonlyMap<string, FivetranSchemasConfig>, texts: readonly string[], base: SqlMapping, dialect: SqlDialect): { connectionId: string; schema: string; table: string }[] {
  const fetchable = new Set<string>();
  for (const [connectionId, config] of configs) {
    for (const { schema, table } of tablesWithColumnLists(config)) fetchable.add(tableKey(connectionId, schema, table));
  }
  const wanted = new Map<string, { connectionId: string; schema: string; table: string }>();
  for (const text of texts) {
    for (const { connectionId, schema, table } of findReferencedTables(text, base, { dialect })) {
      if (connectionId === null) continue;
      const key = tableKey(connectionId, schema, table);
      if (fetchable.has(key)) wanted.set(key, { connectionId, schema, table });
    }
  }
  return [...wanted.values()];
}

/**
 * Builds the rename mapping: each connection's schema config (memoised), then the full column
 * list of just the tables the SQL refers to (the config lists only columns a user changed; each
 * list is a slow, rate-limited call to the source), then the override files, which win.
 */
export async function loadSqlMapping(reads: ApiReads, input: LoadMappingInput): Promise<SqlMapping> {
  const configs = new Map<string, FivetranSchemasConfig>(await Promise.all(input.connectionIds.map(async (id) => [id, await readSchemaConfig(reads, id)] as const)));
  const sources = (columns: readonly (TableColumnList & { connectionId: string })[]): ConnectionMappingSource[] =>
    [...configs].map(([connectionId, schemaConfig]) => ({ connectionId, schemaConfig, tableColumns: columns.filter((c) => c.connectionId === connectionId) }));
  if (configs.size === 0) return buildMapping({ overrides: input.overrides });

  const base = buildMapping({ connections: sources([]), overrides: input.overrides });
  const wanted = tablesToFetch(configs, input.texts, base, input.dialect);
  const columns = await Promise.all(
    wanted.map(async ({ connectionId, schema, table }) => ({ connectionId, schema, table, columns: await readTableColumns(reads, connectionId, schema, table) })),
  );
  return buildMapping({ connections: sources(columns), overrides: input.overrides });
}
