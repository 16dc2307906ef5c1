import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coerceValue, parseItem, parseItems } from '../../src/cli/items.js';
import { UsageError } from '../../src/errors.js';

describe('coerceValue (key=value)', () => {
  it.each<[string, unknown]>([
    ['true', true],
    ['True', true],
    ['false', false],
    ['False', false],
    ['null', null],
    ['0', 0],
    ['5432', 5432],
    ['-15', -15],
    ['9007199254740991', 9007199254740991],
    ['9007199254740993', '9007199254740993'],
    ['007', '007'],
    ['-0', '-0'],
    ['1.5', '1.5'],
    ['1e3', '1e3'],
    ['TRUE', 'TRUE'],
    ['yes', 'yes'],
    ['None', 'None'],
    ['', ''],
    [' 1', ' 1'],
    ['erp_pg', 'erp_pg'],
  ])('%j → %j', (raw, expected) => {
    expect(coerceValue(raw)).toStrictEqual(expected);
  });
});

describe('parseItem', () => {
  it.each<[string, unknown]>([
    ['paused=True', { kind: 'body', path: ['paused'], value: true }],
    ['config.schema_prefix=erp', { kind: 'body', path: ['config', 'schema_prefix'], value: 'erp' }],
    ['scope:={"public":["orders"]}', { kind: 'body', path: ['scope'], value: { public: ['orders'] } }],
    ['name:="007"', { kind: 'body', path: ['name'], value: '007' }],
    ['limit==10', { kind: 'query', name: 'limit', value: '10' }],
    ['url=https://x.example.com/?a=b', { kind: 'body', path: ['url'], value: 'https://x.example.com/?a=b' }],
    ['a=b==c', { kind: 'body', path: ['a'], value: 'b==c' }],
    ['a\\.b=1', { kind: 'body', path: ['a.b'], value: 1 }],
    ['a\\=b=1', { kind: 'body', path: ['a=b'], value: 1 }],
    ['time\\:zone=UTC', { kind: 'body', path: ['time:zone'], value: 'UTC' }],
    ['empty=', { kind: 'body', path: ['empty'], value: '' }],
    ['cursor==', { kind: 'query', name: 'cursor', value: '' }],
  ])('%s', (text, expected) => {
    expect(parseItem(text)).toMatchObject(expected as object);
  });

  it.each(['paused', '=true', '.a=1', 'a..b=1', 'a.=1', '==x', 'x:={bad', '__proto__.polluted=1', 'a.constructor=1'])('%j is a UsageError', (text) => {
    expect(() => parseItem(text)).toThrow(UsageError);
  });

  it('never echoes a value in its error messages', () => {
    expect(() => parseItem('config.password:={hunter2')).toThrow(/^item 'config\.password:=…' is not valid JSON/);
  });
});

describe('parseItems', () => {
  it('builds nested objects and the query', () => {
    expect(parseItems(['config.host=db', 'config.port=5432', 'paused=false', 'auth:={"refresh_token":"t"}', 'auth.client_access.client_id=id', 'limit==5'])).toEqual({
      body: { config: { host: 'db', port: 5432 }, paused: false, auth: { refresh_token: 't', client_access: { client_id: 'id' } } },
      query: { limit: '5' },
    });
  });

  it('has no body when only query items are given', () => {
    expect(parseItems(['limit==5'])).toEqual({ body: undefined, query: { limit: '5' } });
  });

  it.each([
    [['a=1', 'a=2'], "'a' is given twice"],
    [['a=1', 'a.b=2'], "'a' is already a value"],
    [['a:=[1]', 'a.b=2'], "'a' is already a value"],
    [['a.b=1', 'a=2'], "'a' is given twice"],
    [['q==1', 'q==2'], "query parameter 'q' is given twice"],
  ])('%j → %s', (items, message) => {
    expect(() => parseItems(items)).toThrow(message);
  });
});

describe('properties', () => {
  it('parsing any item returns an item or throws UsageError, never anything else', () => {
    const alphabet = fc.constantFrom('a', 'b', '.', '=', ':', '\\', '"', '{', '}', '[', ']', '1', '-', ' ', '_', 'é');
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.string({ unit: alphabet })), { maxLength: 6 }), (texts) => {
        try {
          const parsed = parseItems(texts);
          return parsed.body === undefined || (typeof parsed.body === 'object' && parsed.body !== null);
        } catch (error) {
          return error instanceof UsageError;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('key:=<json> round-trips any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const item = parseItem(`field:=${JSON.stringify(value)}`);
        return item.kind === 'body' && JSON.stringify(item.value) === JSON.stringify(value);
      }),
    );
  });

  it('key=<integer> gives the number for every safe integer', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), (n) => coerceValue(String(n)) === n));
  });
});
