/**
 * How long a `Retry-After` header asks to wait, in ms: integer (or decimal) seconds or an HTTP-date.
 * Undefined when the header is missing or unreadable, so the caller falls back to backoff.
 * @example parseRetryAfter('30', Date.now) // 30000
 */
export function parseRetryAfter(value: string | undefined, now: () => number): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP-date always names a weekday or month; this keeps Date.parse from reading '-5' as a year.
  if (!/[a-z]/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now());
}
