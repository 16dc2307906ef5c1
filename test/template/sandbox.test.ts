import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ExpressionError } from '../../src/errors.js';
import { compileExpression, compileTemplate } from '../../src/template/index.js';

/** What an expression can see: data only. The canary must never come back out. */
const CANARY = 'canary-7f3a9c';
const context = () => ({
  item: { id: 'x', nested: { a: 1 }, list: [1, 2] },
  vars: { name: 'v' },
  fn: () => CANARY,
  obj: new (class Secretive {
    token = CANARY;
  })(),
});

function outcome(source: string): unknown {
  try {
    return compileExpression(source).evaluate(context(), { env: { SAFE: 'ok' } });
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return error;
  }
}

afterEach(() => {
  // Nothing an expression does may leak onto shared prototypes.
  expect(Object.prototype).not.toHaveProperty('polluted');
  expect(Array.prototype).not.toHaveProperty('polluted');
});

describe('an expression cannot reach the process or JavaScript internals', () => {
  it.each([
    'process',
    'process.env',
    "require('child_process')",
    "import('fs')",
    'globalThis',
    'this',
    'Function',
    "eval('1')",
    "constructor('return process')",
    'item.constructor',
    "item['constructor']",
    'item.constructor.name',
    'item.__proto__',
    "item['__proto__']",
    '__proto__',
    'prototype',
    'item.prototype',
    'item.list.constructor',
    "item.list['length']",
    'item.hasOwnProperty',
    'item.toString',
    "'abc'.constructor",
    'type(1).constructor',
    'cel.constructor',
    'google.protobuf.Timestamp.constructor',
    'fn',
    'obj.token',
    "size(obj) > 0 ? 'a' : obj.token",
    "default(item.constructor, 'x').name",
  ])('%s', (source) => {
    const result = outcome(source);
    expect(result).toBeInstanceOf(ExpressionError);
    expect(String((result as Error).message)).not.toContain(CANARY);
  });

  it('cannot call a function value it was given (CEL has no call of values)', () => {
    expect(outcome('fn()')).toBeInstanceOf(ExpressionError);
    expect(outcome('item.fn()')).toBeInstanceOf(ExpressionError);
  });

  it('sees prototype names as absent keys, never as values', () => {
    expect(outcome("has(item.constructor) || has(item.__proto__) || 'toString' in item || 'constructor' in item")).toBe(false);
    expect(outcome("default(item.constructor, 'absent')")).toBe('absent');
    expect(outcome('keys(item)')).toEqual(['id', 'nested', 'list']);
  });

  it('cannot pollute prototypes through map literals, from_json or templates', () => {
    expect(outcome("{'__proto__': {'polluted': true}}")).toEqual({});
    const parsed = outcome('from_json(\'{"__proto__": {"polluted": true}}\')') as object;
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    const rendered = compileTemplate(JSON.parse('{"__proto__": {"polluted": "${{ true }}"}}')).render({}) as object;
    expect(Object.getPrototypeOf(rendered)).toBe(Object.prototype);
  });

  it('cannot change the context it reads', () => {
    const data = context();
    const before = JSON.stringify(data);
    for (const source of ["item.list + [3]", "item.nested.map(k, k)", "items.filter(i, true)", "chunk(item.list, 1)", "flatten([item.list])"]) {
      try {
        compileExpression(source).evaluate({ ...data, items: [data.item] });
      } catch (error) {
        expect(error).toBeInstanceOf(ExpressionError);
      }
    }
    expect(JSON.stringify(data)).toBe(before);
  });

  it('reads the environment only through env() and secret(), and only what the caller passed', () => {
    expect(outcome("env('SAFE')")).toBe('ok');
    expect(outcome("env('HOME')")).toBeInstanceOf(ExpressionError);
    expect(outcome('env')).toBeInstanceOf(ExpressionError);
  });

  it('treats a context that is not an object as empty', () => {
    expect(() => compileExpression('x').evaluate(null as unknown as Record<string, unknown>)).toThrow("unknown variable 'x' in 'x'");
  });

  it('never throws anything but ExpressionError, whatever a context holds', () => {
    const odd = { sym: Symbol('s'), big: 10n ** 30n, date: new Date(Number.NaN), set: new Set([1]), map: new Map([[1, 2]]), bytes: new Uint8Array([1]) };
    for (const source of ['sym', 'big', 'date', 'set', 'map', 'bytes', 'size(set)', 'map[1]', 'string(date)', 'json(map)']) {
      try {
        compileExpression(source).evaluate(odd);
      } catch (error) {
        expect(error, source).toBeInstanceOf(ExpressionError);
      }
    }
  });
});

describe('the template module itself', () => {
  const here = fileURLToPath(new URL('../../src/template/', import.meta.url));
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
    );

  it('uses no eval, no Function constructor and nothing from the process', () => {
    for (const file of sources(here)) {
      const code = readFileSync(file, 'utf8');
      expect(code, file).not.toMatch(/\beval\s*\(|new\s+Function\b|\bFunction\s*\(|\bprocess\.|\brequire\s*\(|import\s*\(/);
    }
  });

  it('imports only the error tree, the suggestion helper and npm packages from outside itself', () => {
    for (const file of sources(here)) {
      const imports = [...readFileSync(file, 'utf8').matchAll(/from '(\.\.\/[^']+)'/g)].map((m) => m[1]!);
      const outside = imports.filter((path) => !path.startsWith('../template/') && (file.includes('/functions/') ? path.startsWith('../../') : true));
      expect(outside.every((path) => /\/(errors|util\/suggest)\.js$/.test(path)), `${file}: ${outside.join(', ')}`).toBe(true);
    }
  });
});
