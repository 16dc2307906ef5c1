/**
 * CEL values out, plain JSON values in: what every evaluation returns. Ints become numbers (an error
 * beyond Number.MAX_SAFE_INTEGER rather than a silently rounded id), maps become plain objects,
 * timestamps RFC 3339 strings, durations CEL's `"90s"` form. Values read from the context come back as
 * the very objects the context holds, not copies.
 */
import { EvaluationError } from '@marcbachmann/cel-js';
import { Duration, UnsignedInt } from '@marcbachmann/cel-js/evaluator';
import { sourceOf } from './cel-values.js';
import { MAX_COLLECTION_VALUES } from './limits.js';

interface Budget {
  left: number;
}

/** The JSON value for a CEL value; throws an EvaluationError for values JSON cannot hold. */
export function toJson(value: unknown): unknown {
  return convert(value, { left: MAX_COLLECTION_VALUES });
}

/** A CEL int as a JS number, refusing any that would lose precision. */
export function intToNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new EvaluationError({
      code: 'unsafe_integer',
      message: `integer ${value} is beyond what a JSON number holds exactly (±${Number.MAX_SAFE_INTEGER})`,
    });
  }
  return Number(value);
}

function convert(value: unknown, budget: Budget): unknown {
  if (--budget.left < 0) {
    throw new EvaluationError({ code: 'limit_exceeded', message: `result has more than ${MAX_COLLECTION_VALUES.toLocaleString('en-US')} values` });
  }
  switch (typeof value) {
    case 'bigint':
      return intToNumber(value);
    case 'number':
      if (Number.isFinite(value)) return value;
      throw new EvaluationError({ code: 'not_json', message: `cannot write ${value} as a JSON number` });
    case 'string':
    case 'boolean':
      return value;
    case 'undefined':
      return null;
    case 'object':
      return value === null ? null : convertObject(value, budget);
    default:
      throw new EvaluationError({ code: 'not_json', message: `a ${typeof value} cannot be written as JSON` });
  }
}

function convertObject(value: object, budget: Budget): unknown {
  const source = sourceOf(value);
  if (source) return source;
  if (Array.isArray(value)) return value.map((element: unknown) => convert(element, budget));
  if (value instanceof Set) return [...value].map((element: unknown) => convert(element, budget));
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]: [unknown, unknown]) => [mapKey(k), convert(v, budget)]));
  if (value instanceof Date) return timestampString(value);
  if (value instanceof Duration) return value.toString();
  if (value instanceof UnsignedInt) return intToNumber(value.valueOf());
  if (value instanceof Uint8Array) {
    throw new EvaluationError({ code: 'not_json', message: 'bytes cannot be written as JSON' });
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).map((key) => [key, convert(record[key], budget)]));
  }
  throw new EvaluationError({ code: 'not_json', message: 'a CEL type value cannot be written as JSON' });
}

/** RFC 3339 in UTC, as CEL prints timestamps. */
export function timestampString(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new EvaluationError({ code: 'invalid_timestamp', message: 'invalid timestamp' });
  return date.toISOString();
}

function mapKey(key: unknown): string {
  return typeof key === 'string' ? key : String(key);
}
