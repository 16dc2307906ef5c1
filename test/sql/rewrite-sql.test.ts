import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { buildMapping, dialectRules, findReferencedTables, fivetranStyleName, rewriteSql, type SqlDialect } from '../../src/sql/index.js';
import { renderDestinationName } from '../../src/sql/identifiers.js';
import { loadMappingFixture } from './corpus-cases.js';

const salesforce = loadMappingFixture(['salesforce']);
const erp = loadMappingFixture(['erp_postgres']);

describe('rewriteSql reports', () => {
  it('lists each change with its 1-based position, original text, replacement and kind', () => {
    const sql = 'select o.OrderID,\n  o."Total Amount"\nfrom public.OrderLines l, public.Orders o';
    const result = rewriteSql(sql, erp, { dialect: 'postgres' });
    expect(result.output).toBe('select o.order_id,\n  o."total_amount"\nfrom erp_pg_public.order_lines l, erp_pg_public.Orders o');
    expect(result.changes).toEqual([
      { line: 1, column: 10, from: 'OrderID', to: 'order_id', kind: 'column' },
      { line: 2, column: 5, from: '"Total Amount"', to: '"total_amount"', kind: 'column' },
      { line: 3, column: 6, from: 'public', to: 'erp_pg_public', kind: 'schema' },
      { line: 3, column: 13, from: 'OrderLines', to: 'order_lines', kind: 'table' },
      { line: 3, column: 27, from: 'public', to: 'erp_pg_public', kind: 'schema' },
    ]);
  });

  it('explains an ambiguous column and names its candidate tables', () => {
    const result = rewriteSql('select OwnerId from salesforce.Opportunity o join salesforce.Contact c on c.Id = o.Id', salesforce, { dialect: 'snowflake' });
    expect(result.ambiguous).toEqual([
      {
        line: 1,
        column: 8,
        name: 'OwnerId',
        reason: '2 tables in scope have this column; qualify it to rewrite it',
        candidates: ['salesforce.Opportunity AS o', 'salesforce.Contact AS c'],
      },
    ]);
    expect(result.output).toContain('select OwnerId from');
  });

  it('reports unmapped names with the table they were looked up in and a Fivetran-style suggestion', () => {
    const result = rewriteSql('select li.UnitPrice, a.NoSuchField__c from salesforce.OpportunityLineItem li, salesforce.Account a', salesforce, { dialect: 'snowflake' });
    expect(result.unmapped).toEqual([
      { line: 1, column: 11, name: 'UnitPrice', kind: 'column', table: 'salesforce.OpportunityLineItem', suggestion: 'unit_price' },
      { line: 1, column: 24, name: 'NoSuchField__c', kind: 'column', table: 'salesforce.Account', suggestion: 'no_such_field_c' },
    ]);
  });

  it('warns about an unterminated literal and leaves the rest of the input as it is', () => {
    const sql = "select a.AccountNumber from salesforce.Account a where a.Name = 'oops\nand a.IsDeleted";
    const result = rewriteSql(sql, salesforce, { dialect: 'snowflake' });
    expect(result.output).toBe("select a.account_number from salesforce.Account a where a.Name = 'oops\nand a.IsDeleted");
    expect(result.warnings).toEqual([{ line: 1, column: 65, message: 'unterminated string literal: the rest of the input is left as it is' }]);
  });

  it('rejects an unknown dialect with a usage error listing the known ones', () => {
    expect(() => rewriteSql('select 1', salesforce, { dialect: 'oracle' as SqlDialect })).toThrow(UsageError);
    expect(() => dialectRules('oracle')).toThrow(expect.objectContaining({ hint: 'use one of: ansi, snowflake, bigquery, redshift, postgres, databricks' }));
    expect(dialectRules('SNOWFLAKE').name).toBe('snowflake');
  });

  it('reads [brackets] as the subscript they are in these dialects: the name inside is an expression', () => {
    const result = rewriteSql("select [AccountNumber], a.Attributes__c['CreatedById'] from salesforce.Account a", salesforce, { dialect: 'snowflake' });
    expect(result.output).toBe("select [account_number], a.attributes_c['CreatedById'] from salesforce.Account a");
  });

  it('survives pathological nesting without exhausting the stack', () => {
    const sql = `select ${'('.repeat(20000)}a.AccountNumber${')'.repeat(20000)} from salesforce.Account a`;
    expect(rewriteSql(sql, salesforce, { dialect: 'snowflake' }).output.length).toBeGreaterThan(40000);
    expect(rewriteSql('('.repeat(5000) + 'select', salesforce).output).toBe('('.repeat(5000) + 'select');
  });
});

describe('findReferencedTables', () => {
  it('lists each mapped table once, as source names with its connection, including dbt sources', () => {
    const sql = "select * from salesforce.Account a join {{ source('salesforce', 'Contact') }} c on c.AccountId = a.Id join salesforce.account x on 1=1 join other.t on 1=1";
    expect(findReferencedTables(sql, salesforce, { dialect: 'snowflake' })).toEqual([
      { connectionId: 'sf_prod', schema: 'salesforce', table: 'Account' },
      { connectionId: 'sf_prod', schema: 'salesforce', table: 'Contact' },
    ]);
  });
});

describe('destination names that need quoting', () => {
  const mapping = buildMapping({
    overrides: [{ schemas: { s: { tables: { T: { columns: { Sel: 'select', Spaced: 'total amount', Mixed: 'MixedCase', Tick: 'a`b', Quote: 'a"b' } } } } } }],
  });

  it.each<[SqlDialect, string]>([
    ['snowflake', 'select t."SELECT", t."total amount", t."MixedCase", t."a`b", t."a""b" from s.T t'],
    ['postgres', 'select t."select", t."total amount", t."MixedCase", t."a`b", t."a""b" from s.T t'],
    ['bigquery', 'select t.`select`, t.`total amount`, t.MixedCase, t.`a\\`b`, t.`a"b` from s.T t'],
    ['databricks', 'select t.`select`, t.`total amount`, t.MixedCase, t.`a``b`, t.`a"b` from s.T t'],
  ])('%s quotes reserved words, special characters and folded case in its own style', (dialect, expected) => {
    const sql = 'select t.Sel, t.Spaced, t.Mixed, t.Tick, t.Quote from s.T t';
    const result = rewriteSql(sql, mapping, { dialect });
    expect(result.output).toBe(expected);
    expect(rewriteSql(result.output, mapping, { dialect }).changes).toEqual([]);
  });

  it('renders unquoted Fivetran names bare and quoted ones in the case the warehouse stores', () => {
    const snowflake = dialectRules('snowflake');
    expect(renderDestinationName('account_number', false, snowflake)).toBe('account_number');
    expect(renderDestinationName('account_number', true, snowflake)).toBe('"ACCOUNT_NUMBER"');
    expect(renderDestinationName('account_number', true, dialectRules('postgres'))).toBe('"account_number"');
    expect(renderDestinationName('ACCOUNT', false, dialectRules('redshift'))).toBe('"ACCOUNT"');
  });
});

describe('fivetranStyleName', () => {
  it.each([
    ['CreatedById', 'created_by_id'],
    ['AccountNumber', 'account_number'],
    ['Region__c', 'region_c'],
    ['LoginID', 'login_id'],
    ['HTTPServer', 'http_server'],
    ['Montréal report', 'montreal_report'],
    ['2024Target', '_2024_target'],
    ['already_snake', 'already_snake'],
  ])('%s → %s', (source, expected) => {
    expect(fivetranStyleName(source)).toBe(expected);
  });
});
