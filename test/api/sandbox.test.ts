import { afterEach, describe, expect, it } from 'vitest';
import { createClient, type ApiClient, type ClientEvent, type ClientOptions, type Connection, type Group } from '../../src/api/index.js';
import { ApiError } from '../../src/errors.js';
import { startSandbox, type SandboxHandle, type SandboxOptions } from '../../src/sandbox/index.js';

const open: Array<{ close(): Promise<void> } | { stop(): Promise<void> }> = [];

afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await ('close' in thing ? thing.close() : thing.stop());
});

async function sandboxWith(options: SandboxOptions = {}): Promise<SandboxHandle> {
  const sandbox = await startSandbox(options);
  open.push(sandbox);
  return sandbox;
}

function clientFor(sandbox: SandboxHandle, options: Partial<ClientOptions> = {}): ApiClient {
  const client = createClient({ apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret, baseUrl: sandbox.url, ...options });
  open.push(client);
  return client;
}

describe('the client against the sandbox', () => {
  it('authenticates, unwraps envelopes and reports wrong credentials as a typed 401', async () => {
    const sandbox = await sandboxWith();
    const groups = await clientFor(sandbox).get<{ items: Group[] }>('groups');
    expect(groups.items.length).toBeGreaterThan(0);
    const wrong = clientFor(sandbox, { apiSecret: 'not-the-secret-123' });
    const error = (await wrong.get('groups').catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/^GET \/v1\/groups → 401/);
    expect(error.message).not.toContain('not-the-secret-123');
  });

  it('pages through 2,500 connections in three calls', async () => {
    const sandbox = await sandboxWith({ connections: 2500 });
    const ids = new Set<string>();
    for await (const connection of clientFor(sandbox).paginate<Connection>('connections')) ids.add(connection.id);
    expect(ids.size).toBe(2500);
    expect(sandbox.stats().requests.byRoute['GET /v1/connections']).toEqual({ '200': 3 });
  });

  it('rewrites legacy paths the sandbox (like Fivetran since 2026) answers 404 on', async () => {
    const sandbox = await sandboxWith();
    const events: ClientEvent[] = [];
    const client = clientFor(sandbox, { onEvent: (e) => events.push(e) });
    const [first] = (await client.get<{ items: Connection[] }>('connections', { limit: 1 })).items;
    const connection = await client.get<Connection>(`connectors/${first!.id}`);
    expect(connection.id).toBe(first!.id);
    expect(events.filter((e) => e.type === 'warning')).toHaveLength(1);
  });

  it('rides out 429s with Retry-After: nothing fails and the waits are reported', async () => {
    const sandbox = await sandboxWith({ rateLimit: { perSecond: 4 } });
    const events: ClientEvent[] = [];
    const client = clientFor(sandbox, { maxInFlight: 4, onEvent: (e) => events.push(e) });
    const groups = (await client.get<{ items: Group[] }>('groups')).items;
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => client.patch(`groups/${groups[i % groups.length]!.id}`, { name: `renamed_${i}` })));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(sandbox.stats().rateLimited).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'retry' && e.reason === '429 Too Many Requests (Retry-After)')).toBe(true);
    expect(client.stats().rateLimited).toBe(sandbox.stats().rateLimited);
  });

  it('does not re-send a create the sandbox failed on, and says it may have been applied', async () => {
    const sandbox = await sandboxWith({ failRate: 1 });
    const client = clientFor(sandbox, { sleep: async () => undefined });
    const error = (await client.post('groups', { name: 'maybe_created' }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBeGreaterThanOrEqual(500);
    expect(error.mayHaveBeenApplied).toBe(true);
    expect(sandbox.stats().requests).toMatchObject({ total: 1, byMethod: { POST: 1 } });
  });

  it('retries a PATCH through a failing sandbox until attempts run out, and flags it as maybe applied', async () => {
    const sandbox = await sandboxWith({ failRate: 1 });
    const group = sandbox.state().groups[0]!;
    const client = clientFor(sandbox, { sleep: async () => undefined, retry: { attempts: 3 } });
    const error = (await client.patch(`groups/${group.id}`, { name: 'renamed' }).catch((e: unknown) => e)) as ApiError;
    expect(error.message).toMatch(/^PATCH \/v1\/groups\/\w+ → 50\d .*\(gave up after 3 attempts\)$/);
    expect(error.mayHaveBeenApplied).toBe(true);
    expect(sandbox.stats().requests.total).toBe(3);
  });
});
