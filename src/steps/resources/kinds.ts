import type { ApiCall } from '../../api/index.js';
import {
  createConnection,
  createDestination,
  createGroup,
  deleteConnection,
  deleteDestination,
  deleteGroup,
  getConnection,
  getDestination,
  getGroup,
  updateConnection,
  updateDestination,
  updateGroup,
} from '../../api/index.js';
import type { CreateConnectionRequest, CreateDestinationRequest, GroupRequest } from '../../api/index.js';

/**
 * Facts about the objects `create`, `update` and `delete` work on: where they live, which fields
 * their create and update bodies take (CONTRACT.md §6, the definition's request schemas), and how
 * to name one in a message.
 */

/** The objects the write steps manage. */
export type WritableKind = 'group' | 'destination' | 'connection' | 'user' | 'team';

export const WRITABLE_KINDS: readonly WritableKind[] = ['group', 'destination', 'connection', 'user', 'team'];

/** Settings that only steer the setup tests of this request; the API does not keep them. */
export const TEST_CONTROLS = ['run_setup_tests', 'trust_certificates', 'trust_fingerprints'] as const;

const CONNECTION_SETTINGS = [
  'paused',
  'pause_after_trial',
  'sync_frequency',
  'daily_sync_time',
  'schedule_type',
  'data_delay_sensitivity',
  'data_delay_threshold',
  'networking_method',
  'private_link_id',
  'proxy_agent_id',
  'hybrid_deployment_agent_id',
] as const;

const DESTINATION_SETTINGS = [
  'region',
  'time_zone_offset',
  'daylight_saving_time_enabled',
  'networking_method',
  'private_link_id',
  'proxy_agent_id',
  'hybrid_deployment_agent_id',
] as const;

type Body = Record<string, unknown>;

export interface KindFacts {
  /** Collection path, also the list endpoint. */
  collection: string;
  get(id: string): ApiCall;
  create(body: Body): ApiCall;
  update(id: string, body: Body): ApiCall;
  remove(id: string): ApiCall;
  /** Body fields of a create, besides what the step computes (group_id, naming keys). */
  createFields: readonly string[];
  /** Body fields a PATCH takes. */
  updateFields: readonly string[];
  /** A few words naming one object, e.g. `postgres erp_pg in group warehouse_legacy`. */
  describe(object: Record<string, unknown>): string;
  /** The short summary `delete` outputs. */
  summary(object: Record<string, unknown>): Record<string, unknown>;
}

/** Calls of a collection `endpoints.ts` has no builders for (users, teams): the usual REST shapes. */
function plainCalls(collection: string): Pick<KindFacts, 'get' | 'create' | 'update' | 'remove'> {
  const one = (id: string): string => `${collection}/${encodeURIComponent(id)}`;
  return {
    get: (id) => ({ method: 'GET', path: one(id) }),
    create: (body) => ({ method: 'POST', path: collection, body }),
    update: (id, body) => ({ method: 'PATCH', path: one(id), body }),
    remove: (id) => ({ method: 'DELETE', path: one(id) }),
  };
}

const text = (value: unknown): string => (typeof value === 'string' || typeof value === 'number' ? String(value) : '?');

export const KINDS: Readonly<Record<WritableKind, KindFacts>> = {
  group: {
    collection: 'groups',
    get: getGroup,
    create: (body) => createGroup(body as unknown as GroupRequest),
    update: (id, body) => updateGroup(id, body as unknown as GroupRequest),
    remove: deleteGroup,
    createFields: ['name'],
    updateFields: ['name'],
    describe: (o) => `group '${text(o.name)}'`,
    summary: (o) => ({ name: o.name }),
  },
  destination: {
    collection: 'destinations',
    get: getDestination,
    create: (body) => createDestination(body as unknown as CreateDestinationRequest),
    update: updateDestination,
    remove: deleteDestination,
    createFields: ['service', 'config', ...DESTINATION_SETTINGS, ...TEST_CONTROLS],
    updateFields: ['config', ...DESTINATION_SETTINGS, ...TEST_CONTROLS],
    describe: (o) => `${text(o.service)} destination of group '${text(o.group_id)}'`,
    summary: (o) => ({ service: o.service, group_id: o.group_id }),
  },
  connection: {
    collection: 'connections',
    get: getConnection,
    create: (body) => createConnection(body as unknown as CreateConnectionRequest),
    update: updateConnection,
    remove: deleteConnection,
    createFields: ['service', 'config', 'auth', 'destination_schema_names', ...CONNECTION_SETTINGS, ...TEST_CONTROLS],
    updateFields: ['config', 'auth', ...CONNECTION_SETTINGS, ...TEST_CONTROLS],
    describe: (o) => `${text(o.service)} connection '${text(o.schema)}' in group '${text(o.group_id)}'`,
    summary: (o) => ({ service: o.service, schema: o.schema, group_id: o.group_id }),
  },
  user: {
    collection: 'users',
    ...plainCalls('users'),
    createFields: ['email', 'given_name', 'family_name', 'phone', 'picture', 'role'],
    updateFields: ['given_name', 'family_name', 'phone', 'picture', 'role'],
    describe: (o) => `user '${text(o.email)}'`,
    summary: (o) => ({ email: o.email, role: o.role }),
  },
  team: {
    collection: 'teams',
    ...plainCalls('teams'),
    createFields: ['name', 'description', 'role'],
    updateFields: ['name', 'description', 'role'],
    describe: (o) => `team '${text(o.name)}'`,
    summary: (o) => ({ name: o.name, role: o.role }),
  },
};

/** Connection settings a copy carries over from its source (the create body's schedule and networking fields). */
export const COPIED_CONNECTION_SETTINGS: readonly string[] = CONNECTION_SETTINGS.filter((field) => field !== 'paused');
