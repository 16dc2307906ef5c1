import { describe, expect, it } from 'vitest';
import { sourceOf, toCel, toCelScope } from '../../src/template/cel-values.js';

describe('context values as CEL sees them', () => {
  it('turns safe integers into BigInt and leaves other numbers alone', () => {
    expect(toCel(42)).toBe(42n);
    expect(toCel(-0)).toBe(0n);
    expect(toCel(1.5)).toBe(1.5);
    expect(toCel(2 ** 60)).toBe(2 ** 60);
    expect(toCel('s')).toBe('s');
    expect(toCel(undefined)).toBeUndefined();
    expect(toCel(() => 1)).toBeUndefined();
  });

  it('wraps objects and arrays in read-only views that convert on read', () => {
    const source = { n: 1, list: [2, { m: 3 }] };
    const view = toCel(source) as { n: unknown; list: Array<{ m: unknown }> };
    expect(view.n).toBe(1n);
    expect(view.list.length).toBe(2);
    expect(view.list[0]).toBe(2n);
    expect(view.list[1]!.m).toBe(3n);
    expect(Array.isArray(view.list)).toBe(true);
    expect(Object.keys(view)).toEqual(['n', 'list']);
    expect([...view.list].length).toBe(2);
    expect(sourceOf(view as object)).toBe(source);
    expect(() => {
      'use strict';
      (view as Record<string, unknown>).n = 5;
    }).toThrow(TypeError);
    expect(source.n).toBe(1);
  });

  it('reuses a child view while the source holds the same object, and notices a replacement', () => {
    const source: { child: object } = { child: { a: 1 } };
    const view = toCel(source) as { child: object };
    expect(view.child).toBe(view.child);
    source.child = { a: 2 };
    expect((view.child as { a: unknown }).a).toBe(2n);
  });

  it('passes dates and other values CEL knows through unchanged', () => {
    const date = new Date(0);
    expect(toCel(date)).toBe(date);
  });

  it('builds the variable scope from defined context entries', () => {
    const scope = toCelScope({ index: 3, item: undefined, vars: {} });
    expect([...scope.keys()]).toEqual(['index', 'vars']);
    expect(scope.get('index')).toBe(3n);
  });
});
