import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StepError } from '../../../src/errors.js';
import { refuseInapplicable } from '../../../src/steps/resources/applicable-inputs.js';
import { KeyedIndex } from '../../../src/steps/resources/keyed-index.js';
import { maskedPaths, maskForOutput, refuseMasked, withoutMasked } from '../../../src/steps/resources/masked-values.js';
import { pickFields } from '../../../src/steps/resources/pick-fields.js';
import { columnRows, tableRows, tablesWithColumns } from '../../../src/steps/resources/schema-rows.js';

describe('pickFields', () => {
  it('keeps dotted paths nested and leaves out what is missing', () => {
    const item = { id: 'a', status: { sync_state: 's', tasks: [1] }, config: { host: 'h' } };
    expect(pickFields(item, ['id', 'status.sync_state', 'config.port', 'nope'])).toEqual({ id: 'a', status: { sync_state: 's' } });
    expect(pickFields('scalar', ['x'])).toBe('scalar');
  });

  it('never touches prototypes, whatever the path', () => {
    const picked = pickFields(JSON.parse('{"__proto__": {"polluted": true}, "a": 1}'), ['__proto__.polluted', 'a']) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(picked)).toBe(Object.prototype);
    expect(Object.keys(picked)).toEqual(['__proto__', 'a']);
  });

  it('picking every top-level key gives the object back', () => {
    fc.assert(fc.property(fc.dictionary(fc.string().filter((k) => !k.includes('.')), fc.jsonValue()), (object) => {
      expect(pickFields(object, Object.keys(object))).toEqual(object);
    }));
  });
});

describe('masked values', () => {
  it('finds every mask with its path and refuses to send it', () => {
    const body = { config: { password: '******', nested: [{ token: '******' }], host: 'h' } };
    expect(maskedPaths(body)).toEqual(['config.password', 'config.nested.0.token']);
    expect(() => refuseMasked(body, 'advice')).toThrow(new StepError("'config.password', 'config.nested.0.token' are '******' (masked by the API when read) and will not be sent back; advice"));
    expect(() => refuseMasked({ config: { host: 'h' } }, 'advice')).not.toThrow();
  });

  it('leaves masks out of a copy, naming them, without touching the original', () => {
    const body = { config: { password: '******', nested: [{ token: '******', keep: 1 }, '******'], host: 'h' } };
    expect(withoutMasked(body)).toEqual({ value: { config: { nested: [{ keep: 1 }], host: 'h' } }, omitted: ['config.password', 'config.nested.0.token', 'config.nested.1'] });
    expect(body.config.password).toBe('******');
    const clean = { config: { host: 'h' } };
    expect(withoutMasked(clean).value).toBe(clean);
  });

  it('masks secrets in outputs: named keys and secret-looking ones', () => {
    expect(maskForOutput({ id: 'a', config: { role_arn: 'arn', password: 'p', host: 'h' } }, ['role_arn'])).toEqual({ id: 'a', config: { role_arn: '******', password: '******', host: 'h' } });
  });
});

describe('inputs that do not apply', () => {
  it('names them and the resource', () => {
    expect(() => refuseInapplicable('group', { name: 'x', email: 'e', paused: undefined }, ['name'])).toThrow("input 'email' does not apply to group");
    expect(() => refuseInapplicable('group', { a: 1, b: 2 }, [])).toThrow("inputs 'a', 'b' do not apply to group");
  });
});

describe('KeyedIndex', () => {
  it('runs tasks for one key one after another, other keys alongside, and survives a failed task', async () => {
    const index = new KeyedIndex((o) => String(o.name));
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const first = index.serial('a', async () => {
      await gate;
      order.push('a1');
      throw new Error('boom');
    });
    const second = index.serial('a', async () => {
      order.push('a2');
      return index.find('a');
    });
    const other = index.serial('b', async () => order.push('b'));
    await other;
    expect(order).toEqual(['b']);
    index.add({ name: 'a', id: '1' });
    release();
    await expect(first).rejects.toThrow('boom');
    await expect(second).resolves.toEqual({ name: 'a', id: '1' });
    expect(order).toEqual(['b', 'a1', 'a2']);
  });
});

describe('schema rows', () => {
  const config = {
    schemas: {
      public: {
        name_in_destination: 'erp_public',
        enabled: true,
        tables: {
          Orders: { name_in_destination: 'orders', enabled: true, sync_mode: 'SOFT_DELETE', enabled_patch_settings: { allowed: true }, columns: { Total: { name_in_destination: 'total', enabled: false, hashed: false } } },
        },
      },
    },
  };

  it('flattens tables and overlays configured columns on live ones', () => {
    expect(tableRows(config, 'c1')).toEqual([
      {
        connection_id: 'c1',
        schema: 'public',
        schema_name_in_destination: 'erp_public',
        schema_enabled: true,
        table: 'Orders',
        name_in_source: 'Orders',
        name_in_destination: 'orders',
        enabled: true,
        sync_mode: 'SOFT_DELETE',
        supports_columns_config: undefined,
        enabled_patch_allowed: true,
      },
    ]);
    const [table] = tablesWithColumns(config, 'c1');
    const live = { Id: { name_in_destination: 'id', enabled: true, is_primary_key: true }, Total: { name_in_destination: 'total', enabled: true, hashed: false } };
    const rows = columnRows(table!, live);
    expect(rows.map((r) => [r.column, r.enabled, r.is_primary_key, r.table_name_in_destination])).toEqual([
      ['Id', true, true, 'orders'],
      ['Total', false, undefined, 'orders'],
    ]);
    expect(columnRows(table!).map((r) => r.column)).toEqual(['Total']);
    expect(tableRows({}, 'c1')).toEqual([]);
  });
});
