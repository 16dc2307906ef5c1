import type { DialectRules } from './dialects.js';
import { STREAM_KIND, type Token, type TokenKind, type TokenStream } from './tokens.js';

/**
 * A hand-written SQL tokenizer that never fails: every character of the input belongs to exactly one
 * token, so output built from token spans is byte-for-byte the input wherever nothing was replaced.
 * An unclosed string, comment or template becomes one token running to the end, flagged `unterminated`.
 */

const CH = {
  tab: 9, lf: 10, vt: 11, ff: 12, cr: 13, space: 32,
  bang: 33, dquote: 34, hash: 35, dollar: 36, percent: 37, amp: 38, squote: 39,
  lparen: 40, rparen: 41, star: 42, plus: 43, comma: 44, minus: 45, dot: 46, slash: 47,
  d0: 48, d9: 57, colon: 58, semi: 59, lt: 60, eq: 61, gt: 62, question: 63, at: 64,
  A: 65, Z: 90, lbracket: 91, backslash: 92, rbracket: 93, caret: 94, underscore: 95, backtick: 96,
  a: 97, z: 122, lbrace: 123, pipe: 124, rbrace: 125, tilde: 126,
} as const;

const PUNCTUATION: ReadonlySet<number> = new Set([CH.lparen, CH.rparen, CH.comma, CH.semi, CH.dot, CH.lbracket, CH.rbracket, CH.lbrace, CH.rbrace]);
const OPERATOR_CHARS: ReadonlySet<number> = new Set([
  CH.plus, CH.minus, CH.star, CH.slash, CH.percent, CH.lt, CH.gt, CH.eq, CH.bang, CH.tilde, CH.caret,
  CH.amp, CH.pipe, CH.hash, CH.at, CH.colon, CH.question, CH.dollar,
]);
const MULTI_CHAR_OPERATORS = ['->>', '#>>', '||/', '!~*', '::', '||', '<=', '>=', '<>', '!=', '=>', '->', '#>', '@>', '<@', '**', ':=', '==', '<<', '>>', '~*', '!~', '&&', '|/'];

const NON_ASCII_LETTER = /[\p{L}\p{N}\p{M}]/u;
const NON_ASCII_SPACE = /\s/u;

function isAsciiLetter(c: number): boolean {
  return (c >= CH.a && c <= CH.z) || (c >= CH.A && c <= CH.Z);
}

function isDigit(c: number): boolean {
  return c >= CH.d0 && c <= CH.d9;
}

/** Tokenizes `sql` under the dialect's lexical rules into tokens that cover it exactly; see {@link Token}. */
export function tokenize(sql: string, rules: DialectRules): Token[] {
  const tokens: Token[] = [];
  new Tokenizer(sql, rules).run((kind, start, end, unterminated) => tokens.push({ kind, start, end, unterminated }));
  return tokens;
}

/** The significant tokens of `sql` as a {@link TokenStream}. */
export function tokenStream(sql: string, rules: DialectRules): TokenStream {
  return new StreamBuilder(sql, rules).build();
}

class StreamBuilder {
  private length = 0;
  private kinds: Uint8Array;
  private starts: Int32Array;
  private ends: Int32Array;
  private readonly unterminated: Token[] = [];

  constructor(
    private readonly sql: string,
    private readonly rules: DialectRules,
  ) {
    const capacity = Math.max(64, sql.length >> 2);
    this.kinds = new Uint8Array(capacity);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
  }

  build(): TokenStream {
    new Tokenizer(this.sql, this.rules).run((kind, start, end, unterminated) => this.add(kind, start, end, unterminated));
    return { length: this.length, kinds: this.kinds, starts: this.starts, ends: this.ends, unterminated: this.unterminated };
  }

