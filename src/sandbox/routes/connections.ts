/** Connection CRUD: account-wide and per-group lists, details, create, update, delete. */
import { findConnection, findGroup, nowIso, param } from '../context.js';
import type { RequestContext } from '../context.js';
import { buildConnection, connectionName, supportedService, updateConnection } from '../domain/connections.js';
import { renderConnection } from '../domain/render.js';
import { settle } from '../domain/sync.js';
import { created, done, listed, ok } from '../http/envelope.js';
import type { Reply } from '../http/envelope.js';
import { conflict, HttpProblem } from '../http/problem.js';
import type { ConnectionRecord, JsonObject } from '../state/types.js';
import { pageOf, testRun, validBody } from './common.js';
import { setupTestsWhen } from './route.js';
import type { RouteDef } from './route.js';

const LIST_MESSAGE = 'Connections list retrieved successfully';

function render(ctx: RequestContext): (id: string) => JsonObject {
  const store = ctx.sandbox.store;
  return (id) => renderConnection(settle(store.connections.get(id) as ConnectionRecord, ctx.now));
}

/** Ids matching the `group_id` and exact `schema` filters, in creation order. */
function filteredIds(ctx: RequestContext, groupId: string | null): readonly string[] {
  const store = ctx.sandbox.store;
  const schema = ctx.query.get('schema');
  if (groupId !== null && schema) {
    const id = store.connectionIdBySchema(groupId, schema);
    return id ? [id] : [];
  }
  if (groupId !== null) return store.connectionIdsOfGroup(groupId);
  if (schema) return store.connections.ids().filter((id) => store.connections.get(id)?.schema === schema);
  return store.connections.ids();
}

function listAll(ctx: RequestContext): Reply {
  const groupId = ctx.query.get('group_id');
  return listed(pageOf(ctx, filteredIds(ctx, groupId || null), render(ctx)), LIST_MESSAGE);
}

function listOfGroup(ctx: RequestContext): Reply {
  const group = findGroup(ctx, param(ctx, 'groupId'));
  return listed(pageOf(ctx, filteredIds(ctx, group.id), render(ctx)), LIST_MESSAGE);
}

function details(ctx: RequestContext): Reply {
  return ok(renderConnection(findConnection(ctx, param(ctx, 'connectionId'))));
}

function create(ctx: RequestContext): Reply {
  const body = validBody(ctx, true);
  const entry = supportedService(String(body.service));
  const name = connectionName(entry.id, (body.config ?? {}) as JsonObject);
  const groupId = String(body.group_id);
  const store = ctx.sandbox.store;
  if (!store.groups.has(groupId)) throw new HttpProblem(404, 'NotFound_Group', `Group with id '${groupId}' not found`);
  if (store.connectionIdBySchema(groupId, name)) {
    throw conflict(`Connection with schema name '${name}' already exists in group '${groupId}'`);
  }
  const connection = buildConnection(body, name, entry, {
    id: ctx.sandbox.ids.next(),
    connectedBy: store.account.user_id,
    createdAt: nowIso(ctx),
    now: ctx.now,
    syncDurationMs: ctx.sandbox.options.syncDurationMs,
    run: testRun(ctx, body),
  });
  store.addConnection(connection);
  ctx.sandbox.record('connection_created');
  return created(renderConnection(connection, true), 'Connection has been created');
}

function update(ctx: RequestContext): Reply {
  const connection = findConnection(ctx, param(ctx, 'connectionId'));
  const body = validBody(ctx, true);
  const ranTests = updateConnection(connection, body, ctx.now, ctx.sandbox.options.syncDurationMs, testRun(ctx, body));
  ctx.sandbox.record('connection_updated');
  return ok(renderConnection(connection, ranTests), 'Connection has been updated');
}

function remove(ctx: RequestContext): Reply {
  const connection = findConnection(ctx, param(ctx, 'connectionId'));
  ctx.sandbox.store.removeConnection(connection.id);
  ctx.sandbox.record('connection_deleted');
  return done(`Connection with id '${connection.id}' has been deleted`);
}

export const CONNECTION_ROUTES: RouteDef[] = [
  { method: 'GET', path: '/v1/connections', handler: listAll },
  { method: 'POST', path: '/v1/connections', handler: create, classes: setupTestsWhen(true) },
  { method: 'GET', path: '/v1/connections/{connectionId}', handler: details },
  { method: 'PATCH', path: '/v1/connections/{connectionId}', handler: update, classes: setupTestsWhen(false) },
  { method: 'DELETE', path: '/v1/connections/{connectionId}', handler: remove },
  { method: 'GET', path: '/v1/groups/{groupId}/connections', handler: listOfGroup },
];
