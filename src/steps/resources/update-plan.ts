/**
 * What an update has to send: only the fields whose value differs from the object as it is, `config`
 * compared key by key (the API merges it key by key). Secrets cannot be compared — they read back as
 * `******` — so they are either sent without comparison or left alone, as the caller says.
 */
import { MASK } from '../../redact.js';
import type { ApiObject } from './keyed-index.js';
import { TEST_CONTROLS } from './kinds.js';

export interface UpdatePlan {
  /** The PATCH body; empty when nothing differs. */
  body: Record<string, unknown>;
  /** Every field the body sends, config keys as `config.<key>`. */
  changed: string[];
  /** The fields sent without comparison because the API masks them (`config.password`, `auth`). */
  uncompared: string[];
}

export interface UpdatePlanOptions {
  /** True for config keys that hold secrets (besides those the object shows as `******`). */
  isSecret(key: string): boolean;
  /** Send secrets though they cannot be compared (`update`), or leave them as they are (`create` with `if_exists: update`). */
  sendSecrets: boolean;
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * True when two JSON values mean the same to the API: deep equality, `null` and absent alike, and a
 * number equal to its decimal string (destination ports come back either way).
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a === 'number' && typeof b === 'string') return String(a) === b;
  if (typeof a === 'string' && typeof b === 'number') return a === String(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  }
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameValue(a[key], b[key]));
  }
  return false;
}

/** The PATCH that brings `current` to `desired` (top-level fields of an update body). */
export function planUpdate(current: ApiObject, desired: Readonly<Record<string, unknown>>, options: UpdatePlanOptions): UpdatePlan {
  const body: Record<string, unknown> = {};
  const changed: string[] = [];
  const uncompared: string[] = [];
  const controls: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(desired)) {
    if (value === undefined) continue;
    if ((TEST_CONTROLS as readonly string[]).includes(field)) controls[field] = value;
    else if (field === 'config' && isRecord(value)) {
      const config = planConfig(isRecord(current.config) ? current.config : {}, value, options, changed, uncompared);
      if (Object.keys(config).length > 0) body.config = config;
    } else if (field === 'auth') {
      if (options.sendSecrets) {
        body.auth = value;
        uncompared.push('auth');
        changed.push('auth');
      }
    } else if (!sameValue(current[field], value)) {
      body[field] = value;
      changed.push(field);
    }
  }
  // Test controls only steer the tests a real change triggers; alone, the API refuses them (400).
  if (changed.length > 0) {
    for (const [field, value] of Object.entries(controls)) {
      body[field] = value;
      changed.push(field);
    }
  }
  return { body, changed, uncompared };
}

function planConfig(
  current: Record<string, unknown>,
  desired: Record<string, unknown>,
  options: UpdatePlanOptions,
  changed: string[],
  uncompared: string[],
): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(desired)) {
    if (value === undefined) continue;
    const secret = current[key] === MASK || options.isSecret(key);
    if (secret) {
      if (!options.sendSecrets) continue;
      uncompared.push(`config.${key}`);
    } else if (sameValue(current[key], value)) continue;
    config[key] = value;
    changed.push(`config.${key}`);
  }
  return config;
}

/** The object as a PATCH leaves it (config merged key by key): what a dry run shows instead of the answer. */
export function applyPatch(current: ApiObject, body: Readonly<Record<string, unknown>>): ApiObject {
  const merged: ApiObject = { ...current, ...body };
  if (isRecord(body.config)) merged.config = { ...(isRecord(current.config) ? current.config : {}), ...body.config };
  return merged;
}
