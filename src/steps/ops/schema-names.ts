/**
 * Schema, table and column names are the source's, case-sensitive, and a wrong one is a 404 (or
 * worse, silently nothing). These resolve names against a connection's schema config first, so a
 * typo is refused before anything is sent, with the nearest real name as a hint.
 */
import type { SchemaConfig, SchemaConfigSchema } from '../../api/index.js';
import { closest } from '../../util/suggest.js';

/** A schema, a table of it, or a column of that table. */
export interface SchemaPath {
  schema: string;
  table?: string;
  column?: string;
}

/** A name that does not exist, with the nearest one that does. */
export class NameProblem {
  constructor(readonly message: string) {}
}

function own<T>(record: Record<string, T> | undefined, key: string): T | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

function missing(kind: string, name: string, where: string, candidates: readonly string[]): NameProblem {
  const near = closest(name, candidates);
  return new NameProblem(`no ${kind} '${name}' in ${where}${near ? ` (did you mean '${near}'?)` : ''}`);
}

/** The schema entry, or a problem naming the nearest schema. */
export function findSchema(config: SchemaConfig, schema: string): SchemaConfigSchema | NameProblem {
  return own(config.schemas, schema) ?? missing('schema', schema, 'the schema config', Object.keys(config.schemas));
}

/** A problem when `schema.table` does not exist, else undefined. */
export function tableProblem(config: SchemaConfig, schema: string, table: string): NameProblem | undefined {
  const entry = findSchema(config, schema);
  if (entry instanceof NameProblem) return entry;
  return own(entry.tables, table) ? undefined : missing('table', table, `schema '${schema}'`, Object.keys(entry.tables ?? {}));
}

/** Names that `text` starts with, followed by a dot or the end, longest first (names may hold dots). */
function prefixes(text: string, names: readonly string[]): string[] {
  return names.filter((name) => text === name || text.startsWith(`${name}.`)).sort((a, b) => b.length - a.length);
}

/**
 * Resolves `schema`, `schema.table` or `schema.table.column`. Schema and table must exist; the
 * column is checked by the caller (configs list only the columns a user has set).
 * @example resolveName(config, 'public.orders') // { schema: 'public', table: 'orders' }
 */
export function resolveName(config: SchemaConfig, dotted: string): SchemaPath | NameProblem {
  const schemaNames = Object.keys(config.schemas);
  const candidates = prefixes(dotted, schemaNames);
  if (candidates.length === 0) return missing('schema', dotted.split('.')[0]!, 'the schema config', schemaNames);
  for (const schema of candidates) {
    if (dotted === schema) return { schema };
    const rest = dotted.slice(schema.length + 1);
    const table = prefixes(rest, Object.keys(config.schemas[schema]?.tables ?? {}))[0];
    if (table !== undefined) return rest === table ? { schema, table } : { schema, table, column: rest.slice(table.length + 1) };
  }
  const schema = candidates[0]!;
  const rest = dotted.slice(schema.length + 1);
  return missing('table', rest.split('.')[0]!, `schema '${schema}'`, Object.keys(config.schemas[schema]?.tables ?? {}));
}
