/** Bad requests never crash the sandbox and always get JSON; legacy paths 404 unless aliased. */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { call, dataOf, groupId } from './support.js';

const sandbox = useSandbox({ bodyLimitBytes: 64 * 1024 });

const basic = (pair: string): string => `Basic ${Buffer.from(pair).toString('base64')}`;

/** Sends raw bytes and returns whatever comes back before the server closes. */
function rawExchange(origin: string, payload: string): Promise<string> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(payload));
    let text = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('authentication', () => {
  it('answers 401 AuthFailed for missing, wrong or non-Basic credentials', async () => {
    for (const authorization of [null, basic('sandbox:wrong'), basic('other:sandbox'), 'Bearer sandbox:sandbox', 'Basic %%%']) {
      const answer = await call(sandbox, 'GET', '/groups', { authorization });
      expect(answer.status, String(authorization)).toBe(401);
      expect(answer.json.code).toBe('AuthFailed');
      expect(answer.headers['www-authenticate']).toMatch(/^Basic/);
    }
    expect((await call(sandbox, 'GET', '/groups', { authorization: basic('sandbox:sandbox') })).status).toBe(200);
  });

  it('never echoes the credentials it was sent', async () => {
    const answer = await call(sandbox, 'GET', '/groups', { authorization: basic('sandbox:wrong-secret-value') });
    expect(JSON.stringify(answer)).not.toContain('wrong-secret-value');
  });
});

