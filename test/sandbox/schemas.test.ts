import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { call, connectionId, dataOf, groupId } from './support.js';

const sandbox = useSandbox({ rateLimit: false });

interface Column {
  name_in_destination: string;
  enabled: boolean;
  hashed: boolean;
  is_primary_key?: boolean;
  enabled_patch_settings: { allowed: boolean; reason_code?: string };
}
interface Table {
  name_in_destination: string;
  enabled: boolean;
  sync_mode?: string;
  supports_columns_config: boolean;
  enabled_patch_settings: { allowed: boolean; reason_code?: string; reason?: string };
  columns: Record<string, Column>;
}
interface SchemaConfig {
  schema_change_handling: string;
  enable_new_by_default: boolean;
  is_type_locked?: boolean;
  schemas: Record<string, { name_in_destination: string; enabled: boolean; tables: Record<string, Table> }>;
}

async function newConnection(service: string, config: Record<string, unknown>): Promise<string> {
  const group = await groupId(sandbox, 'warehouse_new');
  return dataOf<{ id: string }>(await call(sandbox, 'POST', '/connections', { body: { service, group_id: group, config } })).id;
}

const schemas = async (id: string): Promise<SchemaConfig> => dataOf<SchemaConfig>(await call(sandbox, 'GET', `/connections/${id}/schemas`));

describe('schema config lifecycle', () => {
  it('is 404 NotFound_SchemaConfig until a reload', async () => {
    const id = await newConnection('salesforce', { schema: 'sf_lifecycle' });
    const missing = await call(sandbox, 'GET', `/connections/${id}/schemas`);
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ code: 'NotFound_SchemaConfig', message: `Connection with id '${id}' doesn't have schema config` });
    const patch = await call(sandbox, 'PATCH', `/connections/${id}/schemas`, { body: { schema_change_handling: 'BLOCK_ALL' } });
    expect(patch.json.code).toBe('NotFound_SchemaConfig');
    const reloaded = await call(sandbox, 'POST', `/connections/${id}/schemas/reload`, { body: { exclude_mode: 'PRESERVE' } });
    expect(reloaded.status).toBe(200);
    expect(dataOf<SchemaConfig>(reloaded)).toEqual(await schemas(id));
  });

  it('reloads Salesforce objects with source names mapped to destination names', async () => {
    const id = await newConnection('salesforce', { schema: 'sf_names' });
    const config = dataOf<SchemaConfig>(await call(sandbox, 'POST', `/connections/${id}/schemas/reload`, { body: {} }));
    expect(config).toMatchObject({ schema_change_handling: 'ALLOW_ALL', enable_new_by_default: true });
    const salesforce = config.schemas.salesforce;
    expect(salesforce?.name_in_destination).toBe('sf_names');
    expect(salesforce?.tables.Account).toMatchObject({ name_in_destination: 'account', enabled: true, sync_mode: 'SOFT_DELETE', columns: {} });
    expect(salesforce?.tables.OpportunityHistory?.name_in_destination).toBe('opportunity_history');
    expect(salesforce?.tables.Attachment).toMatchObject({ enabled: false, enabled_patch_settings: { allowed: false, reason_code: 'OTHER' } });
    const columns = dataOf<{ columns: Record<string, Column> }>(await call(sandbox, 'GET', `/connections/${id}/schemas/salesforce/tables/Account/columns`)).columns;
    expect(Object.fromEntries(Object.entries(columns).map(([name, c]) => [name, c.name_in_destination]))).toMatchObject({
      Id: 'id',
      AccountNumber: 'account_number',
      CreatedById: 'created_by_id',
      IsDeleted: 'is_deleted',
      Region__c: 'region_c',
    });
    expect(columns.Id).toMatchObject({ is_primary_key: true, enabled_patch_settings: { allowed: false, reason_code: 'SYSTEM_COLUMN' } });
  });

  it('prefixes database schemas and keeps mixed-case source names', async () => {
    const id = await newConnection('postgres', { schema_prefix: 'erp2', host: 'h.example.com' });
    const config = dataOf<SchemaConfig>(await call(sandbox, 'POST', `/connections/${id}/schemas/reload`, { body: {} }));
    expect(Object.keys(config.schemas)).toEqual(['public', 'Sales', 'audit']);
    expect(config.schemas.Sales?.name_in_destination).toBe('erp2_sales');
    expect(config.schemas.public?.tables.OrderItems?.name_in_destination).toBe('order_items');
    expect(config.schemas.public?.tables.pg_stat_activity).toMatchObject({ enabled: false, supports_columns_config: false, enabled_patch_settings: { reason_code: 'SYSTEM_TABLE' } });
    const wrongCase = await call(sandbox, 'PATCH', `/connections/${id}/schemas/sales`, { body: { enabled: false } });
    expect(wrongCase.status).toBe(404);
  });

  it('shows the demo edits of the seeded configs', async () => {
    const legacy = await groupId(sandbox, 'warehouse_legacy');
    const sf = await schemas(await connectionId(sandbox, legacy, 'salesforce'));
    expect(sf.schemas.salesforce?.tables.Campaign?.enabled).toBe(false);
    expect(sf.schemas.salesforce?.tables.Contact?.columns.Email).toMatchObject({ hashed: true, name_in_destination: 'email' });
    const hr = await schemas(await connectionId(sandbox, legacy, 'hr_mssql'));
    expect(hr.schemas.HR?.tables.Recruiting?.enabled).toBe(false);
    expect(hr.schemas.dbo?.name_in_destination).toBe('hr_mssql_dbo');
  });
});

