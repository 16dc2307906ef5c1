import type { DialectRules } from './dialects.js';
import { matchesDestinationName, matchesSourceName, nameKey, type MappedName, type WrittenName } from './identifiers.js';
import type { MappedSchema, SqlMapping } from './mapping.js';

/** A mapped schema, table or column with its lower-cased keys computed once. */
export interface NameEntry extends MappedName {
  readonly source: string;
  readonly destination: string;
}

export interface SchemaEntry extends NameEntry {
  readonly connectionId: string | null;
}

/** A mapped table with its schema, as the resolver sees it. */
export interface TableEntry extends NameEntry {
  readonly schema: SchemaEntry;
  readonly columnsComplete: boolean;
  /** Columns by lower-cased source and destination name. */
  readonly columnsByKey: ReadonlyMap<string, readonly NameEntry[]>;
}

/** Lookups by case-insensitive key over a {@link SqlMapping}; exact (quoted) matching filters the hits. */
export interface MappingIndex {
  /** Every key of the maps below, for the parser to intern names as it reads them. */
  readonly names: NameTable;
  readonly schemasByKey: ReadonlyMap<string, readonly SchemaEntry[]>;
  readonly tablesByKey: ReadonlyMap<string, readonly TableEntry[]>;
  readonly tablesBySchema: ReadonlyMap<SchemaEntry, ReadonlyMap<string, readonly TableEntry[]>>;
}

function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

/**
 * The set of mapped names (lower-cased keys), searchable straight from the SQL text. Returning the
 * table's own key string matters: map lookups with the identical string object skip hashing and
 * comparing characters, which dominated the rewrite's run time.
 */
export class NameTable {
  private readonly buckets = new Map<number, string[]>();
  private readonly keys = new Map<string, string>();

  add(key: string): string {
    const existing = this.keys.get(key);
    if (existing !== undefined) return existing;
    this.keys.set(key, key);
    if (isAscii(key)) {
      const hash = hashLowerAscii(key, 0, key.length);
      const bucket = this.buckets.get(hash);
      if (bucket) bucket.push(key);
      else this.buckets.set(hash, [key]);
    }
    return key;
  }

  /** The mapped key spelled by `text[start, end)` in any case, or null when no mapped name is spelled so. */
  at(text: string, start: number, end: number): string | null {
    const hash = hashLowerAscii(text, start, end);
    if (hash < 0) return this.of(text.slice(start, end).toLowerCase());
    const bucket = this.buckets.get(hash);
    if (!bucket) return null;
    const length = end - start;
    search: for (const key of bucket) {
      if (key.length !== length) continue;
      for (let i = 0; i < length; i++) if (lowerAscii(text.charCodeAt(start + i)) !== key.charCodeAt(i)) continue search;
      return key;
    }
    return null;
  }

  /** The mapped key equal to an already lower-cased name, or null. */
  of(key: string): string | null {
    return this.keys.get(key) ?? null;
  }
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** A hash of the ASCII-lower-cased characters, or -1 when a character is not ASCII (those take the slow path). */
function hashLowerAscii(text: string, start: number, end: number): number {
  let hash = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c > 127) return -1;
    hash = (Math.imul(hash, 31) + lowerAscii(c)) | 0;
  }
  return hash & 0x3fffffff;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

function buildIndex(mapping: SqlMapping): MappingIndex {
  const names = new NameTable();
  const keyed = (source: string, destination: string): NameEntry => ({
    source,
    destination,
    sourceKey: names.add(nameKey(source)),
    destinationKey: names.add(nameKey(destination)),
  });
  const schemaEntry = (schema: MappedSchema): SchemaEntry => ({ ...keyed(schema.source, schema.destination), connectionId: schema.connectionId });
  const schemasByKey = new Map<string, SchemaEntry[]>();
  const tablesByKey = new Map<string, TableEntry[]>();
  const tablesBySchema = new Map<SchemaEntry, Map<string, TableEntry[]>>();
  for (const mapped of mapping.schemas) {
    const schema = schemaEntry(mapped);
    push(schemasByKey, schema.sourceKey, schema);
    push(schemasByKey, schema.destinationKey, schema);
    const own = new Map<string, TableEntry[]>();
    tablesBySchema.set(schema, own);
    for (const table of mapped.tables) {
      const columnsByKey = new Map<string, NameEntry[]>();
      for (const column of table.columns) {
        const entry = keyed(column.source, column.destination);
        push(columnsByKey, entry.sourceKey, entry);
        push(columnsByKey, entry.destinationKey, entry);
      }
      const entry: TableEntry = { ...keyed(table.source, table.destination), schema, columnsComplete: table.columnsComplete, columnsByKey };
      for (const key of new Set([entry.sourceKey, entry.destinationKey])) {
        push(tablesByKey, key, entry);
        push(own, key, entry);
      }
    }
  }
  return { names, schemasByKey, tablesByKey, tablesBySchema };
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

/** Whether a written name refers to the object, by its source or its destination name. */
export function namesObject(written: WrittenName, object: MappedName, rules: DialectRules): boolean {
  return matchesSourceName(written, object, rules) || matchesDestinationName(written, object, rules);
}

function matching<T extends MappedName>(candidates: readonly T[] | undefined, written: WrittenName, rules: DialectRules, into: T[] = []): T[] {
  if (!candidates) return into;
  for (const candidate of candidates) if (namesObject(written, candidate, rules)) into.push(candidate);
  return into;
}

/** Schemas a written qualifier may name, by source or destination name. */
export function findSchemas(index: MappingIndex, written: WrittenName, rules: DialectRules): SchemaEntry[] {
  if (!written.mapped) return [];
  return matching(index.schemasByKey.get(written.key), written, rules);
}

/** Tables a written name may name, within the given schemas or (schemas omitted) anywhere. */
export function findTables(index: MappingIndex, written: WrittenName, rules: DialectRules, schemas?: readonly SchemaEntry[]): TableEntry[] {
  if (!written.mapped) return [];
  if (!schemas) return matching(index.tablesByKey.get(written.key), written, rules);
  const found: TableEntry[] = [];
  for (const schema of schemas) matching(index.tablesBySchema.get(schema)?.get(written.key), written, rules, found);
  return found;
}

/** The column of a mapped table a written name refers to, by source or destination name; null when unknown or ambiguous. */
export function findColumn(entry: TableEntry, written: WrittenName, rules: DialectRules): NameEntry | null {
  if (!written.mapped) return null;
  const candidates = entry.columnsByKey.get(written.key);
  if (!candidates) return null;
  let found: NameEntry | null = null;
  for (const column of candidates) {
    if (!namesObject(written, column, rules)) continue;
    if (found) return exactSpelling(candidates, written, rules);
    found = column;
  }
  return found;
}

/** Two columns differing only in case (`Name`, `NAME`): an exact spelling decides. */
function exactSpelling(candidates: readonly NameEntry[], written: WrittenName, rules: DialectRules): NameEntry | null {
  for (const column of candidates) if (column.source === written.text && namesObject(written, column, rules)) return column;
  for (const column of candidates) if (column.destination === written.text && namesObject(written, column, rules)) return column;
  return null;
}
