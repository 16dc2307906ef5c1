import type { DialectRules } from './dialects.js';
import { unquoteIdentifier } from './identifiers.js';
import { keywordAt, WORD } from './keywords.js';
import type { NamePart } from './query-model.js';
import { STREAM_KIND, type TokenStream } from './tokens.js';

/** Finds the mapping's own key for a name, so the parser can mark names the mapping knows (see `NameTable`). */
export interface NameInterner {
  at(text: string, start: number, end: number): string | null;
  of(key: string): string | null;
}

export const NO_NAMES: NameInterner = { at: () => null, of: () => null };

export const KIND = STREAM_KIND;
/** Added to a token's word flags when it is in the keyword table at all (some keywords have no other flag). */
const IS_KEYWORD = 0x100;

/**
 * Reading position over a {@link TokenStream}: token tests, keyword classification (computed once per
 * token), and names (`a.b.c`, quoted, BigQuery paths) as `NamePart`s. The grammar lives in `query-parser.ts`.
 */
export class TokenCursor {
  protected readonly kinds: Uint8Array;
  protected readonly starts: Int32Array;
  protected readonly ends: Int32Array;
  protected readonly length: number;
  /** Per token, computed on first use: its lower-cased text ('' until asked), and keyword flags (-1: not yet). */
  private readonly words: string[];
  private readonly flags: Int16Array;
  protected p = 0;

  constructor(
    protected readonly sql: string,
    stream: TokenStream,
    protected readonly rules: DialectRules,
    private readonly names: NameInterner,
  ) {
    this.kinds = stream.kinds;
    this.starts = stream.starts;
    this.ends = stream.ends;
    this.length = stream.length;
    this.words = new Array<string>(stream.length).fill('');
    this.flags = new Int16Array(stream.length).fill(-1);
  }

  protected eof(): boolean {
    return this.p >= this.length;
  }

  protected kindAt(k = 0): number {
    const at = this.p + k;
    return at >= 0 && at < this.length ? (this.kinds[at] ?? 0) : 0;
  }

  protected text(at: number): string {
    return this.sql.slice(this.starts[at], this.ends[at]);
  }

  /** Looks token `at` up in the keyword table once; returns its flags. */
  protected classify(at: number): number {
    let flags = this.flags[at] ?? 0;
    if (flags < 0) {
      const info = this.kinds[at] === KIND.identifier ? keywordAt(this.sql, this.starts[at] ?? 0, this.ends[at] ?? 0) : null;
      flags = info ? info.flags | IS_KEYWORD : 0;
      if (info) this.words[at] = info.word;
      this.flags[at] = flags;
    }
    return flags;
  }

  /** The keyword at offset k (lower case), or '' when the token is not one. */
  protected keyword(k = 0): string {
    const at = this.p + k;
    if (at < 0 || at >= this.length) return '';
    return (this.classify(at) & IS_KEYWORD) !== 0 ? (this.words[at] ?? '') : '';
  }

  /** The lower-cased text of a bare word at offset k, or '' for any other token. */
  protected word(k = 0): string {
    const at = this.p + k;
    if (at < 0 || at >= this.length || this.kinds[at] !== KIND.identifier) return '';
    this.classify(at);
    let word = this.words[at] ?? '';
    if (word === '') {
      word = this.text(at).toLowerCase();
      this.words[at] = word;
    }
    return word;
  }

  /** Steps over the bare word `word` when it is next; says whether it was. */
  protected accept(word: string): boolean {
    if (this.word() !== word) return false;
    this.p++;
    return true;
  }

  protected wordFlags(k = 0): number {
    const at = this.p + k;
    return at < 0 || at >= this.length ? 0 : this.classify(at);
  }

  protected isPunct(k: number, ch: string): boolean {
    const at = this.p + k;
    return this.kindAt(k) === KIND.punctuation && this.sql.charCodeAt(this.starts[at] ?? 0) === ch.charCodeAt(0);
  }

