/**
 * Creating and updating connections with Fivetran's rules (CONTRACT §6.4, §7): naming keys per
 * service, defaults, create-only config keys, config merged key by key, setup tests on demand.
 */
import { namingFormat } from '../../openapi/definition-facts.js';
import { subsetValidator } from '../../openapi/validator.js';
import { connectionService } from '../catalogue/services.js';
import type { ConnectionService } from '../catalogue/services.js';
import { invalidInput } from '../http/problem.js';
import { emptyTrust } from './trust.js';
import { isDatabaseService, refreshPresented, testConnection } from './setup-tests.js';
import type { TestRun } from './setup-tests.js';
import { setPaused, triggerResync } from './sync.js';
import { MASK } from './secrets.js';
import type { ConnectionRecord, JsonObject } from '../state/types.js';

/** Config keys that name the destination objects; they cannot change after creation. */
const CREATE_ONLY_KEYS = ['schema', 'table', 'schema_prefix', 'table_group_name', 'timeframe_months'];
/** Fields of a PATCH that only control the setup-test run and change nothing by themselves. */
const TEST_CONTROLS = new Set(['run_setup_tests', 'trust_certificates', 'trust_fingerprints']);
const DAILY_SYNC_TIME = /^([01]\d|2[0-3]):00$/;

