import { describe, expect, it } from 'vitest';
import { WorkflowError } from '../../src/errors.js';
import { buildMapping, parseMappingOverrides, tablesWithColumnLists, type FivetranSchemasConfig } from '../../src/sql/index.js';

const ERP_CONFIG: FivetranSchemasConfig = {
  schema_change_handling: 'ALLOW_COLUMNS',
  schemas: {
    public: {
      name_in_destination: 'erp_pg_public',
      enabled: true,
      tables: {
        orders: {
          name_in_destination: 'orders',
          enabled: true,
          supports_columns_config: true,
          columns: { id: { name_in_destination: 'id', enabled: true, hashed: false, is_primary_key: true } },
        },
        Legacy: { enabled: true, supports_columns_config: true },
        pg_stat_activity: { name_in_destination: 'pg_stat_activity', enabled: false, supports_columns_config: false, columns: {} },
      },
    },
    audit: { name_in_destination: 'erp_pg_audit', enabled: false, tables: { log: { name_in_destination: 'log' } } },
  },
};

describe('buildMapping', () => {
  it('takes schema, table and overridden column names from the schema config, defaulting to the source name', () => {
    const mapping = buildMapping({ connections: [{ connectionId: 'erp', schemaConfig: ERP_CONFIG }] });
    expect(mapping.schemas[0]).toEqual({
      connectionId: 'erp',
      source: 'public',
      destination: 'erp_pg_public',
      tables: [
        { source: 'orders', destination: 'orders', columnsComplete: false, columns: [{ source: 'id', destination: 'id' }] },
        { source: 'Legacy', destination: 'Legacy', columnsComplete: false, columns: [] },
        { source: 'pg_stat_activity', destination: 'pg_stat_activity', columnsComplete: false, columns: [] },
      ],
    });
    expect(mapping.schemas.map((s) => s.destination)).toEqual(['erp_pg_public', 'erp_pg_audit']);
  });

  it('adds full column lists and marks those tables complete; lists for unknown tables are ignored', () => {
    const mapping = buildMapping({
      connections: [
        {
          schemaConfig: ERP_CONFIG,
          tableColumns: [
            { schema: 'public', table: 'orders', columns: { CustomerID: { name_in_destination: 'customer_id' }, id: { name_in_destination: 'id' } } },
            { schema: 'public', table: 'missing', columns: { x: { name_in_destination: 'y' } } },
          ],
        },
      ],
    });
    const orders = mapping.schemas[0]?.tables[0];
    expect(orders?.columnsComplete).toBe(true);
    expect(orders?.columns).toEqual([{ source: 'id', destination: 'id' }, { source: 'CustomerID', destination: 'customer_id' }]);
    expect(mapping.schemas[0]?.connectionId).toBeNull();
  });

  it('combines connections and applies overrides in order: global, then connection-scoped, later files winning', () => {
    const crm: FivetranSchemasConfig = { schemas: { public: { name_in_destination: 'crm_public', tables: { orders: { name_in_destination: 'orders' } } } } };
    const mapping = buildMapping({
      connections: [
        { connectionId: 'erp', schemaConfig: ERP_CONFIG },
        { connectionId: 'crm', schemaConfig: crm },
      ],
      overrides: [
        { schemas: { public: { tables: { orders: { columns: { Total: 'total_usd' } } } } } },
        { connections: { crm: { schemas: { public: { destination: 'crm_v2', tables: { orders: { destination: 'crm_orders' } } } } } } },
        { schemas: { extra: { destination: 'extra_dst', tables: { T: { destination: 't', columns: { A: 'a' } } } } } },
      ],
    });
    const find = (connectionId: string | null, source: string) => mapping.schemas.find((s) => s.connectionId === connectionId && s.source === source);
    const [erp, crmSchema, extra] = [find('erp', 'public'), find('crm', 'public'), find(null, 'extra')];
    expect(mapping.schemas).toHaveLength(4);
    expect(erp?.tables[0]?.columns).toContainEqual({ source: 'Total', destination: 'total_usd' });
    expect(crmSchema).toMatchObject({ connectionId: 'crm', destination: 'crm_v2' });
    expect(crmSchema?.tables[0]).toMatchObject({ destination: 'crm_orders', columns: [{ source: 'Total', destination: 'total_usd' }] });
    expect(extra).toEqual({
      connectionId: null,
      source: 'extra',
      destination: 'extra_dst',
      tables: [{ source: 'T', destination: 't', columnsComplete: false, columns: [{ source: 'A', destination: 'a' }] }],
    });
  });

  it('tolerates odd API shapes instead of crashing', () => {
    const odd = { schemas: { s: { tables: { t: { columns: 'not an object' } } }, n: null } } as unknown as FivetranSchemasConfig;
    const mapping = buildMapping({ connections: [{ schemaConfig: odd }, { schemaConfig: {} }] });
    expect(mapping.schemas.map((s) => s.source)).toEqual(['s', 'n']);
    expect(mapping.schemas[0]?.tables[0]?.columns).toEqual([]);
  });
});

