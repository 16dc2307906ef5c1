import { describe, expect, it } from 'vitest';
import type { SchemaConfig } from '../../../src/api/index.js';
import { diffSchemaConfig } from '../../../src/steps/ops/schema-diff.js';
import { NameProblem, resolveName } from '../../../src/steps/ops/schema-names.js';
import { copyCreateBody, projectOnto } from '../../../src/steps/ops/schema-request.js';
import { WishBuilder, wishAsBody } from '../../../src/steps/ops/schema-wish.js';

const table = (enabled: boolean, extra: Record<string, unknown> = {}) => ({
  name_in_destination: 't',
  enabled,
  sync_mode: 'SOFT_DELETE' as const,
  supports_columns_config: true,
  supports_history_mode: true,
  enabled_patch_settings: { allowed: true },
  columns: {},
  ...extra,
});

const config: SchemaConfig = {
  schema_change_handling: 'ALLOW_ALL',
  schemas: {
    'a.b': { name_in_destination: 'x', enabled: true, tables: { t: table(true) } },
    a: { name_in_destination: 'y', enabled: false, tables: { 'b.t': table(true), Log: table(false, { supports_history_mode: false, supports_columns_config: false }) } },
  },
};

describe('resolveName', () => {
  it('resolves names holding dots, preferring the whole schema name', () => {
    expect(resolveName(config, 'a.b')).toEqual({ schema: 'a.b' });
    expect(resolveName(config, 'a.b.t')).toEqual({ schema: 'a.b', table: 't' });
    expect(resolveName(config, 'a.b.t.col')).toEqual({ schema: 'a.b', table: 't', column: 'col' });
    expect(resolveName(config, 'a.Log')).toEqual({ schema: 'a', table: 'Log' });
  });

  it('names the nearest real name when there is none', () => {
    expect((resolveName(config, 'A') as NameProblem).message).toBe("no schema 'A' in the schema config (did you mean 'a'?)");
    expect((resolveName(config, 'a.log') as NameProblem).message).toBe("no table 'log' in schema 'a' (did you mean 'Log'?)");
    expect(resolveName(config, 'zzz')).toBeInstanceOf(NameProblem);
  });
});

describe('diffSchemaConfig', () => {
  const wish = (build: (b: WishBuilder) => void) => {
    const builder = new WishBuilder(config);
    build(builder);
    expect(builder.problems).toEqual([]);
    return builder.wish;
  };

  it('is empty when everything already is as wished', () => {
    const diff = diffSchemaConfig(config, wish((b) => b.names('enable', ['a.b', 'a.b.t'], 'enabled', true)));
    expect(diff).toEqual({ body: {}, changes: [], refusals: [] });
  });

  it('carries the current enabled flag down the levels it descends through', () => {
    const diff = diffSchemaConfig(config, wish((b) => b.names('enable', ['a.Log'], 'enabled', true)));
    expect(diff.body).toEqual({ schemas: { a: { enabled: false, tables: { Log: { enabled: true } } } } });
  });

  it('refuses history mode and column settings where unsupported', () => {
    const diff = diffSchemaConfig(config, wish((b) => b.nested({ a: { tables: { Log: { sync_mode: 'HISTORY', columns: { c: { hashed: true } } } } } })));
    expect(diff.refusals).toEqual(['a.Log does not support history mode', 'a.Log does not support column settings']);
  });

  it('sends unknown columns as wished, and known ones only when they differ', () => {
    const lookup = () => ({ c: { name_in_destination: 'c', enabled: true, hashed: false } });
    const unknown = diffSchemaConfig(config, wish((b) => b.names('hash', ['a.b.t.c'], 'hashed', true)));
    expect(unknown.body.schemas?.['a.b']?.tables?.t?.columns).toEqual({ c: { enabled: true, hashed: true } });
    const known = diffSchemaConfig(config, wish((b) => b.names('hash', ['a.b.t.c'], 'hashed', false)), lookup);
    expect(known.body).toEqual({});
  });

  it('treats an unset is_type_locked as false', () => {
    expect(diffSchemaConfig(config, wish((b) => b.settings(undefined, false))).body).toEqual({});
    expect(diffSchemaConfig(config, wish((b) => b.settings('BLOCK_ALL', true))).body).toEqual({ schema_change_handling: 'BLOCK_ALL', is_type_locked: true });
  });
});

describe('WishBuilder', () => {
  it('collects every problem of the nested shape', () => {
    const builder = new WishBuilder(config);
    builder.nested({ a: { enabled: 'yes', tables: { Log: { enabld: true, sync_mode: 'FULL' } } }, b: {} });
    builder.settings('SOMETIMES', 1);
    expect(builder.problems).toEqual([
      'schemas.a.enabled must be true or false',
      "schemas.a.tables.Log: unknown field 'enabld' (expected enabled, sync_mode, columns)",
      'schemas.a.tables.Log.sync_mode must be one of SOFT_DELETE, HISTORY, LIVE',
      "schemas: no schema 'b' in the schema config (did you mean 'a'?)",
      'schema_change_handling must be one of ALLOW_ALL, ALLOW_COLUMNS, BLOCK_ALL, got "SOMETIMES"',
      'is_type_locked must be true or false',
    ]);
  });

  it('without a config splits names on dots and fills the levels as enabled', () => {
    const builder = new WishBuilder(undefined);
    builder.names('disable', ['public.orders'], 'enabled', false);
    builder.names('hash', ['public.users.email'], 'hashed', true);
    expect(wishAsBody(builder.wish)).toEqual({
      schemas: { public: { enabled: true, tables: { orders: { enabled: false, columns: {} }, users: { enabled: true, columns: { email: { enabled: true, hashed: true } } } } } },
    });
  });
});

describe('copy bodies', () => {
  it('keep only what the OpenAPI request schema declares, without nulls or primary-key flags', () => {
    const source = {
      ...config,
      enable_new_by_default: true,
      schemas: { s: { name_in_destination: 'x', enabled: true, tables: { t: table(true, { sync_mode: null, columns: { id: { name_in_destination: 'id', enabled: true, hashed: false, is_primary_key: true } } }) } } },
    } as unknown as SchemaConfig;
    expect(copyCreateBody(source)).toEqual({ schema_change_handling: 'ALLOW_ALL', schemas: { s: { enabled: true, tables: { t: { enabled: true, columns: { id: { enabled: true, hashed: false } } } } } } });
    expect(source.schemas.s?.tables?.t?.columns?.id?.is_primary_key).toBe(true);
  });

  it('projects arrays item by item and leaves undeclared shapes alone', () => {
    const schema = { type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } };
    expect(projectOnto([{ a: 'x', b: 'y' }], schema)).toEqual([{ a: 'x' }]);
    expect(projectOnto({ free: 1 }, { type: 'object' })).toEqual({ free: 1 });
  });
});
