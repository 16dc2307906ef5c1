import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { call, connectionId, dataOf, groupId, listAll } from './support.js';
import type { Page } from './support.js';

const sandbox = useSandbox({ rateLimit: false });

interface Connection {
  id: string;
  group_id: string;
  service: string;
  schema: string;
  paused: boolean;
  sync_frequency: number;
  daily_sync_time?: string;
  status: { setup_state: string; sync_state: string };
  setup_tests?: { title: string; status: string }[];
  config: Record<string, unknown>;
}

async function createConnection(body: Record<string, unknown>): Promise<Connection> {
  return dataOf<Connection>(await call(sandbox, 'POST', '/connections', { body }));
}

describe('seed data', () => {
  it('has the named groups, one destination per group with the group id, and warehouse_new empty', async () => {
    const groups = await listAll<{ id: string; name: string }>(sandbox, '/groups');
    expect(groups.map((g) => g.name)).toEqual(expect.arrayContaining(['warehouse_legacy', 'warehouse_new', 'analytics_prod', 'marketing_eu']));
    const fresh = await groupId(sandbox, 'warehouse_new');
    expect(await listAll(sandbox, `/groups/${fresh}/connections`)).toEqual([]);
    expect(dataOf<{ id: string; group_id: string }>(await call(sandbox, 'GET', `/destinations/${fresh}`))).toMatchObject({ id: fresh, group_id: fresh, service: 'big_query' });
  });

  it('mixes services and states in warehouse_legacy', async () => {
    const legacy = await groupId(sandbox, 'warehouse_legacy');
    const items = await listAll<Connection>(sandbox, `/groups/${legacy}/connections`);
    const services = new Set(items.map((c) => c.service));
    for (const service of ['postgres', 'sql_server', 'mysql', 'google_sheets', 's3', 'salesforce']) expect(services.has(service), service).toBe(true);
    expect(items.some((c) => c.paused)).toBe(true);
    expect(items.some((c) => c.status.setup_state === 'broken')).toBe(true);
    expect(items.some((c) => c.status.sync_state === 'syncing')).toBe(true);
    expect(items.some((c) => c.status.setup_state === 'incomplete')).toBe(true);
    expect(items.find((c) => c.service === 'google_sheets')?.schema).toBe('finance_sheets.budget_2026');
  });

  it('is the same on every start with the same seed', async () => {
    const first = sandbox.state();
    sandbox.reset();
    const second = sandbox.state();
    expect(second.groups).toEqual(first.groups);
    expect(second.connections.map((c) => [c.id, c.schema, c.created_at])).toEqual(first.connections.map((c) => [c.id, c.schema, c.created_at]));
  });
});

describe('listing', () => {
  it('pages with limit and cursor, omitting next_cursor on the last page', async () => {
    const all = await listAll<Connection>(sandbox, '/connections', 1000);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = dataOf<Page<Connection>>(await call(sandbox, 'GET', `/connections?limit=7${cursor ? `&cursor=${cursor}` : '&cursor='}`));
      expect(page.items.length).toBeLessThanOrEqual(7);
      seen.push(...page.items.map((c) => c.id));
      cursor = page.next_cursor;
      if (cursor === undefined) expect(Object.keys(page)).toEqual(['items']);
      pages++;
    } while (cursor);
    expect(seen).toEqual(all.map((c) => c.id));
    expect(pages).toBe(Math.ceil(all.length / 7));
  });

  it('answers exact multiples of the limit with a last page that has no next_cursor', async () => {
    const total = (await listAll(sandbox, '/groups')).length;
    const first = dataOf<Page<unknown>>(await call(sandbox, 'GET', `/groups?limit=${total}`));
    expect(first.items).toHaveLength(total);
    expect(first.next_cursor).toBeUndefined();
    const one = dataOf<Page<unknown>>(await call(sandbox, 'GET', '/groups?limit=1'));
    expect(one.items).toHaveLength(1);
    expect(one.next_cursor).toBe('eyJza2lwIjoxfQ');
  });

  it('rejects limits outside 1..1000 and garbage cursors with 400 InvalidInput', async () => {
    for (const query of ['limit=0', 'limit=1001', 'limit=x', 'cursor=not-a-cursor%21', `cursor=${Buffer.from('{"skip":"a"}').toString('base64url')}`]) {
      const answer = await call(sandbox, 'GET', `/connections?${query}`);
      expect(answer.status, query).toBe(400);
      expect(answer.json.code).toBe('InvalidInput');
    }
    expect((await call(sandbox, 'GET', '/connections?limit=1000')).status).toBe(200);
  });

  it('filters by group_id and exact schema, account-wide and per group, with trailing slashes', async () => {
    const legacy = await groupId(sandbox, 'warehouse_legacy');
    const byGroup = await listAll<Connection>(sandbox, `/connections?group_id=${legacy}`);
    expect(byGroup.length).toBeGreaterThan(10);
    expect(byGroup.every((c) => c.group_id === legacy)).toBe(true);
    const bySchema = dataOf<Page<Connection>>(await call(sandbox, 'GET', '/connections/?schema=salesforce'));
    expect(bySchema.items.map((c) => c.schema)).toEqual(['salesforce']);
    expect(dataOf<Page<Connection>>(await call(sandbox, 'GET', `/groups/${legacy}/connections/?schema=SALESFORCE`)).items).toEqual([]);
    expect(dataOf<Page<Connection>>(await call(sandbox, 'GET', '/connections?group_id=no_such_group')).items).toEqual([]);
  });
});

