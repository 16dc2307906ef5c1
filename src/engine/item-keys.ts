import { createHash } from 'node:crypto';

/**
 * A stable key per fan-out item, used by the journal to recognise finished items on resume.
 * `explicit` keys come from the step's `key:` expression; otherwise an `id`, then a `name`, then the
 * scalar itself, then a content hash. Duplicates get `#<index>` so every key stays unique.
 */
export function itemKeys(items: readonly unknown[], explicit?: readonly unknown[]): string[] {
  const seen = new Map<string, number>();
  return items.map((item, index) => {
    const base = explicit ? String(explicit[index]) : naturalKey(item);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    return count === 0 ? base : `${base}#${index}`;
  });
}

function naturalKey(item: unknown): string {
  if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') return String(item);
  if (item && typeof item === 'object' && !Array.isArray(item)) {
    const record = item as Record<string, unknown>;
    if (typeof record.id === 'string' || typeof record.id === 'number') return String(record.id);
    if (typeof record.name === 'string') return record.name;
  }
  return `sha1:${createHash('sha1').update(JSON.stringify(item) ?? 'null').digest('hex').slice(0, 12)}`;
}
