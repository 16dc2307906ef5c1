/** Users, teams, roles and their memberships in groups and connections (CONTRACT §6.10). */
import { findConnection, findGroup, findTeam, findUser, nowIso, param } from '../context.js';
import type { RequestContext } from '../context.js';
import { renderTeam, renderUser } from '../domain/render.js';
import { created, done, listed, ok } from '../http/envelope.js';
import type { Reply } from '../http/envelope.js';
import { conflict, HttpProblem, invalidInput } from '../http/problem.js';
import type { MembershipRecord, TeamRecord, UserRecord } from '../state/types.js';
import { pageOf, validBody } from './common.js';
import type { RouteDef } from './route.js';

// ---- users ----

function listUsers(ctx: RequestContext): Reply {
  const active = ctx.query.get('active');
  const users = ctx.sandbox.store.users.values().filter((u) => active === null || String(u.active) === active);
  return listed(pageOf(ctx, users, renderUser));
}

function createUser(ctx: RequestContext): Reply {
  const body = validBody(ctx, true);
  const email = String(body.email);
  const users = ctx.sandbox.store.users;
  if (users.values().some((u) => u.email === email)) throw conflict(`User with email '${email}' already exists`);
  const now = nowIso(ctx);
  const user: UserRecord = {
    id: ctx.sandbox.ids.next(),
    email,
    given_name: String(body.given_name),
    family_name: String(body.family_name),
    verified: false,
    invited: true,
    active: true,
    picture: typeof body.picture === 'string' ? body.picture : null,
    phone: typeof body.phone === 'string' ? body.phone : null,
    role: typeof body.role === 'string' ? body.role : null,
    logged_in_at: now,
    created_at: now,
  };
  users.add(user);
  ctx.sandbox.record('user_created');
  return created(renderUser(user), 'User has been invited to the account');
}

function updateUser(ctx: RequestContext): Reply {
  const user = findUser(ctx, param(ctx, 'userId'));
  const body = validBody(ctx, true);
  for (const key of ['given_name', 'family_name', 'phone', 'picture', 'role'] as const) {
    if (typeof body[key] === 'string') user[key] = body[key];
  }
  ctx.sandbox.record('user_updated');
  return ok(renderUser(user), 'User has been updated');
}

function deleteUser(ctx: RequestContext): Reply {
  const user = findUser(ctx, param(ctx, 'id'));
  if (user.id === ctx.sandbox.store.account.user_id) throw conflict('The account owner cannot be deleted');
  ctx.sandbox.store.users.remove(user.id);
  ctx.sandbox.record('user_deleted');
  return done(`User with id '${user.id}' has been deleted`);
}

function removeUserRole(ctx: RequestContext): Reply {
  const user = findUser(ctx, param(ctx, 'userId'));
  user.role = null;
  ctx.sandbox.record('user_updated');
  return done(`User with id '${user.id}' has no account role anymore`);
}

// ---- teams ----

function listTeams(ctx: RequestContext): Reply {
  const teams = ctx.sandbox.store.teams;
  return listed(pageOf(ctx, teams.ids(), (id) => renderTeam(teams.get(id) as TeamRecord)));
}

function createTeam(ctx: RequestContext): Reply {
  const body = validBody(ctx, true);
  if (typeof body.name !== 'string' || body.name === '') throw invalidInput("Field 'name' is required");
  const teams = ctx.sandbox.store.teams;
  if (teams.values().some((t) => t.name === body.name)) throw conflict(`Team with name '${body.name}' already exists`);
  const team: TeamRecord = {
    id: ctx.sandbox.ids.next(),
    name: body.name,
    description: typeof body.description === 'string' ? body.description : null,
    role: typeof body.role === 'string' ? body.role : 'Account Reviewer',
  };
  teams.add(team);
  ctx.sandbox.record('team_created');
  return created(renderTeam(team), 'Team has been created');
}

function updateTeam(ctx: RequestContext): Reply {
  const team = findTeam(ctx, param(ctx, 'teamId'));
  const body = validBody(ctx, true);
  if (typeof body.name === 'string') team.name = body.name;
  if (typeof body.role === 'string') team.role = body.role;
  if (typeof body.description === 'string') team.description = body.description;
  ctx.sandbox.record('team_updated');
  return ok(renderTeam(team), 'Team has been updated');
}

