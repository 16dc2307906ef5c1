import { describe, expect, it } from 'vitest';
import { dialectRules, tokenize, type SqlDialect, type TokenKind } from '../../src/sql/index.js';

/** `[kind, text]` of every token except whitespace. */
function lex(sql: string, dialect: SqlDialect): [TokenKind, string][] {
  return tokenize(sql, dialectRules(dialect))
    .filter((t) => t.kind !== 'whitespace')
    .map((t) => [t.kind, sql.slice(t.start, t.end)]);
}

function kindOf(sql: string, dialect: SqlDialect): TokenKind | undefined {
  const tokens = tokenize(sql, dialectRules(dialect));
  expect(tokens).toHaveLength(1);
  return tokens[0]?.kind;
}

describe('tokenize: shared rules', () => {
  const dialects: SqlDialect[] = ['ansi', 'snowflake', 'bigquery', 'redshift', 'postgres', 'databricks'];

  it.each(dialects)('%s: identifiers, numbers, operators, punctuation, comments, templates', (dialect) => {
    expect(lex("select t.a_1, 42, 1.5e3, .5 from t -- x\n/* y */ where a<>b and c::int >= 2; {{ ref('m') }} {% if x %} {# c #}", dialect)).toEqual([
      ['identifier', 'select'], ['identifier', 't'], ['punctuation', '.'], ['identifier', 'a_1'], ['punctuation', ','],
      ['number', '42'], ['punctuation', ','], ['number', '1.5e3'], ['punctuation', ','], ['number', '.5'],
      ['identifier', 'from'], ['identifier', 't'], ['line_comment', '-- x'], ['block_comment', '/* y */'],
      ['identifier', 'where'], ['identifier', 'a'], ['operator', '<>'], ['identifier', 'b'], ['identifier', 'and'],
      ['identifier', 'c'], ['operator', '::'], ['identifier', 'int'], ['operator', '>='], ['number', '2'], ['punctuation', ';'],
      ['template', "{{ ref('m') }}"], ['template', '{% if x %}'], ['template', '{# c #}'],
    ]);
  });

  it.each(dialects)("%s: single-quoted strings with '' escapes and ? placeholders", (dialect) => {
    expect(lex("'it''s' = ?", dialect)).toEqual([['string', "'it''s'"], ['operator', '='], ['placeholder', '?']]);
  });

  it('keeps a template whole even when a quoted }} is inside it', () => {
    expect(lex("{{ var('a}}b') }} x", 'snowflake')).toEqual([['template', "{{ var('a}}b') }}"], ['identifier', 'x']]);
  });

  it('keeps non-ASCII letters in identifiers, including astral ones, and NBSP/BOM as whitespace', () => {
    expect(lex('\ufeffselect café,\u00a0𝒳y', 'postgres')).toEqual([['identifier', 'select'], ['identifier', 'café'], ['punctuation', ','], ['identifier', '𝒳y']]);
  });

  it('makes number suffixes and hex digits part of the number', () => {
    expect(lex('10L 1.5BD 0x1F', 'databricks')).toEqual([['number', '10L'], ['number', '1.5BD'], ['number', '0x1F']]);
  });

  it('classifies unclaimed characters as other, so nothing is lost', () => {
    expect(lex('a \\ b', 'ansi')).toEqual([['identifier', 'a'], ['other', '\\'], ['identifier', 'b']]);
  });
});

describe('tokenize: dialect rules', () => {
  it('snowflake: double-quoted identifiers, backslash escapes, $$ strings, // comments, $1 and @stage, variant paths', () => {
    expect(lex(`"a""b" 'x\\'y' $$it's$$ // c\n$1 @st x:y :bind`, 'snowflake')).toEqual([
      ['quoted_identifier', '"a""b"'], ['string', "'x\\'y'"], ['string', "$$it's$$"], ['line_comment', '// c'],
      ['placeholder', '$1'], ['placeholder', '@st'], ['identifier', 'x'], ['operator', ':'], ['identifier', 'y'], ['placeholder', ':bind'],
    ]);
    expect(kindOf('/* /* */', 'snowflake')).toBe('block_comment'); // not nested: the first */ closes
  });

  it('bigquery: backtick identifiers with backslash escapes, double-quoted, triple-quoted, raw and bytes strings, # comments, @params', () => {
    expect(lex("`p.d.t` `a\\`b` \"s\" '''x'y''' \"\"\"q\"\"\" r'\\d' RB\"x\" b'y' # c\n@p @@v", 'bigquery')).toEqual([
      ['quoted_identifier', '`p.d.t`'], ['quoted_identifier', '`a\\`b`'], ['string', '"s"'], ['string', "'''x'y'''"],
      ['string', '"""q"""'], ['string', "r'\\d'"], ['string', 'RB"x"'], ['string', "b'y'"], ['line_comment', '# c'],
      ['placeholder', '@p'], ['placeholder', '@@v'],
    ]);
  });

  it('postgres: nested comments, tagged dollar strings, E-strings, $1, double-quoted identifiers, # is an operator', () => {
    expect(lex(`/* a /* b */ c */ $fn$ x $ y $fn$ E'a\\'b' $1 "Q" a # b`, 'postgres')).toEqual([
      ['block_comment', '/* a /* b */ c */'], ['string', '$fn$ x $ y $fn$'], ['string', "E'a\\'b'"], ['placeholder', '$1'],
      ['quoted_identifier', '"Q"'], ['identifier', 'a'], ['operator', '#'], ['identifier', 'b'],
    ]);
    expect(lex(`'a\\'`, 'postgres')).toEqual([['string', `'a\\'`]]); // standard strings: the backslash is a character
  });

  it('redshift: dollar strings, backslash escapes, $ inside identifiers', () => {
    expect(lex(`$$ body $$ 'a\\'b' col$1`, 'redshift')).toEqual([['string', '$$ body $$'], ['string', "'a\\'b'"], ['identifier', 'col$1']]);
  });

  it('databricks: backticks doubled to escape, double-quoted strings, raw strings, nested comments', () => {
    expect(lex("`a``b` \"s\\\"t\" r'x' /* /* */ */ :p", 'databricks')).toEqual([
      ['quoted_identifier', '`a``b`'], ['string', '"s\\"t"'], ['string', "r'x'"], ['block_comment', '/* /* */ */'], ['placeholder', ':p'],
    ]);
  });

  it('ansi: backticks are not quotes and $ is an operator', () => {
    expect(lex('`x` $', 'ansi')).toEqual([['other', '`'], ['identifier', 'x'], ['other', '`'], ['operator', '$']]);
  });
});

describe('tokenize: unterminated input', () => {
  it.each<[string, SqlDialect, TokenKind]>([
    ["select 'abc", 'ansi', 'string'],
    ['select "abc', 'snowflake', 'quoted_identifier'],
    ['select /* abc', 'postgres', 'block_comment'],
    ['select {{ ref(', 'snowflake', 'template'],
    ['select $$ body', 'snowflake', 'string'],
    ["select '''abc", 'bigquery', 'string'],
  ])('%s (%s) ends in one flagged %s token', (sql, dialect, kind) => {
    const tokens = tokenize(sql, dialectRules(dialect));
    const last = tokens[tokens.length - 1];
    expect(last?.kind).toBe(kind);
    expect(last?.unterminated).toBe(true);
    expect(last?.end).toBe(sql.length);
  });
});
