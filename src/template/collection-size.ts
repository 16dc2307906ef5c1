import { EvaluationError } from '@marcbachmann/cel-js';
import { sourceOf } from './cel-values.js';
import { MAX_COLLECTION_VALUES } from './limits.js';

const sizes = new WeakMap<object, number>();
/**
 * Only sizes above this are cached: recomputing a small one is cheaper than a WeakMap entry (which
 * the garbage collector pays for), and caching the large ones is what keeps nested sharing linear.
 */
const CACHE_FROM = 32;

/**
 * How many values a collection an expression built holds, counted deeply, cached per object.
 * Context views count as one: reading through them is metered value by value.
 * Throws `limit_exceeded` past MAX_COLLECTION_VALUES.
 */
export function collectionSize(value: object): number {
  if (sourceOf(value)) return 1;
  const cached = sizes.get(value);
  if (cached !== undefined) return cached;
  let total = 1;
  for (const element of elementsOf(value)) {
    total += typeof element === 'object' && element !== null ? collectionSize(element) : 1;
    if (total > MAX_COLLECTION_VALUES) {
      throw new EvaluationError({ code: 'limit_exceeded', message: `a list or map would hold more than ${MAX_COLLECTION_VALUES.toLocaleString('en-US')} values` });
    }
  }
  if (total > CACHE_FROM) sizes.set(value, total);
  return total;
}

/** The size already known for `value`, or 1: for values passed along rather than built. */
export function knownCollectionSize(value: object): number {
  return sizes.get(value) ?? 1;
}

function elementsOf(value: object): Iterable<unknown> {
  if (Array.isArray(value) || value instanceof Set) return value as Iterable<unknown>;
  if (value instanceof Map) return value.values() as Iterable<unknown>;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return Object.values(value);
  return []; // timestamps, durations, bytes: one value each
}
