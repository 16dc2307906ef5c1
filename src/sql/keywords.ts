import type { SqlDialect } from './dialects.js';

/** Words that end an expression at the top level of a clause (lower case). */
export const CLAUSE_KEYWORDS: ReadonlySet<string> = new Set([
  'from', 'where', 'group', 'having', 'qualify', 'window', 'order', 'limit', 'offset', 'fetch',
  'union', 'intersect', 'except', 'minus', 'join', 'inner', 'left', 'right', 'full', 'cross', 'natural',
  'on', 'using', 'into', 'returning', 'set', 'values', 'select', 'when', 'then', 'lateral', 'pivot',
  'unpivot', 'sample', 'tablesample', 'asof', 'match_condition',
]);

/** Clause words that are also function names when directly followed by `(` (`left(name, 3)`, BigQuery `offset(1)`). */
export const CLAUSE_WORDS_USABLE_AS_FUNCTIONS: ReadonlySet<string> = new Set(['left', 'right', 'offset']);

/**
 * Words that are never a column reference inside an expression. A source column spelled like one of
 * these unquoted (`range`, `rows`) cannot be told apart from the keyword and is left alone.
 */
export const NON_COLUMN_WORDS: ReadonlySet<string> = new Set([
  'and', 'or', 'not', 'null', 'true', 'false', 'case', 'when', 'then', 'else', 'end', 'as', 'is', 'in',
  'like', 'ilike', 'rlike', 'regexp', 'similar', 'escape', 'between', 'distinct', 'all', 'any', 'some',
  'exists', 'interval', 'over', 'partition', 'by', 'rows', 'range', 'groups', 'unbounded', 'preceding',
  'following', 'current', 'row', 'asc', 'desc', 'nulls', 'within', 'filter', 'collate', 'at', 'respect', 'ignore', 'current_date', 'current_time', 'current_timestamp', 'localtime',
  'localtimestamp', 'current_user', 'session_user', 'top', 'percent', 'ties', 'only', 'next', 'recursive',
  'isnull', 'notnull', 'unknown', 'default', 'with', 'outer', 'semi', 'anti', 'materialized', 'struct',
  'array', 'exclude', 'rename', 'replace', 'overwrite', 'table', 'if', 'ordinality', 'without',
  ...CLAUSE_KEYWORDS,
]);

/** Words that are keywords only right after another word: `NULLS FIRST`, `AT TIME ZONE`, `FETCH FIRST`. */
export const CONTEXT_KEYWORDS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['first', new Set(['nulls', 'fetch'])],
  ['last', new Set(['nulls'])],
  ['time', new Set(['at'])],
  ['zone', new Set(['time'])],
]);

/** Date and time parts written as bare words (`DATEADD(day, 1, d)`, `INTERVAL 1 DAY`, `EXTRACT(year FROM d)`). */
export const DATE_PARTS: ReadonlySet<string> = new Set([
  'year', 'years', 'yy', 'yyyy', 'quarter', 'qtr', 'month', 'months', 'mon', 'mm', 'week', 'weeks', 'wk', 'isoweek',
  'day', 'days', 'dd', 'dayofweek', 'dow', 'dayofyear', 'doy', 'hour', 'hours', 'hh', 'minute', 'minutes', 'mi',
  'second', 'seconds', 'ss', 'millisecond', 'milliseconds', 'ms', 'microsecond', 'microseconds', 'us',
  'nanosecond', 'nanoseconds', 'ns', 'epoch', 'date', 'time', 'isoyear', 'yearofweek', 'weekday', 'decade',
  'century', 'millennium', 'timezone', 'timezone_hour', 'timezone_minute',
]);

