import { InvalidResponseError, UsageError } from '../errors.js';
import type { ApiResponse, PaginateOptions, RequestOptions } from './client-types.js';

/** Fivetran's page-size bounds (CONTRACT.md §3.2). */
export const MAX_PAGE_SIZE = 1000;

type GetPage = (query: NonNullable<RequestOptions['query']>, signal: AbortSignal | undefined) => Promise<ApiResponse<unknown>>;

/**
 * Every item of a list endpoint, one page at a time: asks for the largest page, follows `next_cursor`
 * until it is missing, null or empty, and stops asking as soon as the consumer breaks out of the loop.
 * With `prefetch`, the next page is asked for before this page's items are handed out, so reading a
 * list to its end takes the longer of fetching and consuming instead of their sum; a consumer that
 * stops early then costs one read more (it is aborted).
 */
export async function* paginateItems<T>(getPage: GetPage, options: PaginateOptions, describe: () => { method: string; path: string }): AsyncGenerator<T, void, undefined> {
  const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new UsageError(`page size must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${pageSize}`);
  }
  const stopPrefetch = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stopPrefetch.signal]) : stopPrefetch.signal;
  const fetchPage = (cursor: string | undefined) => getPage({ ...options.query, limit: pageSize, ...(cursor === undefined ? {} : { cursor }) }, signal);
  const seen = new Set<string>();
  let pending: Promise<ApiResponse<unknown>> | undefined = fetchPage(undefined);
  try {
    while (pending !== undefined) {
      const response: ApiResponse<unknown> = await pending;
      const { items, next } = readPage(response, describe);
      pending = undefined;
      if (next !== undefined && seen.has(next)) {
        throw new InvalidResponseError({ ...describe(), status: response.status, reason: `next_cursor '${next}' repeats an earlier page` });
      }
      if (next !== undefined) seen.add(next);
      if (next !== undefined && options.prefetch) pending = settledLater(fetchPage(next));
      for (const item of items) yield item as T;
      if (next !== undefined && !options.prefetch) pending = fetchPage(next);
    }
  } finally {
    // The consumer stopped (or a page failed): a page asked for ahead is no longer wanted.
    if (pending !== undefined) stopPrefetch.abort();
  }
}

/** The same promise, marked as handled: a prefetched page whose consumer went away must not crash the process. */
function settledLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
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
