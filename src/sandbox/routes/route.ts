/** A route of the sandbox: method, path template, handler, and the traffic classes it draws from. */
import type { RequestContext } from '../context.js';
import type { Reply } from '../http/envelope.js';
import type { TrafficClass } from '../rate-limit.js';
import { isJsonObject } from '../validation.js';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RouteDef {
  method: HttpMethod;
  /** The template served, e.g. `/v1/connections/{connectionId}`. */
  path: string;
  /** The definition's template for request validation, when it differs from `path` (aliases). */
  spec?: string;
  handler: (ctx: RequestContext) => Reply;
  /** Rate-limit classes besides the overall one. */
  classes?: (ctx: RequestContext) => TrafficClass[];
  /** Only served when legacy paths are aliased (the old Metadata API, older approval paths). */
  legacyOnly?: boolean;
}

/** Setup-test traffic (counts as source interaction too, CONTRACT §4.1). */
export const SETUP_TEST: TrafficClass[] = ['setupTest', 'source'];
export const SOURCE: TrafficClass[] = ['source'];

/** Creates and updates run setup tests when `run_setup_tests` is true (creates: also when omitted). */
export function setupTestsWhen(defaultOn: boolean): (ctx: RequestContext) => TrafficClass[] {
  return (ctx) => {
    const value = isJsonObject(ctx.body) ? ctx.body.run_setup_tests : undefined;
    const on = value === undefined ? defaultOn : value === true || value === 'true';
    return on ? SETUP_TEST : [];
  };
}
