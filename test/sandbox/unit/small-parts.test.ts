import { describe, expect, it } from 'vitest';
import { toDestinationName } from '../../../src/sandbox/catalogue/naming.js';
import { maskConfig, MASK } from '../../../src/sandbox/domain/secrets.js';
import { basicAuthChecker } from '../../../src/sandbox/http/auth.js';
import { acceptsJson, isJsonContentType } from '../../../src/sandbox/http/negotiate.js';
import { resolveOptions } from '../../../src/sandbox/options.js';
import { coerceBooleans } from '../../../src/sandbox/validation.js';

describe('toDestinationName', () => {
  it("follows Fivetran's snake-case naming", () => {
    const cases: Record<string, string> = {
      AccountNumber: 'account_number',
      CreatedById: 'created_by_id',
      IsDeleted: 'is_deleted',
      Region__c: 'region_c',
      OrderID: 'order_id',
      HTTPStatus: 'http_status',
      PayrollRuns: 'payroll_runs',
      EMPLOYEE_ID: 'employee_id',
      'Order Items': 'order_items',
      id: 'id',
    };
    for (const [source, destination] of Object.entries(cases)) expect(toDestinationName(source), source).toBe(destination);
  });
});

describe('maskConfig', () => {
  it('masks format-password keys of the service and usual secret names, nested too', () => {
    const masked = maskConfig('connection', 'postgres', {
      host: 'h',
      password: 'p',
      client_private_key: 'k',
      nested: { api_token: 't', keep: 1 },
      list: [{ secret: 's' }],
      empty: '',
    });
    expect(masked).toEqual({ host: 'h', password: MASK, client_private_key: MASK, nested: { api_token: MASK, keep: 1 }, list: [{ secret: MASK }], empty: '' });
    expect(maskConfig('connection', 's3', { role_arn: 'arn:aws:iam::1:role/x', bucket: 'b' })).toEqual({ role_arn: MASK, bucket: 'b' });
  });
});

describe('basicAuthChecker', () => {
  const check = basicAuthChecker('key', 'se:cret');
  const basic = (pair: string): string => `Basic ${Buffer.from(pair).toString('base64')}`;

  it('accepts only Basic with the configured pair', () => {
    expect(check(basic('key:se:cret'))).toBe(true);
    expect(check(`basic  ${Buffer.from('key:se:cret').toString('base64')}`)).toBe(true);
    expect(check(basic('key:wrong'))).toBe(false);
    expect(check(basic('other:se:cret'))).toBe(false);
    expect(check('Bearer key:se:cret')).toBe(false);
    expect(check(basic('nocolon'))).toBe(false);
    expect(check(undefined)).toBe(false);
  });
});

describe('content negotiation', () => {
  it('answers JSON to JSON, wildcards and no Accept; refuses the rest', () => {
    for (const ok of [undefined, '', 'application/json;version=2', '*/*', 'text/html, application/json;q=0.5', 'application/*', 'application/problem+json']) {
      expect(acceptsJson(ok), String(ok)).toBe(true);
    }
    expect(acceptsJson('text/html')).toBe(false);
    expect(isJsonContentType('application/json; charset=utf-8')).toBe(true);
    expect(isJsonContentType(undefined)).toBe(true);
    expect(isJsonContentType('text/plain')).toBe(false);
  });
});

describe('boolean strings', () => {
  it('turns exactly "true"/"false" into booleans unless strict', () => {
    expect(coerceBooleans({ paused: 'true', run_setup_tests: 'false', other: 'true', trust_certificates: 'yes' }, false)).toEqual({
      paused: true,
      run_setup_tests: false,
      other: 'true',
      trust_certificates: 'yes',
    });
    const body = { paused: 'true' };
    expect(coerceBooleans(body, true)).toBe(body);
  });
});

describe('resolveOptions', () => {
  it('fills defaults, including the paid-tier rate limits', () => {
    const o = resolveOptions();
    expect(o).toMatchObject({ host: '127.0.0.1', port: 0, apiKey: 'sandbox', apiSecret: 'sandbox', legacyPaths: '404', bodyLimitBytes: 1_048_576, strictBooleans: false });
    expect(o.rateLimit).toEqual({ perHour: 20_000, setupTestsPerMinute: 250, sourcePerMinute: 500, creationsPerHour: 500 });
    expect(resolveOptions({ rateLimit: { perSecond: 3 } }).rateLimit).toMatchObject({ perSecond: 3, perHour: 20_000 });
    expect(resolveOptions({ rateLimit: false }).rateLimit).toBe(false);
  });

  it('rejects nonsense', () => {
    expect(() => resolveOptions({ failRate: 1.5 })).toThrow(RangeError);
    expect(() => resolveOptions({ failRate: 0.6, resetRate: 0.6 })).toThrow(/must not exceed 1/);
    expect(() => resolveOptions({ connections: -1 })).toThrow(RangeError);
    expect(() => resolveOptions({ groups: 1.5 })).toThrow(RangeError);
  });
});
