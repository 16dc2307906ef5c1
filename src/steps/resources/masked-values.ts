/**
 * The API answers every secret as `******`. Sending that back would at best keep the old secret and
 * at worst store the mask as a password, so atlas-run never sends it; and it never puts a secret the
 * run supplied into an output.
 */
import { StepError } from '../../errors.js';
import { passwordConfigKeys } from '../../openapi/definition-facts.js';
import { isSecretKey, MASK, redactObject } from '../../redact.js';

/** Dotted paths of every `******` value in a body. */
export function maskedPaths(value: unknown, path: readonly string[] = []): string[] {
  if (value === MASK) return [path.join('.')];
  if (Array.isArray(value)) return value.flatMap((item, index) => maskedPaths(item, [...path, String(index)]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => maskedPaths(inner, [...path, key]));
  }
  return [];
}

/** Throws, naming each key, when a body about to be sent still holds a masked secret. */
export function refuseMasked(body: unknown, advice: string): void {
  const paths = maskedPaths(body);
  if (paths.length === 0) return;
  const list = paths.map((p) => `'${p}'`).join(', ');
  throw new StepError(`${list} ${paths.length === 1 ? 'is' : 'are'} '${MASK}' (masked by the API when read) and will not be sent back; ${advice}`);
}

/**
 * A copy of `value` without its `******` entries (object keys dropped, list elements removed) and
 * the dotted paths left out, for a copy created without the secrets its source only shows masked.
 * @example withoutMasked({ config: { host: 'h', password: '******' } }) // { value: { config: { host: 'h' } }, omitted: ['config.password'] }
 */
export function withoutMasked<T>(value: T): { value: T; omitted: string[] } {
  const omitted = maskedPaths(value);
  return { value: omitted.length === 0 ? value : (strip(value) as T), omitted };
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((item) => item !== MASK).map(strip);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== MASK).map(([key, inner]) => [key, strip(inner)]));
  }
  return value;
}

/**
 * A copy of an object for outputs: config keys in `secretKeys` and every secret-looking key masked.
 * @example maskForOutput({ config: { pw: 'x' } }, ['pw']) // { config: { pw: '******' } }
 */
export function maskForOutput<T extends Record<string, unknown>>(object: T, secretKeys: Iterable<string>): T {
  const config = object.config;
  if (config === null || typeof config !== 'object' || Array.isArray(config)) return redactObject(object);
  const masked: Record<string, unknown> = { ...(config as Record<string, unknown>) };
  for (const key of secretKeys) if (key in masked) masked[key] = MASK;
  return redactObject({ ...object, config: masked });
}

/**
 * True for config keys of a service that hold secrets: declared `format: password`, or named like one.
 * The definition (835 KB of JSON) is read on the first config key asked about, so updates that touch no
 * config, like a fan-out of schedule changes, never load it.
 */
export function secretKeyTest(kind: 'connection' | 'destination', service: unknown): (key: string) => boolean {
  let declared: ReadonlySet<string> | undefined;
  return (key) => {
    declared ??= typeof service === 'string' ? passwordConfigKeys(kind, service) : new Set<string>();
    return declared.has(key) || isSecretKey(key);
  };
}
