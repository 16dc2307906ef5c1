import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMapping, dialectRules, rewriteSql, SQL_DIALECTS, tokenize, type SqlDialect } from '../../src/sql/index.js';
import { loadMappingFixture } from './corpus-cases.js';

/** Pieces that stress the tokenizer and parser: quotes of every kind, comment and template openers, keywords, mapped names. */
const FRAGMENTS = [
  ' ', '\n', '\r\n', '\t', "'", '"', '`', '$$', '$tag$', '$1', '--', '/*', '*/', '//', '#', '{{', '}}', '{%', '%}', '{#', '#}',
  '(', ')', ',', ';', '.', '::', ':', '*', '=', '\\', 'E', 'r', 'select', 'from', 'where', 'join', 'on', 'using', 'as', 'with',
  'union', 'case', 'when', 'end', 'over', 'salesforce', 'Account', 'Opportunity', 'a', 'o', 'AccountNumber', 'CreatedById',
  'IsDeleted', 'Id', 'Name', 'account_number', '"AccountNumber"', '`Region__c`', "'AccountNumber'", '42', '1.5e3', 'é', '𝒳',
];

const sqlish = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 60 }).map((parts) => parts.join(''));
const anyText = fc.oneof(sqlish, fc.string({ unit: 'binary', maxLength: 120 }), fc.string({ unit: 'grapheme', maxLength: 120 }));
const dialect = fc.constantFrom<SqlDialect>(...SQL_DIALECTS);

/** A well-formed query over the Salesforce fixture, with random aliases, qualification and spelling. */
const generatedQuery = fc.record({
  columns: fc.array(fc.constantFrom('AccountNumber', 'CreatedById', 'IsDeleted', 'Id', 'Region__c', 'account_number', 'Description'), { minLength: 1, maxLength: 5 }),
  qualified: fc.boolean(),
  alias: fc.constantFrom('a', 'acct', 'x'),
  join: fc.boolean(),
  upper: fc.boolean(),
  cte: fc.boolean(),
});

/** Columns both Account and Opportunity have and that one of them renames: unqualified, they are ambiguous in a join. */
const SHARED_RENAMED = new Set(['CreatedById', 'IsDeleted', 'Description']);
const SOURCE_SPELLED = /\b(AccountNumber|CreatedById|IsDeleted|Region__c)\b/i;

describe('properties', () => {
  const salesforce = loadMappingFixture(['salesforce']);
  const empty = buildMapping({});

  it('tokens cover the input exactly: contiguous, non-empty, and concatenating to it', () => {
    fc.assert(
      fc.property(anyText, dialect, (sql, d) => {
        const tokens = tokenize(sql, dialectRules(d));
        let at = 0;
        for (const token of tokens) {
          expect(token.start).toBe(at);
          expect(token.end).toBeGreaterThan(token.start);
          at = token.end;
        }
        expect(at).toBe(sql.length);
        expect(tokens.map((t) => sql.slice(t.start, t.end)).join('')).toBe(sql);
      }),
      { numRuns: 400 },
    );
  });

  it('rewriting with an empty mapping is the identity', () => {
    fc.assert(
      fc.property(anyText, dialect, (sql, d) => {
        const result = rewriteSql(sql, empty, { dialect: d });
        expect(result.output).toBe(sql);
        expect(result.changes).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('on arbitrary input, only identifier tokens change, and a second rewrite changes nothing', () => {
    fc.assert(
      fc.property(anyText, dialect, (sql, d) => {
        const rules = dialectRules(d);
        const first = rewriteSql(sql, salesforce, { dialect: d });
        const before = tokenize(sql, rules);
        const after = tokenize(first.output, rules);
        expect(after.map((t) => t.kind)).toEqual(before.map((t) => t.kind));
        before.forEach((token, i) => {
          const other = after[i];
          if (token.kind !== 'identifier' && token.kind !== 'quoted_identifier' && other) {
            expect(first.output.slice(other.start, other.end)).toBe(sql.slice(token.start, token.end));
          }
        });
        expect(rewriteSql(first.output, salesforce, { dialect: d }).output).toBe(first.output);
      }),
      { numRuns: 300 },
    );
  });

  it('generated queries: unambiguous source columns are rewritten, shared ones reported, comments kept, result a fixed point', () => {
    fc.assert(
      fc.property(generatedQuery, fc.constantFrom<SqlDialect>('snowflake', 'postgres', 'redshift', 'ansi'), (q, d) => {
        const select = q.columns.map((c) => (q.qualified ? `${q.alias}.${c}` : c)).join(', ');
        const from = `salesforce.Account ${q.alias}${q.join ? ` join salesforce.Opportunity o on o.AccountId = ${q.alias}.Id` : ''}`;
        const body = `select ${select} from ${from} where ${q.alias}.IsDeleted = false -- ${q.columns.join(' ')}`;
        const raw = q.cte ? `with q as (${body}) select * from q` : body;
        const sql = q.upper ? raw.toUpperCase() : raw;

        const first = rewriteSql(sql, salesforce, { dialect: d });
        const ambiguousExpected = q.join && !q.qualified ? q.columns.filter((c) => SHARED_RENAMED.has(c)) : [];
        expect(first.ambiguous.map((a) => a.name.toLowerCase())).toEqual(ambiguousExpected.map((c) => c.toLowerCase()));
        const comment = first.output.indexOf('--');
        const code = ambiguousExpected.reduce((text, c) => text.replace(new RegExp(`\\b${c}\\b`, 'gi'), ''), first.output.slice(0, comment));
        expect(code).not.toMatch(SOURCE_SPELLED);
        expect(first.output.slice(comment)).toBe(sql.slice(sql.indexOf('--')));
        expect(rewriteSql(first.output, salesforce, { dialect: d }).changes).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
