/**
 * What the tokenizer produces. Tokens cover the input without gaps or overlaps, so joining
 * `sql.slice(t.start, t.end)` over all tokens gives back the input exactly.
 */
export type TokenKind =
  | 'whitespace'
  | 'line_comment'
  | 'block_comment'
  /** dbt/Jinja `{{ … }}`, `{% … %}` or `{# … #}`; never rewritten. */
  | 'template'
  /** Any string literal: quoted, escaped, raw, triple-quoted, dollar-quoted. */
  | 'string'
  /** `"…"` or a backtick identifier, depending on the dialect. */
  | 'quoted_identifier'
  /** A bare word: an identifier or a keyword; the parser decides which. */
  | 'identifier'
  | 'number'
  /** `?`, `$1`, `:name`, `@name`, `@@system_var`. */
  | 'placeholder'
  | 'operator'
  /** `(` `)` `,` `;` `.` `[` `]` `{` `}` */
  | 'punctuation'
  /** A character no rule claims (a stray backslash, a symbol); kept so the input round-trips. */
  | 'other';

/** One token: its kind and its span as UTF-16 offsets into the input string (`end` exclusive). */
export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** True for a string, quoted identifier, comment or template that runs to the end of input without closing. */
  unterminated: boolean;
}

/** Tokens the parser ignores: layout, comments, and Jinja statements/comments (`{% … %}`, `{# … #}`). */
export function isTrivia(token: Token, sql: string): boolean {
  switch (token.kind) {
    case 'whitespace':
    case 'line_comment':
    case 'block_comment':
      return true;
    case 'template':
      return sql.charCodeAt(token.start + 1) !== 0x7b; // `{{ … }}` is an expression and stands for a value
    default:
      return false;
  }
}