describe('patching', () => {
  it('patches schema, table and column levels, answering the whole config each time', async () => {
    const id = await newConnection('salesforce', { schema: 'sf_patch' });
    await call(sandbox, 'POST', `/connections/${id}/schemas/reload`, { body: {} });
    const whole = dataOf<SchemaConfig>(await call(sandbox, 'PATCH', `/connections/${id}/schemas`, { body: { schema_change_handling: 'BLOCK_ALL', is_type_locked: true } }));
    expect(whole).toMatchObject({ schema_change_handling: 'BLOCK_ALL', enable_new_by_default: false, is_type_locked: true });
    const schema = dataOf<SchemaConfig>(
      await call(sandbox, 'PATCH', `/connections/${id}/schemas/salesforce`, { body: { enabled: true, tables: { Lead: { enabled: false }, Case: { enabled: false } } } }),
    );
    expect(schema.schemas.salesforce?.tables.Lead?.enabled).toBe(false);
    const table = dataOf<SchemaConfig>(await call(sandbox, 'PATCH', `/connections/${id}/schemas/salesforce/tables/Opportunity`, { body: { enabled: true, sync_mode: 'HISTORY' } }));
    expect(table.schemas.salesforce?.tables.Opportunity?.sync_mode).toBe('HISTORY');
    const column = dataOf<SchemaConfig>(await call(sandbox, 'PATCH', `/connections/${id}/schemas/salesforce/tables/Contact/columns/Email`, { body: { enabled: true, hashed: true } }));
    expect(column.schemas.salesforce?.tables.Contact?.columns).toEqual({
      Email: { name_in_destination: 'email', enabled: true, hashed: true, is_primary_key: false, enabled_patch_settings: { allowed: true } },
    });
  });

  it('refuses what Fivetran refuses, and a failed request changes nothing', async () => {
    const id = await newConnection('postgres', { schema_prefix: 'pg_refuse', host: 'h.example.com' });
    await call(sandbox, 'POST', `/connections/${id}/schemas/reload`, { body: {} });
    const before = await schemas(id);
    const cases: [string, Record<string, unknown>, number, RegExp][] = [
      ['/schemas/public/tables/pg_stat_activity', { enabled: true }, 400, /cannot be enabled/],
      ['/schemas/public/tables/pg_stat_activity/columns/pid', { enabled: false }, 400, /doesn't supports columns configuration/],
      ['/schemas/public/tables/Orders/columns/OrderID', { enabled: false }, 400, /primary key/],
      ['/schemas/audit/tables/EventLog', { enabled: true, sync_mode: 'HISTORY' }, 400, /history mode/],
      ['/schemas/public/tables/Orders/columns/Nope', { enabled: false }, 404, /Column 'Nope' not found/],
      ['/schemas/public/tables/Orders', { sync_mode: 'SOFT_DELETE' }, 400, /Field 'enabled' is required/],
      ['/schemas', { schemas: { public: { enabled: false, tables: { Orders: { enabled: false }, Nope: { enabled: false } } } } }, 404, /Table 'Nope' not found/],
    ];
    for (const [path, body, status, message] of cases) {
      const answer = await call(sandbox, 'PATCH', `/connections/${id}${path}`, { body });
      expect(answer.status, path).toBe(status);
      expect(answer.json.message).toMatch(message);
    }
    expect(await schemas(id)).toEqual(before);
    const same = await call(sandbox, 'PATCH', `/connections/${id}/schemas/public/tables/pg_stat_activity`, { body: { enabled: false } });
    expect(same.status).toBe(200);
  });

  it('lists every column live, drops only blocked ones, and reads columns only from connected sources', async () => {
    const legacy = await groupId(sandbox, 'warehouse_legacy');
    const id = await connectionId(sandbox, legacy, 'shop_mysql');
    const path = `/connections/${id}/schemas/shop/tables/orders`;
    const live = dataOf<{ columns: Record<string, Column> }>(await call(sandbox, 'GET', `${path}/columns`)).columns;
    expect(Object.keys(live)).toEqual(['id', 'customer_id', 'created_at', 'total', 'status']);
    expect((await call(sandbox, 'DELETE', `${path}/columns/status`)).status).toBe(409);
    await call(sandbox, 'PATCH', `${path}/columns/status`, { body: { enabled: false } });
    expect((await call(sandbox, 'DELETE', `${path}/columns/status`)).json.message).toBe("Column 'status' has been dropped");
    const after = dataOf<{ columns: Record<string, Column> }>(await call(sandbox, 'GET', `${path}/columns`)).columns;
    expect(Object.keys(after)).toEqual(['id', 'customer_id', 'created_at', 'total']);

    const broken = await connectionId(sandbox, legacy, 'billing_pg');
    await call(sandbox, 'POST', `/connections/${broken}/schemas/reload`, { body: {} });
    const refused = await call(sandbox, 'GET', `/connections/${broken}/schemas/public/tables/Orders/columns`);
    expect(refused.status).toBe(400);
    expect(refused.json.message).toMatch(/not connected/);
  });
});

describe('pre-created configs and reload modes', () => {
  it('POST creates a config from the request; BLOCK_ALL leaves unlisted objects off after reload', async () => {
    const id = await newConnection('salesforce', { schema: 'sf_copy' });
    const created = dataOf<SchemaConfig>(
      await call(sandbox, 'POST', `/connections/${id}/schemas`, {
        body: {
          schema_change_handling: 'BLOCK_ALL',
          is_type_locked: true,
          schemas: { salesforce: { enabled: true, tables: { Account: { enabled: true, columns: { AccountNumber: { enabled: true, hashed: true } } }, Lead: { enabled: false } } } },
        },
      }),
    );
    expect(Object.keys(created.schemas.salesforce?.tables ?? {})).toEqual(['Account', 'Lead']);
    expect(created.schemas.salesforce?.tables.Account?.columns.AccountNumber).toMatchObject({ hashed: true, name_in_destination: 'account_number' });
    expect((await call(sandbox, 'POST', `/connections/${id}/schemas`, { body: { schemas: {} } })).status).toBe(409);

    const reloaded = dataOf<SchemaConfig>(await call(sandbox, 'POST', `/connections/${id}/schemas/reload`, { body: { exclude_mode: 'PRESERVE' } }));
    const tables = reloaded.schemas.salesforce?.tables ?? {};
    expect(tables.Account).toMatchObject({ enabled: true, columns: { AccountNumber: { hashed: true } } });
    expect(tables.Lead?.enabled).toBe(false);
    expect(tables.Opportunity?.enabled).toBe(false);
  });

  it('EXCLUDE leaves new objects off even under ALLOW_ALL; bad modes are 400', async () => {
    const id = await newConnection('hubspot', { schema: 'hub_exclude' });
    const config = dataOf<SchemaConfig>(await call(sandbox, 'POST', `/connections/${id}/schemas/reload`, { body: { exclude_mode: 'EXCLUDE' } }));
    expect(Object.values(config.schemas.hub_exclude?.tables ?? {}).every((t) => !t.enabled)).toBe(true);
    expect((await call(sandbox, 'POST', `/connections/${id}/schemas/reload`, { body: { exclude_mode: 'SOMETIMES' } })).status).toBe(400);
  });

  it('encodes schema and table names as path segments', async () => {
    const id = await newConnection('s3', { schema: 'files', table: 'Daily Orders' });
    await call(sandbox, 'POST', `/connections/${id}/schemas/reload`, { body: {} });
    const answer = await call(sandbox, 'PATCH', `/connections/${id}/schemas/files/tables/${encodeURIComponent('Daily Orders')}`, { body: { enabled: false } });
    expect(answer.status).toBe(200);
    expect(dataOf<SchemaConfig>(answer).schemas.files?.tables['Daily Orders']).toMatchObject({ enabled: false, name_in_destination: 'daily_orders' });
  });
});
