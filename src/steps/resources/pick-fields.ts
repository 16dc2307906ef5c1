const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * A copy of an object holding only the given fields, dotted paths kept nested as in the original,
 * so `item.status.sync_state` still reads the same; paths the object lacks are left out.
 * @example pickFields({ id: 'a', status: { sync_state: 's', tasks: [] } }, ['id', 'status.sync_state']) // { id: 'a', status: { sync_state: 's' } }
 */
export function pickFields(object: unknown, paths: readonly string[]): unknown {
  if (!isRecord(object)) return object;
  const picked: Record<string, unknown> = {};
  for (const path of paths) {
    const parts = path.split('.');
    let source: unknown = object;
    let found = true;
    for (const part of parts) {
      if (!isRecord(source) || !Object.hasOwn(source, part)) {
        found = false;
        break;
      }
      source = source[part];
    }
    if (found) place(picked, parts, source);
  }
  return picked;
}

/** Sets `value` at `parts` below `target`, defining properties so no name (not even `__proto__`) is special. */
function place(target: Record<string, unknown>, parts: readonly string[], value: unknown): void {
  let node = target;
  parts.forEach((part, index) => {
    if (index === parts.length - 1) {
      Object.defineProperty(node, part, { value, enumerable: true, writable: true, configurable: true });
      return;
    }
    const next = Object.hasOwn(node, part) && isRecord(node[part]) ? (node[part] as Record<string, unknown>) : {};
    Object.defineProperty(node, part, { value: next, enumerable: true, writable: true, configurable: true });
    node = next;
  });
}
