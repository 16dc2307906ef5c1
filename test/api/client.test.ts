import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, type ApiClient, type ClientEvent, type ClientOptions } from '../../src/api/index.js';
import { ApiError, InterruptedError, InvalidResponseError, NetworkError, TimeoutError, UsageError } from '../../src/errors.js';
import { fail, ok, startTestServer, type TestServer } from '../helpers/http-server.js';

const SECRET = 'sEcReT-value-9431';
const KEY = 'key-1234';

let server: TestServer;
let events: ClientEvent[];
let clients: ApiClient[];

function client(options: Partial<ClientOptions> = {}): ApiClient {
  const created = createClient({
    apiKey: KEY,
    apiSecret: SECRET,
    baseUrl: server.baseUrl,
    onEvent: (event) => events.push(event),
    sleep: async () => undefined,
    ...options,
  });
  clients.push(created);
  return created;
}

beforeEach(async () => {
  server = await startTestServer();
  events = [];
  clients = [];
});

afterEach(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.close();
});

describe('requests', () => {
  it('sends Basic auth, the v2 Accept header and the atlas-run User-Agent, and unwraps the envelope', async () => {
    server.enqueue(ok({ id: 'brisk_lantern', paused: false }));
    const data = await client().get('connections/brisk_lantern');
    expect(data).toEqual({ id: 'brisk_lantern', paused: false });
    const [request] = server.requests;
    expect(request?.method).toBe('GET');
    expect(request?.path).toBe('/v1/connections/brisk_lantern');
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}`);
    expect(request?.headers.accept).toBe('application/json;version=2');
    expect(request?.headers['user-agent']).toMatch(/^atlas-run\/\d+\.\d+\.\d+ \(node\/\d+/);
  });

  it('sends JSON bodies with Content-Type on POST and PATCH, even without a body', async () => {
    server.enqueue(ok({ id: 'g1' }, 201), ok(), ok());
    const api = client();
    expect(await api.post('groups', { name: 'analytics' })).toEqual({ id: 'g1' });
    await api.patch('connections/c1', { paused: true });
    await api.post('connections/c1/force');
    expect(server.requests.map((r) => [r.method, r.headers['content-type'], r.body])).toEqual([
      ['POST', 'application/json', '{"name":"analytics"}'],
      ['PATCH', 'application/json', '{"paused":true}'],
      ['POST', 'application/json', ''],
    ]);
  });

  it('keys success on the HTTP status, not on code, and keeps status, code, message and headers', async () => {
    server.enqueue({ status: 201, json: { code: 'Created', message: 'Group has been created', data: { id: 'g' } }, headers: { 'x-rate-limit-remaining': '19999' } });
    const response = await client().request('POST', 'groups', { body: { name: 'n' } });
    expect(response).toMatchObject({ status: 201, code: 'Created', message: 'Group has been created', data: { id: 'g' } });
    expect(response.headers['x-rate-limit-remaining']).toBe('19999');
  });

  it('accepts every spelling of an endpoint and merges an inline query with the query option', async () => {
    server.handle(() => ok({}));
    const api = client();
    await api.get('connections/abc');
    await api.get('/connections/abc');
    await api.get('/v1/connections/abc/');
    await api.get(`${server.baseUrl}/connections/abc`);
    await api.get('connections?group_id=g1&limit=5', { limit: 10, schema: undefined });
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1/connections/abc',
      '/v1/connections/abc',
      '/v1/connections/abc',
      '/v1/connections/abc',
      '/v1/connections?group_id=g1&limit=10',
    ]);
  });

  it('returns undefined data for a DELETE without data', async () => {
    server.enqueue({ status: 200, json: { code: 'Success', message: "Connection with id 'c1' has been deleted" } });
    expect(await client().delete('connections/c1')).toBeUndefined();
    expect(server.requests[0]?.method).toBe('DELETE');
  });
});

describe('errors', () => {
  it('throws ApiError naming method, path, status, code and message', async () => {
    server.enqueue(fail(404, 'NotFound_Connection', "Connection with id 'abc' not found"));
    const error = await client().patch('connections/abc', { paused: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const api = error as ApiError;
    expect(api.message).toBe("PATCH /v1/connections/abc → 404 NotFound_Connection: Connection with id 'abc' not found");
    expect(api).toMatchObject({ method: 'PATCH', path: '/v1/connections/abc', status: 404, code: 'NotFound_Connection', mayHaveBeenApplied: false });
    expect(api.isNotFound).toBe(true);
    expect(server.requests).toHaveLength(1);
  });

  it('never retries a 4xx other than 429', async () => {
    server.handle(() => fail(400, 'InvalidInput', "Field 'service' is required"));
    await expect(client().get('connections')).rejects.toThrow("GET /v1/connections → 400 InvalidInput: Field 'service' is required");
    expect(server.requests).toHaveLength(1);
  });

  it('throws InvalidResponseError for an HTML or non-object body on a 2xx', async () => {
    server.enqueue({ status: 200, body: '<html>proxy login</html>', headers: { 'content-type': 'text/html' } }, { status: 200, json: [1, 2] });
    const api = client();
    const html = await api.get('groups').catch((e: unknown) => e);
    expect(html).toBeInstanceOf(InvalidResponseError);
    expect((html as Error).message).toBe('GET /v1/groups → 200 invalid response: expected JSON, got text/html (24 bytes)');
    await expect(api.get('groups')).rejects.toThrow('expected a JSON object, got an array');
  });

  it('reports a non-JSON error body as an ApiError with its status', async () => {
    server.enqueue({ status: 403, body: '<html>denied</html>', headers: { 'content-type': 'text/html' } });
    const error = (await client().get('groups').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(403);
    expect(error.code).toBeUndefined();
    expect(error.message).toContain('GET /v1/groups → 403 (expected JSON, got text/html');
  });

  it('throws InvalidResponseError with a cause when the body is truncated', async () => {
    server.enqueue({ truncate: true, status: 200, body: '{"code":"Success","data":{"id"' });
    const error = (await client().post('groups', { name: 'x' }).catch((e: unknown) => e)) as InvalidResponseError;
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toMatch(/^POST \/v1\/groups → 200 invalid response: response body broke off/);
    expect(error.cause).toBeInstanceOf(Error);
    expect(server.requests).toHaveLength(1);
  });

  it('throws TimeoutError when no answer comes within timeoutMs', async () => {
    server.enqueue({ hang: true });
    const error = (await client({ timeoutMs: 150 }).post('connections/c1/sync', { force: false }).catch((e: unknown) => e)) as TimeoutError;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toBe('POST /v1/connections/c1/sync → timed out after 150 ms');
    expect(error.mayHaveBeenApplied).toBe(true);
    expect(error.cause).toBeDefined();
  });

  it('throws NetworkError when nothing listens, after retrying (nothing was sent, so even a POST may be re-sent)', async () => {
    const closed = await startTestServer();
    await closed.close();
    const api = client({ baseUrl: closed.baseUrl, retry: { attempts: 3 } });
    const error = (await api.post('connections', { service: 'postgres' }).catch((e: unknown) => e)) as NetworkError;
    expect(error).toBeInstanceOf(NetworkError);
    expect(error.message).toBe('POST /v1/connections → network error: connection refused (ECONNREFUSED) (gave up after 3 attempts)');
    expect(error.mayHaveBeenApplied).toBe(false);
    expect(events.filter((e) => e.type === 'retry')).toHaveLength(2);
  });

  it('throws InterruptedError when the caller aborts, and sends nothing more', async () => {
    server.enqueue({ hang: true });
    const controller = new AbortController();
    const pending = client().get('connections/c1', undefined, { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('user pressed Ctrl-C')), 30);
    await expect(pending).rejects.toBeInstanceOf(InterruptedError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('legacy paths', () => {
  it('rewrites connectors paths to connections with one warning per client', async () => {
    server.handle(() => ok({ items: [] }));
    const api = client();
    await api.patch('connectors/abc', { paused: true });
    await api.get('groups/g1/connectors');
    await api.withTags({ step: 's' }).get('metadata/connectors/postgres');
    expect(server.requests.map((r) => r.path)).toEqual(['/v1/connections/abc', '/v1/groups/g1/connections', '/v1/metadata/connector-types/postgres']);
    const warnings = events.filter((e) => e.type === 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ message: expect.stringContaining("'connectors/abc' rewritten to 'connections/abc'") });
  });

  it('refuses the removed source Metadata API without sending anything', async () => {
    const error = (await client().get('metadata/connectors/abc/columns').catch((e: unknown) => e)) as UsageError;
    expect(error).toBeInstanceOf(UsageError);
    expect(error.hint).toContain('connections/abc/schemas');
    expect(server.requests).toHaveLength(0);
  });
});

describe('views and counters', () => {
  it('withTags views share counters and label their events', async () => {
    server.handle(() => ok({}));
    const api = client();
    const a = api.withTags({ step: 'a' });
    const b = api.withTags({ step: 'b' }).withTags({ item: '1' });
    await a.get('groups');
    await a.get('groups');
    await b.get('groups');
    await api.get('groups');
    const stats = api.stats();
    expect(stats.requests).toBe(4);
    expect(stats.byTags).toEqual(
      expect.arrayContaining([
        { tags: { step: 'a' }, requests: 2, retries: 0, rateLimited: 0, failures: 0 },
        { tags: { step: 'b', item: '1' }, requests: 1, retries: 0, rateLimited: 0, failures: 0 },
        { tags: {}, requests: 1, retries: 0, rateLimited: 0, failures: 0 },
      ]),
    );
    expect(b.stats()).toEqual(stats);
    const tagged = events.filter((e) => e.type === 'request').map((e) => (e.type === 'request' ? e.tags : undefined));
    expect(tagged).toEqual([{ step: 'a' }, { step: 'a' }, { step: 'b', item: '1' }, {}]);
  });

  it('closing a view leaves the shared pool open', async () => {
    server.handle(() => ok({}));
    const api = client();
    await api.withTags({ step: 'x' }).close();
    await expect(api.get('groups')).resolves.toEqual({});
  });
});

describe('secrets', () => {
  it('never puts the API secret or the Basic credential in errors or events', async () => {
    const credential = Buffer.from(`${KEY}:${SECRET}`).toString('base64');
    // A hostile or buggy server that echoes what it received.
    server.handle((request) => fail(401, 'AuthFailed', `bad credentials ${request.headers.authorization} ${SECRET}`));
    const messages: string[] = [];
    const api = client();
    for (const call of [() => api.get('groups'), () => api.post('connections', { config: { password: 'hunter2-pass' } })]) {
      const error = (await call().catch((e: unknown) => e)) as ApiError;
      messages.push(error.message, String(error.apiMessage), JSON.stringify(error));
    }
    const everything = messages.join('\n') + JSON.stringify(events);
    expect(everything).toContain('AuthFailed');
    expect(everything).not.toContain(SECRET);
    expect(everything).not.toContain(credential);
    expect(everything).not.toContain('hunter2-pass');
    const send = events.find((e) => e.type === 'send' && e.method === 'POST');
    expect(send).toMatchObject({ headers: { authorization: 'Basic ******' }, body: { config: { password: '******' } } });
  });
});

describe('options', () => {
  it.each([
    [{ baseUrl: 'not a url' }, /base URL 'not a url' is not a URL/],
    [{ baseUrl: 'ftp://example.com/v1' }, /base URL must be http\(s\)/],
    [{ maxInFlight: 0 }, /maxInFlight must be a positive integer/],
    [{ maxInFlight: 2.5 }, /maxInFlight must be a positive integer/],
    [{ timeoutMs: -1 }, /timeoutMs must be a positive number/],
  ])('refuses %j with a UsageError', (options, message) => {
    expect(() => createClient({ apiKey: 'k', apiSecret: 's', ...options })).toThrow(message);
    expect(() => createClient({ apiKey: 'k', apiSecret: 's', ...options })).toThrow(UsageError);
  });
});
