/** What is known just before a sync or resync is triggered. */
export interface TriggerClock {
  /** Our clock, read just before the call. */
  localNow: number;
  /** The server's `Date` header from the read just before (whole seconds), when it sent one. */
  serverDate?: string | undefined;
  /** The connection's `succeeded_at` and `failed_at` as read just before. */
  lastFinishes: readonly (string | null | undefined)[];
}

/**
 * The instant a sync counts as triggered, comparable with the server's `succeeded_at`/`failed_at`:
 * no later than the server's own clock (ours may run ahead of it), and past every finish seen
 * before the trigger, so a wait can never mistake the previous sync for this one.
 * @example triggerTime({ localNow: Date.parse('2026-01-01T00:00:05Z'), lastFinishes: ['2026-01-01T00:00:06Z'] }) // '2026-01-01T00:00:06.001Z'
 */
export function triggerTime(clock: TriggerClock): string {
  let at = clock.localNow;
  const server = clock.serverDate === undefined ? NaN : Date.parse(clock.serverDate);
  if (Number.isFinite(server)) at = Math.min(at, server);
  for (const finish of clock.lastFinishes) {
    const finished = typeof finish === 'string' ? Date.parse(finish) : NaN;
    if (Number.isFinite(finished)) at = Math.max(at, finished + 1);
  }
  return new Date(at).toISOString();
}

/** True when `timestamp` (a `succeeded_at`/`failed_at`) is at or after `since`. */
export function isAtOrAfter(timestamp: unknown, since: number): boolean {
  if (typeof timestamp !== 'string') return false;
  const at = Date.parse(timestamp);
  return Number.isFinite(at) && at >= since;
}