function deleteTeam(ctx: RequestContext): Reply {
  const team = findTeam(ctx, param(ctx, 'teamId'));
  ctx.sandbox.store.teams.remove(team.id);
  for (const kind of ['user', 'group', 'connection']) ctx.sandbox.store.memberships.delete(`team:${team.id}:${kind}`);
  ctx.sandbox.record('team_deleted');
  return done(`Team with id '${team.id}' has been deleted`);
}

// ---- memberships ----

interface MembershipKind {
  /** e.g. `/v1/users/{userId}/groups` */
  base: string;
  owner: 'user' | 'team';
  target: 'group' | 'connection' | 'user';
  targetParam: string;
  /** Team-user memberships name the member `user_id`, the others `id`. */
  idField: 'id' | 'user_id';
  /** Shapes of the PATCH and DELETE answers differ per operation in the definition. */
  patchAnswersData: boolean;
  deleteAnswersData: boolean;
}

function ownerId(ctx: RequestContext, kind: MembershipKind): string {
  return kind.owner === 'user' ? findUser(ctx, param(ctx, 'userId')).id : findTeam(ctx, param(ctx, 'teamId')).id;
}

function assertTargetExists(ctx: RequestContext, kind: MembershipKind, id: string): void {
  if (kind.target === 'group') findGroup(ctx, id);
  else if (kind.target === 'connection') findConnection(ctx, id);
  else findUser(ctx, id);
}

const renderMembership = (kind: MembershipKind) => (m: MembershipRecord) =>
  kind.idField === 'id' ? { ...m } : { user_id: m.id, role: m.role, created_at: m.created_at };

function membershipList(ctx: RequestContext, kind: MembershipKind): MembershipRecord[] {
  return ctx.sandbox.store.membershipList(`${kind.owner}:${ownerId(ctx, kind)}:${kind.target}`);
}

function findMembership(ctx: RequestContext, kind: MembershipKind): { list: MembershipRecord[]; index: number } {
  const list = membershipList(ctx, kind);
  const id = param(ctx, kind.targetParam);
  const index = list.findIndex((m) => m.id === id);
  if (index < 0) throw new HttpProblem(404, 'NotFound_Membership', `No ${kind.target} membership '${id}' for this ${kind.owner}`);
  return { list, index };
}

function membershipRoutes(kind: MembershipKind): RouteDef[] {
  const render = renderMembership(kind);
  const item = `${kind.base}/{${kind.targetParam}}`;
  return [
    { method: 'GET', path: kind.base, handler: (ctx) => listed(pageOf(ctx, membershipList(ctx, kind), render)) },
    {
      method: 'POST',
      path: kind.base,
      handler: (ctx) => {
        const list = membershipList(ctx, kind);
        const body = validBody(ctx, true);
        const id = String(body[kind.idField]);
        assertTargetExists(ctx, kind, id);
        if (list.some((m) => m.id === id)) throw conflict(`Membership for ${kind.target} '${id}' already exists`);
        const membership: MembershipRecord = { id, role: typeof body.role === 'string' ? body.role : 'Reviewer', created_at: nowIso(ctx) };
        list.push(membership);
        ctx.sandbox.record('membership_changed');
        return created(render(membership), 'Membership has been created');
      },
    },
    {
      method: 'GET',
      path: item,
      handler: (ctx) => {
        const { list, index } = findMembership(ctx, kind);
        return ok(render(list[index] as MembershipRecord));
      },
    },
    {
      method: 'PATCH',
      path: item,
      handler: (ctx) => {
        const { list, index } = findMembership(ctx, kind);
        const body = validBody(ctx, true);
        const membership = list[index] as MembershipRecord;
        membership.role = String(body.role);
        ctx.sandbox.record('membership_changed');
        return kind.patchAnswersData ? ok(render(membership), 'Membership has been updated') : done('Membership has been updated');
      },
    },
    {
      method: 'DELETE',
      path: item,
      handler: (ctx) => {
        const { list, index } = findMembership(ctx, kind);
        const [membership] = list.splice(index, 1);
        ctx.sandbox.record('membership_changed');
        return kind.deleteAnswersData ? ok(render(membership as MembershipRecord), 'Membership has been deleted') : done('Membership has been deleted');
      },
    },
  ];
}