  protected isOp(k: number, op: string): boolean {
    const at = this.p + k;
    if (this.kindAt(k) !== KIND.operator) return false;
    const start = this.starts[at] ?? 0;
    return (this.ends[at] ?? 0) - start === op.length && this.sql.startsWith(op, start);
  }

  protected isCloser(k = 0): boolean {
    return this.isPunct(k, ')') || this.isPunct(k, ']') || this.isPunct(k, '}');
  }

  protected isNameToken(k = 0): boolean {
    const kind = this.kindAt(k);
    return kind === KIND.identifier || kind === KIND.quoted;
  }

  protected expectPunct(ch: string): void {
    if (this.isPunct(0, ch)) this.p++;
  }

  protected expectCloser(): void {
    if (this.isCloser()) this.p++;
  }

  protected startsQuery(k: number): boolean {
    let at = k;
    while (this.isPunct(at, '(')) at++;
    const w = this.keyword(at);
    return w === 'select' || w === 'with';
  }

  protected isClauseWord(k = 0): boolean {
    const flags = this.wordFlags(k);
    return (flags & WORD.clause) !== 0 && !((flags & WORD.clauseFunction) !== 0 && this.isPunct(k + 1, '('));
  }

  /** Appends the name parts of one identifier token; a BigQuery backtick path yields one part per segment. */
  protected pushParts(at: number, into: NamePart[]): void {
    const kind = this.kinds[at];
    if (at < 0 || at >= this.length || (kind !== KIND.identifier && kind !== KIND.quoted)) return;
    const start = this.starts[at] ?? 0;
    const end = this.ends[at] ?? 0;
    if (kind === KIND.identifier) {
      const interned = this.names.at(this.sql, start, end);
      const text = this.sql.slice(start, end);
      into.push({ text, quoted: false, key: interned ?? this.word(at - this.p), mapped: interned !== null, token: at, segment: -1, locked: false });
      return;
    }
    const text = unquoteIdentifier(this.sql.slice(start, end), this.rules);
    if (this.rules.name === 'bigquery' && text.includes('.')) {
      text.split('.').forEach((segment, i) => into.push(this.namePart(segment, true, at, i, false)));
    } else into.push(this.namePart(text, true, at, -1, false));
  }

  /** The first name part of token `at` (an alias or CTE name), or null. */
  protected firstPart(at: number): NamePart | null {
    const parts: NamePart[] = [];
    this.pushParts(at, parts);
    return parts[0] ?? null;
  }

  protected namePart(text: string, quoted: boolean, token: number, segment: number, locked: boolean): NamePart {
    const lower = text.toLowerCase();
    const interned = this.names.of(lower);
    return { text, quoted, key: interned ?? lower, mapped: interned !== null, token, segment, locked };
  }

  /** Reads `a.b.c` or `a.b.*` starting at a name token. */
  protected readChain(): { parts: NamePart[]; star: boolean } {
    const parts: NamePart[] = [];
    this.pushParts(this.p, parts);
    this.p++;
    for (;;) {
      if (!this.isPunct(0, '.')) return { parts, star: false };
      if (this.isOp(1, '*')) {
        this.p += 2;
        return { parts, star: true };
      }
      if (!this.isNameToken(1)) return { parts, star: false };
      this.p++;
      this.pushParts(this.p, parts);
      this.p++;
    }
  }

  /** `(a, b.c, …)` after the opening parenthesis; stops before `)`. */
  protected readNameList(): NamePart[][] {
    const names: NamePart[][] = [];
    while (this.isNameToken()) {
      names.push(this.readChain().parts);
      if (!this.isPunct(0, ',')) break;
      this.p++;
    }
    return names;
  }

  protected readAlias(): NamePart | null {
    if (this.isNameToken()) {
      this.p++;
      return this.firstPart(this.p - 1);
    }
    if (this.kindAt() === KIND.string) this.p++;
    return null;
  }
}