  private add(kind: TokenKind, start: number, end: number, unterminated: boolean): void {
    if (unterminated) this.unterminated.push({ kind, start, end, unterminated });
    const code = streamKind(kind, unterminated, this.sql.charCodeAt(start + 1));
    if (code === 0) return;
    if (this.length === this.kinds.length) this.grow();
    this.kinds[this.length] = code;
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.length++;
  }

  private grow(): void {
    const capacity = this.kinds.length * 2;
    const kinds = new Uint8Array(capacity);
    const starts = new Int32Array(capacity);
    const ends = new Int32Array(capacity);
    kinds.set(this.kinds);
    starts.set(this.starts);
    ends.set(this.ends);
    this.kinds = kinds;
    this.starts = starts;
    this.ends = ends;
  }
}

/** The stream code of a token, or 0 for what the rewriter never reads (layout, comments, `{% %}`, `{# #}`). */
function streamKind(kind: TokenKind, unterminated: boolean, secondChar: number): number {
  switch (kind) {
    case 'identifier':
      return STREAM_KIND.identifier;
    case 'quoted_identifier':
      return unterminated ? STREAM_KIND.other : STREAM_KIND.quoted;
    case 'punctuation':
      return STREAM_KIND.punctuation;
    case 'operator':
      return STREAM_KIND.operator;
    case 'string':
      return STREAM_KIND.string;
    case 'number':
      return STREAM_KIND.number;
    case 'placeholder':
      return STREAM_KIND.placeholder;
    case 'template':
      return secondChar === CH.lbrace ? STREAM_KIND.template : 0;
    case 'other':
      return STREAM_KIND.other;
    default:
      return 0;
  }
}

type TokenSink = (kind: TokenKind, start: number, end: number, unterminated: boolean) => void;

class Tokenizer {
  private pos = 0;
  /** End of the last significant (non-whitespace) token, for the `:` path-versus-parameter decision. */
  private lastValueEnd = -1;

  constructor(
    private readonly sql: string,
    private readonly rules: DialectRules,
  ) {}

  run(sink: TokenSink): void {
    const length = this.sql.length;
    while (this.pos < length) {
      const start = this.pos;
      const kind = this.scanToken();
      sink(kind, start, this.pos, this.unterminated);
      this.lastValueEnd = this.endsValue(kind, start) ? this.pos : -1;
      this.unterminated = false;
    }
  }

  /** Whether a token can be followed by a path `:` (`payload:key`): a name, `)` or `]`. */
  private endsValue(kind: TokenKind, start: number): boolean {
    if (kind === 'identifier' || kind === 'quoted_identifier') return true;
    const c = this.sql.charCodeAt(start);
    return kind === 'punctuation' && (c === CH.rparen || c === CH.rbracket);
  }

  private unterminated = false;

  private code(offset = 0): number {
    return this.sql.charCodeAt(this.pos + offset);
  }

  private scanToken(): TokenKind {
    const c = this.code();
    if (c === CH.space || c === CH.tab || c === CH.lf || c === CH.cr || c === CH.ff || c === CH.vt) return this.whitespace();
    if (isAsciiLetter(c) || c === CH.underscore) return this.wordOrPrefixedString();
    if (isDigit(c) || (c === CH.dot && isDigit(this.code(1)))) return this.number();
    switch (c) {
      case CH.squote:
        return this.string(CH.squote, this.rules.backslashStringEscapes);
      case CH.dquote:
        return this.rules.doubleQuotedStrings ? this.string(CH.dquote, this.rules.backslashStringEscapes) : this.quotedIdentifier(CH.dquote);
      case CH.backtick:
        return this.rules.identifierQuote === '`' ? this.quotedIdentifier(CH.backtick) : this.single('other');
      case CH.minus:
        if (this.code(1) === CH.minus) return this.lineComment(2);
        break;
      case CH.slash:
        if (this.code(1) === CH.star) return this.blockComment();
        if (this.code(1) === CH.slash && this.rules.extraLineComments.includes('//')) return this.lineComment(2);
        break;
      case CH.hash:
        if (this.rules.extraLineComments.includes('#')) return this.lineComment(1);
        break;
      case CH.lbrace:
        if (this.code(1) === CH.lbrace || this.code(1) === CH.percent || this.code(1) === CH.hash) return this.template();
        break;
      case CH.dollar:
        return this.dollar();
      case CH.question:
        return this.single('placeholder');
      case CH.colon:
        return this.colon();
      case CH.at:
        if (this.rules.atParameters) return this.atParameter();
        break;
    }
    if (PUNCTUATION.has(c)) return this.single('punctuation');
    if (OPERATOR_CHARS.has(c)) return this.operator();
    return this.nonAscii(c);
  }