describe('tablesWithColumnLists', () => {
  it('lists enabled tables of enabled schemas whose connector supports column config', () => {
    expect(tablesWithColumnLists(ERP_CONFIG)).toEqual([
      { schema: 'public', table: 'orders' },
      { schema: 'public', table: 'Legacy' },
    ]);
  });
});

describe('parseMappingOverrides', () => {
  it('reads the long and short forms from YAML', () => {
    const yaml = [
      'schemas:',
      '  salesforce:',
      '    destination: sf',
      '    tables:',
      '      Account: account',
      '      Opportunity:',
      '        destination: opportunity',
      '        columns:',
      '          Amount: amount_usd',
      '          2024Target: target_2024',
      '  public: erp_pg_public',
      'connections:',
      '  decent_dragon:',
      '    schemas:',
      '      public:',
      '        tables: { Orders: { columns: { OrderID: order_id } } }',
      '',
    ].join('\n');
    expect(parseMappingOverrides(yaml, 'map.yaml')).toEqual({
      schemas: {
        salesforce: {
          destination: 'sf',
          tables: {
            Account: { destination: 'account' },
            Opportunity: { destination: 'opportunity', columns: { Amount: 'amount_usd', '2024Target': 'target_2024' } },
          },
        },
        public: { destination: 'erp_pg_public' },
      },
      connections: { decent_dragon: { schemas: { public: { tables: { Orders: { columns: { OrderID: 'order_id' } } } } } } },
    });
  });

  it('reads JSON and empty files', () => {
    expect(parseMappingOverrides('{"schemas": {"s": {"tables": {"T": "t"}}}}', 'map.json')).toEqual({ schemas: { s: { tables: { T: { destination: 't' } } } } });
    expect(parseMappingOverrides('', 'empty.yaml')).toEqual({});
  });

  it('reports every problem with its line and column', () => {
    const yaml = ['schemas:', '  s:', '    destinaton: x', '    tables:', '      T:', '        columns:', '          A: [a, b]', '          B: ""', 'extra: 1', ''].join('\n');
    let error: unknown;
    try {
      parseMappingOverrides(yaml, 'bad.yaml');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(WorkflowError);
    expect((error as WorkflowError).issues.map((i) => `${i.file}:${i.line}:${i.column}: ${i.message}`)).toEqual([
      "bad.yaml:9:1: the mapping file: unknown key 'extra'",
      "bad.yaml:3:5: schema 's': unknown key 'destinaton'",
      "bad.yaml:7:14: column 's.T.A' must be a non-empty name",
      "bad.yaml:8:14: column 's.T.B' must be a non-empty name",
    ]);
    expect((error as WorkflowError).exitCode).toBe(2);
  });

  it('reports YAML syntax errors and non-map documents', () => {
    expect(() => parseMappingOverrides('schemas: [', 'syntax.yaml')).toThrow(/syntax\.yaml:1:/);
    expect(() => parseMappingOverrides('- a\n- b\n', 'list.yaml')).toThrow('list.yaml:1:1: the mapping file must be a mapping of names');
  });
});
