/**
 * Properties of the read step's parsing (fast-check): whatever the text, it gives items or one of
 * our located errors, never another exception; and any table written as CSV reads back as itself.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StepError, WorkflowError } from '../../src/errors.js';
import { FORMATS, parseItems } from '../../src/steps/resources/parse-items.js';

/** Characters CSV gives meaning to, mixed with ordinary ones, so generated text hits every branch. */
const csvChar = fc.constantFrom(',', '"', '\n', '\r', '\r\n', ';', '\t', ' ', 'a', 'b', '1', 'é', '\ufeff', '\\', "'", '#');
const csvText = fc.oneof(fc.string({ unit: csvChar, maxLength: 60 }), fc.string({ maxLength: 60 }));

/** What a parse of `text` did: `items`, or the kind of error it threw. */
function outcome(text: string, options: Parameters<typeof parseItems>[1]): 'items' | 'located' | 'step' {
  try {
    const items = parseItems(text, options);
    if (!Array.isArray(items)) throw new Error(`not a list: ${String(items)}`);
    return 'items';
  } catch (error) {
    if (error instanceof WorkflowError) {
      const lines = text.split('\n').length;
      for (const issue of error.issues) {
        if (issue.file !== options.file || issue.line < 1 || issue.line > lines + 1 || issue.column < 1) throw new Error(`badly located: ${JSON.stringify(issue)}`);
      }
      return 'located';
    }
    if (error instanceof StepError) return 'step';
    throw error;
  }
}

/** RFC 4180: every field quoted, quotes doubled; line ends chosen per row. */
function toCsv(header: readonly string[], rows: readonly (readonly string[])[], crlf: readonly boolean[]): string {
  const line = (fields: readonly string[]): string => fields.map((field) => `"${field.replaceAll('"', '""')}"`).join(',');
  return [header, ...rows].map((fields, index) => `${line(fields)}${crlf[index % crlf.length] ? '\r\n' : '\n'}`).join('');
}

describe('the read step on arbitrary text', () => {
  it('CSV with a header, without one, or with given columns: items or a located problem, nothing else', () => {
    fc.assert(
      fc.property(csvText, fc.constantFrom<{ header?: boolean; columns?: string[]; delimiter?: string }>({}, { header: false }, { columns: ['a', 'b'] }, { columns: ['a'], header: true }, { delimiter: ';' }), (text, options) => {
        outcome(text, { file: 'data.csv', format: 'csv', ...options });
      }),
      { numRuns: 1500 },
    );
  });

  it('every other format: items, a located problem or a step error, nothing else', () => {
    fc.assert(
      fc.property(csvText, fc.constantFrom(...FORMATS), fc.option(fc.constantFrom('items', 'data.items'), { nil: undefined }), (text, format, path) => {
        const json = format === 'json' || format === 'yaml';
        outcome(text, { file: `data.${format}`, format, ...(json && path ? { path } : {}) });
      }),
      { numRuns: 1500 },
    );
  });
});

describe('CSV written by the rules reads back as written', () => {
  const name = fc.string({ minLength: 1, maxLength: 8 }).filter((text) => text.trim() !== '' && !text.startsWith('\ufeff'));
  const field = fc.string({ unit: fc.oneof(csvChar, fc.constantFrom('x', 'y')), maxLength: 12 });

  it('any header of distinct names and any fields (commas, quotes, line breaks): the same records', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(name, { minLength: 1, maxLength: 5 }).chain((header) =>
          fc.tuple(fc.constant(header), fc.array(fc.array(field, { minLength: header.length, maxLength: header.length }), { maxLength: 6 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 3 })),
        ),
        ([header, rows, crlf]) => {
          const items = parseItems(toCsv(header, rows, crlf), { file: 'data.csv', format: 'csv' });
          expect(items).toEqual(rows.map((row) => Object.fromEntries(header.map((column, index) => [column, row[index]]))));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a header naming a column twice is always refused at line 1', () => {
    fc.assert(
      fc.property(fc.uniqueArray(name, { minLength: 1, maxLength: 4 }), fc.nat(), (names, pick) => {
        const header = [...names, names[pick % names.length]!];
        const text = toCsv(header, [header.map(() => 'v')], [false]);
        expect(() => parseItems(text, { file: 'data.csv', format: 'csv' })).toThrow(WorkflowError);
        expect(outcome(text, { file: 'data.csv', format: 'csv' })).toBe('located');
      }),
      { numRuns: 300 },
    );
  });
});
