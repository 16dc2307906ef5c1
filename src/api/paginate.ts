import { InvalidResponseError, UsageError } from '../errors.js';
import type { ApiResponse, PaginateOptions, RequestOptions } from './client-types.js';

/** Fivetran's page-size bounds (CONTRACT.md §3.2). */
export const MAX_PAGE_SIZE = 1000;

type GetPage = (query: NonNullable<RequestOptions['query']>, signal: AbortSignal | undefined) => Promise<ApiResponse<unknown>>;

/**
 * Every item of a list endpoint, one page at a time: asks for the largest page, follows `next_cursor`
 * until it is missing, null or empty, and stops asking as soon as the consumer breaks out of the loop.
 */
export async function* paginateItems<T>(getPage: GetPage, options: PaginateOptions, describe: () => { method: string; path: string }): AsyncGenerator<T, void, undefined> {
  const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new UsageError(`page size must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${pageSize}`);
  }
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const query = { ...options.query, limit: pageSize, ...(cursor === undefined ? {} : { cursor }) };
    const response = await getPage(query, options.signal);
    const { items, next } = readPage(response, describe);
    for (const item of items) yield item as T;
    if (next === undefined) return;
    if (seen.has(next)) throw new InvalidResponseError({ ...describe(), status: response.status, reason: `next_cursor '${next}' repeats an earlier page` });
    seen.add(next);
    cursor = next;
  }
}

/** `data.items` and `data.next_cursor`, checked. */
function readPage(response: ApiResponse<unknown>, describe: () => { method: string; path: string }): { items: unknown[]; next: string | undefined } {
  const data = response.data;
  const items = data !== null && typeof data === 'object' ? (data as { items?: unknown }).items : undefined;
  if (!Array.isArray(items)) {
    throw new InvalidResponseError({ ...describe(), status: response.status, reason: 'expected data.items to be an array on a list endpoint' });
  }
  const cursor = (data as { next_cursor?: unknown }).next_cursor;
  return { items, next: typeof cursor === 'string' && cursor !== '' ? cursor : undefined };
}
