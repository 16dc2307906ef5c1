import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type ApiClient, type ClientEvent, type ClientOptions } from '../../src/api/index.js';
import { ApiError, NetworkError } from '../../src/errors.js';
import { fail, ok, startTestServer, type TestServer } from '../helpers/http-server.js';

const START = Date.parse('2026-03-01T12:00:00Z');

let server: TestServer;
let events: ClientEvent[];
let clients: ApiClient[];
/** Virtual time: sleeping only records the delay and moves the clock. */
let time: number;
let sleeps: number[];

function client(options: Partial<ClientOptions> = {}): ApiClient {
  const created = createClient({
    apiKey: 'k',
    apiSecret: 'secret-value',
    baseUrl: server.baseUrl,
    onEvent: (event) => events.push(event),
    now: () => time,
    sleep: async (ms) => {
      sleeps.push(ms);
      time += ms;
    },
    random: () => 0.5,
    ...options,
  });
  clients.push(created);
  return created;
}

beforeEach(async () => {
  server = await startTestServer();
  events = [];
  clients = [];
  time = START;
  sleeps = [];
});

afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.close();
});

const tooMany = (headers: Record<string, string> = {}) => fail(429, 'TooManyRequests', 'No more than 100 connectors can be created hourly', headers);

describe('429', () => {
  it('waits the Retry-After seconds, then re-sends (even a POST: a 429 was refused before processing)', async () => {
    server.enqueue(tooMany({ 'retry-after': '2' }), tooMany({ 'retry-after': '7' }), ok({ id: 'c1' }, 201));
    const data = await client().post('connections', { service: 'postgres' });
    expect(data).toEqual({ id: 'c1' });
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([2000, 7000]);
    expect(events.filter((e) => e.type === 'retry')).toEqual([
      expect.objectContaining({ attempt: 2, delayMs: 2000, reason: '429 Too Many Requests (Retry-After)' }),
      expect.objectContaining({ attempt: 3, delayMs: 7000 }),
    ]);
  });

  it('reads a Retry-After HTTP-date against the injected clock', async () => {
    server.enqueue(tooMany({ 'retry-after': new Date(START + 5000).toUTCString() }), ok({}));
    await client().get('groups');
    expect(sleeps).toEqual([5000]);
  });

  it('falls back to capped exponential backoff with full jitter when there is no Retry-After', async () => {
    server.enqueue(tooMany(), tooMany(), tooMany(), ok({}));
    await client({ retry: { baseDelayMs: 1000, maxDelayMs: 3000 } }).get('groups');
    // random() = 0.5 of min(cap, base·2^(n-1)): 1000, 2000, then capped at 3000.
    expect(sleeps).toEqual([500, 1000, 1500]);
  });

  it('fails at once, saying how long the API asked to wait, when Retry-After exceeds maxWaitMs', async () => {
    server.enqueue(tooMany({ 'retry-after': '3600' }));
    const error = (await client({ retry: { maxWaitMs: 60_000 } }).get('groups').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(429);
    expect(error.message).toContain('the API asked to wait 3600 s, longer than the 60 s allowed by retry.maxWaitMs');
    expect(server.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('gives up after rateLimitAttempts', async () => {
    server.handle(() => tooMany({ 'retry-after': '1' }));
    const api = client({ retry: { rateLimitAttempts: 3 } });
    await expect(api.get('groups')).rejects.toThrow('(gave up after 3 attempts)');
    expect(server.requests).toHaveLength(3);
    expect(api.stats()).toMatchObject({ requests: 3, retries: 2, rateLimited: 3, failures: 1 });
  });
});

describe('writes that may have been applied', () => {
  it('never re-sends a POST after a 5xx, and says it may have been applied', async () => {
    server.handle(() => fail(500, undefined, undefined));
    const error = (await client().post('connections', { service: 'postgres' }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.mayHaveBeenApplied).toBe(true);
    expect(error.message).toBe('POST /v1/connections → 500; not re-sent because the POST may have been applied: check before retrying');
    expect(server.requests).toHaveLength(1);
  });

  it('never re-sends a POST after a connection reset', async () => {
    server.handle(() => ({ reset: true }));
    const error = (await client().post('groups', { name: 'g' }).catch((e: unknown) => e)) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.mayHaveBeenApplied).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('re-sends a POST the caller marked idempotent', async () => {
    server.enqueue(fail(503), { reset: true }, ok({ setup_tests: [] }));
    await client().post('connections/c1/test', {}, { idempotent: true });
    expect(server.requests).toHaveLength(3);
    expect(sleeps).toEqual([250, 500]);
  });

  it('re-sends PATCH and DELETE after 5xx and resets', async () => {
    server.enqueue(fail(502), fail(503), ok({ id: 'c1' }), { reset: true }, ok());
    const api = client();
    await api.patch('connections/c1', { paused: true });
    await api.delete('connections/c2');
    expect(server.requests.map((r) => r.method)).toEqual(['PATCH', 'PATCH', 'PATCH', 'DELETE', 'DELETE']);
  });

  it('treats 404 on a DELETE retried after an ambiguous attempt as done', async () => {
    server.enqueue(fail(504), fail(404, 'NotFound_Connection', "Connection with id 'c1' not found"));
    const response = await client().request('DELETE', 'connections/c1');
    expect(response.status).toBe(404);
    expect(response.data).toBeUndefined();
  });

  it('still reports 404 on a first DELETE', async () => {
    server.enqueue(fail(404, 'NotFound_Connection', "Connection with id 'c1' not found"));
    await expect(client().delete('connections/c1')).rejects.toMatchObject({ status: 404, isNotFound: true });
  });

  it('gives up on a GET after `attempts` transient failures, marking nothing as applied', async () => {
    server.handle(() => fail(500));
    const error = (await client({ retry: { attempts: 3 } }).get('groups').catch((e: unknown) => e)) as ApiError;
    expect(error.message).toBe('GET /v1/groups → 500 (gave up after 3 attempts)');
    expect(error.mayHaveBeenApplied).toBe(false);
    expect(server.requests).toHaveLength(3);
  });

  it('marks a PATCH that ran out of attempts after 5xx as possibly applied', async () => {
    server.handle(() => fail(500));
    const error = (await client({ retry: { attempts: 2 } }).patch('connections/c1', { paused: true }).catch((e: unknown) => e)) as ApiError;
    expect(error.mayHaveBeenApplied).toBe(true);
  });

  it('honours Retry-After on a 503 for calls it may re-send', async () => {
    server.enqueue(fail(503, undefined, undefined, { 'retry-after': '3' }), ok({}));
    await client().get('groups');
    expect(sleeps).toEqual([3000]);
  });
});
