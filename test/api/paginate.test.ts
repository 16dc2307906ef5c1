import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createClient, type ApiClient } from '../../src/api/index.js';
import { InvalidResponseError, UsageError } from '../../src/errors.js';
import { fail, ok, startTestServer, type RecordedRequest, type TestServer } from '../helpers/http-server.js';

let server: TestServer;
let api: ApiClient;

/** A list endpoint over `total` items that pages like Fivetran: base64 skip cursors, last page without next_cursor. */
function listOf(total: number, lastCursor: 'omit' | null | '' = 'omit') {
  return (request: RecordedRequest) => {
    const limit = Number(request.query.get('limit') ?? 100);
    const cursor = request.query.get('cursor');
    const skip = cursor ? (JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { skip: number }).skip : 0;
    const items = Array.from({ length: Math.max(0, Math.min(limit, total - skip)) }, (_, i) => ({ id: `c${skip + i}` }));
    const next = skip + limit < total ? Buffer.from(JSON.stringify({ skip: skip + limit })).toString('base64url') : undefined;
    return ok({ items, ...(next ? { next_cursor: next } : lastCursor === 'omit' ? {} : { next_cursor: lastCursor }) });
  };
}

beforeEach(async () => {
  server = await startTestServer();
  api = createClient({ apiKey: 'k', apiSecret: 'secret', baseUrl: server.baseUrl });
});

afterEach(async () => {
  await api.close();
  await server.close();
});

describe('paginate', () => {
  it('yields every item over three pages with limit=1000, following next_cursor', async () => {
    server.handle(listOf(2500));
    const ids: string[] = [];
    for await (const item of api.paginate<{ id: string }>('groups/g1/connections', { query: { schema: 'erp' } })) ids.push(item.id);
    expect(ids).toHaveLength(2500);
    expect(new Set(ids).size).toBe(2500);
    expect(ids[2499]).toBe('c2499');
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1/groups/g1/connections?schema=erp&limit=1000',
      `/v1/groups/g1/connections?schema=erp&limit=1000&cursor=${Buffer.from('{"skip":1000}').toString('base64url')}`,
      `/v1/groups/g1/connections?schema=erp&limit=1000&cursor=${Buffer.from('{"skip":2000}').toString('base64url')}`,
    ]);
  });

  it.each([null, ''] as const)('stops when next_cursor is %j', async (last) => {
    server.handle(listOf(5, last));
    const items = [];
    for await (const item of api.paginate('connections', { pageSize: 2 })) items.push(item);
    expect(items).toHaveLength(5);
    expect(server.requests).toHaveLength(3);
  });

  it('stops asking when the consumer breaks early', async () => {
    server.handle(listOf(10_000));
    let seen = 0;
    for await (const _ of api.paginate('connections')) {
      if (++seen === 1500) break;
    }
    expect(seen).toBe(1500);
    expect(server.requests).toHaveLength(2);
  });

  it('with prefetch, asks for the next page before the items of this one are consumed', async () => {
    server.handle(listOf(2500));
    const pages = api.paginate<{ id: string }>('connections', { prefetch: true });
    expect((await pages.next()).value).toEqual({ id: 'c0' });
    await vi.waitFor(() => expect(server.requests).toHaveLength(2));
    const ids = ['c0'];
    for await (const item of pages) ids.push(item.id);
    expect(ids).toHaveLength(2500);
    expect(new Set(ids).size).toBe(2500);
    expect(server.requests).toHaveLength(3);
  });

  it('with prefetch, a consumer stopping early costs one read more, aborted, and nothing is left unhandled', async () => {
    server.handle(listOf(10_000));
    let seen = 0;
    for await (const _ of api.paginate('connections', { prefetch: true })) {
      if (++seen === 1500) break;
    }
    expect(seen).toBe(1500);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests.length).toBeLessThanOrEqual(3);
  });

  it('with prefetch, never asks more than one page ahead of a consumer that is slow', async () => {
    server.handle(listOf(5000));
    const pages = api.paginate<{ id: string }>('connections', { prefetch: true });
    await pages.next();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requests).toHaveLength(2);
    await pages.return?.(undefined);
  });

  it('with prefetch, a failing next page fails the loop once its items are reached', async () => {
    server.handle((request) => (request.query.get('cursor') ? fail(404, 'NotFound', 'gone') : ok({ items: [{ id: 'a' }, { id: 'b' }], next_cursor: 'n1' })));
    const ids: string[] = [];
    const loop = async () => {
      for await (const item of api.paginate<{ id: string }>('connections', { prefetch: true })) ids.push(item.id);
    };
    await expect(loop()).rejects.toThrow('404');
    expect(ids).toEqual(['a', 'b']);
  });

  it('rejects a page without items and a cursor that loops', async () => {
    server.enqueue(ok({ id: 'not-a-list' }));
    await expect(api.paginate('connections').next()).rejects.toThrow('GET /v1/connections → 200 invalid response: expected data.items to be an array');
    server.handle(() => ok({ items: [{ id: 'a' }], next_cursor: 'same' }));
    const loop = async () => {
      for await (const _ of api.paginate('connections')) void _;
    };
    await expect(loop()).rejects.toBeInstanceOf(InvalidResponseError);
  });

  it('refuses a page size outside 1..1000 before sending', async () => {
    await expect(api.paginate('connections', { pageSize: 5000 }).next()).rejects.toBeInstanceOf(UsageError);
    expect(server.requests).toHaveLength(0);
  });
});
