/** What is done to a connection besides CRUD: sync, resync, setup tests, connect card, SDK state. */
import { createHash } from 'node:crypto';
import { findConnection, param } from '../context.js';
import type { RequestContext } from '../context.js';
import { renderConnection } from '../domain/render.js';
import { assertResyncScope } from '../domain/schema-config.js';
import { testConnection } from '../domain/setup-tests.js';
import { startSync, triggerResync, triggerSync } from '../domain/sync.js';
import { done, ok } from '../http/envelope.js';
import type { Reply } from '../http/envelope.js';
import { conflict, HttpProblem, invalidInput } from '../http/problem.js';
import type { ConnectionRecord, JsonObject } from '../state/types.js';
import { testRun, validBody } from './common.js';
import { SETUP_TEST } from './route.js';
import type { RouteDef } from './route.js';

const RESYNC_MESSAGE = 'Re-sync has been triggered successfully';
/** Services whose connections keep a cursor state (`/state`): Connector SDK and function connectors. */
const STATEFUL_SERVICES = new Set(['connector_sdk', 'aws_lambda']);

function connection(ctx: RequestContext): ConnectionRecord {
  return findConnection(ctx, param(ctx, 'connectionId'));
}

function sync(ctx: RequestContext, force: boolean): Reply {
  const target = connection(ctx);
  triggerSync(target, force, ctx.now, ctx.sandbox.options.syncDurationMs);
  ctx.sandbox.record('sync_triggered');
  return done(`Sync has been successfully triggered for connection with id '${target.id}'`);
}

function syncWithBody(ctx: RequestContext): Reply {
  return sync(ctx, validBody(ctx).force === true);
}

function assertIdle(target: ConnectionRecord): void {
  if (target.run) throw conflict(`Connection with id '${target.id}' is syncing; wait for the sync to finish before a resync`);
}

function resync(ctx: RequestContext): Reply {
  const target = connection(ctx);
  const body = validBody(ctx);
  if (body.scope !== undefined) assertResyncScope(target, body.scope as JsonObject);
  assertIdle(target);
  triggerResync(target, ctx.now, ctx.sandbox.options.syncDurationMs);
  ctx.sandbox.record('resync_triggered');
  return done(RESYNC_MESSAGE);
}

function resyncTables(ctx: RequestContext, scope: JsonObject): Reply {
  const target = connection(ctx);
  assertResyncScope(target, scope);
  if (!target.paused && !target.run) startSync(target, ctx.now, ctx.sandbox.options.syncDurationMs);
  ctx.sandbox.record('resync_triggered');
  return done(RESYNC_MESSAGE);
}

function test(ctx: RequestContext): Reply {
  const target = connection(ctx);
  if (ctx.body === undefined) throw invalidInput('Request body is required; send {} to run the tests without trusting anything');
  const body = validBody(ctx, true);
  testConnection(target, testRun(ctx, body));
  ctx.sandbox.record('connection_tested');
  return ok(renderConnection(target, true), 'Setup tests have been completed');
}

function connectCard(ctx: RequestContext): Reply {
  const target = connection(ctx);
  const body = validBody(ctx, true);
  const cardConfig = body.connect_card_config as JsonObject;
  const token = createHash('sha256').update(`${target.id}:${ctx.now}`).digest('base64url');
  ctx.sandbox.record('connect_card_created');
  return ok({
    connector_id: target.id,
    connect_card: { token, uri: `https://fivetran.com/connect-card/setup?auth=${token}` },
    connect_card_config: cardConfig,
  });
}

function statefulConnection(ctx: RequestContext): ConnectionRecord {
  const target = connection(ctx);
  if (!STATEFUL_SERVICES.has(target.service)) {
    throw new HttpProblem(405, 'MethodNotAllowed', `Connection with id '${target.id}' (${target.service}) has no state; only Connector SDK and function connections do`);
  }
  return target;
}

function getState(ctx: RequestContext): Reply {
  return ok({ state: statefulConnection(ctx).sdk_state ?? {} });
}

function patchState(ctx: RequestContext): Reply {
  const target = statefulConnection(ctx);
  const body = validBody(ctx, true);
  if (target.run) throw conflict(`Connection with id '${target.id}' is syncing; pause it and wait before changing its state`);
  target.sdk_state = (body.state ?? {}) as JsonObject;
  ctx.sandbox.record('state_updated');
  return ok({ state: target.sdk_state }, 'Connection state has been updated');
}

export const CONNECTION_ACTION_ROUTES: RouteDef[] = [
  { method: 'POST', path: '/v1/connections/{connectionId}/sync', handler: syncWithBody },
  // go-fivetran still calls the older alias, with no body; it forces the sync.
  { method: 'POST', path: '/v1/connections/{connectionId}/force', handler: (ctx) => sync(ctx, true) },
  { method: 'POST', path: '/v1/connections/{connectionId}/resync', handler: resync },
  {
    method: 'POST',
    path: '/v1/connections/{connectionId}/schemas/tables/resync',
    handler: (ctx) => resyncTables(ctx, validBody(ctx, true)),
  },
  // go-fivetran's per-table form, not in the definition.
  {
    method: 'POST',
    path: '/v1/connections/{connectionId}/schemas/{schemaName}/tables/{tableName}/resync',
    handler: (ctx) => resyncTables(ctx, { [param(ctx, 'schemaName')]: [param(ctx, 'tableName')] }),
  },
  { method: 'POST', path: '/v1/connections/{connectionId}/test', handler: test, classes: () => SETUP_TEST },
  { method: 'POST', path: '/v1/connections/{connectionId}/connect-card', handler: connectCard },
  { method: 'GET', path: '/v1/connections/{connectionId}/state', handler: getState },
  { method: 'PATCH', path: '/v1/connections/{connectionId}/state', handler: patchState },
];
