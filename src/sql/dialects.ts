import { UsageError } from '../errors.js';

/** The SQL dialects the rewriter understands. `ansi` is the default when none is given. */
export const SQL_DIALECTS = ['ansi', 'snowflake', 'bigquery', 'redshift', 'postgres', 'databricks'] as const;
export type SqlDialect = (typeof SQL_DIALECTS)[number];

/** Lexical and naming rules of one dialect: what the tokenizer and the identifier matcher need to know. */
export interface DialectRules {
  readonly name: SqlDialect;
  /** What the warehouse does to an unquoted identifier: fold it to upper or lower case, or keep it (case-insensitive). */
  readonly fold: 'upper' | 'lower' | 'none';
  /** Whether quoted identifiers are compared exactly (true) or case-insensitively like everything else (BigQuery, Databricks). */
  readonly quotedCaseSensitive: boolean;
  /** The identifier quote: `"` (doubled to escape) or a backtick. */
  readonly identifierQuote: '"' | '`';
  /** Whether `\` escapes the next character inside a quoted identifier (BigQuery backticks). */
  readonly backslashInQuotedIdentifier: boolean;
  /** Whether a double-quoted token is a string literal rather than an identifier. */
  readonly doubleQuotedStrings: boolean;
  /** Whether `\` escapes the next character inside ordinary string literals. */
  readonly backslashStringEscapes: boolean;
  /** Dollar-quoted strings: none, only `$$…$$` (Snowflake), or tagged `$tag$…$tag$` too (Postgres, Redshift). */
  readonly dollarStrings: 'none' | 'plain' | 'tagged';
  /** `E'…'` strings with backslash escapes (Postgres, Redshift). */
  readonly escapeStrings: boolean;
  /** BigQuery `'''…'''`/`"""…"""` strings. */
  readonly tripleQuotedStrings: boolean;
  /** `r'…'` raw strings (BigQuery, Databricks), with `b`/`rb`/`br` byte prefixes in BigQuery. */
  readonly rawStrings: boolean;
  /** Whether `/* … *\/` comments nest (Postgres, Databricks). */
  readonly nestedBlockComments: boolean;
  /** Line comment starters besides `--`: `#` (BigQuery), `//` (Snowflake). */
  readonly extraLineComments: readonly string[];
  /** Whether `$` may appear inside an unquoted identifier (not as its first character). */
  readonly dollarInIdentifiers: boolean;
  /** Whether `@name` is a parameter (BigQuery, Snowflake stages, Databricks). */
  readonly atParameters: boolean;
  /** Whether `$1`, `$name` are placeholders or positional references. */
  readonly dollarParameters: boolean;
}

const BASE: Omit<DialectRules, 'name'> = {
  fold: 'upper',
  quotedCaseSensitive: true,
  identifierQuote: '"',
  backslashInQuotedIdentifier: false,
  doubleQuotedStrings: false,
  backslashStringEscapes: false,
  dollarStrings: 'none',
  escapeStrings: false,
  tripleQuotedStrings: false,
  rawStrings: false,
  nestedBlockComments: false,
  extraLineComments: [],
  dollarInIdentifiers: false,
  atParameters: false,
  dollarParameters: false,
};

const RULES: Readonly<Record<SqlDialect, DialectRules>> = {
  ansi: { ...BASE, name: 'ansi' },
  snowflake: {
    ...BASE,
    name: 'snowflake',
    // Snowflake documents backslash escape sequences inside single-quoted strings.
    backslashStringEscapes: true,
    dollarStrings: 'plain',
    extraLineComments: ['//'],
    dollarInIdentifiers: true,
    atParameters: true,
    dollarParameters: true,
  },
  bigquery: {
    ...BASE,
    name: 'bigquery',
    fold: 'none',
    quotedCaseSensitive: false,
    identifierQuote: '`',
    backslashInQuotedIdentifier: true,
    doubleQuotedStrings: true,
    backslashStringEscapes: true,
    tripleQuotedStrings: true,
    rawStrings: true,
    extraLineComments: ['#'],
    atParameters: true,
  },
  redshift: {
    ...BASE,
    name: 'redshift',
    fold: 'lower',
    // Redshift keeps the pre-8.1 Postgres behaviour: `\` escapes inside ordinary literals.
    backslashStringEscapes: true,
    dollarStrings: 'tagged',
    escapeStrings: true,
    dollarInIdentifiers: true,
    dollarParameters: true,
  },
  postgres: {
    ...BASE,
    name: 'postgres',
    fold: 'lower',
    dollarStrings: 'tagged',
    escapeStrings: true,
    nestedBlockComments: true,
    dollarInIdentifiers: true,
    dollarParameters: true,
  },
  databricks: {
    ...BASE,
    name: 'databricks',
    fold: 'none',
    quotedCaseSensitive: false,
    identifierQuote: '`',
    doubleQuotedStrings: true,
    backslashStringEscapes: true,
    rawStrings: true,
    nestedBlockComments: true,
    atParameters: true,
  },
};

/** True when `name` is one of {@link SQL_DIALECTS}. */
export function isSqlDialect(name: string): name is SqlDialect {
  return (SQL_DIALECTS as readonly string[]).includes(name);
}

/** The rules of a dialect by name, e.g. `dialectRules('snowflake')`; an unknown name is a usage error listing the known ones. */
export function dialectRules(name: string = 'ansi'): DialectRules {
  const key = name.toLowerCase();
  if (!isSqlDialect(key)) {
    throw new UsageError(`unknown SQL dialect '${name}'`, { hint: `use one of: ${SQL_DIALECTS.join(', ')}` });
  }
  return RULES[key];
}
