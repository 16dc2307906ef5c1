/** Schema config routes: get, pre-create, reload, patch at every level, live columns, drop columns. */
import { findConnection, param } from '../context.js';
import type { RequestContext } from '../context.js';
import {
  createSchemaConfig,
  dropColumns,
  liveColumns,
  patchColumn,
  patchSchema,
  patchSchemaConfig,
  patchTable,
  reloadSchemaConfig,
  renderSchemaConfig,
  requireSchemaConfig,
} from '../domain/schema-config.js';
import { done, ok } from '../http/envelope.js';
import type { Reply } from '../http/envelope.js';
import { conflict, invalidInput } from '../http/problem.js';
import type { ConnectionRecord, JsonObject } from '../state/types.js';
import { validBody } from './common.js';
import { SOURCE } from './route.js';
import type { RouteDef } from './route.js';

function connection(ctx: RequestContext): ConnectionRecord {
  return findConnection(ctx, param(ctx, 'connectionId'));
}

/** Runs a change on a copy of the config, so a request that fails half-way changes nothing. */
function atomically(target: ConnectionRecord, change: () => void): void {
  const before = structuredClone(target.schema_config);
  try {
    change();
  } catch (error) {
    target.schema_config = before;
    throw error;
  }
}

function patched(ctx: RequestContext, change: (target: ConnectionRecord, body: JsonObject) => void): Reply {
  const target = connection(ctx);
  const body = validBody(ctx, true);
  atomically(target, () => change(target, body));
  ctx.sandbox.record('schema_patched');
  return ok(renderSchemaConfig(requireSchemaConfig(target)), 'Connection schema config has been updated');
}

function get(ctx: RequestContext): Reply {
  return ok(renderSchemaConfig(requireSchemaConfig(connection(ctx))));
}

function create(ctx: RequestContext): Reply {
  const target = connection(ctx);
  const body = validBody(ctx, true);
  if (target.schema_config) throw conflict(`Connection with id '${target.id}' already has a schema config; use PATCH to change it`);
  createSchemaConfig(target, body);
  ctx.sandbox.record('schema_created');
  return ok(renderSchemaConfig(requireSchemaConfig(target)), 'Connection schema config has been created');
}

function reload(ctx: RequestContext): Reply {
  const target = connection(ctx);
  const body = validBody(ctx);
  const mode = body.exclude_mode ?? 'PRESERVE';
  if (mode !== 'PRESERVE' && mode !== 'EXCLUDE') throw invalidInput("Field 'exclude_mode' must be one of: PRESERVE, EXCLUDE");
  reloadSchemaConfig(target, mode === 'EXCLUDE');
  ctx.sandbox.record('schema_reloaded');
  return ok(renderSchemaConfig(requireSchemaConfig(target)), 'Connection schema config has been reloaded');
}

function columns(ctx: RequestContext): Reply {
  const target = connection(ctx);
  if (target.status.setup_state !== 'connected') {
    throw invalidInput(`Connection with id '${target.id}' is not connected; columns can only be read from a connected source`);
  }
  return ok({ columns: liveColumns(target, param(ctx, 'schema'), param(ctx, 'table')) });
}

function dropOne(ctx: RequestContext): Reply {
  const target = connection(ctx);
  atomically(target, () => dropColumns(target, { [param(ctx, 'schemaName')]: { [param(ctx, 'tableName')]: [param(ctx, 'columnName')] } }));
  ctx.sandbox.record('columns_dropped');
  return done(`Column '${param(ctx, 'columnName')}' has been dropped`);
}

function dropMany(ctx: RequestContext): Reply {
  const target = connection(ctx);
  const body = validBody(ctx, true);
  const request: Record<string, Record<string, string[]>> = {};
  for (const [schemaName, schema] of Object.entries(body.schemas as Record<string, { tables: Record<string, { columns: string[] }> }>)) {
    request[schemaName] = Object.fromEntries(Object.entries(schema.tables).map(([table, t]) => [table, t.columns]));
  }
  let count = 0;
  atomically(target, () => (count = dropColumns(target, request)));
  ctx.sandbox.record('columns_dropped');
  return done(`${count} column(s) have been dropped`);
}

const BASE = '/v1/connections/{connectionId}/schemas';

export const SCHEMA_ROUTES: RouteDef[] = [
  { method: 'GET', path: BASE, handler: get },
  { method: 'POST', path: BASE, handler: create },
  { method: 'PATCH', path: BASE, handler: (ctx) => patched(ctx, patchSchemaConfig) },
  { method: 'POST', path: `${BASE}/reload`, handler: reload, classes: () => SOURCE },
  { method: 'POST', path: `${BASE}/drop-columns`, handler: dropMany },
  {
    method: 'PATCH',
    path: `${BASE}/{schemaName}`,
    handler: (ctx) => patched(ctx, (target, body) => patchSchema(target, param(ctx, 'schemaName'), body)),
  },
  {
    method: 'PATCH',
    path: `${BASE}/{schemaName}/tables/{tableName}`,
    handler: (ctx) => patched(ctx, (target, body) => patchTable(target, param(ctx, 'schemaName'), param(ctx, 'tableName'), body)),
  },
  {
    method: 'PATCH',
    path: `${BASE}/{schemaName}/tables/{tableName}/columns/{columnName}`,
    handler: (ctx) =>
      patched(ctx, (target, body) => patchColumn(target, param(ctx, 'schemaName'), param(ctx, 'tableName'), param(ctx, 'columnName'), body)),
  },
  { method: 'DELETE', path: `${BASE}/{schemaName}/tables/{tableName}/columns/{columnName}`, handler: dropOne },
  { method: 'GET', path: `${BASE}/{schema}/tables/{table}/columns`, handler: columns, classes: () => SOURCE },
];
