/**
 * What a route handler gets: the sandbox (state, ids, clock, counters) and the parsed request.
 * Lookups throw Fivetran's per-entity 404s so handlers read straight through.
 */
import { isoAt } from './clock.js';
import { settle } from './domain/sync.js';
import { notFound } from './http/problem.js';
import type { ResolvedOptions } from './options.js';
import type { WriteKind } from './stats.js';
import type { IdGenerator } from './state/ids.js';
import type { SandboxStore } from './state/store.js';
import type { ConnectionRecord, DestinationRecord, GroupRecord, TeamRecord, UserRecord, WebhookRecord } from './state/types.js';

/** The long-lived parts of one sandbox. */
export interface Sandbox {
  readonly options: ResolvedOptions;
  readonly store: SandboxStore;
  readonly ids: IdGenerator;
  /** Counts a state change under `writes` in the stats. */
  record(kind: WriteKind): void;
}

/** One request as a handler sees it. */
export interface RequestContext {
  readonly sandbox: Sandbox;
  readonly method: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** Parsed JSON body; undefined when the request had none. */
  readonly body: unknown;
  /** The request came in on a legacy `/connectors` path (404 codes say `Connector`). */
  readonly legacy: boolean;
  /** The definition's template for this operation, used for request validation. */
  readonly specTemplate: string;
  /** The clock reading taken when the request arrived. */
  readonly now: number;
}

export const nowIso = (ctx: RequestContext): string => isoAt(ctx.now);

/** A path parameter the route is guaranteed to have. */
export function param(ctx: RequestContext, name: string): string {
  const value = ctx.params[name];
  if (value === undefined) throw new Error(`route has no parameter ${name}`);
  return value;
}

/** The connection, with any finished sync settled; 404 `NotFound_Connection` otherwise. */
export function findConnection(ctx: RequestContext, id: string): ConnectionRecord {
  const connection = ctx.sandbox.store.connections.get(id);
  if (!connection) throw notFound(ctx.legacy ? 'Connector' : 'Connection', id);
  return settle(connection, ctx.now);
}

export function findGroup(ctx: RequestContext, id: string): GroupRecord {
  const group = ctx.sandbox.store.groups.get(id);
  if (!group) throw notFound('Group', id);
  return group;
}

export function findDestination(ctx: RequestContext, id: string): DestinationRecord {
  const destination = ctx.sandbox.store.destinations.get(id);
  if (!destination) throw notFound('Destination', id);
  return destination;
}

export function findUser(ctx: RequestContext, id: string): UserRecord {
  const user = ctx.sandbox.store.users.get(id);
  if (!user) throw notFound('User', id);
  return user;
}

export function findTeam(ctx: RequestContext, id: string): TeamRecord {
  const team = ctx.sandbox.store.teams.get(id);
  if (!team) throw notFound('Team', id);
  return team;
}

export function findWebhook(ctx: RequestContext, id: string): WebhookRecord {
  const webhook = ctx.sandbox.store.webhooks.get(id);
  if (!webhook) throw notFound('Webhook', id);
  return webhook;
}

/** Full name of the API key's user, recorded as `validated_by` of approvals. */
export function ownerName(ctx: RequestContext): string {
  const owner = ctx.sandbox.store.users.get(ctx.sandbox.store.account.user_id);
  return owner ? `${owner.given_name} ${owner.family_name}` : 'Sandbox Owner';
}
