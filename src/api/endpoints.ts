/**
 * Typed builders for the operations of CONTRACT.md §6: each returns the call to make (method, path and
 * body) without sending it, so plans and dry runs can show it and tests can validate it against the
 * OpenAPI definition. `callEndpoint` sends one.
 */
import type { ApiClient, HttpMethod, Query, RequestOptions } from './client-types.js';
import type {
  Certificate,
  CertificateApproval,
  Connection,
  CreateConnectionRequest,
  CreateDestinationRequest,
  Destination,
  ExcludeMode,
  Fingerprint,
  FingerprintApproval,
  Group,
  GroupRequest,
  SchemaConfig,
  SchemaConfigCreate,
  SchemaConfigUpdate,
  SchemaUpdate,
  SetupTestRequest,
  TableScope,
  TableUpdate,
  ColumnUpdate,
  UpdateConnectionRequest,
  UpdateDestinationRequest,
} from './types.js';

/** One API call, described. `TResponse` is the type of the answer's `data`. */
export interface ApiCall<TResponse = unknown> {
  method: HttpMethod;
  /** Relative to the API root, segments URL-encoded: `connections/brisk_lantern/schemas/public`. */
  path: string;
  body?: unknown;
  query?: Query;
  /** Safe to re-send after a 5xx or a dropped connection (only meaningful for POST). */
  idempotent?: boolean;
  /** Type carrier only; never set. */
  readonly response?: TResponse;
}

/** Sends a described call and resolves to its `data`. */
export async function callEndpoint<T>(client: ApiClient, call: ApiCall<T>, options: Pick<RequestOptions, 'signal' | 'retry'> = {}): Promise<T> {
  const response = await client.request<T>(call.method, call.path, {
    ...options,
    ...(call.body === undefined ? {} : { body: call.body }),
    ...(call.query === undefined ? {} : { query: call.query }),
    ...(call.idempotent ? { idempotent: true } : {}),
  });
  return response.data;
}

/** Builds a path from segments, encoding each (schema, table and column names can hold anything). */
function path(...segments: string[]): string {
  return segments.map((segment) => encodeURIComponent(segment)).join('/');
}

function call<T>(method: HttpMethod, to: string, body?: unknown, idempotent?: boolean): ApiCall<T> {
  return { method, path: to, ...(body === undefined ? {} : { body }), ...(idempotent ? { idempotent } : {}) };
}

// Groups

export const getGroup = (groupId: string): ApiCall<Group> => call('GET', path('groups', groupId));
export const createGroup = (body: GroupRequest): ApiCall<Group> => call('POST', 'groups', body);
export const updateGroup = (groupId: string, body: GroupRequest): ApiCall<Group> => call('PATCH', path('groups', groupId), body);
export const deleteGroup = (groupId: string): ApiCall<undefined> => call('DELETE', path('groups', groupId));

// Destinations (id == group id)

export const getDestination = (destinationId: string): ApiCall<Destination> => call('GET', path('destinations', destinationId));
export const createDestination = (body: CreateDestinationRequest): ApiCall<Destination> => call('POST', 'destinations', body);
export const updateDestination = (destinationId: string, body: UpdateDestinationRequest): ApiCall<Destination> =>
  call('PATCH', path('destinations', destinationId), body);
export const deleteDestination = (destinationId: string): ApiCall<undefined> => call('DELETE', path('destinations', destinationId));
/** Setup tests change nothing but the test results, so re-sending is safe. */
export const testDestination = (destinationId: string, body: SetupTestRequest = {}): ApiCall<Destination> =>
  call('POST', path('destinations', destinationId, 'test'), body, true);

// Connections

export const getConnection = (connectionId: string): ApiCall<Connection> => call('GET', path('connections', connectionId));
/** `destination_schema_names` defaults to FIVETRAN_NAMING: Fivetran announced it becomes mandatory. */
export const createConnection = (body: CreateConnectionRequest): ApiCall<Connection> =>
  call('POST', 'connections', { destination_schema_names: 'FIVETRAN_NAMING', ...body });
