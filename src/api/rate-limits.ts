import { UsageError } from '../errors.js';
import type { TrafficClass } from './traffic-class.js';

/** Most requests per rolling window; any subset. */
export interface WindowLimits {
  perSecond?: number;
  perMinute?: number;
  perHour?: number;
}

/**
 * Budgets of the client. `perSecond`/`perMinute`/`perHour` at the top level limit `all` requests;
 * `classes` sets (or, with `false`, removes) the limits of one traffic class.
 * @example { perSecond: 200 } // at most 200 requests in any second
 */
export interface RateLimitOptions extends WindowLimits {
  classes?: Partial<Record<TrafficClass, WindowLimits | false>>;
}

/** The documented paid-tier limits (CONTRACT.md §4.1), used against api.fivetran.com unless overridden. */
export const FIVETRAN_LIMITS: Readonly<Record<TrafficClass, WindowLimits>> = {
  all: { perHour: 20_000 },
  source: { perMinute: 500, perHour: 5_000 },
  'setup-test': { perMinute: 250, perHour: 2_500 },
  'user-create': { perHour: 500 },
  'private-link-create': { perHour: 5 },
};

const WINDOW_MS: Record<keyof WindowLimits, number> = { perSecond: 1_000, perMinute: 60_000, perHour: 3_600_000 };

/** One rolling-window budget of one traffic class. */
export interface WindowBudget {
  trafficClass: TrafficClass;
  limit: number;
  windowMs: number;
}

/**
 * The budgets in force: Fivetran's documented limits when talking to Fivetran (`fivetranDefaults`), none
 * otherwise, then the caller's overrides on top.
 */
export function resolveBudgets(options: RateLimitOptions | false | undefined, fivetranDefaults: boolean): WindowBudget[] {
  if (options === false) return [];
  const perClass = new Map<TrafficClass, WindowLimits>();
  if (fivetranDefaults) for (const [name, limits] of Object.entries(FIVETRAN_LIMITS)) perClass.set(name as TrafficClass, limits);
  const top = pickLimits(options ?? {});
  if (Object.keys(top).length > 0) perClass.set('all', { ...perClass.get('all'), ...top });
  for (const [name, limits] of Object.entries(options?.classes ?? {})) {
    if (limits === false) perClass.delete(name as TrafficClass);
    else if (limits) perClass.set(name as TrafficClass, { ...perClass.get(name as TrafficClass), ...pickLimits(limits) });
  }
  const budgets: WindowBudget[] = [];
  for (const [trafficClass, limits] of perClass) {
    for (const key of Object.keys(WINDOW_MS) as Array<keyof WindowLimits>) {
      const limit = limits[key];
      if (limit === undefined) continue;
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`rate limit ${trafficClass}.${key} must be a positive integer, got ${limit}`);
      budgets.push({ trafficClass, limit, windowMs: WINDOW_MS[key] });
    }
  }
  return budgets;
}

function pickLimits(limits: WindowLimits): WindowLimits {
  const out: WindowLimits = {};
  if (limits.perSecond !== undefined) out.perSecond = limits.perSecond;
  if (limits.perMinute !== undefined) out.perMinute = limits.perMinute;
  if (limits.perHour !== undefined) out.perHour = limits.perHour;
  return out;
}