  private single(kind: TokenKind): TokenKind {
    this.pos += 1;
    return kind;
  }

  private whitespace(): TokenKind {
    const sql = this.sql;
    let p = this.pos + 1;
    for (; p < sql.length; p++) {
      const c = sql.charCodeAt(p);
      if (c !== CH.space && c !== CH.tab && c !== CH.lf && c !== CH.cr && c !== CH.ff && c !== CH.vt) break;
    }
    this.pos = p;
    return 'whitespace';
  }

  /** Characters outside ASCII: identifier letters, exotic spaces (NBSP, BOM), or a lone symbol kept whole. */
  private nonAscii(c: number): TokenKind {
    const width = c >= 0xd800 && c <= 0xdbff && this.pos + 1 < this.sql.length ? 2 : 1;
    const ch = this.sql.slice(this.pos, this.pos + width);
    if (c > 0x7f && NON_ASCII_LETTER.test(ch)) return this.wordOrPrefixedString();
    this.pos += width;
    return c > 0x7f && (NON_ASCII_SPACE.test(ch) || c === 0xfeff) ? 'whitespace' : 'other';
  }

  /** Whether the character at `at` may continue an unquoted identifier; returns its width (0 when it may not). */
  private identifierPartWidth(at: number): number {
    const c = this.sql.charCodeAt(at);
    if (isAsciiLetter(c) || isDigit(c) || c === CH.underscore) return 1;
    if (c === CH.dollar) return this.rules.dollarInIdentifiers ? 1 : 0;
    if (c <= 0x7f || Number.isNaN(c)) return 0;
    const cp = this.sql.codePointAt(at) ?? c;
    return NON_ASCII_LETTER.test(String.fromCodePoint(cp)) ? (cp > 0xffff ? 2 : 1) : 0;
  }

  private wordEnd(from: number): number {
    let p = from;
    for (let width = this.identifierPartWidth(p); width > 0; width = this.identifierPartWidth(p)) p += width;
    return p;
  }

  /** A bare word, unless it is a string prefix (`E'…'`, BigQuery `r'…'`/`b"…"`/`rb'''…'''`). */
  private wordOrPrefixedString(): TokenKind {
    const quoteAt = this.stringPrefixLength();
    if (quoteAt > 0) {
      this.pos += quoteAt;
      const quote = this.code();
      const escapes = this.rules.backslashStringEscapes || quoteAt > 0;
      return this.string(quote, escapes);
    }
    this.pos = this.wordEnd(this.pos);
    return 'identifier';
  }

  /** Length of a string prefix at the cursor that is directly followed by a quote, or 0. */
  private stringPrefixLength(): number {
    const first = this.code() | 0x20;
    if (this.rules.escapeStrings && first === 0x65 /* e */ && this.code(1) === CH.squote) return 1;
    if (!this.rules.rawStrings) return 0;
    const bytesAllowed = this.rules.tripleQuotedStrings; // BigQuery has bytes literals; Databricks only raw strings
    if (first === 0x72 /* r */ || (bytesAllowed && first === 0x62) /* b */) {
      if (this.isStringQuote(1)) return 1;
      const second = this.code(1) | 0x20;
      if (bytesAllowed && ((first === 0x72 && second === 0x62) || (first === 0x62 && second === 0x72)) && this.isStringQuote(2)) return 2;
    }
    return 0;
  }