export const updateConnection = (connectionId: string, body: UpdateConnectionRequest): ApiCall<Connection> =>
  call('PATCH', path('connections', connectionId), body);
export const deleteConnection = (connectionId: string): ApiCall<undefined> => call('DELETE', path('connections', connectionId));
/** `force: false` only starts a sync when idle, so re-sending cannot restart one; `force: true` can. */
export const syncConnection = (connectionId: string, force = false): ApiCall<undefined> =>
  call('POST', path('connections', connectionId, 'sync'), { force }, !force);
/** Without `scope` every table is re-synced (a historical sync). */
export const resyncConnection = (connectionId: string, scope?: TableScope): ApiCall<undefined> =>
  call('POST', path('connections', connectionId, 'resync'), scope === undefined ? {} : { scope });
export const resyncTables = (connectionId: string, tables: TableScope): ApiCall<undefined> =>
  call('POST', path('connections', connectionId, 'schemas', 'tables', 'resync'), tables);
/** The body is required (`{}` is fine). */
export const testConnection = (connectionId: string, body: SetupTestRequest = {}): ApiCall<Connection> =>
  call('POST', path('connections', connectionId, 'test'), body, true);

// Schema config

export const getSchemaConfig = (connectionId: string): ApiCall<SchemaConfig> => call('GET', path('connections', connectionId, 'schemas'));
/** Only before a config exists (409 otherwise). */
export const createSchemaConfig = (connectionId: string, body: SchemaConfigCreate): ApiCall<SchemaConfig> =>
  call('POST', path('connections', connectionId, 'schemas'), body);
/** Reads the source again; PRESERVE keeps existing choices (what Terraform and go-fivetran send). */
export const reloadSchemaConfig = (connectionId: string, excludeMode: ExcludeMode = 'PRESERVE'): ApiCall<SchemaConfig> =>
  call('POST', path('connections', connectionId, 'schemas', 'reload'), { exclude_mode: excludeMode }, true);
export const updateSchemaConfig = (connectionId: string, body: SchemaConfigUpdate): ApiCall<SchemaConfig> =>
  call('PATCH', path('connections', connectionId, 'schemas'), body);
export const updateSchema = (connectionId: string, schema: string, body: SchemaUpdate): ApiCall<SchemaConfig> =>
  call('PATCH', path('connections', connectionId, 'schemas', schema), body);
export const updateTable = (connectionId: string, schema: string, table: string, body: TableUpdate): ApiCall<SchemaConfig> =>
  call('PATCH', path('connections', connectionId, 'schemas', schema, 'tables', table), body);
export const updateColumn = (connectionId: string, schema: string, table: string, column: string, body: ColumnUpdate): ApiCall<SchemaConfig> =>
  call('PATCH', path('connections', connectionId, 'schemas', schema, 'tables', table, 'columns', column), body);
/** Live columns of a table: a source interaction, only for connected connections. */
export const getTableColumns = (connectionId: string, schema: string, table: string): ApiCall<{ columns: Record<string, unknown> }> =>
  call('GET', path('connections', connectionId, 'schemas', schema, 'tables', table, 'columns'));

// Certificates and fingerprints, of a connection or a destination

/** Whose certificates and fingerprints. */
export interface TrustOwner {
  kind: 'connection' | 'destination';
  id: string;
}

function ownerPath(owner: TrustOwner, ...rest: string[]): string {
  return path(owner.kind === 'connection' ? 'connections' : 'destinations', owner.id, ...rest);
}

export const approveCertificate = (owner: TrustOwner, body: CertificateApproval): ApiCall<Certificate> => call('POST', ownerPath(owner, 'certificates'), body);
export const revokeCertificate = (owner: TrustOwner, hash: string): ApiCall<undefined> => call('DELETE', ownerPath(owner, 'certificates', hash));
export const approveFingerprint = (owner: TrustOwner, body: FingerprintApproval): ApiCall<Fingerprint> => call('POST', ownerPath(owner, 'fingerprints'), body);
export const revokeFingerprint = (owner: TrustOwner, hash: string): ApiCall<undefined> => call('DELETE', ownerPath(owner, 'fingerprints', hash));
