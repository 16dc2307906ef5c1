/** Webhooks (account and group level); secrets are stored and never shown. */
import { findGroup, findWebhook, nowIso, param } from '../context.js';
import type { RequestContext } from '../context.js';
import { renderWebhook } from '../domain/render.js';
import { done, listed, ok } from '../http/envelope.js';
import type { Reply } from '../http/envelope.js';
import type { WebhookRecord } from '../state/types.js';
import { pageOf, validBody } from './common.js';
import type { RouteDef } from './route.js';

function create(ctx: RequestContext, groupId: string | null): Reply {
  const body = validBody(ctx, true);
  const webhook: WebhookRecord = {
    id: ctx.sandbox.ids.next(),
    type: groupId === null ? 'account' : 'group',
    group_id: groupId,
    url: String(body.url),
    events: (body.events as string[]).map(String),
    active: body.active !== false,
    secret: typeof body.secret === 'string' ? body.secret : null,
    created_at: nowIso(ctx),
    created_by: ctx.sandbox.store.account.user_id,
  };
  ctx.sandbox.store.webhooks.add(webhook);
  ctx.sandbox.record('webhook_created');
  return ok(renderWebhook(webhook), 'Webhook has been created');
}

function update(ctx: RequestContext): Reply {
  const webhook = findWebhook(ctx, param(ctx, 'webhookId'));
  const body = validBody(ctx, true);
  if (typeof body.url === 'string') webhook.url = body.url;
  if (Array.isArray(body.events)) webhook.events = body.events.map(String);
  if (typeof body.active === 'boolean') webhook.active = body.active;
  if (typeof body.secret === 'string') webhook.secret = body.secret;
  ctx.sandbox.record('webhook_updated');
  return ok(renderWebhook(webhook), 'Webhook has been updated');
}

function remove(ctx: RequestContext): Reply {
  const webhook = findWebhook(ctx, param(ctx, 'webhookId'));
  ctx.sandbox.store.webhooks.remove(webhook.id);
  ctx.sandbox.record('webhook_deleted');
  return done(`Webhook with id '${webhook.id}' has been deleted`);
}

function test(ctx: RequestContext): Reply {
  const webhook = findWebhook(ctx, param(ctx, 'webhookId'));
  const body = validBody(ctx, true);
  // Nothing is sent anywhere: the sandbox answers as if the endpoint accepted the test event.
  return ok({ succeed: webhook.active, status: webhook.active ? 200 : 0, message: `Test event '${String(body.event)}' delivered` }, 'Webhook test has been completed');
}

export const WEBHOOK_ROUTES: RouteDef[] = [
  {
    method: 'GET',
    path: '/v1/webhooks',
    handler: (ctx) => listed(pageOf(ctx, ctx.sandbox.store.webhooks.ids(), (id) => renderWebhook(ctx.sandbox.store.webhooks.get(id) as WebhookRecord))),
  },
  { method: 'POST', path: '/v1/webhooks/account', handler: (ctx) => create(ctx, null) },
  { method: 'POST', path: '/v1/webhooks/group/{groupId}', handler: (ctx) => create(ctx, findGroup(ctx, param(ctx, 'groupId')).id) },
  { method: 'GET', path: '/v1/webhooks/{webhookId}', handler: (ctx) => ok(renderWebhook(findWebhook(ctx, param(ctx, 'webhookId')))) },
  { method: 'PATCH', path: '/v1/webhooks/{webhookId}', handler: update },
  { method: 'DELETE', path: '/v1/webhooks/{webhookId}', handler: remove },
  { method: 'POST', path: '/v1/webhooks/{webhookId}/test', handler: test },
];
