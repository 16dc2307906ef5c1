/**
 * Secrets never leave the sandbox: every config is masked on the way out, using the keys the
 * definition marks `format: password` for the service plus the usual secret names.
 */
import { passwordConfigKeys } from '../../openapi/definition-facts.js';
import type { JsonObject } from '../state/types.js';

export const MASK = '******';

const USUAL_SECRET_KEYS = new Set([
  'password',
  'pass',
  'secret',
  'secret_key',
  'client_secret',
  'api_key',
  'api_secret',
  'api_token',
  'access_token',
  'refresh_token',
  'token',
  'private_key',
  'passphrase',
  'personal_access_token',
  'oauth2_secret',
  'consumer_secret',
  'token_secret',
  'access_key_secret',
  'aws_secret_access_key',
  'sasl_plain_secret',
  'connection_string',
  'auth_secret',
]);

function isSecretKey(key: string, declared: ReadonlySet<string>): boolean {
  return declared.has(key) || USUAL_SECRET_KEYS.has(key) || /(^|_)(password|secret)$/.test(key);
}

function maskValue(value: unknown, declared: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => maskValue(item, declared));
  if (typeof value !== 'object' || value === null) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] = isSecretKey(key, declared) && child !== null && child !== '' ? MASK : maskValue(child, declared);
  }
  return out;
}

/** A copy of `config` with every secret replaced by `******`. */
export function maskConfig(kind: 'connection' | 'destination', service: string, config: JsonObject): JsonObject {
  return maskValue(config, passwordConfigKeys(kind, service)) as JsonObject;
}
