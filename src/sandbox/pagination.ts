/**
 * Fivetran's cursor pagination: `limit` 1..1000 (default 100), an opaque `cursor` which, like the
 * real API's, is URL-safe base64 of `{"skip":n}`, and `next_cursor` omitted on the last page.
 */
import { invalidInput } from './http/problem.js';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export interface PageRequest {
  skip: number;
  limit: number;
}

export interface Page<T> {
  items: T[];
  next_cursor?: string;
}

/** Encodes a skip count as a cursor: `{"skip":2}` → `eyJza2lwIjoyfQ`. */
export function encodeCursor(skip: number): string {
  return Buffer.from(JSON.stringify({ skip })).toString('base64url');
}

/** Decodes a cursor, or undefined when it is not one the sandbox issued. */
export function decodeCursor(cursor: string): number | undefined {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(cursor)) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const skip = (parsed as { skip?: unknown } | null)?.skip;
    return typeof skip === 'number' && Number.isSafeInteger(skip) && skip >= 0 ? skip : undefined;
  } catch {
    return undefined;
  }
}

/** Reads `cursor` and `limit` from a query; an empty `cursor=` means the first page. */
export function parsePageRequest(query: URLSearchParams): PageRequest {
  const rawLimit = query.get('limit');
  let limit = DEFAULT_LIMIT;
  if (rawLimit !== null && rawLimit !== '') {
    limit = /^\d+$/.test(rawLimit) ? Number(rawLimit) : NaN;
    if (!(limit >= 1 && limit <= MAX_LIMIT)) throw invalidInput(`Invalid 'limit' value '${rawLimit}': must be an integer between 1 and ${MAX_LIMIT}`);
  }
  const cursor = query.get('cursor');
  if (cursor === null || cursor === '') return { skip: 0, limit };
  const skip = decodeCursor(cursor);
  if (skip === undefined) throw invalidInput(`Invalid 'cursor' value '${cursor}'`);
  return { skip, limit };
}

/** One page of an ordered list, mapping only the items on it (O(limit), not O(n)). */
export function paginate<S, T>(source: readonly S[], page: PageRequest, map: (item: S) => T): Page<T> {
  const end = Math.min(source.length, page.skip + page.limit);
  const items: T[] = [];
  for (let i = page.skip; i < end; i++) items.push(map(source[i] as S));
  return end < source.length ? { items, next_cursor: encodeCursor(end) } : { items };
}