describe('malformed requests', () => {
  it('answers JSON 404 for unknown paths and 405 with Allow for unknown methods', async () => {
    const unknown = await call(sandbox, 'GET', '/nothing/here');
    expect(unknown).toMatchObject({ status: 404, json: { code: 'NotFound', message: 'HTTP 404 Not Found' } });
    const method = await call(sandbox, 'PUT', '/groups');
    expect(method.status).toBe(405);
    expect(method.json.code).toBe('MethodNotAllowed');
    expect(method.headers.allow).toBe('GET, POST');
    const outsideV1 = await call({ url: sandbox.origin, authorization: sandbox.authorization }, 'GET', '/v2/groups');
    expect(outsideV1.status).toBe(404);
  });

  it('answers 400 for malformed JSON and bodies that are not objects', async () => {
    const malformed = await call(sandbox, 'POST', '/groups', { raw: '{"name": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.code).toBe('InvalidInput');
    expect(malformed.json.message).toMatch(/^Malformed JSON in request body/);
    const array = await call(sandbox, 'POST', '/groups', { body: ['x'] });
    expect(array.json).toEqual({ code: 'InvalidInput', message: 'Request body must be a JSON object' });
  });

  it('answers 413 for bodies over the limit and keeps serving', async () => {
    const huge = await call(sandbox, 'POST', '/groups', { raw: JSON.stringify({ name: 'x'.repeat(200 * 1024) }) });
    expect(huge.status).toBe(413);
    expect(huge.json.code).toBe('PayloadTooLarge');
    const chunked = await call(sandbox, 'POST', '/groups', { raw: Buffer.alloc(5 * 1024 * 1024, 0x20) });
    expect(chunked.status).toBe(413);
    expect((await call(sandbox, 'GET', '/groups')).status).toBe(200);
  });

  it('answers 415 for non-JSON bodies and 406 for an Accept without JSON', async () => {
    const text = await call(sandbox, 'POST', '/groups', { raw: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(text.status).toBe(415);
    expect(text.json.code).toBe('UnsupportedMediaType');
    const html = await call(sandbox, 'GET', '/groups', { headers: { accept: 'text/html' } });
    expect(html.status).toBe(406);
    expect(html.json.code).toBe('NotAcceptable');
    for (const accept of ['application/json', '*/*', 'application/json;version=2']) {
      expect((await call(sandbox, 'GET', '/groups', { headers: { accept } })).status).toBe(200);
    }
  });

  it('answers 400 for broken percent-encoding and raw garbage', async () => {
    const encoding = await call(sandbox, 'GET', '/connections/%E0%A4%A');
    expect(encoding.status).toBe(400);
    const garbage = await rawExchange(sandbox.origin, 'THIS IS NOT HTTP\r\n\r\n');
    expect(garbage).toMatch(/^HTTP\/1\.1 400/);
    expect(garbage).toContain('"code":"BadRequest"');
    expect((await call(sandbox, 'GET', '/groups')).status).toBe(200);
  });

  it('tolerates an empty POST body where the definition allows one, and requires one where it does not', async () => {
    const legacy = await groupId(sandbox, 'warehouse_legacy');
    const connections = dataOf<{ items: { id: string }[] }>(await call(sandbox, 'GET', `/groups/${legacy}/connections?limit=1`));
    const id = connections.items[0]?.id as string;
    expect((await call(sandbox, 'POST', `/connections/${id}/sync`, { headers: { 'content-type': 'application/json' } })).status).toBe(200);
    const noBody = await call(sandbox, 'POST', `/connections/${id}/test`);
    expect(noBody.status).toBe(400);
    expect((await call(sandbox, 'POST', '/groups')).json).toEqual({ code: 'InvalidInput', message: 'Request body is required' });
  });

  it('counted every one of these requests and never crashed', () => {
    const stats = sandbox.stats();
    expect(stats.requests.total).toBeGreaterThan(20);
    expect(stats.requests.byStatus['500']).toBeUndefined();
    expect(stats.inFlight).toBe(0);
  });
});

describe('legacy /v1/connectors paths', () => {
  const aliased = useSandbox({ legacyPaths: 'alias' });

  it('answer 404 by default, as Fivetran does since 2026', async () => {
    const legacy = await groupId(sandbox, 'warehouse_legacy');
    for (const path of ['/connectors', `/groups/${legacy}/connectors`, '/metadata/connectors']) {
      const answer = await call(sandbox, 'GET', path);
      expect(answer.status, path).toBe(404);
      expect(answer.json.code).toBe('NotFound');
    }
  });

  it('route to the current handlers with the alias option, with NotFound_Connector codes', async () => {
    const legacy = await groupId(aliased, 'warehouse_legacy');
    const list = dataOf<{ items: { id: string; schema: string }[] }>(await call(aliased, 'GET', `/groups/${legacy}/connectors/?cursor=`));
    const salesforce = list.items.find((c) => c.schema === 'salesforce');
    expect(dataOf<{ id: string }>(await call(aliased, 'GET', `/connectors/${salesforce?.id}`)).id).toBe(salesforce?.id);
    const patched = await call(aliased, 'PATCH', `/connectors/${salesforce?.id}`, { body: { paused: 'true' } });
    expect(dataOf<{ paused: boolean }>(patched).paused).toBe(true);
    expect((await call(aliased, 'GET', '/connectors/nope')).json.code).toBe('NotFound_Connector');
    expect(dataOf<{ id: string }>(await call(aliased, 'GET', '/metadata/connectors/salesforce')).id).toBe('salesforce');
    const stats = aliased.stats();
    expect(stats.requests.byRoute['GET /v1/connectors/{connectionId}']).toEqual({ '200': 1, '404': 1 });
  });

  it('serve the old source Metadata API for SQL rewriting', async () => {
    const legacy = await groupId(aliased, 'warehouse_legacy');
    const list = dataOf<{ items: { id: string; schema: string }[] }>(await call(aliased, 'GET', `/groups/${legacy}/connectors?limit=100`));
    const id = list.items.find((c) => c.schema === 'salesforce')?.id;
    const tables = dataOf<{ items: { id: string; parent_id: string; name_in_source: string; name_in_destination: string }[] }>(
      await call(aliased, 'GET', `/metadata/connectors/${id}/tables?limit=100`),
    );
    expect(tables.items.find((t) => t.name_in_source === 'Account')).toMatchObject({ name_in_destination: 'account' });
    const columns = dataOf<{ items: { name_in_source: string; name_in_destination: string; parent_id: string }[] }>(
      await call(aliased, 'GET', `/metadata/connectors/${id}/columns?limit=1000`),
    );
    const accountNumber = columns.items.find((c) => c.name_in_source === 'AccountNumber');
    expect(accountNumber?.name_in_destination).toBe('account_number');
    expect(tables.items.find((t) => t.id === accountNumber?.parent_id)?.name_in_source).toBe('Account');
    expect((await call(sandbox, 'GET', `/metadata/connectors/${id}/tables`)).status).toBe(404);
  });
});
