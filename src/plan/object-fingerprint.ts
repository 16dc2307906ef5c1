import { createHash } from 'node:crypto';

/**
 * Fields that change on their own (a sync finishing, setup tests running): a difference there is
 * not a change someone made, so drift checks leave them out.
 */
const VOLATILE_FIELDS = new Set(['status', 'succeeded_at', 'failed_at', 'setup_tests', 'setup_status', 'source_sync_details', 'service_version']);

/** Stands for a field the shape has and the object lacks. */
const ABSENT = '<absent>';

/**
 * `object` cut to the fields `shape` has (recursively), without volatile top-level fields. The
 * shape is what a step read at plan time; an object read later may carry more (a full GET after a
 * list item), which must not count as a change.
 */
export function project(object: unknown, shape: unknown, top = true): unknown {
  if (!isRecord(shape) || !isRecord(object)) return object === undefined ? ABSENT : object;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(shape).sort()) {
    if (top && VOLATILE_FIELDS.has(key)) continue;
    out[key] = key in object ? project(object[key], shape[key], false) : ABSENT;
  }
  return out;
}

/** sha256 of `object` projected onto `shape`, as stable JSON (sorted keys). */
export function fingerprint(object: unknown, shape: unknown): string {
  return createHash('sha256').update(stableJson(project(object, shape))).digest('hex');
}

/** Dotted paths where two projections differ, with both values, for a drift report. */
export function differences(before: unknown, now: unknown, path = ''): { path: string; before: unknown; now: unknown }[] {
  if (isRecord(before) && isRecord(now)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(now)])].sort();
    return keys.flatMap((key) => differences(before[key], now[key], path ? `${path}.${key}` : key));
  }
  return stableJson(before) === stableJson(now) ? [] : [{ path: path || '(object)', before, now }];
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (isRecord(value)) return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${stableJson(value[key])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