  private isStringQuote(offset: number): boolean {
    const c = this.code(offset);
    return c === CH.squote || (c === CH.dquote && this.rules.doubleQuotedStrings);
  }

  private string(quote: number, backslashEscapes: boolean): TokenKind {
    if (this.rules.tripleQuotedStrings && this.code(1) === quote && this.code(2) === quote) return this.tripleQuoted(quote);
    this.pos = this.closeQuoted(this.pos + 1, quote, backslashEscapes, true);
    return 'string';
  }

  private tripleQuoted(quote: number): TokenKind {
    const sql = this.sql;
    let p = this.pos + 3;
    while (p < sql.length) {
      const c = sql.charCodeAt(p);
      if (c === CH.backslash) p += 2;
      else if (c === quote && sql.charCodeAt(p + 1) === quote && sql.charCodeAt(p + 2) === quote) {
        this.pos = p + 3;
        return 'string';
      } else p++;
    }
    return this.toEnd('string');
  }

  /** Index just past the closing quote, honouring doubled quotes and optional backslash escapes. */
  private closeQuoted(from: number, quote: number, backslashEscapes: boolean, doubledEscapes: boolean): number {
    const sql = this.sql;
    let p = from;
    while (p < sql.length) {
      const c = sql.charCodeAt(p);
      if (c === CH.backslash && backslashEscapes) {
        p += 2;
      } else if (c === quote) {
        if (doubledEscapes && sql.charCodeAt(p + 1) === quote) p += 2;
        else return p + 1;
      } else p++;
    }
    this.unterminated = true;
    return sql.length;
  }

  private quotedIdentifier(quote: number): TokenKind {
    const backslash = quote === CH.backtick && this.rules.backslashInQuotedIdentifier;
    this.pos = this.closeQuoted(this.pos + 1, quote, backslash, !backslash);
    return 'quoted_identifier';
  }

  private lineComment(markerLength: number): TokenKind {
    const sql = this.sql;
    let p = this.pos + markerLength;
    while (p < sql.length) {
      const c = sql.charCodeAt(p);
      if (c === CH.lf || c === CH.cr) break;
      p++;
    }
    this.pos = p;
    return 'line_comment';
  }

  private blockComment(): TokenKind {
    const sql = this.sql;
    let depth = 1;
    let p = this.pos + 2;
    while (p < sql.length) {
      const c = sql.charCodeAt(p);
      if (c === CH.star && sql.charCodeAt(p + 1) === CH.slash) {
        p += 2;
        if (--depth === 0) {
          this.pos = p;
          return 'block_comment';
        }
      } else if (c === CH.slash && sql.charCodeAt(p + 1) === CH.star && this.rules.nestedBlockComments) {
        depth++;
        p += 2;
      } else p++;
    }
    return this.toEnd('block_comment');
  }

  /** `{{ … }}`, `{% … %}` (quotes inside are skipped so `'}}'` cannot close them) or `{# … #}`. */
  private template(): TokenKind {
    const sql = this.sql;
    const opener = sql.charCodeAt(this.pos + 1);
    const closer = opener === CH.lbrace ? CH.rbrace : opener;
    const skipStrings = opener !== CH.hash;
    let p = this.pos + 2;
    while (p < sql.length) {
      const c = sql.charCodeAt(p);
      if (c === closer && sql.charCodeAt(p + 1) === CH.rbrace) {
        this.pos = p + 2;
        return 'template';
      }
      if (skipStrings && (c === CH.squote || c === CH.dquote)) {
        p = this.closeQuoted(p + 1, c, true, false);
        this.unterminated = false; // an odd quote inside Jinja must not swallow the rest of the file
        if (p >= sql.length) break;
      } else p++;
    }
    return this.toEnd('template');
  }

