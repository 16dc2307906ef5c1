/**
 * The sandbox's route table, precompiled into a segment trie once per server. Legacy
 * `/v1/connectors…` spellings are registered as aliases of the current routes only when asked for.
 */
import { PathTemplates } from '../../openapi/path-template.js';
import { CERTIFICATE_ROUTES } from './certificates.js';
import { CONNECTION_ACTION_ROUTES } from './connection-actions.js';
import { CONNECTION_ROUTES } from './connections.js';
import { DESTINATION_ROUTES } from './destinations.js';
import { GROUP_ROUTES } from './groups.js';
import { METADATA_ROUTES } from './metadata.js';
import { PEOPLE_ROUTES } from './people.js';
import type { RouteDef } from './route.js';
import { SCHEMA_ROUTES } from './schemas.js';
import { WEBHOOK_ROUTES } from './webhooks.js';

export const ALL_ROUTES: readonly RouteDef[] = [
  ...GROUP_ROUTES,
  ...CONNECTION_ROUTES,
  ...CONNECTION_ACTION_ROUTES,
  ...SCHEMA_ROUTES,
  ...CERTIFICATE_ROUTES,
  ...DESTINATION_ROUTES,
  ...METADATA_ROUTES,
  ...PEOPLE_ROUTES,
  ...WEBHOOK_ROUTES,
];

/** A matched route with what the server needs to know about it. */
export interface RouteEntry {
  def: RouteDef;
  /** The template as registered (legacy spelling for aliases), used in stats. */
  template: string;
  /** The definition's template, used to validate the request body. */
  specTemplate: string;
  legacy: boolean;
}

/** The legacy spelling of a current path (`connections` → `connectors`), or undefined if it has none. */
export function legacyTemplate(path: string): string | undefined {
  const legacy = path
    .split('/')
    .map((segment) => (segment === 'connections' ? 'connectors' : segment === 'connector-types' ? 'connectors' : segment))
    .join('/');
  return legacy === path ? undefined : legacy;
}

/** Compiles the route table; with `alias`, legacy paths route to the same handlers. */
export function buildRouter(legacyPaths: '404' | 'alias'): PathTemplates<RouteEntry> {
  const router = new PathTemplates<RouteEntry>();
  const alias = legacyPaths === 'alias';
  for (const def of ALL_ROUTES) {
    const specTemplate = def.spec ?? def.path;
    if (def.legacyOnly) {
      if (alias) router.add(def.method, def.path, { def, template: def.path, specTemplate, legacy: true });
      continue;
    }
    router.add(def.method, def.path, { def, template: def.path, specTemplate, legacy: false });
    const legacy = alias ? legacyTemplate(def.path) : undefined;
    if (legacy) router.add(def.method, legacy, { def, template: legacy, specTemplate, legacy: true });
  }
  return router;
}
