import { dialectRules, type DialectRules, type SqlDialect } from './dialects.js';
import { quoteIdentifier, renderDestinationName, unquoteIdentifier } from './identifiers.js';
import { indexMapping } from './mapping-index.js';
import type { SqlMapping } from './mapping.js';
import { resolveNames, type NameEdit, type NameResolution, type RenameKind } from './name-resolver.js';
import { parseSqlStructure } from './query-parser.js';
import { tokenize } from './tokenizer.js';
import type { Token } from './tokens.js';

export interface RewriteSqlOptions {
  /** Default `ansi`. */
  readonly dialect?: SqlDialect;
}

/** Where in the input a finding is: 1-based line, 1-based column in UTF-16 code units. */
export interface SqlPosition {
  readonly line: number;
  readonly column: number;
}

export interface SqlChange extends SqlPosition {
  /** The identifier as written (with its quotes). */
  readonly from: string;
  /** What replaced it (quoted when the dialect needs it). */
  readonly to: string;
  readonly kind: RenameKind;
}

export interface SqlAmbiguity extends SqlPosition {
  readonly name: string;
  readonly reason: string;
  /** The tables (as `schema.table AS alias`) the name could belong to. */
  readonly candidates: readonly string[];
}

export interface SqlUnmapped extends SqlPosition {
  readonly name: string;
  readonly kind: 'table' | 'column';
  /** The mapped table (`schema.table`, source names) or schema the name was looked up in. */
  readonly table: string;
  /** Fivetran's standard naming of the name, when it differs (a hint, never applied). */
  readonly suggestion: string | null;
}

export interface SqlWarning extends SqlPosition {
  readonly message: string;
}

export interface RewriteSqlResult {
  readonly output: string;
  readonly changes: readonly SqlChange[];
  readonly ambiguous: readonly SqlAmbiguity[];
  readonly unmapped: readonly SqlUnmapped[];
  readonly warnings: readonly SqlWarning[];
}

/** The mapped tables a piece of SQL refers to, as source names. */
export interface ReferencedTable {
  readonly connectionId: string | null;
  readonly schema: string;
  readonly table: string;
}

/** Maps offsets to line and column, computing line starts once. */
class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): SqlPosition {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (this.starts[lo] ?? 0) + 1 };
  }
}

function analyse(sql: string, mapping: SqlMapping, options: RewriteSqlOptions): { rules: DialectRules; tokens: Token[]; resolution: NameResolution } {
  const rules = dialectRules(options.dialect ?? 'ansi');
  const tokens = tokenize(sql, rules);
  const resolution = resolveNames(parseSqlStructure(sql, tokens, rules), indexMapping(mapping), rules);
  return { rules, tokens, resolution };
}

/** The new text of one token: the whole identifier, or a BigQuery path with some segments replaced. */
function renderToken(raw: string, edits: readonly NameEdit[], rules: DialectRules): string {
  const [first] = edits;
  if (!first) return raw;
  if (first.part.segment < 0) return renderDestinationName(first.destination, first.part.quoted, rules);
  const segments = unquoteIdentifier(raw, rules).split('.');
  for (const edit of edits) segments[edit.part.segment] = edit.destination;
  return quoteIdentifier(segments.join('.'), rules);
}

const UNTERMINATED: Partial<Record<Token['kind'], string>> = {
  string: 'unterminated string literal',
  quoted_identifier: 'unterminated quoted identifier',
  block_comment: 'unterminated block comment',
  template: 'unterminated template block',
};

/**
 * Rewrites source names in `sql` to destination names. Output equals input except for the replaced
 * identifier spans; see `src/sql/index.ts` for the rules.
 *
 * @example rewriteSql('select a.AccountNumber from salesforce.Account a', mapping, { dialect: 'snowflake' }).output
 */
export function rewriteSql(sql: string, mapping: SqlMapping, options: RewriteSqlOptions = {}): RewriteSqlResult {
  const { rules, tokens, resolution } = analyse(sql, mapping, options);
  const lines = new LineIndex(sql);
  const byToken = new Map<number, NameEdit[]>();
  for (const edit of resolution.edits) {
    const list = byToken.get(edit.part.token);
    if (list) list.push(edit);
    else byToken.set(edit.part.token, [edit]);
  }
  const pieces: string[] = [];
  const changes: SqlChange[] = [];
  let copied = 0;
  for (const [tokenIndex, edits] of [...byToken].sort((a, b) => a[0] - b[0])) {
    const token = tokens[tokenIndex];
    if (!token) continue;
    const raw = sql.slice(token.start, token.end);
    const replacement = renderToken(raw, edits, rules);
    pieces.push(sql.slice(copied, token.start), replacement);
    copied = token.end;
    for (const edit of edits) {
      const from = edit.part.segment < 0 ? raw : edit.part.text;
      const to = edit.part.segment < 0 ? replacement : edit.destination;
      changes.push({ ...lines.position(token.start), from, to, kind: edit.kind });
    }
  }
  pieces.push(sql.slice(copied));
  const at = (token: number): SqlPosition => lines.position(tokens[token]?.start ?? 0);
  return {
    output: pieces.join(''),
    changes,
    ambiguous: resolution.ambiguous.map((a) => ({ ...at(a.part.token), name: a.part.text, reason: a.reason, candidates: a.candidates })),
    unmapped: resolution.unmapped.map((u) => ({ ...at(u.part.token), name: u.part.text, kind: u.kind, table: u.table, suggestion: u.suggestion })),
    warnings: tokens
      .filter((t) => t.unterminated)
      .map((t) => ({ ...lines.position(t.start), message: `${UNTERMINATED[t.kind] ?? 'unterminated token'}: the rest of the input is left as it is` })),
  };
}

/**
 * The mapped tables `sql` refers to, so a caller can fetch full column lists for just those
 * tables (the columns endpoint is a slow, rate-limited source call).
 */
export function findReferencedTables(sql: string, mapping: SqlMapping, options: RewriteSqlOptions = {}): ReferencedTable[] {
  return analyse(sql, mapping, options).resolution.tables.map((entry) => ({
    connectionId: entry.schema.connectionId,
    schema: entry.schema.source,
    table: entry.table.source,
  }));
}