function namingValue(config: JsonObject, key: string): string | undefined {
  const value = config[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The connection's `schema` (its name in the group) from its naming keys; 400 when one is missing. */
export function connectionName(service: string, config: JsonObject): string {
  const required = (key: string): string => {
    const value = namingValue(config, key);
    if (value === undefined) throw invalidInput(`Field '${key}' is required`);
    return value;
  };
  switch (namingFormat(service)) {
    case 'schema_prefix':
      return required('schema_prefix');
    case 'schema_table':
      return `${required('schema')}.${required('table')}`;
    case 'schema_table_group': {
      const schema = required('schema');
      const group = namingValue(config, 'table_group_name') ?? namingValue(config, 'table');
      if (group === undefined) throw invalidInput("Field 'table_group_name' is required");
      return `${schema}.${group}`;
    }
    default:
      return required('schema');
  }
}

/** The catalogue entry of a service; 400 `Unsupported connector service` otherwise. */
export function supportedService(service: string): ConnectionService {
  const entry = connectionService(service);
  if (!entry) throw invalidInput(`Unsupported connector service '${service}'`);
  return entry;
}

function checkSchedule(syncFrequency: number, dailySyncTime: string | null): void {
  if (dailySyncTime === null) return;
  if (!DAILY_SYNC_TIME.test(dailySyncTime)) throw invalidInput(`Invalid 'daily_sync_time' value '${dailySyncTime}': expected "HH:00"`);
  if (syncFrequency !== 1440) throw invalidInput("Field 'daily_sync_time' can only be set when 'sync_frequency' is 1440");
}

const str = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);
const strOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const bool = (value: unknown, fallback: boolean): boolean => (typeof value === 'boolean' ? value : fallback);

export interface NewConnection {
  id: string;
  connectedBy: string;
  createdAt: string;
  now: number;
  syncDurationMs: number;
  run: TestRun;
}

/** A new connection record from a validated create body (group and duplicates already checked). */
export function buildConnection(body: JsonObject, name: string, entry: ConnectionService, meta: NewConnection): ConnectionRecord {
  const config = (body.config ?? {}) as JsonObject;
  const syncFrequency = typeof body.sync_frequency === 'number' ? body.sync_frequency : 360;
  const dailySyncTime = strOrNull(body.daily_sync_time);
  checkSchedule(syncFrequency, dailySyncTime);
  const connection: ConnectionRecord = {
    id: meta.id,
    group_id: str(body.group_id, ''),
    service: entry.id,
    service_version: entry.version,
    schema: name,
    connected_by: meta.connectedBy,
    created_at: meta.createdAt,
    succeeded_at: null,
    failed_at: null,
    paused: false,
    pause_after_trial: bool(body.pause_after_trial, false),
    sync_frequency: syncFrequency,
    daily_sync_time: dailySyncTime,
    schedule_type: body.schedule_type === 'manual' ? 'manual' : 'auto',
    data_delay_sensitivity: str(body.data_delay_sensitivity, 'NORMAL'),
    data_delay_threshold: typeof body.data_delay_threshold === 'number' ? body.data_delay_threshold : 0,
    networking_method: str(body.networking_method, str(config.connection_type, 'Directly')),
    private_link_id: strOrNull(body.private_link_id),
    proxy_agent_id: strOrNull(body.proxy_agent_id),
    hybrid_deployment_agent_id: strOrNull(body.hybrid_deployment_agent_id),
    destination_schema_names: strOrNull(body.destination_schema_names),
    status: { setup_state: 'incomplete', sync_state: 'scheduled', update_state: 'on_schedule', is_historical_sync: true, tasks: [], warnings: [] },
    config: { ...config },
    setup_tests: [],
    run: null,
    resync_queued: false,
    schema_config: null,
    sdk_state: null,
    trust: emptyTrust(),
  };
  refreshPresented(connection.trust, connection.config, isDatabaseService(entry.id));
  setPaused(connection, bool(body.paused, false), meta.now, meta.syncDurationMs);
  if (bool(body.run_setup_tests, true)) testConnection(connection, meta.run);
  return connection;
}

/** Config after a PATCH: merged key by key; `******` (a masked value sent back) keeps the stored secret. */
function mergedConfig(connection: ConnectionRecord, patch: JsonObject): JsonObject {
  const merged: JsonObject = { ...connection.config };
  for (const [key, value] of Object.entries(patch)) {
    if (value === MASK && key in connection.config) continue;
    if (CREATE_ONLY_KEYS.includes(key) && value !== connection.config[key]) {
      throw invalidInput(`Field '${key}' cannot be changed after the connection was created`);
    }
    merged[key] = value;
  }
  const issues = subsetValidator()
    .validateRequest('POST', '/v1/connections', { service: connection.service, group_id: connection.group_id, config: merged })
    .filter((issue) => issue.pointer.startsWith('/config'));
  if (issues[0]) throw invalidInput(issues[0].message);
  return merged;
}

/** Applies a validated PATCH body; returns whether setup tests ran (their results are then shown). */
export function updateConnection(connection: ConnectionRecord, body: JsonObject, now: number, syncDurationMs: number, run: TestRun): boolean {
  if (!Object.keys(body).some((key) => !TEST_CONTROLS.has(key))) {
    throw invalidInput('At least one field to update is required; use POST /v1/connections/{connectionId}/test to only run setup tests');
  }
  const config = body.config === undefined ? undefined : mergedConfig(connection, body.config as JsonObject);
  const syncFrequency = typeof body.sync_frequency === 'number' ? body.sync_frequency : connection.sync_frequency;
  const dailySyncTime = 'daily_sync_time' in body ? strOrNull(body.daily_sync_time) : connection.daily_sync_time;
  checkSchedule(syncFrequency, syncFrequency === 1440 ? dailySyncTime : null);
  if (config) {
    connection.config = config;
    refreshPresented(connection.trust, config, isDatabaseService(connection.service));
  }
  connection.sync_frequency = syncFrequency;
  connection.daily_sync_time = syncFrequency === 1440 ? dailySyncTime : null;
  if (typeof body.pause_after_trial === 'boolean') connection.pause_after_trial = body.pause_after_trial;
  if (body.schedule_type === 'auto' || body.schedule_type === 'manual') connection.schedule_type = body.schedule_type;
  if (typeof body.data_delay_sensitivity === 'string') connection.data_delay_sensitivity = body.data_delay_sensitivity;
  if (typeof body.data_delay_threshold === 'number') connection.data_delay_threshold = body.data_delay_threshold;
  if (typeof body.networking_method === 'string') connection.networking_method = body.networking_method;
  for (const key of ['private_link_id', 'proxy_agent_id', 'hybrid_deployment_agent_id'] as const) {
    if (typeof body[key] === 'string') connection[key] = body[key];
  }
  if (typeof body.paused === 'boolean') setPaused(connection, body.paused, now, syncDurationMs);
  if (body.is_historical_sync === true) triggerResync(connection, now, syncDurationMs);
  const runTests = body.run_setup_tests === true;
  if (runTests) testConnection(connection, run);
  return runTests;
}
