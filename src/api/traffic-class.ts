import type { HttpMethod } from './client-types.js';

/**
 * Fivetran's rate-limit classes (CONTRACT.md §4.1). Every request is in `all`; setup tests are also source
 * interactions, because Fivetran counts them in both budgets.
 */
export type TrafficClass = 'all' | 'source' | 'setup-test' | 'user-create' | 'private-link-create';

export const TRAFFIC_CLASSES: readonly TrafficClass[] = ['all', 'source', 'setup-test', 'user-create', 'private-link-create'];

/** The classes one request counts against. `relative` is the path without base or leading slash. */
export function classifyRequest(method: HttpMethod, relative: string, body: unknown): TrafficClass[] {
  const segments = relative.split('/');
  const classes: TrafficClass[] = ['all'];
  if (isSetupTest(method, segments, body)) classes.push('source', 'setup-test');
  else if (isSourceInteraction(method, segments)) classes.push('source');
  if (method === 'POST' && segments.length === 1 && segments[0] === 'users') classes.push('user-create');
  if (method === 'POST' && segments.length === 1 && segments[0] === 'private-links') classes.push('private-link-create');
  return classes;
}

/** Create/update of a connection or destination (setup tests run unless `run_setup_tests: false`), or `/test`. */
function isSetupTest(method: HttpMethod, segments: string[], body: unknown): boolean {
  const [resource, , action] = segments;
  if (resource !== 'connections' && resource !== 'destinations') return false;
  if (method === 'POST' && segments.length === 3 && action === 'test') return true;
  const createOrUpdate = (method === 'POST' && segments.length === 1) || (method === 'PATCH' && segments.length === 2);
  return createOrUpdate && !setupTestsDisabled(body);
}

function setupTestsDisabled(body: unknown): boolean {
  if (body === null || typeof body !== 'object') return false;
  const flag = (body as { run_setup_tests?: unknown }).run_setup_tests;
  return flag === false || flag === 'false';
}

/** Schema reload and the live table-columns read reach into the source. */
function isSourceInteraction(method: HttpMethod, segments: string[]): boolean {
  if (segments[0] !== 'connections' || segments[2] !== 'schemas') return false;
  if (method === 'POST' && segments.length === 4 && segments[3] === 'reload') return true;
  return method === 'GET' && segments.length === 7 && segments[4] === 'tables' && segments[6] === 'columns';
}
