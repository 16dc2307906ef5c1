import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { atlas, closeAtlas, credentialsFromEnv } from '../../src/api/index.js';
import { ApiError, UsageError } from '../../src/errors.js';
import { fail, startTestServer, type TestServer } from '../helpers/http-server.js';

let server: TestServer;
const saved = { ...process.env };

beforeAll(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  await closeAtlas();
  for (const key of ['FIVETRAN_API_KEY', 'FIVETRAN_API_SECRET', 'FIVETRAN_API_URL']) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
});

afterAll(async () => {
  await server.close();
});

describe('atlas()', () => {
  it('reads credentials from the environment and returns the whole envelope', async () => {
    Object.assign(process.env, { FIVETRAN_API_KEY: 'k', FIVETRAN_API_SECRET: 's3cret!', FIVETRAN_API_URL: server.baseUrl });
    server.enqueue({ status: 200, json: { code: 'Success', message: 'Connection has been updated', data: { id: 'abc', paused: true } } });
    const response = await atlas('patch', 'connectors/abc', { paused: true });
    expect(response).toEqual({ code: 'Success', message: 'Connection has been updated', data: { id: 'abc', paused: true } });
    const request = server.requests.at(-1);
    expect([request?.method, request?.path, request?.body]).toEqual(['PATCH', '/v1/connections/abc', '{"paused":true}']);
  });

  it('throws typed errors instead of returning None', async () => {
    Object.assign(process.env, { FIVETRAN_API_KEY: 'k', FIVETRAN_API_SECRET: 's3cret!', FIVETRAN_API_URL: server.baseUrl });
    server.enqueue(fail(404, 'NotFound_Connection', "Connection with id 'nope' not found"));
    await expect(atlas('GET', 'connections/nope')).rejects.toBeInstanceOf(ApiError);
    await expect(atlas('FETCH', 'connections/nope')).rejects.toBeInstanceOf(UsageError);
  });

  it('names missing credentials without sending anything', async () => {
    delete process.env.FIVETRAN_API_KEY;
    delete process.env.FIVETRAN_API_SECRET;
    const before = server.requests.length;
    await expect(atlas('GET', 'groups')).rejects.toThrow('missing credentials: FIVETRAN_API_KEY and FIVETRAN_API_SECRET are not set');
    expect(server.requests.length).toBe(before);
  });
});

describe('credentialsFromEnv', () => {
  it('defaults the base URL to Fivetran and validates an override', () => {
    expect(credentialsFromEnv({ FIVETRAN_API_KEY: 'k', FIVETRAN_API_SECRET: 's' })).toEqual({ apiKey: 'k', apiSecret: 's', baseUrl: 'https://api.fivetran.com/v1' });
    expect(credentialsFromEnv({ FIVETRAN_API_KEY: 'k', FIVETRAN_API_SECRET: 's', FIVETRAN_API_URL: 'http://127.0.0.1:9/v1/' }).baseUrl).toBe('http://127.0.0.1:9/v1');
    expect(() => credentialsFromEnv({ FIVETRAN_API_KEY: 'k', FIVETRAN_API_SECRET: 's', FIVETRAN_API_URL: 'ftp://x' })).toThrow(UsageError);
    expect(() => credentialsFromEnv({ FIVETRAN_API_KEY: 'k' })).toThrow('FIVETRAN_API_SECRET is not set');
  });
});
