/** Destinations: one per group, id equal to the group id (CONTRACT §6.8). */
import { subsetValidator } from '../../openapi/validator.js';
import { destinationService } from '../catalogue/services.js';
import { findDestination, param } from '../context.js';
import type { RequestContext } from '../context.js';
import { renderDestination } from '../domain/render.js';
import { MASK } from '../domain/secrets.js';
import { refreshPresented, testDestination } from '../domain/setup-tests.js';
import { emptyTrust } from '../domain/trust.js';
import { created, done, listed, ok } from '../http/envelope.js';
import type { Reply } from '../http/envelope.js';
import { conflict, HttpProblem, invalidInput } from '../http/problem.js';
import type { DestinationRecord, JsonObject } from '../state/types.js';
import { pageOf, testRun, validBody } from './common.js';
import { setupTestsWhen, SETUP_TEST } from './route.js';
import type { RouteDef } from './route.js';

function list(ctx: RequestContext): Reply {
  const store = ctx.sandbox.store;
  return listed(pageOf(ctx, store.destinations.ids(), (id) => renderDestination(store.destinations.get(id) as DestinationRecord, 'list')));
}

function create(ctx: RequestContext): Reply {
  const body = validBody(ctx, true);
  const service = String(body.service);
  if (!destinationService(service)) throw invalidInput(`Unsupported service '${service}'`);
  const groupId = String(body.group_id);
  const store = ctx.sandbox.store;
  if (!store.groups.has(groupId)) throw new HttpProblem(404, 'NotFound', `Destination with id ${groupId} not found`);
  if (store.destinations.has(groupId)) throw conflict(`Group '${groupId}' already has a destination`);
  const destination: DestinationRecord = {
    id: groupId,
    group_id: groupId,
    service,
    region: typeof body.region === 'string' ? body.region : 'GCP_US_EAST4',
    time_zone_offset: String(body.time_zone_offset),
    daylight_saving_time_enabled: body.daylight_saving_time_enabled === true,
    setup_status: 'incomplete',
    networking_method: typeof body.networking_method === 'string' ? body.networking_method : 'Directly',
    private_link_id: typeof body.private_link_id === 'string' ? body.private_link_id : null,
    hybrid_deployment_agent_id: typeof body.hybrid_deployment_agent_id === 'string' ? body.hybrid_deployment_agent_id : null,
    proxy_agent_id: typeof body.proxy_agent_id === 'string' ? body.proxy_agent_id : null,
    config: { ...((body.config ?? {}) as JsonObject) },
    setup_tests: [],
    trust: emptyTrust(),
  };
  refreshPresented(destination.trust, destination.config, true);
  const runTests = body.run_setup_tests !== false;
  if (runTests) testDestination(destination, testRun(ctx, body));
  store.destinations.add(destination);
  ctx.sandbox.record('destination_created');
  return created(renderDestination(destination, runTests ? 'tested' : 'details'), 'Destination has been created');
}

/** Config after a PATCH, merged key by key and checked against the service's config schema. */
function mergedConfig(destination: DestinationRecord, patch: JsonObject): JsonObject {
  const merged: JsonObject = { ...destination.config };
  for (const [key, value] of Object.entries(patch)) if (!(value === MASK && key in destination.config)) merged[key] = value;
  const probe = { service: destination.service, group_id: destination.group_id, time_zone_offset: destination.time_zone_offset, config: merged };
  const issue = subsetValidator().validateRequest('POST', '/v1/destinations', probe).find((i) => i.pointer.startsWith('/config'));
  if (issue) throw invalidInput(issue.message);
  return merged;
}

function update(ctx: RequestContext): Reply {
  const destination = findDestination(ctx, param(ctx, 'destinationId'));
  const body = validBody(ctx, true);
  if (Object.keys(body).length === 0) throw invalidInput('At least one field to update is required');
  if (body.config !== undefined) {
    destination.config = mergedConfig(destination, body.config as JsonObject);
    refreshPresented(destination.trust, destination.config, true);
  }
  if (typeof body.region === 'string') destination.region = body.region;
  if (typeof body.time_zone_offset === 'string') destination.time_zone_offset = body.time_zone_offset;
  if (typeof body.daylight_saving_time_enabled === 'boolean') destination.daylight_saving_time_enabled = body.daylight_saving_time_enabled;
  if (typeof body.networking_method === 'string') destination.networking_method = body.networking_method;
  for (const key of ['private_link_id', 'hybrid_deployment_agent_id', 'proxy_agent_id'] as const) {
    if (typeof body[key] === 'string') destination[key] = body[key];
  }
  const runTests = body.run_setup_tests === true;
  if (runTests) testDestination(destination, testRun(ctx, body));
  ctx.sandbox.record('destination_updated');
  return ok(renderDestination(destination, runTests ? 'tested' : 'details'), 'Destination has been updated');
}

function remove(ctx: RequestContext): Reply {
  const destination = findDestination(ctx, param(ctx, 'destinationId'));
  if (ctx.sandbox.store.connectionIdsOfGroup(destination.group_id).length > 0) {
    throw conflict(`Destination with id '${destination.id}' cannot be deleted while its group has connections`);
  }
  ctx.sandbox.store.destinations.remove(destination.id);
  ctx.sandbox.record('destination_deleted');
  return done(`Destination with id '${destination.id}' has been deleted`);
}

function test(ctx: RequestContext): Reply {
  const destination = findDestination(ctx, param(ctx, 'destinationId'));
  const body = validBody(ctx);
  testDestination(destination, testRun(ctx, body));
  ctx.sandbox.record('destination_tested');
  return ok(renderDestination(destination, 'tested'), 'Setup tests were completed');
}

export const DESTINATION_ROUTES: RouteDef[] = [
  { method: 'GET', path: '/v1/destinations', handler: list },
  { method: 'POST', path: '/v1/destinations', handler: create, classes: setupTestsWhen(true) },
  { method: 'GET', path: '/v1/destinations/{destinationId}', handler: (ctx) => ok(renderDestination(findDestination(ctx, param(ctx, 'destinationId')), 'details')) },
  { method: 'PATCH', path: '/v1/destinations/{destinationId}', handler: update, classes: setupTestsWhen(false) },
  { method: 'DELETE', path: '/v1/destinations/{destinationId}', handler: remove },
  { method: 'POST', path: '/v1/destinations/{destinationId}/test', handler: test, classes: () => SETUP_TEST },
];
