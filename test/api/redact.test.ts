import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basicCredential, createRedactor, isSecretKey, redactObject } from '../../src/redact.js';
import { loadSubset } from '../../src/openapi/subset.js';

describe('redactObject', () => {
  it('masks secret keys at any depth and leaves everything else', () => {
    const input = {
      service: 'postgres',
      config: { host: 'db', user: 'u', password: 'p@ss', tunnel_password: 't', schema_prefix: 'erp', is_private_key_encrypted: true },
      auth: { client_access: { client_id: 'id', client_secret: 'cs' }, refresh_token: 'rt', access_token: 'at' },
      headers: { Authorization: 'Basic abc', 'X-Api-Secret': 'x' },
      items: [{ token: 'tk', name: 'n' }, { personal_access_token: 'pat', secret_key: 'sk', private_key: 'pk', passphrase: 'pp' }],
      empty: { password: '' },
    };
    expect(redactObject(input)).toEqual({
      service: 'postgres',
      config: { host: 'db', user: 'u', password: '******', tunnel_password: '******', schema_prefix: 'erp', is_private_key_encrypted: true },
      auth: { client_access: { client_id: 'id', client_secret: '******' }, refresh_token: '******', access_token: '******' },
      headers: { Authorization: '******', 'X-Api-Secret': '******' },
      items: [{ token: '******', name: 'n' }, { personal_access_token: '******', secret_key: '******', private_key: '******', passphrase: '******' }],
      empty: { password: '' },
    });
    expect(input.config.password).toBe('p@ss');
  });

  it('survives cycles and keeps non-objects as they are', () => {
    const cyclic: Record<string, unknown> = { password: 'x' };
    cyclic.self = cyclic;
    const copy = redactObject(cyclic);
    expect(copy.password).toBe('******');
    expect(copy.self).toBe(copy);
    expect(redactObject('text')).toBe('text');
    expect(redactObject(null)).toBeNull();
  });

  it('never leaves a password value anywhere in the serialised copy', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ minLength: 6 }).map((s) => `pw-${s}`), (value, password) => {
        const redacted = JSON.stringify(redactObject({ value, nested: { config: { password } }, list: [{ password }] }));
        return !redacted.includes(JSON.stringify(password));
      }),
    );
  });

  it.each(['password', 'API_SECRET', 'client-secret', 'oauth2_secret', 'ssh_private_key', 'api_token'])('%s is a secret key', (key) => {
    expect(isSecretKey(key)).toBe(true);
  });

  it.each(['user', 'public_key', 'hash', 'auth', 'auth_type', 'secret_arn'])('%s is not', (key) => {
    expect(isSecretKey(key)).toBe(false);
  });
});

describe('createRedactor', () => {
  it('masks registered secrets and their base64, Basic and URL-encoded forms in text', () => {
    const redactor = createRedactor();
    redactor.add('s3cr3t/value+1');
    redactor.add(basicCredential('key', 's3cr3t/value+1'));
    redactor.add('ab');
    const text = [
      'secret s3cr3t/value+1',
      `b64 ${Buffer.from('s3cr3t/value+1').toString('base64')}`,
      `basic Basic ${basicCredential('key', 's3cr3t/value+1')}`,
      `url ${encodeURIComponent('s3cr3t/value+1')}`,
      'short ab stays',
    ].join('\n');
    expect(redactor.redactText(text)).toBe(['secret ******', 'b64 ******', 'basic Basic ******', 'url ******', 'short ab stays'].join('\n'));
  });

  it('redactValue masks secret keys and registered values inside strings', () => {
    const redactor = createRedactor();
    redactor.add('hunter22');
    expect(redactor.redactValue({ note: 'pw is hunter22', password: 'other' })).toEqual({ note: 'pw is ******', password: '******' });
  });

  it('knows as secret every field the API definition declares a password, but for identifiers, paths and certificates', () => {
    // Marked `format: password` by the definition, yet names, ids, file paths or public certificates: masking them would hide what a user needs to read.
    const notSecret = new Set(['certificate', 'certificate_id', 'client_cert', 'container_name', 'role_arn', 's3_role_arn', 'tde_certificate_backup', 'tde_certificate_path', 'tde_private_key_backup', 'tde_private_key_path', 'tenant_id', 'trusted_cert', 'value', 'windows_auth_client_certificate', 'windows_auth_server_certificate']);
    const declared = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node !== null && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
          if (key === 'properties' && value !== null && typeof value === 'object') {
            for (const [name, schema] of Object.entries(value)) if ((schema as { format?: unknown }).format === 'password') declared.add(name);
          }
          walk(value);
        }
      }
    };
    walk(loadSubset());
    expect(declared.size).toBeGreaterThan(40);
    expect([...declared].filter((name) => !isSecretKey(name) && !notSecret.has(name))).toEqual([]);
  });
});