const ROLES = [
  { name: 'Account Administrator', scope: ['ACCOUNT'], is_custom: false, is_deprecated: false, replacement_role_name: '' },
  { name: 'Account Billing', scope: ['ACCOUNT'], is_custom: false, is_deprecated: false, replacement_role_name: '' },
  { name: 'Account Analyst', scope: ['ACCOUNT'], is_custom: false, is_deprecated: false, replacement_role_name: '' },
  { name: 'Account Reviewer', scope: ['ACCOUNT'], is_custom: false, is_deprecated: false, replacement_role_name: '' },
  { name: 'Destination Administrator', scope: ['DESTINATION'], is_custom: false, is_deprecated: false, replacement_role_name: '' },
  { name: 'Destination Analyst', scope: ['DESTINATION'], is_custom: false, is_deprecated: false, replacement_role_name: '' },
  { name: 'Destination Reviewer', scope: ['DESTINATION'], is_custom: false, is_deprecated: false, replacement_role_name: '' },
  { name: 'Connector Administrator', scope: ['CONNECTOR'], is_custom: false, is_deprecated: false, replacement_role_name: '' },
  { name: 'Connector Reviewer', scope: ['CONNECTOR'], is_custom: false, is_deprecated: false, replacement_role_name: '' },
  { name: 'Team Manager', scope: ['TEAM'], is_custom: false, is_deprecated: false, replacement_role_name: '' },
  { name: 'Team Member', scope: ['TEAM'], is_custom: false, is_deprecated: false, replacement_role_name: '' },
];

export const PEOPLE_ROUTES: RouteDef[] = [
  { method: 'GET', path: '/v1/users', handler: listUsers },
  { method: 'POST', path: '/v1/users', handler: createUser, classes: () => ['creation'] },
  { method: 'GET', path: '/v1/users/{userId}', handler: (ctx) => ok(renderUser(findUser(ctx, param(ctx, 'userId')))) },
  { method: 'PATCH', path: '/v1/users/{userId}', handler: updateUser },
  { method: 'DELETE', path: '/v1/users/{id}', handler: deleteUser },
  { method: 'DELETE', path: '/v1/users/{userId}/role', handler: removeUserRole },
  ...membershipRoutes({ base: '/v1/users/{userId}/groups', owner: 'user', target: 'group', targetParam: 'groupId', idField: 'id', patchAnswersData: false, deleteAnswersData: false }),
  ...membershipRoutes({ base: '/v1/users/{userId}/connections', owner: 'user', target: 'connection', targetParam: 'connectionId', idField: 'id', patchAnswersData: true, deleteAnswersData: true }),
  { method: 'GET', path: '/v1/teams', handler: listTeams },
  { method: 'POST', path: '/v1/teams', handler: createTeam },
  { method: 'GET', path: '/v1/teams/{teamId}', handler: (ctx) => ok(renderTeam(findTeam(ctx, param(ctx, 'teamId')))) },
  { method: 'PATCH', path: '/v1/teams/{teamId}', handler: updateTeam },
  { method: 'DELETE', path: '/v1/teams/{teamId}', handler: deleteTeam },
  {
    method: 'DELETE',
    path: '/v1/teams/{teamId}/role',
    handler: (ctx) => {
      const team = findTeam(ctx, param(ctx, 'teamId'));
      team.role = 'Account Reviewer';
      ctx.sandbox.record('team_updated');
      return done(`Team with id '${team.id}' has no account role anymore`);
    },
  },
  ...membershipRoutes({ base: '/v1/teams/{teamId}/users', owner: 'team', target: 'user', targetParam: 'userId', idField: 'user_id', patchAnswersData: true, deleteAnswersData: false }),
  ...membershipRoutes({ base: '/v1/teams/{teamId}/groups', owner: 'team', target: 'group', targetParam: 'groupId', idField: 'id', patchAnswersData: true, deleteAnswersData: false }),
  ...membershipRoutes({ base: '/v1/teams/{teamId}/connections', owner: 'team', target: 'connection', targetParam: 'connectionId', idField: 'id', patchAnswersData: true, deleteAnswersData: false }),
  { method: 'GET', path: '/v1/roles', handler: (ctx) => listed(pageOf(ctx, ROLES, (role) => ({ ...role, scope: [...role.scope] }))) },
];
