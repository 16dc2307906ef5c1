/**
 * The records the sandbox keeps. They are plain JSON-able objects so a snapshot is a structured copy
 * and a state file round-trips. Field names follow the API's, so rendering is mostly picking fields.
 */

export type JsonObject = { [key: string]: unknown };

export interface AccountRecord {
  account_id: string;
  account_name: string;
  /** The user the API key belongs to; `connected_by` of connections it creates. */
  user_id: string;
}

export interface GroupRecord {
  id: string;
  name: string;
  created_at: string;
}

export type SetupTestStatus = 'PASSED' | 'SKIPPED' | 'WARNING' | 'FAILED' | 'JOB_FAILED';

export interface SetupTest {
  title: string;
  status: SetupTestStatus;
  message: string;
  details?: JsonObject;
}

/** A TLS certificate a source or destination presents and which must be approved (or trusted). */
export interface PresentedCertificate {
  hash: string;
  public_key: string;
  name: string;
  type: string;
  sha1: string;
  sha256: string;
  encoded_cert: string;
}

/** An SSH host key presented through a tunnel. */
export interface PresentedFingerprint {
  hash: string;
  public_key: string;
  type: string;
  name: string;
}

export interface ApprovedCertificate {
  id: string;
  hash: string;
  public_key: string;
  name: string;
  type: string;
  sha1: string;
  sha256: string;
  validated_by: string;
  validated_date: string;
}

export interface ApprovedFingerprint {
  id: string;
  hash: string;
  public_key: string;
  validated_by: string;
  validated_date: string;
}

/** Certificates and fingerprints of one connection or destination. */
export interface TrustRecord {
  presentedCertificate: PresentedCertificate | null;
  presentedFingerprint: PresentedFingerprint | null;
  certificates: ApprovedCertificate[];
  fingerprints: ApprovedFingerprint[];
}

export interface StatusTask {
  code: string;
  message: string;
}

export interface ConnectionStatus {
  setup_state: 'incomplete' | 'connected' | 'broken';
  sync_state: 'scheduled' | 'syncing' | 'paused' | 'rescheduled';
  update_state: 'on_schedule' | 'delayed';
  is_historical_sync: boolean;
  tasks: StatusTask[];
  warnings: StatusTask[];
}

/** A simulated sync in progress: it ends (lazily, on the next read) at `endsAt`. */
export interface SyncRun {
  startedAt: number;
  endsAt: number;
  fails: boolean;
}

export interface EnabledPatchSettings {
  allowed: boolean;
  reason_code?: string;
  reason?: string;
}

export interface ColumnConfig {
  name_in_destination: string;
  enabled: boolean;
  hashed: boolean;
  is_primary_key?: boolean;
  enabled_patch_settings: EnabledPatchSettings;
}

export interface TableConfig {
  name_in_destination: string;
  enabled: boolean;
  sync_mode?: 'SOFT_DELETE' | 'HISTORY' | 'LIVE';
  supports_columns_config: boolean;
  supports_history_mode: boolean;
  enabled_patch_settings: EnabledPatchSettings;
  /** Only the columns a user has set, as the API lists them. */
  columns: Record<string, ColumnConfig>;
  /** Columns dropped through drop-columns; they no longer appear in the live column list. */
  dropped_columns?: string[];
}

export interface SchemaEntry {
  name_in_destination: string;
  enabled: boolean;
  tables: Record<string, TableConfig>;
}

export type SchemaChangeHandling = 'ALLOW_ALL' | 'ALLOW_COLUMNS' | 'BLOCK_ALL';

export interface SchemaConfig {
  schema_change_handling: SchemaChangeHandling;
  is_type_locked?: boolean;
  schemas: Record<string, SchemaEntry>;
}

export interface ConnectionRecord {
  id: string;
  group_id: string;
  service: string;
  service_version: number;
  schema: string;
  connected_by: string;
  created_at: string;
  succeeded_at: string | null;
  failed_at: string | null;
  paused: boolean;
  pause_after_trial: boolean;
  sync_frequency: number;
  daily_sync_time: string | null;
  schedule_type: 'auto' | 'manual';
  data_delay_sensitivity: string;
  data_delay_threshold: number;
  networking_method: string;
  private_link_id: string | null;
  proxy_agent_id: string | null;
  hybrid_deployment_agent_id: string | null;
  destination_schema_names: string | null;
  status: ConnectionStatus;
  /** As sent by clients, secrets included; masked on every way out. */
  config: JsonObject;
  /** Results of the last setup-test run, shown on create/update/test responses. */
  setup_tests: SetupTest[];
  run: SyncRun | null;
  /** A resync asked for while paused, started on unpause. */
  resync_queued: boolean;
  schema_config: SchemaConfig | null;
  /** Connector SDK / function state (`/state`). */
  sdk_state: JsonObject | null;
  trust: TrustRecord;
}

export interface DestinationRecord {
  id: string;
  group_id: string;
  service: string;
  region: string;
  time_zone_offset: string;
  daylight_saving_time_enabled: boolean;
  setup_status: 'incomplete' | 'connected' | 'broken';
  networking_method: string;
  private_link_id: string | null;
  hybrid_deployment_agent_id: string | null;
  proxy_agent_id: string | null;
  config: JsonObject;
  setup_tests: SetupTest[];
  trust: TrustRecord;
}

export interface UserRecord {
  id: string;
  email: string;
  given_name: string;
  family_name: string;
  verified: boolean;
  invited: boolean;
  active: boolean;
  picture: string | null;
  phone: string | null;
  role: string | null;
  logged_in_at: string;
  created_at: string;
}

export interface TeamRecord {
  id: string;
  name: string;
  description: string | null;
  role: string;
}

/** A role granted on a group or connection, to a user or a team. */
export interface MembershipRecord {
  id: string;
  role: string;
  created_at: string;
}

export interface WebhookRecord {
  id: string;
  type: 'account' | 'group';
  group_id: string | null;
  url: string;
  events: string[];
  active: boolean;
  secret: string | null;
  created_at: string;
  created_by: string;
}

/** Everything, as saved to a state file and dumped by `GET /__sandbox/state`. */
export interface StateSnapshot {
  version: 1;
  account: AccountRecord;
  groups: GroupRecord[];
  destinations: DestinationRecord[];
  connections: ConnectionRecord[];
  users: UserRecord[];
  teams: TeamRecord[];
  /** `user:<id>:group` → memberships, `team:<id>:connection` → …, `team:<id>:user` → … */
  memberships: Record<string, MembershipRecord[]>;
  webhooks: WebhookRecord[];
}