/** Functions whose first argument may be a bare date part. */
export const DATE_PART_FUNCTIONS: ReadonlySet<string> = new Set([
  'extract', 'date_part', 'datepart', 'date_trunc', 'datetrunc', 'trunc', 'dateadd', 'datediff', 'timeadd',
  'timediff', 'timestampadd', 'timestampdiff', 'date_diff', 'date_add', 'date_sub', 'timestamp_diff',
  'timestamp_add', 'timestamp_sub', 'timestamp_trunc', 'datetime_diff', 'datetime_trunc', 'time_diff',
  'time_trunc', 'last_day', 'time_slice',
]);

/** Reserved in every dialect here: an unquoted destination name spelled like one of these must be quoted. */
const CORE_RESERVED = [
  'all', 'alter', 'and', 'any', 'as', 'asc', 'between', 'by', 'case', 'cast', 'check', 'column', 'constraint',
  'create', 'cross', 'current_date', 'current_time', 'current_timestamp', 'current_user', 'default', 'delete',
  'desc', 'distinct', 'drop', 'else', 'end', 'except', 'exists', 'false', 'fetch', 'for', 'foreign', 'from',
  'full', 'grant', 'group', 'having', 'in', 'inner', 'insert', 'intersect', 'into', 'is', 'join', 'lateral',
  'left', 'like', 'natural', 'not', 'null', 'on', 'or', 'order', 'outer', 'primary', 'references', 'right',
  'select', 'some', 'table', 'then', 'to', 'true', 'union', 'unique', 'update', 'using', 'values', 'when',
  'where', 'with',
];

const DIALECT_RESERVED: Readonly<Record<SqlDialect, readonly string[]>> = {
  ansi: ['user', 'window', 'over', 'partition', 'range', 'rows'],
  snowflake: ['ilike', 'increment', 'minus', 'qualify', 'regexp', 'rlike', 'sample', 'tablesample', 'try_cast', 'localtime', 'localtimestamp', 'row', 'rows', 'start', 'connect', 'trigger', 'of', 'issue'],
  bigquery: ['array', 'assert_rows_modified', 'collate', 'contains', 'cube', 'define', 'enum', 'escape', 'exclude', 'extract', 'following', 'groups', 'hash', 'if', 'ignore', 'interval', 'limit', 'lookup', 'merge', 'new', 'no', 'nulls', 'of', 'over', 'partition', 'preceding', 'proto', 'qualify', 'range', 'recursive', 'respect', 'rollup', 'rows', 'set', 'struct', 'tablesample', 'treat', 'unbounded', 'unnest', 'window', 'within'],
  redshift: ['limit', 'offset', 'user', 'analyse', 'analyze', 'only', 'placing', 'similar', 'verbose', 'ilike', 'isnull', 'notnull', 'localtime', 'localtimestamp', 'session_user', 'window', 'open', 'off', 'new', 'old', 'snapshot', 'tag', 'top'],
  postgres: ['limit', 'offset', 'user', 'analyse', 'analyze', 'array', 'asymmetric', 'both', 'collate', 'concurrently', 'deferrable', 'do', 'freeze', 'ilike', 'initially', 'isnull', 'leading', 'localtime', 'localtimestamp', 'notnull', 'only', 'overlaps', 'placing', 'returning', 'session_user', 'similar', 'symmetric', 'trailing', 'variadic', 'verbose', 'window'],
  databricks: ['anti', 'array', 'authorization', 'both', 'cube', 'current', 'describe', 'escape', 'external', 'filter', 'following', 'function', 'global', 'grouping', 'if', 'interval', 'leading', 'limit', 'local', 'minus', 'none', 'of', 'over', 'partition', 'position', 'preceding', 'range', 'rollup', 'row', 'rows', 'semi', 'session_user', 'time', 'trailing', 'unbounded', 'unknown', 'user', 'window'],
};

const RESERVED_BY_DIALECT = new Map<SqlDialect, ReadonlySet<string>>(
  Object.entries(DIALECT_RESERVED).map(([dialect, words]) => [dialect as SqlDialect, new Set([...CORE_RESERVED, ...words])]),
);