  private toEnd(kind: TokenKind): TokenKind {
    this.pos = this.sql.length;
    this.unterminated = true;
    return kind;
  }

  private number(): TokenKind {
    const sql = this.sql;
    let p = this.pos;
    while (isDigit(sql.charCodeAt(p)) || sql.charCodeAt(p) === CH.underscore) p++;
    if (sql.charCodeAt(p) === CH.dot && sql.charCodeAt(p + 1) !== CH.dot) {
      p++;
      while (isDigit(sql.charCodeAt(p))) p++;
    }
    const e = sql.charCodeAt(p) | 0x20;
    if (e === 0x65) {
      const sign = sql.charCodeAt(p + 1) === CH.plus || sql.charCodeAt(p + 1) === CH.minus ? 1 : 0;
      if (isDigit(sql.charCodeAt(p + 1 + sign))) {
        p += 1 + sign;
        while (isDigit(sql.charCodeAt(p))) p++;
      }
    }
    // Suffixes and hex digits (`10L`, `1.5BD`, `0x1F`) belong to the number, never to a following identifier.
    while (p < sql.length && (isAsciiLetter(sql.charCodeAt(p)) || isDigit(sql.charCodeAt(p)) || sql.charCodeAt(p) === CH.underscore)) p++;
    this.pos = p;
    return 'number';
  }

  /** `$$…$$`, `$tag$…$tag$`, `$1`/`$name` placeholders, or a lone `$`. */
  private dollar(): TokenKind {
    const sql = this.sql;
    const mode = this.rules.dollarStrings;
    if (mode !== 'none') {
      let tagEnd = this.pos + 1;
      if (mode === 'tagged' && (isAsciiLetter(sql.charCodeAt(tagEnd)) || sql.charCodeAt(tagEnd) === CH.underscore)) {
        while (isAsciiLetter(sql.charCodeAt(tagEnd)) || isDigit(sql.charCodeAt(tagEnd)) || sql.charCodeAt(tagEnd) === CH.underscore) tagEnd++;
      }
      if (sql.charCodeAt(tagEnd) === CH.dollar) {
        const delimiter = sql.slice(this.pos, tagEnd + 1);
        const close = sql.indexOf(delimiter, tagEnd + 1);
        if (close < 0) return this.toEnd('string');
        this.pos = close + delimiter.length;
        return 'string';
      }
    }
    if (this.rules.dollarParameters && this.identifierPartWidth(this.pos + 1) > 0) {
      this.pos = this.wordEnd(this.pos + 1);
      return 'placeholder';
    }
    return this.operator();
  }

  /** `::` cast, `:name` bind parameter, or `:` as a path operator right after a value (`payload:customer`). */
  private colon(): TokenKind {
    if (this.code(1) === CH.colon || this.code(1) === CH.eq) return this.operator();
    const next = this.code(1);
    const startsName = isAsciiLetter(next) || isDigit(next) || next === CH.underscore;
    if (startsName && !this.followsValue()) {
      this.pos = this.wordEnd(this.pos + 1);
      return 'placeholder';
    }
    return this.single('operator');
  }

  private followsValue(): boolean {
    return this.lastValueEnd === this.pos;
  }

  /** `@name`, `@@system_variable`, Snowflake `@stage/path`; a lone `@` is an operator. */
  private atParameter(): TokenKind {
    let p = this.pos + 1;
    if (this.sql.charCodeAt(p) === CH.at) p++;
    if (this.identifierPartWidth(p) === 0) return this.operator();
    this.pos = this.wordEnd(p);
    return 'placeholder';
  }

  private operator(): TokenKind {
    if (!OPERATOR_CHARS.has(this.code(1))) return this.single('operator'); // every multi-character operator is made of operator characters
    for (const op of MULTI_CHAR_OPERATORS) {
      if (this.sql.startsWith(op, this.pos)) {
        this.pos += op.length;
        return 'operator';
      }
    }
    return this.single('operator');
  }
}
