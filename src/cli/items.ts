/**
 * HTTPie-style request items, the way `atlas-run call` reads them:
 *   key=value     body field, with true/false/True/False → boolean, integers → number, null → null
 *   key:=<json>   body field from raw JSON
 *   key==value    query parameter
 * Dotted keys build nested objects (`config.schema_prefix=erp`); `\.` `\=` `\:` `\\` escape in keys.
 */
import { UsageError } from '../errors.js';

/** One parsed item; `label` is its key and separator only, so messages never echo a value (it may be a password). */
export type RequestItem =
  | { kind: 'body'; path: readonly string[]; value: unknown; label: string }
  | { kind: 'query'; name: string; value: string; label: string };

/** The body (undefined when no body item was given) and query built from items. */
export interface ParsedItems {
  body: Record<string, unknown> | undefined;
  query: Record<string, string>;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const ITEM_HINT = "items look like key=value, key:=<json> or key==value (e.g. paused=true, config:='{\"port\":5432}', limit==10)";

/**
 * The JSON value a `key=value` item stands for.
 * @example coerceValue('True') // true
 * @example coerceValue('5432') // 5432
 * @example coerceValue('007') // '007' (leading zeros stay text)
 */
export function coerceValue(raw: string): unknown {
  switch (raw) {
    case 'true':
    case 'True':
      return true;
    case 'false':
    case 'False':
      return false;
    case 'null':
      return null;
  }
  if (/^-?(0|[1-9]\d*)$/.test(raw)) {
    const number = Number(raw);
    if (Number.isSafeInteger(number) && raw !== '-0') return number;
  }
  return raw;
}

/** Parses one item; a UsageError (exit 2) says what is wrong with it. */
export function parseItem(text: string): RequestItem {
  const found = findSeparator(text);
  if (!found) throw new UsageError(`malformed item '${text}'`, { hint: ITEM_HINT });
  const rawKey = text.slice(0, found.index);
  const rawValue = text.slice(found.index + found.separator.length);
  const label = `${rawKey}${found.separator}…`;
  if (found.separator === '==') {
    const name = unescapeKey(rawKey);
    if (name === '') throw new UsageError(`item '${label}' has an empty query parameter name`, { hint: ITEM_HINT });
    return { kind: 'query', name, value: rawValue, label };
  }
  const path = splitKeyPath(rawKey, label);
  const value = found.separator === ':=' ? parseJsonValue(rawValue, label) : coerceValue(rawValue);
  return { kind: 'body', path, value, label };
}

/** Parses every item and assembles the body object and query. */
export function parseItems(texts: readonly string[]): ParsedItems {
  const query: Record<string, string> = {};
  let body: Record<string, unknown> | undefined;
  for (const text of texts) {
    const item = parseItem(text);
    if (item.kind === 'query') {
      if (Object.hasOwn(query, item.name)) throw new UsageError(`query parameter '${item.name}' is given twice`, { hint: 'give each parameter once' });
      query[item.name] = item.value;
    } else {
      body ??= {};
      setPath(body, item);
    }
  }
  return { body, query };
}

/** The first unescaped separator; at one position `:=` and `==` win over `=`. */
function findSeparator(text: string): { index: number; separator: ':=' | '==' | '=' } | undefined {
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '\\') {
      i++;
      continue;
    }
    if (char === ':' && text[i + 1] === '=') return { index: i, separator: ':=' };
    if (char === '=') return { index: i, separator: text[i + 1] === '=' ? '==' : '=' };
  }
  return undefined;
}

/** `config.schema_prefix` → ['config', 'schema_prefix'], honouring `\.`. */
function splitKeyPath(rawKey: string, item: string): string[] {
  const segments: string[] = [];
  let current = '';
  for (let i = 0; i < rawKey.length; i++) {
    const char = rawKey[i]!;
    if (char === '\\' && i + 1 < rawKey.length) {
      current += rawKey[++i];
    } else if (char === '.') {
      segments.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  segments.push(current);
  if (segments.some((segment) => segment === '')) {
    throw new UsageError(`item '${item}' has an empty key${segments.length > 1 ? ' segment' : ''}`, { hint: ITEM_HINT });
  }
  const forbidden = segments.find((segment) => FORBIDDEN_KEYS.has(segment));
  if (forbidden) throw new UsageError(`item '${item}' uses the reserved key '${forbidden}'`, { hint: 'rename the key or send the body with --data' });
  return segments;
}

function unescapeKey(rawKey: string): string {
  return rawKey.replace(/\\(.)/g, '$1');
}

function parseJsonValue(raw: string, item: string): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch (error) {
    throw new UsageError(`item '${item}' is not valid JSON${jsonErrorPosition(error)}`, { hint: "quote it for the shell, e.g. config:='{\"port\": 5432}'" });
  }
}

/**
 * ` (at position N)` from a JSON.parse error, or nothing. Node's own message quotes the input, and the
 * input may hold a password, so only the position is kept.
 */
export function jsonErrorPosition(error: unknown): string {
  const position = error instanceof Error ? /position (\d+)/.exec(error.message) : null;
  return position ? ` (at position ${position[1]})` : '';
}

/** Puts an item's value at its path, refusing to overwrite or to treat a value as an object. */
function setPath(body: Record<string, unknown>, item: Extract<RequestItem, { kind: 'body' }>): void {
  let node = body;
  item.path.forEach((segment, depth) => {
    const last = depth === item.path.length - 1;
    const where = item.path.slice(0, depth + 1).join('.');
    const existing = Object.hasOwn(node, segment) ? node[segment] : undefined;
    if (last) {
      if (Object.hasOwn(node, segment)) throw new UsageError(`'${where}' is given twice`, { hint: 'give each key once' });
      node[segment] = item.value;
      return;
    }
    if (existing === undefined) {
      const child: Record<string, unknown> = {};
      node[segment] = child;
      node = child;
    } else if (isPlainObject(existing)) {
      node = existing;
    } else {
      throw new UsageError(`'${where}' is already a value, so '${item.label}' cannot add a key inside it`, { hint: 'give either the value or its nested keys' });
    }
  });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
