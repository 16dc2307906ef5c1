import type { DialectRules } from './dialects.js';
import { isReservedWord } from './keywords.js';

/** An identifier as written: its name with quotes removed and escapes undone, and whether it was quoted. */
export interface WrittenName {
  readonly text: string;
  readonly quoted: boolean;
  /** `nameKey(text)`, computed once (the mapping's own key string when the name is mapped). */
  readonly key: string;
  /** Whether some mapped schema, table or column has this key; names that are not skip every lookup. */
  readonly mapped: boolean;
}

/** A mapped object's names with their keys computed once. */
export interface MappedName {
  readonly source: string;
  readonly destination: string;
  readonly sourceKey: string;
  readonly destinationKey: string;
}

/** Undoes the quoting of a quoted identifier's source text (`"a""b"` → `a"b`, `` `a\`b` `` → ``a`b``). */
export function unquoteIdentifier(raw: string, rules: DialectRules): string {
  const quote = raw[0] ?? '';
  const inner = raw.slice(1, raw.endsWith(quote) && raw.length > 1 ? -1 : undefined);
  if (quote === '`' && rules.backslashInQuotedIdentifier) return inner.replace(/\\(.)/gs, '$1');
  return inner.split(quote + quote).join(quote);
}

/** Wraps a name in the dialect's identifier quotes, escaping as the dialect requires. */
export function quoteIdentifier(name: string, rules: DialectRules): string {
  const q = rules.identifierQuote;
  if (q === '`' && rules.backslashInQuotedIdentifier) return '`' + name.replace(/[`\\]/g, '\\$&') + '`';
  return q + name.split(q).join(q + q) + q;
}

/** Case-insensitive key used to index names; exact comparison happens after the lookup when it matters. */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

/**
 * How the warehouse stores a Fivetran destination name. Fivetran's names are lower-case and mean
 * "case-insensitive"; a dialect that folds to upper case (Snowflake) stores `account_number` as
 * `ACCOUNT_NUMBER`, which is what a quoted reference must spell.
 */
export function storedDestinationName(name: string, rules: DialectRules): string {
  // Only a name that could have been created unquoted was folded; `total amount` exists only as quoted.
  return rules.fold === 'upper' && FIVETRAN_PLAIN_NAME.test(name) ? name.toUpperCase() : name;
}

const FIVETRAN_PLAIN_NAME = /^[a-z_][a-z0-9_]*$/;

function exactComparison(written: WrittenName, rules: DialectRules): boolean {
  return written.quoted && rules.quotedCaseSensitive;
}

/** Whether a written identifier names the object's source name (quoted: exactly; unquoted: ignoring case). */
export function matchesSourceName(written: WrittenName, object: MappedName, rules: DialectRules): boolean {
  return exactComparison(written, rules) ? written.text === object.source : written.key === object.sourceKey;
}

/** Whether a written identifier already names the object's destination name. */
export function matchesDestinationName(written: WrittenName, object: MappedName, rules: DialectRules): boolean {
  if (!exactComparison(written, rules)) return written.key === object.destinationKey;
  return written.text === object.destination || written.text === storedDestinationName(object.destination, rules);
}

/** How the dialect resolves a user-chosen name (alias, CTE): unquoted names fold, quoted ones are kept. */
function resolvedUserName(written: WrittenName, rules: DialectRules): string {
  if (written.quoted && rules.quotedCaseSensitive) return written.text;
  return rules.fold === 'upper' ? written.text.toUpperCase() : written.key;
}

/** Whether two written names denote the same alias or CTE under the dialect's folding rules. */
export function sameUserName(a: WrittenName, b: WrittenName, rules: DialectRules): boolean {
  const exact = rules.quotedCaseSensitive && (a.quoted || b.quoted);
  return exact ? resolvedUserName(a, rules) === resolvedUserName(b, rules) : a.key === b.key;
}

const PLAIN_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether `name` can be written unquoted and still mean `name` in the dialect. */
export function canStayUnquoted(name: string, rules: DialectRules): boolean {
  if (!PLAIN_IDENTIFIER.test(name) || isReservedWord(name, rules.name)) return false;
  switch (rules.fold) {
    case 'lower':
      return name === name.toLowerCase();
    case 'upper':
      // Lower case is Fivetran's case-insensitive spelling, upper case is what Snowflake stores: both survive folding.
      return name === name.toLowerCase() || name === name.toUpperCase();
    case 'none':
      return true;
  }
}

/**
 * The text that replaces an identifier with a destination name: quoted identifiers stay quoted;
 * unquoted ones are quoted only when the name would otherwise change meaning (reserved word,
 * special characters, a case the dialect folds away).
 */
export function renderDestinationName(destination: string, wasQuoted: boolean, rules: DialectRules): string {
  if (!wasQuoted && canStayUnquoted(destination, rules)) return destination;
  return quoteIdentifier(storedDestinationName(destination, rules), rules);
}

/**
 * Fivetran's standard naming applied to a source name (best effort): accents dropped, other
 * characters to `_`, camelCase split into snake_case, repeated `_` collapsed, lower case, and a
 * leading digit prefixed with `_`. `CreatedById` → `created_by_id`, `Region__c` → `region_c`.
 */
export function fivetranStyleName(source: string): string {
  let name = styleCache.get(source);
  if (name === undefined) {
    if (styleCache.size >= 10_000) styleCache.clear(); // bounded: the same few names recur across files
    name = computeFivetranStyleName(source);
    styleCache.set(source, name);
  }
  return name;
}

const styleCache = new Map<string, string>();

function computeFivetranStyleName(source: string): string {
  const ascii = source.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  const snake = ascii
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/_+/g, '_')
    .toLowerCase();
  return /^[0-9]/.test(snake) ? `_${snake}` : snake;
}
