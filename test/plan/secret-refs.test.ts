import { describe, expect, it } from 'vitest';
import { maskedPaths, resolveSecretRefs, secretNames, toSecretRefs } from '../../src/plan/secret-refs.js';

const SECRETS = new Map([
  ['hunter2-long', 'PG_PASSWORD'],
  ['tok_abcdef', 'API_TOKEN'],
]);

describe('secret references', () => {
  it('replaces a secret value with a reference to its environment variable', () => {
    const { value, masked } = toSecretRefs({ config: { user: 'u', password: 'hunter2-long' }, list: ['tok_abcdef'] }, SECRETS);
    expect(value).toEqual({ config: { user: 'u', password: { $secret: 'PG_PASSWORD' } }, list: [{ $secret: 'API_TOKEN' }] });
    expect(masked).toEqual([]);
  });

  it('keeps text around an embedded secret as pieces', () => {
    const { value } = toSecretRefs({ url: 'postgres://u:hunter2-long@db/x?t=tok_abcdef' }, SECRETS);
    expect(value).toEqual({ url: { $concat: ['postgres://u:', { $secret: 'PG_PASSWORD' }, '@db/x?t=', { $secret: 'API_TOKEN' }] } });
    expect(resolveSecretRefs(value, { PG_PASSWORD: 'p', API_TOKEN: 't' }).value).toEqual({ url: 'postgres://u:p@db/x?t=t' });
  });

  it('masks a secret typed into the workflow and says where, so the plan is known to be unusable', () => {
    const { value, masked } = toSecretRefs({ config: { password: 'typed-in', private_key: '', port: 5432 } }, SECRETS);
    expect(value).toEqual({ config: { password: '******', private_key: '', port: 5432 } });
    expect(masked).toEqual(['config.password']);
    expect(JSON.stringify(value)).not.toContain('typed-in');
  });

  it('fills references from the environment and names the missing ones', () => {
    const body = { a: { $secret: 'PG_PASSWORD' }, b: [{ $secret: 'MISSING_ONE' }], c: 1 };
    expect(secretNames(body).sort()).toEqual(['MISSING_ONE', 'PG_PASSWORD']);
    const { value, missing } = resolveSecretRefs(body, { PG_PASSWORD: 'pw' });
    expect(value).toEqual({ a: 'pw', b: [''], c: 1 });
    expect(missing).toEqual(['MISSING_ONE']);
  });

  it('finds masks that must never be sent back', () => {
    expect(maskedPaths({ config: { password: '******', list: ['x', '******'] }, ok: { $secret: 'A' } })).toEqual(['config.password', 'config.list[1]']);
    expect(maskedPaths({ fine: 'value' })).toEqual([]);
  });

  it('leaves short secrets inside longer text alone (as the redactor does) but replaces them whole', () => {
    const secrets = new Map([['abc', 'SHORT']]);
    expect(toSecretRefs({ a: 'abc', b: 'xabcx' }, secrets).value).toEqual({ a: { $secret: 'SHORT' }, b: 'xabcx' });
  });
});
