/**
 * Shapes of Fivetran's v2 resources and request bodies (CONTRACT.md §6). Fields Fivetran always sends are
 * required here; the rest are optional. `config` stays an open record: its keys depend on the service.
 */

/** A list page: `data` of every list endpoint. */
export interface ListPage<T> {
  items: T[];
  /** Omitted (or null/empty) on the last page. */
  next_cursor?: string | null;
}

/** Service-specific configuration; secrets come back as `"******"`. */
export type ServiceConfig = Record<string, unknown>;

export interface Group {
  id: string;
  name: string;
  created_at: string;
}

/** `{code, message}` entries of a connection's status tasks and warnings. */
export interface StatusNote {
  code: string;
  message: string;
  details?: unknown;
}

export type SetupState = 'incomplete' | 'connected' | 'broken';
export type SyncState = 'scheduled' | 'syncing' | 'paused' | 'rescheduled';
export type UpdateState = 'on_schedule' | 'delayed';

export interface ConnectionStatus {
  setup_state: SetupState;
  sync_state: SyncState;
  update_state: UpdateState;
  is_historical_sync: boolean;
  tasks: StatusNote[];
  warnings: StatusNote[];
  schema_status?: 'ready' | 'blocked_on_capture';
  rescheduled_for?: string | null;
}

export type SetupTestStatus = 'PASSED' | 'SKIPPED' | 'WARNING' | 'FAILED' | 'JOB_FAILED';

export interface SetupTestResult {
  title: string;
  status: SetupTestStatus;
  message: string;
  /** Any JSON; a failed SSH test carries the fingerprint to approve. */
  details?: unknown;
}

export type ScheduleType = 'auto' | 'manual';
export type DataDelaySensitivity = 'LOW' | 'NORMAL' | 'HIGH' | 'CUSTOM' | 'SYNC_FREQUENCY';
export type NetworkingMethod = 'Directly' | 'PrivateLink' | 'SshTunnel' | 'ProxyAgent';
/** Minutes; the only values Fivetran accepts. */
export type SyncFrequency = 1 | 5 | 15 | 30 | 60 | 120 | 180 | 360 | 480 | 720 | 1440;

export interface Connection {
  id: string;
  group_id: string;
  service: string;
  /** The connection's name: schema, `schema.table`, or the schema prefix, depending on the service. */
  schema: string;
  paused: boolean;
  pause_after_trial: boolean;
  sync_frequency: SyncFrequency;
  schedule_type: ScheduleType;
  status: ConnectionStatus;
  created_at: string;
  service_version?: number;
  connected_by?: string;
  succeeded_at?: string | null;
  failed_at?: string | null;
  daily_sync_time?: string;
  data_delay_sensitivity?: DataDelaySensitivity;
  data_delay_threshold?: number;
  networking_method?: NetworkingMethod;
  private_link_id?: string | null;
  proxy_agent_id?: string | null;
  hybrid_deployment_agent_id?: string | null;
  setup_tests?: SetupTestResult[];
  source_sync_details?: Record<string, unknown>;
  config?: ServiceConfig;
}

export type SetupStatus = 'incomplete' | 'connected' | 'broken' | 'INCOMPLETE' | 'CONNECTED' | 'BROKEN';

export interface Destination {
  /** Equal to the group id: one destination per group. */
  id: string;
  group_id: string;
  service: string;
  region: string;
  time_zone_offset: string;
  /** Compare case-insensitively: live answers are lower case although the definition says upper. */
  setup_status: SetupStatus;
  daylight_saving_time_enabled?: boolean;
  networking_method?: NetworkingMethod;
  private_link_id?: string | null;
  hybrid_deployment_agent_id?: string | null;
  setup_tests?: SetupTestResult[];
  config?: ServiceConfig;
}

export type SchemaChangeHandling = 'ALLOW_ALL' | 'ALLOW_COLUMNS' | 'BLOCK_ALL';
export type SyncMode = 'SOFT_DELETE' | 'HISTORY' | 'LIVE';

export interface EnabledPatchSettings {
  allowed: boolean;
  reason_code?: 'SYSTEM_TABLE' | 'SYSTEM_COLUMN' | 'DELETED' | 'OTHER';
  reason?: string;
}

export interface ColumnConfig {
  name_in_destination?: string;
  enabled: boolean;
  hashed?: boolean;
  is_primary_key?: boolean;
  enabled_patch_settings?: EnabledPatchSettings;
}

export interface TableConfig {
  name_in_destination?: string;
  enabled: boolean;
  sync_mode?: SyncMode;
  supports_columns_config?: boolean;
  supports_history_mode?: boolean;
  enabled_patch_settings?: EnabledPatchSettings;
  /** Only the columns a user has ever set. */
  columns?: Record<string, ColumnConfig>;
}

