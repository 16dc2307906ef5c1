/** Milliseconds since the epoch; injectable so tests move time instead of sleeping. */
export type Clock = () => number;

/** ISO-8601 UTC timestamp of a clock reading, as Fivetran formats `created_at`. */
export function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}
