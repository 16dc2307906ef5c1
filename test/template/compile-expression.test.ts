import { describe, expect, it } from 'vitest';
import { ExpressionError } from '../../src/errors.js';
import { compileExpression, LocatedExpressionError } from '../../src/template/index.js';

const at = { file: 'flows/migrate.yml', line: 12, column: 20 };

function evaluate(source: string, context: Record<string, unknown> = {}): unknown {
  return compileExpression(source, at).evaluate(context);
}

function failure(run: () => unknown): LocatedExpressionError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(LocatedExpressionError);
    return error as LocatedExpressionError;
  }
  throw new Error('expected an ExpressionError');
}

describe('JSON numbers meet CEL ints and doubles', () => {
  const item = { sync_frequency: 360, ratio: 1.5, tags: ['a', 'b'] };

  it.each([
    ['item.sync_frequency + 1', 361],
    ['item.sync_frequency == 360', true],
    ['item.sync_frequency * 2 > 700', true],
    ['size(items) > 0', true],
    ['index % 2 == 0', true],
    ['item.ratio * 2.0', 3],
    ['item.ratio > 1.0', true],
    ['item.sync_frequency / 7', 51],
    ['double(item.sync_frequency) / 8.0', 45],
    ['int(item.ratio)', 1],
  ])('%s → %j', (source, expected) => {
    expect(evaluate(source, { item, items: [item], index: 4 })).toEqual(expected);
  });

  it('keeps integers beyond 2^53 as doubles rather than inventing digits', () => {
    expect(evaluate('x', { x: 2 ** 60 })).toBe(2 ** 60);
  });

  it('refuses an int result JSON cannot hold exactly, with a hint', () => {
    const error = failure(() => evaluate('9007199254740991 + 2'));
    expect(error.message).toBe(
      "flows/migrate.yml:12:20: integer 9007199254740993 is beyond what a JSON number holds exactly (±9007199254740991) in '9007199254740991 + 2'\n" +
        '  hint: use string(x) to keep a large number exact',
    );
  });

  it('refuses NaN and infinities, which JSON has no numbers for', () => {
    expect(failure(() => evaluate('0.0 / 0.0')).reason).toBe('cannot write NaN as a JSON number');
    expect(failure(() => evaluate('-1.0 / 0.0')).reason).toBe('cannot write -Infinity as a JSON number');
  });
});

describe('results are plain JSON values', () => {
  it.each([
    ['[1, 2.5, "a", true, null]', [1, 2.5, 'a', true, null]],
    ['{"a": 1, "b": [2]}', { a: 1, b: [2] }],
    ['{1: "one"}', { 1: 'one' }],
    ['timestamp("2025-01-02T03:04:05Z")', '2025-01-02T03:04:05.000Z'],
    ['duration("90m")', '5400s'],
    ['uint(5)', 5],
  ])('%s → %j', (source, expected) => {
    expect(evaluate(source)).toEqual(expected);
  });

  it('returns context objects themselves, not copies', () => {
    const items = [{ id: 'a' }, { id: 'b' }];
    const result = evaluate('steps.source.items', { steps: { source: { items } } });
    expect(result).toBe(items);
    const filtered = evaluate("steps.source.items.filter(i, i.id == 'b')", { steps: { source: { items } } }) as unknown[];
    expect(filtered[0]).toBe(items[1]);
  });

  it('reads a context object as it is now, not as it was at an earlier evaluation', () => {
    const steps: Record<string, unknown> = { a: { items: [1] } };
    const expression = compileExpression('size(steps.a.items)');
    expect(expression.evaluate({ steps })).toBe(1);
    steps.a = { items: [1, 2, 3] };
    expect(expression.evaluate({ steps })).toBe(3);
  });

  it('accepts frozen context objects', () => {
    const item = Object.freeze({ id: 'a', n: 2, tags: Object.freeze(['x']) });
    expect(evaluate('item.n + size(item.tags)', { item })).toBe(3);
  });

  it('treats undefined and function context values as absent', () => {
    expect(failure(() => evaluate('item', { item: undefined, vars: {} })).reason).toBe("unknown variable 'item'");
    expect(failure(() => evaluate('f', { f: () => 1 })).reason).toBe("unknown variable 'f'");
  });

  it('refuses bytes, which JSON cannot hold', () => {
    expect(failure(() => evaluate('b"abc"')).hint).toBe('convert it first, e.g. string(x), or bytes with .base64()');
  });

  it('reports the static result type', () => {
    expect(compileExpression('1 + 2').type).toBe('int');
    expect(compileExpression('now()').type).toBe('timestamp');
    expect(compileExpression("item.x == 'a'").type).toBe('bool');
    expect(compileExpression('item.x').type).toBe('dyn');
  });
});

