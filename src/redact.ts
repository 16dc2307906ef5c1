/**
 * Redaction at the boundary: anything printed, thrown or journaled passes through here first, so
 * passwords, tokens and the API secret never leave the process in clear text.
 */

/** What a redacted value is replaced with (the same mask Fivetran uses in its responses). */
export const MASK = '******';

/** Keys whose values are secrets wherever they appear (compared lower-case, `-` read as `_`). */
const SECRET_KEYS = new Set([
  'password',
  'secret',
  'api_secret',
  'apisecret',
  'client_secret',
  'token',
  'api_token',
  'api_key',
  'private_key',
  'passphrase',
  'personal_access_token',
  'secret_key',
  'refresh_token',
  'access_token',
  'authorization',
  'proxy_authorization',
  'cookie',
  'set_cookie',
  'salt',
  'oauth2_secret',
  'encoded_cert_password',
  // Fields the API definition declares `format: password` that the suffixes below do not catch.
  'aws_secret_access_key',
  'blob_sas_url',
  'client_cert_key',
  'connection_string',
  'consumer_key',
  'integration_key',
  'pgp_pass_phrase',
  'sasl_plain_key',
  'sasl_scram256_key',
  'sasl_scram512_key',
  'schema_registry_key',
  'secrets',
  'storage_account_key',
  'token_key',
]);

/** Suffixes that mark a secret in keys we do not know by name (`source_password`, `ssh_private_key`…). */
const SECRET_SUFFIXES = ['password', 'secret', '_token', 'passphrase', 'private_key', 'secret_key'];

/** True when a key (of a JSON object or an HTTP header) names a secret. */
export function isSecretKey(key: string): boolean {
  const normal = key.toLowerCase().replaceAll('-', '_');
  return SECRET_KEYS.has(normal) || SECRET_SUFFIXES.some((suffix) => normal.endsWith(suffix));
}

/**
 * A deep copy of `value` with every secret-looking key's value replaced by `******`.
 * @example redactObject({ config: { user: 'u', password: 'p' } }) // { config: { user: 'u', password: '******' } }
 */
export function redactObject<T>(value: T): T {
  return copyRedacted(value, new WeakMap(), undefined) as T;
}

function copyRedacted(value: unknown, seen: WeakMap<object, unknown>, redactString: ((s: string) => string) | undefined): unknown {
  if (typeof value === 'string') return redactString ? redactString(value) : value;
  if (value === null || typeof value !== 'object') return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const item of value) copy.push(copyRedacted(item, seen, redactString));
    return copy;
  }
  const copy: Record<string, unknown> = {};
  seen.set(value, copy);
  for (const [key, inner] of Object.entries(value)) {
    copy[key] = isSecretKey(key) && inner !== null && inner !== undefined && inner !== '' ? MASK : copyRedacted(inner, seen, redactString);
  }
  return copy;
}

/** Remembers secret values and masks them (and their encoded forms) wherever they appear in text. */
export interface Redactor {
  /** Registers a secret; its base64 and URL-encoded forms are masked too. Short values (< 4 chars) are ignored. */
  add(secret: string | undefined): void;
  /** `text` with every registered secret replaced by `******`. */
  redactText(text: string): string;
  /** `redactObject(value)`, with registered secrets also masked inside every string. */
  redactValue<T>(value: T): T;
}

/** A fresh redactor with no secrets registered. */
export function createRedactor(): Redactor {
  const forms = new Set<string>();
  let ordered: string[] = [];
  const redactText = (text: string): string => {
    let out = text;
    for (const form of ordered) if (out.includes(form)) out = out.replaceAll(form, MASK);
    return out;
  };
  return {
    add(secret) {
      if (secret === undefined || secret.length < 4) return;
      const encoded = [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret), JSON.stringify(secret).slice(1, -1)];
      for (const form of encoded) if (form.length >= 4) forms.add(form);
      // Longest first, so a secret that contains another is masked whole.
      ordered = [...forms].sort((a, b) => b.length - a.length);
    },
    redactText,
    redactValue: <T>(value: T): T => copyRedacted(value, new WeakMap(), redactText) as T,
  };
}

/** The Basic credential for a key pair: what goes after `Authorization: Basic `. */
export function basicCredential(apiKey: string, apiSecret: string): string {
  return Buffer.from(`${apiKey}:${apiSecret}`).toString('base64');
}

/**
 * The non-empty strings found under secret-looking keys anywhere in `value`, to register with a
 * redactor: a server that echoes a request body back in an error must not print its password.
 * @example secretValuesIn({ config: { host: 'db', password: 'p4ss' } }) // ['p4ss']
 */
export function secretValuesIn(value: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown, secret: boolean, seen: Set<object>): void => {
    if (typeof node === 'string') {
      if (secret && node !== '' && node !== MASK) found.push(node);
      return;
    }
    if (node === null || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) for (const item of node) walk(item, secret, seen);
    else for (const [key, inner] of Object.entries(node)) walk(inner, secret || isSecretKey(key), seen);
  };
  walk(value, false, new Set());
  return found;
}
