import { describe, expect, it } from 'vitest';
import { StepError } from '../../../src/errors.js';
import { connectionName, renameSchema, requireConnectionName, schemaKey, sourceNaming } from '../../../src/steps/resources/naming.js';

describe('connection naming', () => {
  it('names a connection the way the API reports its schema, per naming format', () => {
    expect(connectionName('postgres', { schema_prefix: 'erp', schema: 'ignored' })).toBe('erp');
    expect(connectionName('salesforce', { schema: 'sf' })).toBe('sf');
    expect(connectionName('google_sheets', { schema: 'fin', table: 'budget' })).toBe('fin.budget');
    expect(connectionName('s3', { schema: 'landing', table_group_name: 'orders' })).toBe('landing.orders');
    expect(connectionName('s3', { schema: 'landing', table: 'orders' })).toBe('landing.orders');
    expect(connectionName('google_sheets', { schema: 'fin' })).toBeUndefined();
    expect(connectionName('postgres', { schema_prefix: '' })).toBeUndefined();
    expect(connectionName('some_future_service', { schema: 'x' })).toBe('x');
  });

  it('says which config keys are missing', () => {
    expect(() => requireConnectionName('google_sheets', { schema: 'fin' })).toThrow(new StepError('a google_sheets connection is named by config.schema and config.table; it is missing'));
    expect(() => requireConnectionName('mysql', {})).toThrow(/config\.schema_prefix/);
  });

  it('renames the schema part only: a name replaces it, a suffix extends it', () => {
    expect(schemaKey('postgres')).toBe('schema_prefix');
    expect(schemaKey('google_sheets')).toBe('schema');
    expect(renameSchema('postgres', { schema_prefix: 'erp', host: 'h' }, { suffix: '_v2' })).toEqual({ schema_prefix: 'erp_v2', host: 'h' });
    expect(renameSchema('google_sheets', { schema: 'fin', table: 'budget' }, { suffix: '_v2' })).toEqual({ schema: 'fin_v2', table: 'budget' });
    expect(renameSchema('stripe', { schema: 'stripe' }, { name: 'billing' })).toEqual({ schema: 'billing' });
    expect(renameSchema('stripe', { schema: 'stripe' }, {})).toEqual({ schema: 'stripe' });
    expect(() => renameSchema('stripe', {}, { suffix: '_x' })).toThrow('cannot add schema_suffix: config.schema is missing');
  });

  it('recovers naming keys a source config lacks from its reported schema', () => {
    expect(sourceNaming('postgres', { host: 'h' }, 'erp')).toEqual({ schema_prefix: 'erp' });
    expect(sourceNaming('google_sheets', {}, 'fin.budget')).toEqual({ schema: 'fin', table: 'budget' });
    expect(sourceNaming('s3', { table_group_name: 'g' }, 'landing.g')).toEqual({ schema: 'landing' });
    expect(sourceNaming('postgres', { schema_prefix: 'erp' }, 'other')).toEqual({});
    expect(sourceNaming('stripe', {}, undefined)).toEqual({});
  });
});
