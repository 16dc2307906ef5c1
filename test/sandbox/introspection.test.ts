/** `/__sandbox/*`: stats (with peak in-flight), state dump without secrets, reset. */
import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import type { SandboxStats } from '../../src/sandbox/index.js';
import { useSandbox } from '../helpers/sandbox.js';
import { call, dataOf, groupId, listAll } from './support.js';

const sandbox = useSandbox({ rateLimit: false });

async function introspect<T>(method: 'GET' | 'POST', path: string): Promise<{ status: number; body: T }> {
  const response = await request(`${sandbox.origin}/__sandbox/${path}`, { method });
  return { status: response.statusCode, body: (await response.body.json()) as T };
}

const SECRET = 'Sup3r-Secret-Value-42';

describe('introspection', () => {
  it('counts requests by method, route template and status, and writes by kind', async () => {
    const legacy = await groupId(sandbox, 'warehouse_legacy');
    await call(sandbox, 'GET', '/groups/nope');
    await call(sandbox, 'PATCH', `/groups/${legacy}`, { body: { name: 'warehouse_legacy' } });
    const { status, body } = await introspect<SandboxStats>('GET', 'stats');
    expect(status).toBe(200);
    expect(body.requests.byRoute['GET /v1/groups/{groupId}']).toEqual({ '404': 1 });
    expect(body.requests.byRoute['PATCH /v1/groups/{groupId}']).toEqual({ '200': 1 });
    expect(body.requests.byRoute['GET /v1/groups']).toEqual({ '200': 1 });
    expect(body.requests.byMethod).toMatchObject({ GET: 2, PATCH: 1 });
    expect(body.writes).toEqual({ total: 1, byKind: { group_updated: 1 } });
    expect(body).toEqual(sandbox.stats());
  });

  it('dumps the state with every secret masked, and no answer ever carries one', async () => {
    const group = await groupId(sandbox, 'warehouse_new');
    const created = dataOf<{ id: string }>(
      await call(sandbox, 'POST', '/connections', {
        body: { service: 'postgres', group_id: group, config: { schema_prefix: 'secret_pg', host: 'h.example.com', password: SECRET, client_private_key: SECRET } },
      }),
    );
    await call(sandbox, 'POST', '/webhooks/account', { body: { url: 'https://example.com/hook', events: ['sync_end'], secret: SECRET } });
    await call(sandbox, 'PATCH', `/destinations/${group}`, { body: { config: { secret_key: SECRET } } });
    const answers = [
      await call(sandbox, 'GET', `/connections/${created.id}`),
      await call(sandbox, 'PATCH', `/connections/${created.id}`, { body: { paused: true } }),
      await call(sandbox, 'GET', `/connections?group_id=${group}`),
      await call(sandbox, 'GET', `/destinations/${group}`),
      await call(sandbox, 'GET', '/webhooks'),
    ];
    for (const answer of answers) expect(JSON.stringify(answer.json)).not.toContain(SECRET);
    const { body: state } = await introspect<{ connections: { id: string; config: Record<string, unknown> }[] }>('GET', 'state');
    expect(JSON.stringify(state)).not.toContain(SECRET);
    expect(state.connections.find((c) => c.id === created.id)?.config).toMatchObject({ password: '******', client_private_key: '******', host: 'h.example.com' });
    expect(JSON.stringify(sandbox.state())).not.toContain(SECRET);
  });

  it('resets state and counters', async () => {
    const before = (await listAll(sandbox, '/groups')).length;
    await call(sandbox, 'POST', '/groups', { body: { name: 'to_be_forgotten' } });
    expect((await listAll(sandbox, '/groups')).length).toBe(before + 1);
    const reset = await introspect<{ code: string }>('POST', 'reset');
    expect(reset).toEqual({ status: 200, body: { code: 'Success', message: 'Sandbox state and stats have been reset' } });
    expect(sandbox.stats().requests.total).toBe(0);
    expect((await listAll(sandbox, '/groups')).length).toBe(before);
  });

  it('answers JSON 404 for unknown introspection paths, outside the stats', async () => {
    sandbox.reset();
    const unknown = await introspect<{ code: string }>('GET', 'nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('NotFound');
    expect(sandbox.stats().requests.total).toBe(0);
  });
});

describe('peak in-flight requests', () => {
  // Latency keeps every request in flight long enough for all of them to overlap.
  const slow = useSandbox({ latencyMs: 250, data: 'empty', rateLimit: false });

  it('records the most requests that were in flight at once', async () => {
    await Promise.all(Array.from({ length: 8 }, () => call(slow, 'GET', '/groups')));
    const stats = slow.stats();
    expect(stats.peakInFlight).toBe(8);
    expect(stats.inFlight).toBe(0);
    await call(slow, 'GET', '/groups');
    expect(slow.stats().peakInFlight).toBe(8);
    slow.reset();
    expect(slow.stats().peakInFlight).toBe(0);
  });

  it('never counts more in flight than a client keeps open, even back to back', async () => {
    const fast = { url: sandbox.url, authorization: sandbox.authorization };
    sandbox.reset();
    const worker = async (): Promise<void> => {
      for (let i = 0; i < 150; i++) await call(fast, 'GET', '/groups?limit=1');
    };
    await Promise.all([worker(), worker(), worker()]);
    expect(sandbox.stats().peakInFlight).toBeLessThanOrEqual(3);
    expect(sandbox.stats().requests.total).toBe(450);
  });
});
