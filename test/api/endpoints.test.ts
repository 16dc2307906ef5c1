import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  approveCertificate,
  approveFingerprint,
  callEndpoint,
  createClient,
  createConnection,
  createDestination,
  createGroup,
  createSchemaConfig,
  deleteConnection,
  deleteDestination,
  deleteGroup,
  getConnection,
  getSchemaConfig,
  getTableColumns,
  reloadSchemaConfig,
  resyncConnection,
  resyncTables,
  revokeCertificate,
  revokeFingerprint,
  syncConnection,
  testConnection,
  testDestination,
  updateColumn,
  updateConnection,
  updateDestination,
  updateGroup,
  updateSchema,
  updateSchemaConfig,
  updateTable,
  type ApiCall,
  type ApiClient,
} from '../../src/api/index.js';
import { validateRequest } from '../../src/openapi/validator.js';
import { ok, startTestServer, type TestServer } from '../helpers/http-server.js';

const connection = { kind: 'connection', id: 'brisk_lantern' } as const;
const destination = { kind: 'destination', id: 'hollow_quarry' } as const;

/** Every helper, with bodies as the workflows build them (CONTRACT.md §6 and §8 examples). */
const CALLS: Array<[string, ApiCall]> = [
  ['create group', createGroup({ name: 'analytics_prod' })],
  ['update group', updateGroup('hollow_quarry', { name: 'analytics_renamed' })],
  ['delete group', deleteGroup('hollow_quarry')],
  [
    'create snowflake destination',
    createDestination({
      group_id: 'hollow_quarry',
      service: 'snowflake',
      region: 'GCP_US_EAST4',
      time_zone_offset: '-5',
      run_setup_tests: false,
      config: { host: 'acme.snowflakecomputing.com', port: 443, database: 'FIVETRAN', auth: 'PASSWORD', user: 'FIVETRAN_USER', password: 'pw', role: 'FIVETRAN_ROLE' },
    }),
  ],
  [
    'create big_query destination',
    createDestination({ group_id: 'g2', service: 'big_query', time_zone_offset: '0', config: { project_id: 'acme-data', data_set_location: 'EU' } }),
  ],
  ['update destination', updateDestination('hollow_quarry', { time_zone_offset: '+1', daylight_saving_time_enabled: false, config: { password: 'new' } })],
  ['delete destination', deleteDestination('hollow_quarry')],
  ['test destination', testDestination('hollow_quarry', { trust_certificates: true })],
  [
    'create postgres connection',
    createConnection({
      service: 'postgres_rds',
      group_id: 'hollow_quarry',
      paused: true,
      run_setup_tests: false,
      sync_frequency: 360,
      config: { host: 'erp-db.internal.example.com', port: 5432, database: 'erp', user: 'fivetran', password: 'pw', schema_prefix: 'erp_pg', update_method: 'WAL_PGOUTPUT' },
    }),
  ],
  [
    'create google_sheets connection',
    createConnection({
      service: 'google_sheets',
      group_id: 'hollow_quarry',
      paused: true,
      run_setup_tests: false,
      config: { schema: 'finance_sheets', table: 'budget_2026', sheet_id: 'https://docs.google.com/spreadsheets/d/1AbC/edit', named_range: 'budget_range', auth_type: 'ServiceAccount' },
    }),
  ],
  [
    'create s3 connection',
    createConnection({
      service: 's3',
      group_id: 'hollow_quarry',
      config: { schema: 'landing', table_group_name: 'events', bucket: 'acme-landing', prefix: 'events/', file_type: 'jsonl', auth_type: 'IAM_ROLE', role_arn: 'arn:aws:iam::123456789012:role/fivetran' },
    }),
  ],
  ['update connection', updateConnection('brisk_lantern', { paused: false, sync_frequency: 1440, daily_sync_time: '14:00', config: { password: 'rotated' } })],
  ['update connection schedule', updateConnection('brisk_lantern', { schedule_type: 'manual', is_historical_sync: true })],
  ['get connection', getConnection('brisk_lantern')],
  ['delete connection', deleteConnection('brisk_lantern')],
  ['sync', syncConnection('brisk_lantern')],
  ['forced sync', syncConnection('brisk_lantern', true)],
  ['resync everything', resyncConnection('brisk_lantern')],
  ['resync scope', resyncConnection('brisk_lantern', { public: ['orders', 'customers'] })],
  ['table resync', resyncTables('brisk_lantern', { public: ['orders'] })],
  ['setup tests', testConnection('brisk_lantern')],
  ['setup tests trusting', testConnection('brisk_lantern', { trust_certificates: true, trust_fingerprints: true })],
  ['get schema config', getSchemaConfig('brisk_lantern')],
  ['reload schema config', reloadSchemaConfig('brisk_lantern')],
  ['reload excluding', reloadSchemaConfig('brisk_lantern', 'EXCLUDE')],
  [
    'pre-create schema config',
    createSchemaConfig('brisk_lantern', { schema_change_handling: 'ALLOW_COLUMNS', schemas: { public: { enabled: true, tables: { orders: { enabled: true } } } } }),
  ],
  [
    'update schema config',
    updateSchemaConfig('brisk_lantern', {
      schema_change_handling: 'BLOCK_ALL',
      is_type_locked: true,
      schemas: { public: { enabled: true, tables: { orders: { enabled: true, sync_mode: 'HISTORY', columns: { email: { enabled: true, hashed: true } } } } } },
    }),
  ],
  ['update schema', updateSchema('brisk_lantern', 'public', { enabled: false })],
  ['update table', updateTable('brisk_lantern', 'public', 'orders', { enabled: true, sync_mode: 'SOFT_DELETE' })],
  ['update column', updateColumn('brisk_lantern', 'public', 'orders', 'email', { enabled: true, hashed: true })],
  ['table columns', getTableColumns('brisk_lantern', 'public', 'orders')],
  ['approve connection certificate', approveCertificate(connection, { hash: 'c2hhMjU2', encoded_cert: 'TUlJQ...' })],
  ['revoke connection certificate', revokeCertificate(connection, 'c2hhMjU2')],
  ['approve connection fingerprint', approveFingerprint(connection, { hash: 'Qm9ndXNIYXNo', public_key: 'ssh-rsa AAAAB3Nza fivetran user key' })],
  ['revoke connection fingerprint', revokeFingerprint(connection, 'Qm9ndXNIYXNo')],
  ['approve destination certificate', approveCertificate(destination, { hash: 'c2hhMjU2', encoded_cert: 'TUlJQ...' })],
  ['revoke destination certificate', revokeCertificate(destination, 'c2hhMjU2')],
  ['approve destination fingerprint', approveFingerprint(destination, { hash: 'Qm9ndXNIYXNo', public_key: 'ssh-rsa AAAAB3Nza' })],
  ['revoke destination fingerprint', revokeFingerprint(destination, 'Qm9ndXNIYXNo')],
];

