import { describe, expect, it } from 'vitest';
import { rewriteSql } from '../../src/sql/index.js';
import { loadCorpus } from './corpus-cases.js';

const cases = loadCorpus();

describe('SQL rewrite corpus', () => {
  it('has at least 40 cases covering the five dialects and ANSI', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.dialect ?? 'ansi'))).toEqual(new Set(['ansi', 'snowflake', 'bigquery', 'redshift', 'postgres', 'databricks']));
  });

  describe.each(cases)('$name', (c) => {
    const options = c.dialect ? { dialect: c.dialect } : {};

    it(`rewrites the input to the expected output (${c.description})`, () => {
      expect(rewriteSql(c.input, c.mapping, options).output).toBe(c.expected);
    });

    it('reports exactly the expected ambiguous and unmapped names, in order', () => {
      const result = rewriteSql(c.input, c.mapping, options);
      expect(result.ambiguous.map((a) => a.name)).toEqual(c.ambiguous);
      expect(result.unmapped.map((u) => u.name)).toEqual(c.unmapped);
      expect(result.warnings).toEqual([]);
    });

    it('is idempotent: rewriting the expected output changes nothing', () => {
      const again = rewriteSql(c.expected, c.mapping, options);
      expect(again.output).toBe(c.expected);
      expect(again.changes).toEqual([]);
    });

    it('lists one change per replaced identifier, each pointing at text that was there', () => {
      const result = rewriteSql(c.input, c.mapping, options);
      const lines = c.input.split('\n');
      for (const change of result.changes) {
        expect(lines[change.line - 1]?.slice(change.column - 1)).toContain(change.from.replace(/^[`"]|[`"]$/g, ''));
      }
      expect(result.changes.length === 0).toBe(c.input === c.expected);
    });
  });
});
