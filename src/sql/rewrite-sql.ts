import { dialectRules, type DialectRules, type SqlDialect } from './dialects.js';
import { quoteIdentifier, renderDestinationName, unquoteIdentifier } from './identifiers.js';
import { indexMapping } from './mapping-index.js';
import type { SqlMapping } from './mapping.js';
import { resolveNames, type NameEdit, type NameResolution, type RenameKind } from './name-resolver.js';
import { parseSqlStructure } from './query-parser.js';
import { tokenStream } from './tokenizer.js';
import type { Token, TokenStream } from './tokens.js';

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

/** Maps offsets to line and column. Line starts are found lazily, scanning forward: findings come in order. */
class LineIndex {
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string) {}

  position(offset: number): SqlPosition {
    if (offset < this.lineStart) {
      this.line = 1;
      this.lineStart = 0;
    }
    for (let next = this.text.indexOf('\n', this.lineStart); next >= 0 && next < offset; next = this.text.indexOf('\n', next + 1)) {
      this.line++;
      this.lineStart = next + 1;
    }
    return { line: this.line, column: offset - this.lineStart + 1 };
  }
}

function analyse(sql: string, mapping: SqlMapping, options: RewriteSqlOptions): { rules: DialectRules; stream: TokenStream; resolution: NameResolution } {
  const rules = dialectRules(options.dialect ?? 'ansi');
  const stream = tokenStream(sql, rules);
  const index = indexMapping(mapping);
  const resolution = resolveNames(parseSqlStructure(sql, stream, rules, index.names), index, rules);
  return { rules, stream, resolution };
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
  const { rules, stream, resolution } = analyse(sql, mapping, options);
  const lines = new LineIndex(sql);
  const pieces: string[] = [];
  const changes: SqlChange[] = [];
  let copied = 0;
  const edits = resolution.edits; // sorted by token, then segment
  for (let i = 0; i < edits.length; ) {
    const token = edits[i]?.part.token ?? 0;
    let j = i + 1;
    while (j < edits.length && edits[j]?.part.token === token) j++;
    const sameToken = edits.slice(i, j);
    const start = stream.starts[token] ?? 0;
    const end = stream.ends[token] ?? 0;
    const raw = sql.slice(start, end);
    const replacement = renderToken(raw, sameToken, rules);
    pieces.push(sql.slice(copied, start), replacement);
    copied = end;
    const { line, column } = lines.position(start);
    for (const edit of sameToken) {
      const whole = edit.part.segment < 0;
      changes.push({ line, column, from: whole ? raw : edit.part.text, to: whole ? replacement : edit.destination, kind: edit.kind });
    }
    i = j;
  }
  pieces.push(sql.slice(copied));
  const ambiguous: SqlAmbiguity[] = [];
  for (const a of resolution.ambiguous) {
    const { line, column } = lines.position(stream.starts[a.part.token] ?? 0);
    ambiguous.push({ line, column, name: a.part.text, reason: a.reason, candidates: a.candidates });
  }
  const unmapped: SqlUnmapped[] = [];
  for (const u of resolution.unmapped) {
    const { line, column } = lines.position(stream.starts[u.part.token] ?? 0);
    unmapped.push({ line, column, name: u.part.text, kind: u.kind, table: u.table, suggestion: u.suggestion });
  }
  return { output: pieces.join(''), changes, ambiguous, unmapped, warnings: unterminatedWarnings(stream.unterminated, lines) };
}

function unterminatedWarnings(tokens: readonly Token[], lines: LineIndex): SqlWarning[] {
  const warnings: SqlWarning[] = [];
  for (const token of tokens) {
    const { line, column } = lines.position(token.start);
    warnings.push({ line, column, message: `${UNTERMINATED[token.kind] ?? 'unterminated token'}: the rest of the input is left as it is` });
  }
  return warnings;
}

/**
 * The mapped tables `sql` refers to, so a caller can fetch full column lists for just those
 * tables (the columns endpoint is a slow, rate-limited source call).
 */
export function findReferencedTables(sql: string, mapping: SqlMapping, options: RewriteSqlOptions = {}): ReferencedTable[] {
  return analyse(sql, mapping, options).resolution.tables.map((entry) => ({
    connectionId: entry.schema.connectionId,
    schema: entry.schema.source,
    table: entry.source,
  }));
}
