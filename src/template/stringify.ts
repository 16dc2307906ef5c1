/**
 * How a value is written into text when an expression is embedded in a longer string
 * (`"copy_${{ item.id }}"`): strings as they are, numbers in JavaScript's shortest exact form, bools
 * as `true`/`false`, null as nothing (an absent value leaves no `null` in names or paths), lists
 * and maps as compact JSON.
 */

/** Text for an embedded expression's JSON value. */
export function stringifyEmbedded(value: unknown): string {
  return value !== null && typeof value === 'object' ? JSON.stringify(value) : stringifyScalar(value);
}

/** Text for a scalar JSON value (string, number, bool, null). */
export function stringifyScalar(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  return String(value);
}