describe('syntax errors are located inside the expression', () => {
  it.each([
    ['item.', "flows/migrate.yml:12:25: syntax error: expected a name before the end in 'item.'"],
    ['item.id ==', "flows/migrate.yml:12:30: syntax error: unexpected end of expression in 'item.id =='"],
    ['(a + b', "flows/migrate.yml:12:26: syntax error: expected ')' before the end in '(a + b'"],
    ['a + * b', "flows/migrate.yml:12:24: syntax error: unexpected '*' in 'a + * b'"],
    ["f(a, 'b'", "flows/migrate.yml:12:28: syntax error: expected ')' before the end in 'f(a, 'b''"],
    ['a ] b', "flows/migrate.yml:12:22: syntax error: unexpected character: ']' in 'a ] b'"],
  ])('%s', (source, message) => {
    expect(failure(() => compileExpression(source, at)).message).toBe(message);
  });

  it('counts lines inside a multi-line expression', () => {
    const error = failure(() => compileExpression('a &&\n  b +', at));
    expect(error.location).toEqual({ file: 'flows/migrate.yml', line: 13, column: 6 });
  });

  it('explains reserved words', () => {
    const error = failure(() => compileExpression('item.x + import', at));
    expect(error.reason).toBe('syntax error: reserved identifier: import');
    expect(error.hint).toBe('CEL reserves this word; read the value with a key, e.g. x["import"]');
  });

  it('says only the reason when no location is known', () => {
    expect(failure(() => compileExpression('a +')).message).toBe("syntax error: unexpected end of expression in 'a +'");
  });

  it('rejects empty expressions and non-text', () => {
    expect(failure(() => compileExpression('   ', at)).message).toBe("flows/migrate.yml:12:20: empty expression in '   '");
    expect(failure(() => compileExpression(42 as unknown as string, at)).reason).toBe('an expression must be text');
  });
});

describe('type errors are found before anything runs', () => {
  it('names the operand types and says how to convert', () => {
    const error = failure(() => compileExpression('1 + "a"', at));
    expect(error.message).toBe(
      "flows/migrate.yml:12:20: no such overload: int + string in '1 + \"a\"'\n  hint: convert first: string(x) to join text, int(x) or double(x) to compute",
    );
  });

  it('shows the signature of a known function called wrongly', () => {
    const error = failure(() => compileExpression('lower(1)', at));
    expect(error.reason).toBe("found no matching overload for 'lower(int)'");
    expect(error.hint).toBe('expected lower(s: string) → string');
  });

  it('suggests the nearest name for an unknown function, located at the name', () => {
    const error = failure(() => compileExpression('item.name.lowr()', at));
    expect(error.message).toBe("flows/migrate.yml:12:30: unknown function 'lowr' in 'item.name.lowr()'\n  hint: did you mean 'lower'?");
    expect(failure(() => compileExpression('defualt(item.x, 1)')).hint).toBe("did you mean 'default'?");
  });

  it('lists the functions when no name is near', () => {
    expect(failure(() => compileExpression('frobnicate_everything()')).hint).toMatch(/^functions: secret, env, default, /);
  });

  it('wants one type for both branches of a conditional', () => {
    expect(failure(() => compileExpression('x ? 1 : "a"')).code).toBe('incompatible_ternary_branches');
  });
});

describe('evaluation errors name the expression, the place and a fix', () => {
  it('missing key → has() or default()', () => {
    const error = failure(() => evaluate('item.config.schema', { item: { id: 'c1' } }));
    expect(error.message).toBe(
      "flows/migrate.yml:12:25: no such key 'config' in 'item.config.schema'\n  hint: use has(item.config) or default(item.config, …) when it may be absent",
    );
    expect(error.code).toBe('no_such_key');
    expect(error.expression).toBe('item.config.schema');
  });

  it('index past the end', () => {
    const error = failure(() => evaluate('items[3]', { items: [1] }));
    expect(error.reason).toBe('index out of bounds, index 3 >= size 1');
    expect(error.hint).toBe('check size() first, or use default(items[3], …)');
  });

  it('unknown variable → lists the variables present', () => {
    const error = failure(() => evaluate('item.id', { vars: {}, steps: {}, run: {} }));
    expect(error.message).toBe("flows/migrate.yml:12:20: unknown variable 'item' in 'item.id'\n  hint: variables here: run, steps, vars");
  });

  it('int and double do not mix', () => {
    const error = failure(() => evaluate('item.ratio * 2', { item: { ratio: 1.5 } }));
    expect(error.reason).toBe('no such overload: double * int');
    expect(error.hint).toBe('CEL never mixes int and double: write 2.0 instead of 2, or convert with double(x) or int(x)');
  });

  it('division by zero', () => {
    expect(failure(() => evaluate('x / 0', { x: 1 })).reason).toBe('division by zero');
  });

  it('is an ExpressionError that converts to a WorkflowError issue', () => {
    const error = failure(() => evaluate('item.x', { item: {} }));
    expect(error).toBeInstanceOf(ExpressionError);
    expect(error.toIssue()).toEqual({
      file: 'flows/migrate.yml',
      line: 12,
      column: 25,
      message: "no such key 'x' in 'item.x'",
      hint: 'use has(item.x) or default(item.x, …) when it may be absent',
    });
    expect(failure(() => compileExpression('item.x').evaluate({ item: {} })).toIssue()).toBeUndefined();
  });

  it('quotes long or multi-line expressions on one shortened line', () => {
    const long = `item.missing + ${'1 + '.repeat(60)}1`;
    const error = failure(() => compileExpression(long).evaluate({ item: {} }));
    expect(error.message.split('\n')[0]).toMatch(/^no such key 'missing' in 'item\.missing \+ 1 \+ .{100,}…'$/);
    const multiline = failure(() => compileExpression('item.a\n  + 1').evaluate({ item: {} }));
    expect(multiline.message.split('\n')[0]).toBe("no such key 'a' in 'item.a + 1'");
  });
});
