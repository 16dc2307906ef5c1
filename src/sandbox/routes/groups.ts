/** Groups: CRUD, their SSH key and service account, and the users who have access to them. */
import { createHash } from 'node:crypto';
import { findGroup, findUser, nowIso, param } from '../context.js';
import type { RequestContext } from '../context.js';
import { renderUser } from '../domain/render.js';
import { created, done, listed, ok } from '../http/envelope.js';
import type { Reply } from '../http/envelope.js';
import { conflict, HttpProblem, invalidInput } from '../http/problem.js';
import type { GroupRecord, UserRecord } from '../state/types.js';
import { pageOf, validBody } from './common.js';
import type { RouteDef } from './route.js';

const renderGroup = (group: GroupRecord): GroupRecord => ({ ...group });

function requireName(name: unknown): string {
  if (typeof name !== 'string' || name.trim() === '') throw invalidInput("Field 'name' is required");
  return name;
}

function assertNameFree(ctx: RequestContext, name: string, except?: string): void {
  for (const group of ctx.sandbox.store.groups.values()) {
    if (group.name === name && group.id !== except) throw conflict(`Group with name '${name}' already exists`);
  }
}

function list(ctx: RequestContext): Reply {
  const groups = ctx.sandbox.store.groups;
  return listed(pageOf(ctx, groups.ids(), (id) => renderGroup(groups.get(id) as GroupRecord)));
}

function create(ctx: RequestContext): Reply {
  const name = requireName(validBody(ctx, true).name);
  assertNameFree(ctx, name);
  const group: GroupRecord = { id: ctx.sandbox.ids.next(), name, created_at: nowIso(ctx) };
  ctx.sandbox.store.groups.add(group);
  ctx.sandbox.record('group_created');
  return created(renderGroup(group), 'Group has been created');
}

function update(ctx: RequestContext): Reply {
  const group = findGroup(ctx, param(ctx, 'groupId'));
  const name = requireName(validBody(ctx, true).name);
  assertNameFree(ctx, name, group.id);
  group.name = name;
  ctx.sandbox.record('group_updated');
  return ok(renderGroup(group), 'Group has been updated');
}

function remove(ctx: RequestContext): Reply {
  const group = findGroup(ctx, param(ctx, 'groupId'));
  ctx.sandbox.store.removeGroup(group.id);
  ctx.sandbox.record('group_deleted');
  return done(`Group with id '${group.id}' has been deleted`);
}

function publicKey(ctx: RequestContext): Reply {
  const group = findGroup(ctx, param(ctx, 'groupId'));
  const key = createHash('sha512').update(`group-key:${group.id}`).digest('base64');
  return ok({ public_key: `ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ${key} fivetran user key` });
}

function serviceAccount(ctx: RequestContext): Reply {
  const group = findGroup(ctx, param(ctx, 'groupId'));
  return ok({ service_account: `g-${group.id.replace(/_/g, '-')}@fivetran-production.iam.gserviceaccount.com` });
}

const groupKey = (userId: string): string => `user:${userId}:group`;

function usersOfGroup(ctx: RequestContext, groupId: string): UserRecord[] {
  const store = ctx.sandbox.store;
  return store.users.values().filter((user) => store.memberships.get(groupKey(user.id))?.some((m) => m.id === groupId));
}

function listUsers(ctx: RequestContext): Reply {
  const group = findGroup(ctx, param(ctx, 'groupId'));
  const active = ctx.query.get('active');
  const users = usersOfGroup(ctx, group.id).filter((u) => active === null || String(u.active) === active);
  return listed(pageOf(ctx, users, renderUser));
}

function addUser(ctx: RequestContext): Reply {
  const group = findGroup(ctx, param(ctx, 'groupId'));
  const body = validBody(ctx, true);
  if (typeof body.email !== 'string') throw invalidInput("Field 'email' is required");
  const user = ctx.sandbox.store.users.values().find((u) => u.email === body.email);
  if (!user) throw new HttpProblem(404, 'NotFound_User', `User with email '${body.email}' not found`);
  const list = ctx.sandbox.store.membershipList(groupKey(user.id));
  if (list.some((m) => m.id === group.id)) throw conflict(`User with id '${user.id}' already has access to group '${group.id}'`);
  list.push({ id: group.id, role: typeof body.role === 'string' ? body.role : 'Destination Reviewer', created_at: nowIso(ctx) });
  ctx.sandbox.record('membership_changed');
  return done(`User with id '${user.id}' has been added to the group`);
}

function removeUser(ctx: RequestContext): Reply {
  const group = findGroup(ctx, param(ctx, 'groupId'));
  const user = findUser(ctx, param(ctx, 'userId'));
  const list = ctx.sandbox.store.membershipList(groupKey(user.id));
  const index = list.findIndex((m) => m.id === group.id);
  if (index < 0) throw new HttpProblem(404, 'NotFound_User', `User with id '${user.id}' is not a member of group '${group.id}'`);
  list.splice(index, 1);
  ctx.sandbox.record('membership_changed');
  return done(`User with id '${user.id}' has been removed from the group`);
}

export const GROUP_ROUTES: RouteDef[] = [
  { method: 'GET', path: '/v1/groups', handler: list },
  { method: 'POST', path: '/v1/groups', handler: create },
  { method: 'GET', path: '/v1/groups/{groupId}', handler: (ctx) => ok(renderGroup(findGroup(ctx, param(ctx, 'groupId')))) },
  { method: 'PATCH', path: '/v1/groups/{groupId}', handler: update },
  { method: 'DELETE', path: '/v1/groups/{groupId}', handler: remove },
  { method: 'GET', path: '/v1/groups/{groupId}/public-key', handler: publicKey },
  { method: 'GET', path: '/v1/groups/{groupId}/service-account', handler: serviceAccount },
  { method: 'GET', path: '/v1/groups/{groupId}/users', handler: listUsers },
  { method: 'POST', path: '/v1/groups/{groupId}/users', handler: addUser },
  { method: 'DELETE', path: '/v1/groups/{groupId}/users/{userId}', handler: removeUser },
];
