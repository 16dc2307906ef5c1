import { describe, expect, it } from 'vitest';
import { subsetValidator, validateRequest, validateResponse } from '../../src/openapi/validator.js';
import { namingFormat, passwordConfigKeys } from '../../src/openapi/definition-facts.js';

const messages = (issues: { message: string }[]): string[] => issues.map((i) => i.message);

describe('validateRequest', () => {
  it('accepts a valid create and reports Fivetran-style messages for a bad one', () => {
    expect(validateRequest('POST', '/v1/connections', { service: 'postgres', group_id: 'g', sync_frequency: 360, config: { schema_prefix: 'erp', port: 5432 } })).toEqual([]);
    const issues = validateRequest('POST', '/v1/connections', { group_id: 'g', paused: 'yes', sync_frequency: 7 });
    expect(messages(issues)).toEqual([
      "Field 'service' is required",
      "Field 'paused' must be a boolean",
      "Field 'sync_frequency' must be one of: 1, 5, 15, 30, 60, 120, 180, 360, 480, 720, 1440",
    ]);
    expect(issues[1]).toMatchObject({ pointer: '/paused', field: 'paused' });
  });

  it("checks config against the service's own variant", () => {
    const issues = validateRequest('POST', '/v1/connections/', { service: 'postgres', group_id: 'g', config: { port: '5432', update_method: 'XMIN' } });
    expect(messages(issues).sort()).toEqual([
      "Field 'port' must be an integer",
      "Field 'schema_prefix' is required",
      "Field 'update_method' must be one of: QUERY_BASED, WAL_PGOUTPUT",
    ]);
    expect(issues.find((i) => i.pointer === '/config/port')?.field).toBe('config.port');
  });

  it('accepts either naming key of a file connector (merge or single-table mode)', () => {
    expect(validateRequest('POST', '/v1/connections', { service: 's3', group_id: 'g', config: { schema: 's', table: 't' } })).toEqual([]);
    expect(validateRequest('POST', '/v1/connections', { service: 's3', group_id: 'g', config: { schema: 's', table_group_name: 't' } })).toEqual([]);
    expect(messages(validateRequest('POST', '/v1/connections', { service: 's3', group_id: 'g', config: { schema: 's' } }))).toContain(
      "Field 'table_group_name' is required",
    );
  });

  it('accepts null for optional fields and reports a body that is not an object', () => {
    expect(validateRequest('PATCH', '/v1/connections/abc', { paused: null, sync_frequency: null })).toEqual([]);
    expect(messages(validateRequest('PATCH', '/v1/connections/abc', []))).toEqual(['Request body must be an object']);
  });

  it('reports operations outside the subset', () => {
    expect(messages(validateRequest('GET', '/v1/transformations', undefined))).toEqual(['no operation GET /v1/transformations in the definition']);
  });
});

describe('validateResponse', () => {
  const group = { id: 'g', name: 'n', created_at: '2026-01-05T08:00:00.000Z' };

  it('validates success bodies, query strings and trailing slashes included', () => {
    expect(validateResponse('GET', '/v1/groups/g/?x=1', 200, { code: 'Success', data: group })).toEqual([]);
    expect(messages(validateResponse('GET', '/v1/groups/g', 200, { code: 'Success', data: { ...group, created_at: 'yesterday' } }))).toEqual([
      "Field 'created_at' must be a valid date-time",
    ]);
  });

  it('checks undeclared error statuses against the error envelope', () => {
    expect(validateResponse('GET', '/v1/groups/g', 404, { code: 'NotFound_Group', message: 'x' })).toEqual([]);
    expect(messages(validateResponse('GET', '/v1/groups/g', 500, { code: 'X', message: 'm', data: {} }))).toEqual(["Field 'data' is not allowed"]);
  });

  it('flags a success status the operation does not declare', () => {
    expect(messages(validateResponse('POST', '/v1/groups', 200, { code: 'Success', data: group }))).toEqual(['status 200 is not declared for POST /v1/groups']);
  });

  it('uses the service variant for discriminated responses', () => {
    const connection = {
      id: 'c',
      group_id: 'g',
      service: 'postgres',
      service_version: 4,
      schema: 'erp',
      created_at: '2026-01-05T08:00:00.000Z',
      paused: false,
      pause_after_trial: false,
      sync_frequency: 360,
      schedule_type: 'auto',
      data_delay_sensitivity: 'NORMAL',
      status: { setup_state: 'connected', sync_state: 'scheduled', update_state: 'on_schedule', is_historical_sync: false },
      config: { port: 5432 },
    };
    expect(validateResponse('GET', '/v1/connections/c', 200, { code: 'Success', data: connection })).toEqual([]);
    expect(messages(validateResponse('GET', '/v1/connections/c', 200, { code: 'Success', data: { ...connection, config: { port: 'x' } } }))).toEqual([
      "Field 'port' must be an integer",
    ]);
  });

  it('compiles each schema once', () => {
    const validator = subsetValidator();
    const started = performance.now();
    for (let i = 0; i < 2000; i++) validator.validateResponse('GET', `/v1/groups/g${i}`, 200, { code: 'Success', data: group });
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('definition facts', () => {
  it('reads naming formats and password fields per service', () => {
    expect(namingFormat('postgres')).toBe('schema_prefix');
    expect(namingFormat('google_sheets')).toBe('schema_table');
    expect(namingFormat('s3')).toBe('schema_table_group');
    expect(namingFormat('salesforce')).toBe('schema');
    expect(namingFormat('not_a_service')).toBeUndefined();
    expect([...passwordConfigKeys('connection', 'postgres')].sort()).toEqual(['client_private_key', 'password']);
    expect(passwordConfigKeys('destination', 'snowflake').has('private_key')).toBe(true);
  });
});
