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

/** Kinds of {@link TokenStream} entries as small integers (the stream has no whitespace, comments or Jinja statements). */
export const STREAM_KIND = {
  identifier: 1,
  /** A closed quoted identifier; an unclosed one is `other`. */
  quoted: 2,
  punctuation: 3,
  operator: 4,
  string: 5,
  number: 6,
  placeholder: 7,
  /** `{{ … }}` */
  template: 8,
  other: 9,
} as const;

/**
 * The significant tokens of an input in parallel arrays: what the rewriter reads, built in the
 * same pass as tokenizing and without an object per token.
 */
export interface TokenStream {
  readonly length: number;
  readonly kinds: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Every token (significant or not) that runs to the end of input unclosed. */
  readonly unterminated: readonly Token[];
}
