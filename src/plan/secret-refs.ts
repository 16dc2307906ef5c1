import { MASK, isSecretKey } from '../redact.js';

/** Where apply reads a secret: the environment variable `NAME` (what `secret('NAME')` read at plan time). */
export interface SecretRef {
  $secret: string;
}

/** A string with secrets inside it (`postgres://u:<secret>@host`), kept as pieces. */
export interface SecretConcat {
  $concat: (string | SecretRef)[];
}

/** Secrets shorter than this are only replaced where they are the whole value (as the redactor does). */
const MIN_EMBEDDED_LENGTH = 4;

/**
 * A copy of `value` with every known secret value replaced by a reference to the environment
 * variable it came from, and any other value under a secret-looking key masked. `masked` lists the
 * paths masked that way: a plan holding them cannot be applied (it would send `******`).
 * @example toSecretRefs({ password: 'hunter22' }, new Map([['hunter22', 'PG_PASSWORD']])) // { value: { password: { $secret: 'PG_PASSWORD' } }, masked: [] }
 */
export function toSecretRefs(value: unknown, secrets: ReadonlyMap<string, string>): { value: unknown; masked: string[] } {
  const ordered = [...secrets.keys()].filter((s) => s.length >= MIN_EMBEDDED_LENGTH).sort((a, b) => b.length - a.length);
  const masked: string[] = [];
  const walk = (node: unknown, path: string, secretKey: boolean): unknown => {
    if (typeof node === 'string') {
      const exact = secrets.get(node);
      if (exact !== undefined) return { $secret: exact } satisfies SecretRef;
      const pieces = splitOnSecrets(node, ordered, secrets);
      if (pieces) return { $concat: pieces } satisfies SecretConcat;
      if (secretKey && node !== '') {
        masked.push(path);
        return MASK;
      }
      return node;
    }
    if (Array.isArray(node)) return node.map((item, index) => walk(item, `${path}[${index}]`, secretKey));
    if (node && typeof node === 'object') {
      return Object.fromEntries(Object.entries(node).map(([key, inner]) => [key, walk(inner, path ? `${path}.${key}` : key, isSecretKey(key))]));
    }
    return node;
  };
  return { value: walk(value, '', false), masked };
}

function splitOnSecrets(text: string, ordered: readonly string[], secrets: ReadonlyMap<string, string>): (string | SecretRef)[] | undefined {
  const found = ordered.find((secret) => text.includes(secret));
  if (found === undefined) return undefined;
  const parts: (string | SecretRef)[] = [];
  text.split(found).forEach((piece, index) => {
    if (index > 0) parts.push({ $secret: secrets.get(found)! });
    if (piece === '') return;
    parts.push(...(splitOnSecrets(piece, ordered, secrets) ?? [piece]));
  });
  return parts;
}

/** `value` with every secret reference replaced from `env`; `missing` names the variables that are not set. */
export function resolveSecretRefs(value: unknown, env: Readonly<Record<string, string | undefined>>): { value: unknown; missing: string[] } {
  const missing = new Set<string>();
  const lookup = (ref: SecretRef): string => {
    const secret = env[ref.$secret];
    if (secret === undefined) missing.add(ref.$secret);
    return secret ?? '';
  };
  const walk = (node: unknown): unknown => {
    if (isSecretRef(node)) return lookup(node);
    if (isConcat(node)) return node.$concat.map((part) => (typeof part === 'string' ? part : lookup(part))).join('');
    if (Array.isArray(node)) return node.map(walk);
    if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([key, inner]) => [key, walk(inner)]));
    return node;
  };
  return { value: walk(value), missing: [...missing] };
}

/** Names of the environment variables a value's secret references need. */
export function secretNames(value: unknown): string[] {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (isSecretRef(node)) names.add(node.$secret);
    else if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') Object.values(node).forEach(walk);
  };
  walk(value);
  return [...names];
}

/** Paths of `******` strings in a value: masks that must never be sent back to the API. */
export function maskedPaths(value: unknown): string[] {
  const paths: string[] = [];
  const walk = (node: unknown, path: string): void => {
    if (node === MASK) paths.push(path || '(body)');
    else if (Array.isArray(node)) node.forEach((item, index) => walk(item, `${path}[${index}]`));
    else if (node && typeof node === 'object' && !isSecretRef(node)) for (const [key, inner] of Object.entries(node)) walk(inner, path ? `${path}.${key}` : key);
  };
  walk(value, '');
  return paths;
}

function isSecretRef(node: unknown): node is SecretRef {
  return !!node && typeof node === 'object' && !Array.isArray(node) && Object.keys(node).length === 1 && typeof (node as SecretRef).$secret === 'string';
}

function isConcat(node: unknown): node is SecretConcat {
  return !!node && typeof node === 'object' && !Array.isArray(node) && Object.keys(node).length === 1 && Array.isArray((node as SecretConcat).$concat);
}
