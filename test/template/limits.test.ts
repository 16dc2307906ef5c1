import { describe, expect, it } from 'vitest';
import {
  compileExpression,
  compileTemplate,
  LocatedExpressionError,
  MAX_EXPRESSION_LENGTH,
  MAX_PATTERN_LENGTH,
  MAX_TEMPLATE_DEPTH,
} from '../../src/template/index.js';

const at = { file: 'hostile.yml', line: 7, column: 9 };
/**
 * Measured on a quiet 2-core machine: each limit stops its expression in 0.2 to 1.5 s. Unbounded, these
 * expressions would run for minutes to hours; the bound only has to tell the two apart on a CI machine
 * whose 2 cores are shared with the rest of the suite.
 */
const QUICKLY_MS = 20_000;

function failure(run: () => unknown): LocatedExpressionError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(LocatedExpressionError);
    return error as LocatedExpressionError;
  }
  throw new Error('expected an ExpressionError');
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

/** Runs `source` expecting the work budget or a size limit to stop it, and stop it fast. */
function stopped(source: string, context: Record<string, unknown> = {}): LocatedExpressionError {
  const { value: error, ms } = timed(() => failure(() => compileExpression(source, at).evaluate(context)));
  expect(ms, `stopped after ${ms.toFixed(0)} ms`).toBeLessThan(QUICKLY_MS);
  expect(error.code).toBe('limit_exceeded');
  return error;
}

const list = (n: number): string => `[${Array.from({ length: n }, (_, i) => i).join(', ')}]`;
const items = (n: number): Array<{ id: string; n: number }> => Array.from({ length: n }, (_, i) => ({ id: `c${i}`, n: i }));

describe('parse-time limits', () => {
  it('expression length', () => {
    const error = failure(() => compileExpression(`x + ${'1'.repeat(MAX_EXPRESSION_LENGTH)}`, at));
    expect(error.message).toMatch(/^hostile\.yml:7:9: expression is longer than 4096 characters in 'x \+ 1+…'\n {2}hint: /);
  });

  it('AST size', () => {
    const error = failure(() => compileExpression(Array.from({ length: 600 }, () => 'x').join(' + '), at));
    expect(error.reason).toBe('expression is too large (maxAstNodes is 1000)');
  });

  it('nesting depth, before the parser recurses deeply', () => {
    expect(failure(() => compileExpression(`${'('.repeat(40)}1${')'.repeat(40)}`)).reason).toBe('expression is too large (maxDepth is 32)');
    expect(failure(() => compileExpression(`${'['.repeat(40)}${']'.repeat(40)}`)).reason).toBe('expression is too large (maxDepth is 32)');
    expect(failure(() => compileExpression(`${'!'.repeat(2000)}true`)).code).toBe('limit_exceeded');
  });

  it('literal sizes and argument counts', () => {
    expect(failure(() => compileExpression(list(300))).reason).toBe('expression is too large (maxListElements is 256)');
    expect(failure(() => compileExpression(`{${Array.from({ length: 300 }, (_, i) => `${i}: 1`).join(', ')}}`)).reason).toBe(
      'expression is too large (maxMapEntries is 256)',
    );
    expect(failure(() => compileExpression('join(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)')).reason).toBe('expression is too large (maxCallArguments is 8)');
  });
});