/** Whether `word` (any case) is reserved in the dialect and therefore must be quoted to be used as a name. */
export function isReservedWord(word: string, dialect: SqlDialect): boolean {
  return RESERVED_BY_DIALECT.get(dialect)?.has(word.toLowerCase()) ?? false;
}

/** Bit flags of a lower-cased word, so the parser classifies each identifier with one lookup. */
export const WORD = {
  clause: 1,
  nonColumn: 2,
  datePart: 4,
  context: 8,
  clauseFunction: 16,
  datePartFunction: 32,
  value: 64,
  join: 128,
} as const;

const VALUE_WORDS = ['null', 'true', 'false', 'current_date', 'current_time', 'current_timestamp', 'localtime', 'localtimestamp', 'current_user', 'session_user', 'unknown', 'default'];
const JOIN_WORDS = ['natural', 'inner', 'left', 'right', 'full', 'outer', 'cross', 'semi', 'anti', 'asof', 'any', 'global'];
/** Other words the parser compares against, so that they are found in the table too. */
const PARSER_WORDS = [
  'recursive', 'materialized', 'matched', 'source', 'target', 'struct', 'value', 'system_time', 'version', 'timestamp',
  'bernoulli', 'system', 'block', 'repeatable', 'seed', 'include', 'exclude', 'nulls', 'precision', 'varying', 'local',
  'time', 'zone', 'view', 'name', 'straight_join', 'ties', 'percent', 'top', 'overwrite', 'ignore', 'only', 'corresponding',
  'delete', 'update', 'insert', 'merge', 'with', 'without', 'before', 'changes', 'row', 'fetch', 'at',
];

/** A keyword with its canonical (lower-case) spelling and {@link WORD} flags. */
export interface KeywordInfo {
  readonly word: string;
  readonly flags: number;
}

function lowerAscii(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function bucketKey(length: number, first: number, last: number): number {
  return (length << 16) | (first << 8) | last;
}

function keywordBuckets(): ReadonlyMap<number, readonly KeywordInfo[]> {
  const flags = new Map<string, number>();
  const mark = (words: Iterable<string>, flag: number): void => {
    for (const word of words) flags.set(word, (flags.get(word) ?? 0) | flag);
  };
  mark(CLAUSE_KEYWORDS, WORD.clause);
  mark(NON_COLUMN_WORDS, WORD.nonColumn);
  mark(DATE_PARTS, WORD.datePart);
  mark(CONTEXT_KEYWORDS.keys(), WORD.context);
  mark(CLAUSE_WORDS_USABLE_AS_FUNCTIONS, WORD.clauseFunction);
  mark(DATE_PART_FUNCTIONS, WORD.datePartFunction);
  mark(VALUE_WORDS, WORD.value);
  mark(JOIN_WORDS, WORD.join);
  mark(PARSER_WORDS, 0);
  const buckets = new Map<number, KeywordInfo[]>();
  for (const [word, wordFlags] of flags) {
    const key = bucketKey(word.length, word.charCodeAt(0), word.charCodeAt(word.length - 1));
    const bucket = buckets.get(key) ?? [];
    bucket.push({ word, flags: wordFlags });
    buckets.set(key, bucket);
  }
  return buckets;
}

const KEYWORDS = keywordBuckets();

/**
 * The keyword spelled by `sql[start, end)` in any case, or null: looked up from the text itself,
 * so the common case (a keyword, or a name that is none) creates no string.
 */
export function keywordAt(sql: string, start: number, end: number): KeywordInfo | null {
  const length = end - start;
  if (length <= 0 || length > 24) return null;
  const bucket = KEYWORDS.get(bucketKey(length, lowerAscii(sql.charCodeAt(start)), lowerAscii(sql.charCodeAt(end - 1))));
  if (!bucket) return null;
  search: for (const info of bucket) {
    for (let i = 1; i < length - 1; i++) if (lowerAscii(sql.charCodeAt(start + i)) !== info.word.charCodeAt(i)) continue search;
    return info;
  }
  return null;
}