export interface SchemaConfigSchema {
  name_in_destination?: string;
  enabled: boolean;
  tables?: Record<string, TableConfig>;
}

/** A connection's schema config: every mutation answers with the whole of it. */
export interface SchemaConfig {
  schema_change_handling: SchemaChangeHandling;
  /** Read-only: true iff ALLOW_ALL. */
  enable_new_by_default?: boolean;
  is_type_locked?: boolean;
  schemas: Record<string, SchemaConfigSchema>;
}

export interface ConnectorType {
  id: string;
  name: string;
  type: string;
  description?: string;
  icon_url?: string;
  icons?: string[];
  link_to_docs?: string;
  link_to_erd?: string;
  connector_class?: 'standard' | 'lite';
  service_status?: 'general_availability' | 'beta' | 'private_preview' | 'sunset' | 'development';
  service_status_updated_at?: string;
  supported_features?: Array<{ id: string; notes?: string }>;
  /** JSON Schema of `config`; only on the single-type call. */
  config?: Record<string, unknown>;
  auth?: Record<string, unknown>;
}

export interface Certificate {
  hash: string;
  public_key: string;
  name?: string;
  type?: string;
  sha1?: string;
  sha256?: string;
  validated_by?: string;
  validated_date?: string;
}

export interface Fingerprint {
  hash: string;
  public_key: string;
  validated_by?: string;
  validated_date?: string;
}

// Request bodies.

export interface GroupRequest {
  name: string;
}

/** Fields a connection create and update share. */
export interface ConnectionSettings {
  paused?: boolean;
  pause_after_trial?: boolean;
  sync_frequency?: SyncFrequency;
  daily_sync_time?: string;
  schedule_type?: ScheduleType;
  data_delay_sensitivity?: DataDelaySensitivity;
  data_delay_threshold?: number;
  networking_method?: NetworkingMethod;
  private_link_id?: string;
  proxy_agent_id?: string;
  hybrid_deployment_agent_id?: string;
  /** OAuth: `{client_access: {client_id, client_secret}, refresh_token, access_token}`. */
  auth?: Record<string, unknown>;
  config?: ServiceConfig;
  /** Test controls: they do not persist. */
  run_setup_tests?: boolean;
  trust_certificates?: boolean;
  trust_fingerprints?: boolean;
}

export interface CreateConnectionRequest extends ConnectionSettings {
  service: string;
  group_id: string;
  /** Carries the naming keys (`schema`, `table`, `schema_prefix`, `table_group_name`). */
  config: ServiceConfig;
  destination_schema_names?: 'FIVETRAN_NAMING' | 'SOURCE_NAMING';
  connect_card_config?: { redirect_uri: string; hide_setup_guide?: boolean };
}

export interface UpdateConnectionRequest extends ConnectionSettings {
  /** true starts a historical sync now. */
  is_historical_sync?: boolean;
  schema_status?: 'ready' | 'blocked_on_capture';
}

export interface DestinationSettings {
  region?: string;
  time_zone_offset?: string;
  daylight_saving_time_enabled?: boolean;
  networking_method?: NetworkingMethod;
  private_link_id?: string;
  proxy_agent_id?: string;
  hybrid_deployment_agent_id?: string;
  config?: ServiceConfig;
  run_setup_tests?: boolean;
  trust_certificates?: boolean;
  trust_fingerprints?: boolean;
}

export interface CreateDestinationRequest extends DestinationSettings {
  group_id: string;
  service: string;
  time_zone_offset: string;
}

export type UpdateDestinationRequest = DestinationSettings;

export interface SetupTestRequest {
  trust_certificates?: boolean;
  trust_fingerprints?: boolean;
}

/** Tables to re-sync, by schema name. */
export type TableScope = Record<string, string[]>;

export interface ColumnUpdate {
  enabled: boolean;
  hashed?: boolean;
  is_primary_key?: boolean;
}

export interface TableUpdate {
  enabled: boolean;
  sync_mode?: SyncMode;
  columns?: Record<string, ColumnUpdate>;
}

export interface SchemaUpdate {
  enabled: boolean;
  tables?: Record<string, TableUpdate>;
}

export interface SchemaConfigUpdate {
  schema_change_handling?: SchemaChangeHandling;
  is_type_locked?: boolean;
  schemas?: Record<string, SchemaUpdate>;
}

export interface SchemaConfigCreate {
  schemas: Record<string, SchemaUpdate>;
  schema_change_handling?: SchemaChangeHandling;
}

export type ExcludeMode = 'PRESERVE' | 'EXCLUDE';

export interface CertificateApproval {
  hash: string;
  /** Base64 of the certificate. */
  encoded_cert: string;
}

export interface FingerprintApproval {
  hash: string;
  public_key: string;
}