describe('evaluation work is bounded', () => {
  it('nested macros over a large context list', () => {
    const error = stopped('items.map(a, items.map(b, a.n + b.n)).size()', { items: items(20_000) });
    expect(error.message).toMatch(
      /^hostile\.yml:7:\d+: evaluation needs more than 10,000,000 steps in 'items\.map\(a, items\.map\(b, a\.n \+ b\.n\)\)\.size\(\)'\n {2}hint: simplify the expression, or split the work across steps/,
    );
  });

  it('nested macros over literal lists, with no context at all', () => {
    stopped(`${list(200)}.map(a, ${list(200)}.map(b, ${list(200)}.map(c, a + b + c))).size()`);
  });

  it('a budget error swallowed by || or exists() still ends the evaluation', () => {
    stopped('items.exists(a, items.filter(b, b.n == a.n).size() > 1) || true', { items: items(20_000) });
  });

  it('deep equality over context data inside a macro', () => {
    stopped('items.filter(a, items == copy).size()', { items: items(3000), copy: items(3000) });
  });

  it('big context strings cost their size on every read', () => {
    stopped('items.filter(x, vars.big.contains(x.id)).size()', { items: items(20_000), vars: { big: 'x'.repeat(2_000_000) } });
  });

  it('a regular expression cannot backtrack: RE2 runs in linear time', () => {
    const text = 'a'.repeat(5000);
    const { value, ms } = timed(() => compileExpression("(text + '!').matches('(a+)+$') || text.matches('(a|a)*b')").evaluate({ text }));
    expect(value).toBe(false);
    expect(ms).toBeLessThan(QUICKLY_MS);
  });

  it('regular expressions have a length limit', () => {
    const error = failure(() => compileExpression('s.matches(p)').evaluate({ s: 'a', p: 'a'.repeat(MAX_PATTERN_LENGTH + 1) }));
    expect(error.reason).toBe('regular expression is longer than 1024 characters');
  });
});

describe('sizes of built values are bounded', () => {
  it('a string doubled again and again', () => {
    const error = stopped(`['xxxxxxxx']${'.map(s, s + s)'.repeat(20)}`);
    expect(error.reason).toBe('a string would be longer than 4,000,000 characters');
  });

  it('many large strings built in one evaluation, which would exhaust memory', () => {
    const error = stopped('items.map(i, big.upper())', { items: items(100), big: 'x'.repeat(3_000_000) });
    expect(error.reason).toBe('evaluation builds more than 64,000,000 characters of text');
  });

  it('bytes doubled again and again', () => {
    const error = stopped(`[b'xxxxxxxx']${'.map(s, s + s)'.repeat(20)}`);
    expect(error.reason).toBe('bytes would be longer than 4,000,000 bytes');
  });

  it('a list built from shared parts (exponential size, little memory)', () => {
    const error = stopped(`[[1]]${'.map(x, [x, x, x, x, x, x, x, x])'.repeat(10)}`);
    expect(error.reason).toBe('a list or map would hold more than 4,000,000 values');
  });

  it('shared parts through cel.bind, before equality has to walk them', () => {
    const copies = (name: string): string => Array.from({ length: 8 }, () => name).join(', ');
    const levels = Array.from({ length: 6 }, (_, i) => `cel.bind(l${i + 1}, [${copies(`l${i}`)}], `).join('');
    const error = stopped(`cel.bind(l0, ${list(200)}, ${levels}l6 == l6${')'.repeat(7)}`);
    expect(error.reason).toBe('a list or map would hold more than 4,000,000 values');
  });

  it('string replacement that grows its input', () => {
    stopped("cel.bind(a, 'xxxxxxxxxxxxxxxx'.replace('x', 'xxxxxxxxxxxxxxxx'), cel.bind(b, a.replace('x', a), b.replace('x', b)))");
  });

  it('a result too large to write back as JSON (a context Map sharing one big list)', () => {
    const shared = new Array<number>(2_000_000).fill(0);
    const error = stopped('x', { x: new Map([['a', shared], ['b', shared], ['c', shared]]) });
    expect(error.reason).toBe('result has more than 4,000,000 values');
  });
});

describe('template limits', () => {
  it('nesting depth', () => {
    let value: unknown = '${{ x }}';
    for (let i = 0; i <= MAX_TEMPLATE_DEPTH; i++) value = [value];
    expect(failure(() => compileTemplate(value)).reason).toBe('value is nested more than 64 levels deep');
  });

  it('reference cycles (a YAML alias that contains itself)', () => {
    const cyclic: Record<string, unknown> = { name: '${{ x }}' };
    cyclic.self = cyclic;
    const error = failure(() => compileTemplate(cyclic, (path) => ({ file: 'w.yml', line: path.length, column: 1 })));
    expect(error.message).toBe(
      'w.yml:64:1: value is nested more than 64 levels deep\n  hint: flatten the structure (or remove a YAML alias that refers to itself)',
    );
  });
});
