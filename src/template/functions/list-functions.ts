import { EvaluationError } from '@marcbachmann/cel-js';
import { toJson } from '../json-values.js';
import { spendWork } from '../runtime.js';
import { builtin, helper, overload } from './define.js';
import type { FunctionDefinition } from './define.js';

const MAX_INT = 2n ** 63n - 1n;
type CelMap = Record<string, unknown> | Map<unknown, unknown>;

/** Collection helpers; each is also a method (`items.unique()`), and each spends work per element. */
export const LIST_FUNCTIONS: readonly FunctionDefinition[] = [
  builtin('size', 'lists and maps', 'size(x: list | map | string) → int', 'Elements in a list, keys in a map, characters in a string; also x.size().'),
  helper('unique', 'lists and maps', 'unique(list) → list', 'Elements without repeats (equal JSON values), first occurrence kept, order kept.', [
    overload('unique(list): list', unique, { method: true }),
  ]),
  helper('flatten', 'lists and maps', 'flatten(list) → list', 'Elements that are lists replaced by their elements (one level).', [
    overload('flatten(list): list', flatten, { method: true }),
  ]),
  helper('sum', 'lists and maps', 'sum(list) → int | double', 'Total of the numbers (int unless a double is present); 0 for an empty list.', [
    overload('sum(list): dyn', sum, { method: true }),
  ]),
  helper('min', 'lists and maps', 'min(list) → value', 'Smallest of the numbers or of the strings; an error for an empty list.', [
    overload('min(list): dyn', (list: readonly unknown[]) => extreme(list, 'min'), { method: true }),
  ]),
  helper('max', 'lists and maps', 'max(list) → value', 'Largest of the numbers or of the strings; an error for an empty list.', [
    overload('max(list): dyn', (list: readonly unknown[]) => extreme(list, 'max'), { method: true }),
  ]),
  helper('chunk', 'lists and maps', 'chunk(list, size: int) → list<list>', 'Consecutive batches of `size` elements (the last may be shorter), for batch loops.', [
    overload('chunk(list, int): list', chunk, { method: true }),
  ]),
  helper('keys', 'lists and maps', 'keys(map) → list<string>', 'The keys of a map, in order.', [overload('keys(map): list', keys, { method: true })]),
  helper('values', 'lists and maps', 'values(map) → list', 'The values of a map, in key order.', [overload('values(map): list', values, { method: true })]),
  builtin('map', 'lists and maps', 'list.map(x, expr) → list', 'Each element transformed by `expr` (CEL macro); list.map(x, cond, expr) filters first.'),
  builtin('filter', 'lists and maps', 'list.filter(x, cond) → list', 'Elements for which `cond` is true (CEL macro).'),
  builtin('all', 'lists and maps', 'list.all(x, cond) → bool', 'Whether `cond` holds for every element (CEL macro).'),
  builtin('exists', 'lists and maps', 'list.exists(x, cond) → bool', 'Whether `cond` holds for some element (CEL macro).'),
  builtin('exists_one', 'lists and maps', 'list.exists_one(x, cond) → bool', 'Whether `cond` holds for exactly one element (CEL macro).'),
];

function unique(list: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  const result: unknown[] = [];
  for (const element of list) {
    spendWork(1);
    const key = JSON.stringify(toJson(element));
    if (seen.has(key)) continue;
    seen.add(key);
    result.push(element);
  }
  return result;
}

function flatten(list: readonly unknown[]): unknown[] {
  const result: unknown[] = [];
  for (const element of list) {
    spendWork(1);
    if (Array.isArray(element)) {
      spendWork(element.length);
      result.push(...(element as unknown[]));
    } else {
      result.push(element);
    }
  }
  return result;
}

function sum(list: readonly unknown[]): bigint | number {
  let ints = 0n;
  let doubles = 0;
  let sawDouble = false;
  for (const element of list) {
    spendWork(1);
    if (typeof element === 'bigint') ints += element;
    else if (typeof element === 'number') {
      doubles += element;
      sawDouble = true;
    } else throw notOf('sum', 'numbers');
  }
  if (sawDouble) return Number(ints) + doubles;
  if (ints > MAX_INT || ints < -MAX_INT - 1n) throw new EvaluationError({ code: 'numeric_overflow', message: 'sum() overflows a 64-bit integer' });
  return ints;
}

/** min/max over numbers (int and double compare by value) or over strings, never a mix. */
function extreme(list: readonly unknown[], which: 'min' | 'max'): unknown {
  let best: unknown;
  let kind: 'number' | 'string' | undefined;
  for (const element of list) {
    spendWork(1);
    const elementKind = typeof element === 'string' ? 'string' : typeof element === 'bigint' || typeof element === 'number' ? 'number' : undefined;
    if (!elementKind || (kind && kind !== elementKind)) throw notOf(which, 'numbers or only strings');
    kind = elementKind;
    if (best === undefined || (which === 'min' ? (element as number) < (best as number) : (element as number) > (best as number))) best = element;
  }
  if (best === undefined) throw new EvaluationError({ code: 'invalid_argument', message: `${which}() of an empty list` });
  return best;
}

function chunk(list: readonly unknown[], size: bigint): unknown[][] {
  if (size < 1n) throw new EvaluationError({ code: 'invalid_argument', message: 'chunk() size must be at least 1' });
  const elements = Array.from(list);
  spendWork(elements.length);
  const width = Number(size);
  const batches: unknown[][] = [];
  for (let start = 0; start < elements.length; start += width) batches.push(elements.slice(start, start + width));
  return batches;
}

function keys(map: CelMap): unknown[] {
  const result = map instanceof Map ? [...map.keys()] : Object.keys(map);
  spendWork(result.length);
  return result;
}

function values(map: CelMap): unknown[] {
  if (map instanceof Map) {
    spendWork(map.size);
    return [...map.values()];
  }
  const names = Object.keys(map);
  spendWork(names.length);
  return names.map((name) => map[name]);
}

function notOf(name: string, what: string): EvaluationError {
  return new EvaluationError({ code: 'invalid_argument', message: `${name}() needs a list of only ${what}` });
}
