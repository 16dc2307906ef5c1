import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/index.js';
import type { ApiClient } from '../../src/api/index.js';
import { applyPlan } from '../../src/plan/index.js';
import { PLAN_FORMAT } from '../../src/plan/plan-types.js';
import type { PlanFile, PlannedWrite } from '../../src/plan/plan-types.js';
import { fail, ok, startTestServer } from '../helpers/http-server.js';
import type { TestServer } from '../helpers/http-server.js';

let server: TestServer;
let client: ApiClient;

beforeEach(async () => {
  server = await startTestServer();
  // One attempt per call: what the client would do after its own retries ran out.
  client = createClient({ apiKey: 'k', apiSecret: 's', baseUrl: server.baseUrl, retry: { attempts: 1 } });
});

afterEach(async () => {
  await client.close();
  await server.close();
});

function plan(...writes: Omit<PlannedWrite, 'seq'>[]): PlanFile {
  return {
    format: PLAN_FORMAT,
    version: 1,
    created_at: 't',
    tool_version: 'test',
    workflow: { file: 'wf.yml', name: 'wf', checksum: 'c' },
    target: 'test',
    base_url: server.baseUrl,
    scope: 'delete',
    vars: {},
    writes: writes.map((w, i) => ({ ...w, seq: i + 1 })),
    estimate: { reads: 0, writes: writes.length, run: writes.length, apply: writes.length },
    problems: [],
  };
}

const requests = () => server.requests.map((r) => `${r.method} ${r.path}`);

describe('apply after a lost answer', () => {
  it('sends an update again once: it sets the same values', async () => {
    server.enqueue(fail(503, 'Unavailable'), ok({ id: 'c1', paused: true }));
    const result = await applyPlan(plan({ step: 's', key: '-', change: 'update', method: 'PATCH', path: 'connections/c1', body: { paused: true }, target: { kind: 'connection', id: 'c1' } }), { client, env: {} });
    expect(result.status).toBe('ok');
    expect(requests()).toEqual(['PATCH /v1/connections/c1', 'PATCH /v1/connections/c1']);
  });

  it('settles a delete by reading: gone means done, nothing sent again', async () => {
    server.enqueue({ reset: true }, fail(404, 'NotFound_Connection'));
    const result = await applyPlan(plan({ step: 's', key: '-', change: 'delete', method: 'DELETE', path: 'connections/c1', target: { kind: 'connection', id: 'c1' } }), { client, env: {} });
    expect(result.outcomes.map((o) => o.result)).toEqual(['reconciled']);
    expect(requests()).toEqual(['DELETE /v1/connections/c1', 'GET /v1/connections/c1']);
  });

  it('never sends an action that may have been applied again, and stops there', async () => {
    server.enqueue(fail(500, 'InternalError'));
    const result = await applyPlan(
      plan(
        { step: 'kick', key: '-', change: 'action', method: 'POST', path: 'connections/c1/sync', body: { force: true }, target: { kind: 'connection', id: 'c1' } },
        { step: 'next', key: '-', change: 'update', method: 'PATCH', path: 'connections/c2', body: { paused: true }, target: { kind: 'connection', id: 'c2' } },
      ),
      { client, env: {} },
    );
    expect(result.status).toBe('failed');
    expect(result.failure?.error).toMatch(/POST \/v1\/connections\/c1\/sync → 500 .*it may have been applied, so it was not sent again/);
    expect(result.notSent).toBe(1);
    expect(requests()).toEqual(['POST /v1/connections/c1/sync']);
  });

  it('re-sends an idempotent action once', async () => {
    server.enqueue({ reset: true }, ok({ id: 'c1' }));
    const result = await applyPlan(plan({ step: 't', key: '-', change: 'action', method: 'POST', path: 'connections/c1/test', body: {}, idempotent: true, target: { kind: 'connection', id: 'c1' } }), { client, env: {} });
    expect(result.status).toBe('ok');
    expect(requests()).toEqual(['POST /v1/connections/c1/test', 'POST /v1/connections/c1/test']);
  });

  it('adopts a create found by its natural key instead of sending it again', async () => {
    // The drift check lists groups first (the name is free), then the POST loses its answer.
    server.enqueue(ok({ items: [] }), { reset: true }, ok({ items: [{ id: 'g9', name: 'ops' }] }));
    const result = await applyPlan(plan({ step: 'g', key: '-', change: 'create', method: 'POST', path: 'groups', body: { name: 'ops' }, target: { kind: 'group', key: 'ops' }, creates: 'planned:group:g' }), { client, env: {} });
    expect(result.outcomes.map((o) => [o.result, o.id])).toEqual([['reconciled', 'g9']]);
    expect(result.ids).toEqual({ 'planned:group:g': 'g9' });
    expect(requests()).toEqual(['GET /v1/groups', 'POST /v1/groups', 'GET /v1/groups']);
  });

  it('sends a create once more when the lookup does not find it', async () => {
    server.enqueue(ok({ items: [] }), fail(502, 'BadGateway'), ok({ items: [] }), ok({ id: 'g1', name: 'ops' }));
    const result = await applyPlan(plan({ step: 'g', key: '-', change: 'create', method: 'POST', path: 'groups', body: { name: 'ops' }, target: { kind: 'group', key: 'ops' }, creates: 'planned:group:g' }), { client, env: {} });
    expect(result.outcomes.map((o) => [o.result, o.id])).toEqual([['created', 'g1']]);
    expect(requests()).toEqual(['GET /v1/groups', 'POST /v1/groups', 'GET /v1/groups', 'POST /v1/groups']);
  });

  it('does not re-send a create it has no way to look up', async () => {
    server.enqueue({ reset: true });
    const result = await applyPlan(plan({ step: 'w', key: '-', change: 'create', method: 'POST', path: 'webhooks/account', body: { url: 'https://x' }, target: { kind: 'webhook', key: 'https://x' }, creates: 'planned:webhook:w' }), { client, env: {} });
    expect(result.status).toBe('failed');
    expect(result.failure?.error).toContain('not sent again');
    expect(requests()).toEqual(['POST /v1/webhooks/account']);
  });

  it('stops before the next write once interrupted', async () => {
    const controller = new AbortController();
    server.handle(() => {
      controller.abort();
      return ok({ id: 'c1' });
    });
    const result = await applyPlan(
      plan(
        { step: 'a', key: '-', change: 'update', method: 'PATCH', path: 'connections/c1', body: { paused: true }, target: { kind: 'connection', id: 'c1' } },
        { step: 'b', key: '-', change: 'update', method: 'PATCH', path: 'connections/c2', body: { paused: true }, target: { kind: 'connection', id: 'c2' } },
      ),
      { client, env: {}, signal: controller.signal },
    );
    expect(result.status).toBe('interrupted');
    expect(result.outcomes).toHaveLength(1);
    expect(result.notSent).toBe(1);
    expect(requests()).toEqual(['PATCH /v1/connections/c1']);
  });
});
