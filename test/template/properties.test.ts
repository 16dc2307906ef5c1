import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../../src/errors.js';
import { compileExpression, compileTemplate } from '../../src/template/index.js';
import { stringifyEmbedded } from '../../src/template/stringify.js';

const context = {
  vars: { x: 1, s: 'text', list: [1, 2, 3], map: { a: 1 }, none: null },
  item: { id: 'c1', n: 2.5, tags: ['a'] },
  index: 3,
  steps: { s: { items: [{ id: 'a' }] } },
};
const options = { env: { SECRET: 'pw' }, now: () => new Date('2025-01-01T00:00:00Z') };

/** Fragments that make strings look like templates and expressions, so the interesting paths are hit. */
const fragment = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.constantFrom('${{', '}}', '$${{', '{', '}', "'", '"', '\\', ' ', '\n', '.', '(', ')', '[', ']', ',', '+', '*', '%', '==', '&&', '!'),
  fc.constantFrom('item', 'vars', 'vars.x', 'item.id', 'index', 'steps.s.items', 'missing', '1', '2.5', 'null', 'true', "'a'"),
  fc.constantFrom('size(', 'default(', 'secret(', 'env(', 'json(', 'from_json(', 'chunk(', 'lower(', '.map(x, ', '.filter(x, ', 'x)', 'cel.bind('),
);
const templatish = fc.array(fragment, { maxLength: 10 }).map((parts) => parts.join(''));

const { value: templatedValue } = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    templatish,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 4 }),
  ),
}));

/** Well-formed expressions over the context and every kind of function, to reach evaluation. */
const { expression: wellFormed } = fc.letrec((tie) => ({
  expression: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom('item', 'item.id', 'item.n', 'item.tags', 'vars.list', 'vars.map', 'vars.none', 'index', 'steps.s.items', 'x'),
    fc.constantFrom('1', '2.5', "'a'", 'true', 'null', '[1, 2]', "{'k': 1}", 'now()', "duration('1h')", "b'z'", '-7', '9223372036854775807'),
    fc.tuple(tie('expression'), fc.constantFrom('+', '-', '*', '/', '%', '==', '!=', '<', '>=', '&&', '||', 'in'), tie('expression')).map(
      ([a, op, b]) => `(${a} ${op} ${b})`,
    ),
    fc.tuple(fc.constantFrom('!', '-'), tie('expression')).map(([op, a]) => `${op}(${a})`),
    fc.tuple(
      fc.constantFrom('size', 'string', 'int', 'double', 'json', 'lower', 'unique', 'flatten', 'sum', 'min', 'keys', 'values', 'type', 'from_json', 'today'),
      tie('expression'),
    ).map(([name, a]) => (name === 'today' ? 'today()' : `${name}(${a})`)),
    fc.tuple(fc.constantFrom('default', 'chunk', 'join', 'split', 'matches', 'add_days', 'format_date', 'env', 'secret'), tie('expression'), tie('expression')).map(
      ([name, a, b]) => (name === 'secret' || name === 'env' ? `${name}(string(${a}))` : `${name}(${a}, ${b})`),
    ),
    fc.tuple(tie('expression'), fc.constantFrom('map', 'filter', 'exists', 'all'), tie('expression')).map(([list, macro, body]) => `${list}.${macro}(x, ${body})`),
    fc.tuple(tie('expression'), tie('expression'), tie('expression')).map(([c, a, b]) => `(${c} ? ${a} : ${b})`),
    fc.tuple(tie('expression'), tie('expression')).map(([a, i]) => `${a}[${i}]`),
    fc.tuple(tie('expression'), fc.constantFrom('id', 'k', 'a', 'constructor')).map(([a, f]) => `${a}.${f}`),
    tie('expression').map((a) => `has(${a}.id)`),
  ),
}));

/** Returns normally or throws an ExpressionError; anything else fails the property. */
function onlyValuesOrExpressionErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
  }
}

describe('properties', () => {
  it('templating any JSON-ish value returns a value or throws ExpressionError, never anything else', () => {
    fc.assert(
      fc.property(templatedValue, (value) => {
        onlyValuesOrExpressionErrors(() => compileTemplate(value).render(context, options));
      }),
      { numRuns: 1000 },
    );
  });

  it('compiling and evaluating any text does the same', () => {
    fc.assert(
      fc.property(templatish, (source) => {
        onlyValuesOrExpressionErrors(() => compileExpression(source).evaluate(context, options));
      }),
      { numRuns: 1000 },
    );
  });

  it('evaluating any well-formed expression returns JSON or throws ExpressionError', () => {
    fc.assert(
      fc.property(wellFormed, (source) => {
        onlyValuesOrExpressionErrors(() => {
          const result = compileExpression(source).evaluate(context, options);
          expect(JSON.parse(JSON.stringify(result) ?? 'null')).toEqual(result ?? null);
        });
      }),
      { numRuns: 1000 },
    );
  });

  it('a value without ${{ renders to itself', () => {
    fc.assert(
      fc.property(
        fc.jsonValue().filter((value) => !JSON.stringify(value).includes('${{')),
        (value) => {
          const template = compileTemplate(value);
          expect(template.isStatic).toBe(true);
          expect(template.render(context)).toBe(value);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('any JSON value from the context comes back equal (as JSON) through a whole-string expression', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        // Compared as JSON text: JSON has no -0, and a top-level -0 comes back as 0.
        expect(JSON.stringify(compileTemplate('${{ v }}').render({ v: value }))).toBe(JSON.stringify(value));
      }),
      { numRuns: 300 },
    );
  });

  it('an embedded expression is written with the stringify rule', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(compileTemplate('<${{ v }}>').render({ v: value })).toBe(`<${stringifyEmbedded(value)}>`);
      }),
      { numRuns: 300 },
    );
  });

  it('safe integers stay integers (CEL int), other numbers doubles', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.double({ noNaN: true, noDefaultInfinity: true }), (int, double) => {
        expect(compileExpression('i').evaluate({ i: int })).toBe(int);
        expect(compileExpression("type(i) == int").evaluate({ i: int })).toBe(true);
        const result = compileExpression('d').evaluate({ d: double });
        expect(Object.is(result, double) || (result === 0 && double === 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