describe('create', () => {
  it('creates with defaults, runs setup tests and masks secrets', async () => {
    const group = await groupId(sandbox, 'warehouse_new');
    const answer = await call(sandbox, 'POST', '/connections', {
      body: { service: 'sql_server_rds', group_id: group, config: { schema_prefix: 'erp_mssql', host: 'db.example.com', port: 1433, user: 'fivetran', password: 'hunter2' } },
    });
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ code: 'Success', message: 'Connection has been created' });
    const created = answer.json.data as Connection;
    expect(created).toMatchObject({ group_id: group, service: 'sql_server_rds', schema: 'erp_mssql', paused: false, sync_frequency: 360, status: { setup_state: 'connected' } });
    expect(created.setup_tests?.every((t) => t.status === 'PASSED')).toBe(true);
    expect(created.config.password).toBe('******');
    const details = dataOf<Connection>(await call(sandbox, 'GET', `/connections/${created.id}`));
    expect(details.config.password).toBe('******');
    expect(details.setup_tests).toBeUndefined();
    expect(JSON.stringify(sandbox.state())).not.toContain('hunter2');
  });

  it('derives the connection name from the naming keys of each service', async () => {
    const group = await groupId(sandbox, 'warehouse_new');
    const sheet = await createConnection({ service: 'google_sheets', group_id: group, run_setup_tests: false, config: { schema: 'fin', table: 'budget' } });
    expect(sheet.schema).toBe('fin.budget');
    expect(sheet.status.setup_state).toBe('incomplete');
    const s3 = await createConnection({ service: 's3', group_id: group, config: { schema: 'landing', table_group_name: 'orders', bucket: 'b' } });
    expect(s3.schema).toBe('landing.orders');
    const sf = await createConnection({ service: 'salesforce', group_id: group, config: { schema: 'sf_new' } });
    expect(sf.schema).toBe('sf_new');
  });

  it('accepts "true"/"false" strings for booleans as the seed scripts send them', async () => {
    const group = await groupId(sandbox, 'warehouse_new');
    const created = await createConnection({ service: 'mysql', group_id: group, paused: 'true', run_setup_tests: 'false', config: { schema_prefix: 'strings_ok' } });
    expect(created.paused).toBe(true);
    expect(created.status).toMatchObject({ setup_state: 'incomplete', sync_state: 'paused' });
  });

  it('answers Fivetran-shaped 400s for invalid bodies', async () => {
    const group = await groupId(sandbox, 'warehouse_new');
    const cases: [Record<string, unknown>, string][] = [
      [{ group_id: group }, "Field 'service' is required"],
      [{ service: 'postgres' }, "Field 'group_id' is required"],
      [{ service: 'share_point', group_id: group }, "Unsupported connector service 'share_point'"],
      [{ service: 'salesforce', group_id: group }, "Field 'schema' is required"],
      [{ service: 'postgres', group_id: group, config: { schema: 'x' } }, "Field 'schema_prefix' is required"],
      [{ service: 'google_sheets', group_id: group, config: { schema: 'x' } }, "Field 'table' is required"],
      [{ service: 'postgres', group_id: group, paused: 'yes', config: { schema_prefix: 'p1' } }, "Field 'paused' must be a boolean"],
      [{ service: 'postgres', group_id: group, sync_frequency: 7, config: { schema_prefix: 'p2' } }, "Field 'sync_frequency' must be one of: 1, 5, 15, 30, 60, 120, 180, 360, 480, 720, 1440"],
      [{ service: 'postgres', group_id: group, config: { schema_prefix: 'p3', port: 'abc' } }, "Field 'port' must be an integer"],
      [{ service: 'postgres', group_id: group, sync_frequency: 1440, daily_sync_time: '14:30', config: { schema_prefix: 'p4' } }, "Invalid 'daily_sync_time' value '14:30': expected \"HH:00\""],
      [{ service: 'postgres', group_id: group, daily_sync_time: '14:00', config: { schema_prefix: 'p5' } }, "Field 'daily_sync_time' can only be set when 'sync_frequency' is 1440"],
    ];
    for (const [body, message] of cases) {
      const answer = await call(sandbox, 'POST', '/connections', { body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json).toEqual({ code: 'InvalidInput', message });
    }
  });

  it('answers 404 NotFound_Group for an unknown group and 409 for a duplicate name', async () => {
    const missing = await call(sandbox, 'POST', '/connections', { body: { service: 'salesforce', group_id: 'no_such_group', config: { schema: 'x' } } });
    expect(missing.status).toBe(404);
    expect(missing.json.code).toBe('NotFound_Group');
    const legacy = await groupId(sandbox, 'warehouse_legacy');
    const duplicate = await call(sandbox, 'POST', '/connections', { body: { service: 'salesforce', group_id: legacy, config: { schema: 'salesforce' } } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json).toEqual({ code: 'Conflict', message: `Connection with schema name 'salesforce' already exists in group '${legacy}'` });
  });

  it('keeps daily_sync_time only with a daily schedule', async () => {
    const group = await groupId(sandbox, 'warehouse_new');
    const daily = await createConnection({ service: 'postgres', group_id: group, sync_frequency: 1440, daily_sync_time: '14:00', config: { schema_prefix: 'daily_pg' } });
    expect(daily.daily_sync_time).toBe('14:00');
    const hourly = dataOf<Connection>(await call(sandbox, 'PATCH', `/connections/${daily.id}`, { body: { sync_frequency: 60 } }));
    expect(hourly.daily_sync_time).toBeUndefined();
  });
});