describe('endpoint helpers against the OpenAPI definition', () => {
  it.each(CALLS)('%s builds a request the definition accepts', (_label, call) => {
    expect(validateRequest(call.method, `/v1/${call.path}`, call.body)).toEqual([]);
  });

  it('the validator does catch a wrong body (so the table above means something)', () => {
    expect(validateRequest('POST', '/v1/connections', { service: 'postgres_rds' })).not.toEqual([]);
    expect(validateRequest('PATCH', '/v1/connections/c1/schemas/public/tables/orders', { sync_mode: 'SOFT_DELETE' })).not.toEqual([]);
  });
});

describe('endpoint helpers', () => {
  it('encodes schema, table and column names as path segments', () => {
    expect(updateColumn('c1', 'Sales Data', 'Q1/2026', 'e-mail#', { enabled: false }).path).toBe('connections/c1/schemas/Sales%20Data/tables/Q1%2F2026/columns/e-mail%23');
  });

  it('marks only calls that are safe to repeat as idempotent', () => {
    expect(syncConnection('c1').idempotent).toBe(true);
    expect(syncConnection('c1', true).idempotent).toBeUndefined();
    expect(testConnection('c1').idempotent).toBe(true);
    expect(reloadSchemaConfig('c1').idempotent).toBe(true);
    expect(createConnection({ service: 's3', group_id: 'g', config: {} }).idempotent).toBeUndefined();
    expect(resyncConnection('c1').idempotent).toBeUndefined();
  });

  it('always sends destination_schema_names on create, keeping an explicit choice', () => {
    expect(createConnection({ service: 's3', group_id: 'g', config: {} }).body).toMatchObject({ destination_schema_names: 'FIVETRAN_NAMING' });
    expect(createConnection({ service: 's3', group_id: 'g', config: {}, destination_schema_names: 'SOURCE_NAMING' }).body).toMatchObject({ destination_schema_names: 'SOURCE_NAMING' });
  });
});

describe('callEndpoint', () => {
  let server: TestServer;
  let api: ApiClient;

  beforeEach(async () => {
    server = await startTestServer();
    api = createClient({ apiKey: 'k', apiSecret: 'secret', baseUrl: server.baseUrl, sleep: async () => undefined });
  });

  afterEach(async () => {
    await api.close();
    await server.close();
  });

  it('sends the described call and resolves to data', async () => {
    server.enqueue(ok({ schema_change_handling: 'ALLOW_ALL', schemas: {} }));
    const config = await callEndpoint(api, reloadSchemaConfig('brisk_lantern'));
    expect(config.schema_change_handling).toBe('ALLOW_ALL');
    expect([server.requests[0]?.method, server.requests[0]?.path, server.requests[0]?.body]).toEqual(['POST', '/v1/connections/brisk_lantern/schemas/reload', '{"exclude_mode":"PRESERVE"}']);
  });

  it('re-sends an idempotent POST after a 5xx, as the helper allows', async () => {
    server.enqueue({ status: 502, json: {} }, ok({ id: 'brisk_lantern', setup_tests: [] }));
    await callEndpoint(api, testConnection('brisk_lantern'));
    expect(server.requests).toHaveLength(2);
  });
});
