/** Parsing and checks for the raw `request` step: `METHOD path`, query values, masked secrets. */
import type { HttpMethod, Query } from '../../api/index.js';
import { MASK } from '../../redact.js';
import { StepError } from '../../errors.js';

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];

export interface RawRequest {
  method: HttpMethod;
  path: string;
}

/** `"GET connections/abc"` → `{method: 'GET', path: 'connections/abc'}`; undefined when it is not that shape. */
export function parseRequestLine(value: unknown): RawRequest | undefined {
  if (typeof value !== 'string') return undefined;
  const match = /^\s*([A-Za-z]+)\s+(\S+)\s*$/.exec(value);
  const method = match?.[1]?.toUpperCase() as HttpMethod | undefined;
  if (!match || !method || !METHODS.includes(method)) return undefined;
  return { method, path: match[2]! };
}

/** The request line, or a StepError showing the expected shape. */
export function requestLine(value: unknown): RawRequest {
  const parsed = parseRequestLine(value);
  if (!parsed) throw new StepError(`input 'request' must be "METHOD path" with METHOD one of ${METHODS.join(', ')}, e.g. "GET connections/abc", got ${JSON.stringify(value)}`);
  return parsed;
}

/** Query values must be scalars (they become `?name=value`). */
export function queryInput(value: unknown): Query {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new StepError("input 'query' must map names to values");
  for (const [name, v] of Object.entries(value)) {
    if (!['string', 'number', 'boolean'].includes(typeof v)) throw new StepError(`query '${name}' must be a string, number or boolean`);
  }
  return value as Query;
}

/**
 * Where a body holds the `******` mask the API puts in place of secrets: sending it back would
 * overwrite (or fail to set) the secret, so such a body is refused. Undefined when there is none.
 */
export function maskedPath(value: unknown, path = ''): string | undefined {
  if (value === MASK) return path || '(the body)';
  if (value === null || typeof value !== 'object') return undefined;
  for (const [key, child] of Object.entries(value)) {
    const found = maskedPath(child, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return undefined;
}
