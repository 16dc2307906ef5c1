import type { DialectRules } from './dialects.js';
import { matchesDestinationName, matchesSourceName, nameKey, type WrittenName } from './identifiers.js';
import type { MappedColumn, MappedSchema, MappedTable, SqlMapping } from './mapping.js';

/** A mapped table with its schema, as the resolver sees it. */
export interface TableEntry {
  readonly schema: MappedSchema;
  readonly table: MappedTable;
  /** Columns by lower-cased source and destination name. */
  readonly columnsByKey: ReadonlyMap<string, readonly MappedColumn[]>;
}

/** Lookups by case-insensitive key over a {@link SqlMapping}; exact (quoted) matching filters the hits. */
export interface MappingIndex {
  readonly schemasByKey: ReadonlyMap<string, readonly MappedSchema[]>;
  readonly tablesByKey: ReadonlyMap<string, readonly TableEntry[]>;
  readonly tablesBySchema: ReadonlyMap<MappedSchema, ReadonlyMap<string, readonly TableEntry[]>>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

function buildIndex(mapping: SqlMapping): MappingIndex {
  const schemasByKey = new Map<string, MappedSchema[]>();
  const tablesByKey = new Map<string, TableEntry[]>();
  const tablesBySchema = new Map<MappedSchema, Map<string, TableEntry[]>>();
  for (const schema of mapping.schemas) {
    push(schemasByKey, nameKey(schema.source), schema);
    push(schemasByKey, nameKey(schema.destination), schema);
    const own = new Map<string, TableEntry[]>();
    tablesBySchema.set(schema, own);
    for (const table of schema.tables) {
      const columnsByKey = new Map<string, MappedColumn[]>();
      for (const column of table.columns) {
        push(columnsByKey, nameKey(column.source), column);
        push(columnsByKey, nameKey(column.destination), column);
      }
      const entry: TableEntry = { schema, table, columnsByKey };
      for (const key of new Set([nameKey(table.source), nameKey(table.destination)])) {
        push(tablesByKey, key, entry);
        push(own, key, entry);
      }
    }
  }
  return { schemasByKey, tablesByKey, tablesBySchema };
}

const cache = new WeakMap<SqlMapping, MappingIndex>();

/** The index of a mapping, built once per mapping object and reused for every file. */
export function indexMapping(mapping: SqlMapping): MappingIndex {
  let index = cache.get(mapping);
  if (!index) {
    index = buildIndex(mapping);
    cache.set(mapping, index);
  }
  return index;
}

/** Whether a written name refers to the object with these source and destination names. */
export function namesObject(written: WrittenName, object: { source: string; destination: string }, rules: DialectRules): boolean {
  return matchesSourceName(written, object.source, rules) || matchesDestinationName(written, object.destination, rules);
}

/** Schemas a written qualifier may name, by source or destination name. */
export function findSchemas(index: MappingIndex, written: WrittenName, rules: DialectRules): MappedSchema[] {
  return (index.schemasByKey.get(nameKey(written.text)) ?? []).filter((s) => namesObject(written, s, rules));
}

/** Tables a written name may name, within the given schemas or (schemas omitted) anywhere. */
export function findTables(index: MappingIndex, written: WrittenName, rules: DialectRules, schemas?: readonly MappedSchema[]): TableEntry[] {
  const key = nameKey(written.text);
  const pool = schemas ? schemas.flatMap((s) => index.tablesBySchema.get(s)?.get(key) ?? []) : (index.tablesByKey.get(key) ?? []);
  return pool.filter((entry) => namesObject(written, entry.table, rules));
}

/** The column of a mapped table a written name refers to, by source or destination name; null when unknown or ambiguous. */
export function findColumn(entry: TableEntry, written: WrittenName, rules: DialectRules): MappedColumn | null {
  const hits = (entry.columnsByKey.get(nameKey(written.text)) ?? []).filter((c) => namesObject(written, c, rules));
  if (hits.length <= 1) return hits[0] ?? null;
  // Two columns differing only in case (`Name`, `NAME`): an exact source spelling decides.
  return hits.find((c) => c.source === written.text) ?? hits.find((c) => c.destination === written.text) ?? null;
}