describe('strict booleans', () => {
  const strict = useSandbox({ strictBooleans: true, data: 'empty', groups: 1 });

  it('rejects boolean strings', async () => {
    const [group] = await listAll<{ id: string }>(strict, '/groups');
    const answer = await call(strict, 'POST', '/connections', { body: { service: 'salesforce', group_id: group?.id, paused: 'true', config: { schema: 'sf' } } });
    expect(answer.status).toBe(400);
    expect(answer.json.message).toBe("Field 'paused' must be a boolean");
  });
});

describe('update and delete', () => {
  it('merges config key by key and keeps stored secrets when the masked value is sent back', async () => {
    const group = await groupId(sandbox, 'warehouse_new');
    const created = await createConnection({ service: 'postgres', group_id: group, config: { schema_prefix: 'merge_pg', host: 'a.example.com', port: 5432, password: 'pw1' } });
    const patched = await call(sandbox, 'PATCH', `/connections/${created.id}`, { body: { config: { host: 'b.example.com', password: '******' } } });
    expect(patched.json.message).toBe('Connection has been updated');
    expect((patched.json.data as Connection).config).toMatchObject({ host: 'b.example.com', port: 5432, password: '******', schema_prefix: 'merge_pg' });
    expect((patched.json.data as Connection).setup_tests).toBeUndefined();
  });

  it('refuses empty patches, test controls alone and changes of create-only keys', async () => {
    const legacy = await groupId(sandbox, 'warehouse_legacy');
    const id = await connectionId(sandbox, legacy, 'erp_pg');
    for (const [body, message] of [
      [{}, /At least one field to update is required/],
      [{ run_setup_tests: true, trust_certificates: true }, /At least one field to update is required/],
      [{ config: { schema_prefix: 'renamed' } }, /Field 'schema_prefix' cannot be changed/],
      [{ config: { port: 'x' } }, /Field 'port' must be an integer/],
      [{ schedule_type: 'sometimes' }, /Field 'schedule_type' must be one of: auto, manual/],
    ] as const) {
      const answer = await call(sandbox, 'PATCH', `/connections/${id}`, { body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.message).toMatch(message);
    }
    const same = await call(sandbox, 'PATCH', `/connections/${id}`, { body: { config: { schema_prefix: 'erp_pg' }, sync_frequency: 120, run_setup_tests: true } });
    expect(same.status).toBe(200);
    expect((same.json.data as Connection).sync_frequency).toBe(120);
    expect((same.json.data as Connection).setup_tests?.length).toBeGreaterThan(0);
  });

  it('pauses and resumes', async () => {
    const legacy = await groupId(sandbox, 'warehouse_legacy');
    const id = await connectionId(sandbox, legacy, 'shop_mysql');
    const paused = dataOf<Connection>(await call(sandbox, 'PATCH', `/connections/${id}`, { body: { paused: true } }));
    expect(paused).toMatchObject({ paused: true, status: { sync_state: 'paused' } });
    const resumed = dataOf<Connection>(await call(sandbox, 'PATCH', `/connections/${id}`, { body: { paused: 'false' } }));
    expect(resumed).toMatchObject({ paused: false, status: { sync_state: 'scheduled' } });
  });

  it('deletes, then answers 404 NotFound_Connection', async () => {
    const group = await groupId(sandbox, 'warehouse_new');
    const created = await createConnection({ service: 'stripe', group_id: group, config: { schema: 'stripe_doomed' } });
    const deleted = await call(sandbox, 'DELETE', `/connections/${created.id}`);
    expect(deleted.json).toEqual({ code: 'Success', message: `Connection with id '${created.id}' has been deleted` });
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const answer = await call(sandbox, method, `/connections/${created.id}`, method === 'PATCH' ? { body: { paused: true } } : {});
      expect(answer.status).toBe(404);
      expect(answer.json).toEqual({ code: 'NotFound_Connection', message: `Connection with id '${created.id}' not found` });
    }
    expect(dataOf<Page<unknown>>(await call(sandbox, 'GET', `/connections?group_id=${group}&schema=stripe_doomed`)).items).toEqual([]);
  });
});
