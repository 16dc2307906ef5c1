import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPatch, planUpdate, sameValue } from '../../../src/steps/resources/update-plan.js';

const noSecrets = { isSecret: () => false, sendSecrets: true };

describe('update plans', () => {
  it('compares like the API means: deep, null as absent, numbers as their decimal strings', () => {
    expect(sameValue({ a: [1, { b: null }] }, { a: [1, {}] })).toBe(true);
    expect(sameValue(443, '443')).toBe(true);
    expect(sameValue('443', 443)).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameValue(true, 'true')).toBe(false);
  });

  it('sameValue is reflexive and symmetric on JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        expect(sameValue(a, structuredClone(a))).toBe(true);
        expect(sameValue(a, b)).toBe(sameValue(b, a));
      }),
    );
  });

  it('sends only differing fields and config keys', () => {
    const current = { paused: false, sync_frequency: 360, config: { host: 'a', port: 5432, user: 'u' } };
    const plan = planUpdate(current, { paused: false, sync_frequency: 60, config: { host: 'b', port: '5432' } }, noSecrets);
    expect(plan).toEqual({ body: { sync_frequency: 60, config: { host: 'b' } }, changed: ['sync_frequency', 'config.host'], uncompared: [] });
    expect(planUpdate(current, { paused: false, config: { user: 'u' } }, noSecrets).changed).toEqual([]);
  });

  it('cannot compare secrets: sends them when asked (and says so), else leaves them', () => {
    const current = { config: { password: '******', host: 'a' }, auth: undefined };
    const send = planUpdate(current, { config: { password: 'p', token: 't' }, auth: { refresh_token: 'r' } }, { isSecret: (k) => k === 'token', sendSecrets: true });
    expect(send.body).toEqual({ config: { password: 'p', token: 't' }, auth: { refresh_token: 'r' } });
    expect(send.uncompared).toEqual(['config.password', 'config.token', 'auth']);
    const keep = planUpdate(current, { config: { password: 'p', host: 'a' }, auth: { x: 1 } }, { isSecret: () => false, sendSecrets: false });
    expect(keep).toEqual({ body: {}, changed: [], uncompared: [] });
  });

  it('adds setup-test controls only to a real change', () => {
    expect(planUpdate({ paused: true }, { paused: true, run_setup_tests: true }, noSecrets).changed).toEqual([]);
    expect(planUpdate({ paused: true }, { paused: false, trust_certificates: true }, noSecrets).body).toEqual({ paused: false, trust_certificates: true });
  });

  it('shows a patched object with config merged key by key', () => {
    expect(applyPatch({ id: 'a', paused: false, config: { host: 'h', port: 1 } }, { paused: true, config: { host: 'g' } })).toEqual({ id: 'a', paused: true, config: { host: 'g', port: 1 } });
  });
});
