/**
 * Input schemas of the API fields `create` and `update` take, written once: each field as the
 * request bodies of the definition spell it, with the kinds it applies to in its description.
 */
import type { InputSchema } from '../define-step.js';

/** An input naming an API object by id, or the object itself (a list item saves a read). */
export const RESOURCE_REF: InputSchema = { type: ['string', 'object'], description: 'id, or the object itself (e.g. a list item)' };

const SYNC_FREQUENCIES = [1, 5, 15, 30, 60, 120, 180, 360, 480, 720, 1440] as const;

/** Fields of connection and destination bodies and of users and teams, by name. */
export const FIELD_SCHEMAS: Readonly<Record<string, InputSchema>> = {
  name: { type: 'string', minLength: 1, description: 'group or team: its name' },
  description: { type: 'string', description: 'team: what it is for' },
  role: { type: 'string', description: "user or team: account role, e.g. 'Account Analyst'" },
  email: { type: 'string', minLength: 1, description: 'user: email (its natural key)' },
  given_name: { type: 'string', description: 'user: first name' },
  family_name: { type: 'string', description: 'user: last name' },
  phone: { type: 'string', description: 'user: phone number' },
  picture: { type: 'string', description: 'user: avatar URL or data URI' },
  service: { type: 'string', minLength: 1, description: "connection or destination: service id, e.g. 'postgres', 'snowflake'" },
  config: { type: 'object', description: 'connection or destination: service configuration; merged key by key into the current one' },
  auth: { type: 'object', description: 'connection: OAuth credentials (secret: sent without comparison)' },
  paused: { type: 'boolean', description: 'connection: paused (copies default to true)' },
  pause_after_trial: { type: 'boolean', description: 'connection: pause when the trial ends' },
  sync_frequency: { type: 'integer', enum: SYNC_FREQUENCIES, description: 'connection: minutes between syncs' },
  daily_sync_time: { type: 'string', description: "connection: 'HH:00', only with sync_frequency 1440" },
  schedule_type: { type: 'string', enum: ['auto', 'manual'], description: 'connection: auto or manual scheduling' },
  data_delay_sensitivity: { type: 'string', enum: ['LOW', 'NORMAL', 'HIGH', 'CUSTOM', 'SYNC_FREQUENCY'], description: 'connection: delay notification sensitivity' },
  data_delay_threshold: { type: 'integer', minimum: 0, description: 'connection: custom delay threshold in minutes' },
  networking_method: { type: 'string', enum: ['Directly', 'PrivateLink', 'SshTunnel', 'ProxyAgent'], description: 'connection or destination: how Fivetran reaches it' },
  private_link_id: { type: 'string', description: 'connection or destination: private link id' },
  proxy_agent_id: { type: 'string', description: 'connection or destination: proxy agent id' },
  hybrid_deployment_agent_id: { type: 'string', description: 'connection or destination: hybrid deployment agent id' },
  destination_schema_names: { type: 'string', enum: ['FIVETRAN_NAMING', 'SOURCE_NAMING'], description: 'connection: naming of destination objects (default FIVETRAN_NAMING)' },
  region: { type: 'string', description: "destination: data processing region, e.g. 'GCP_US_EAST4'" },
  time_zone_offset: { type: 'string', description: "destination: time zone offset, '-11' to '+12'" },
  daylight_saving_time_enabled: { type: 'boolean', description: 'destination: follow daylight saving time' },
  run_setup_tests: { type: 'boolean', description: 'connection or destination: run the setup tests with this request' },
  trust_certificates: { type: 'boolean', description: 'connection or destination: approve certificates the setup tests meet' },
  trust_fingerprints: { type: 'boolean', description: 'connection or destination: approve SSH fingerprints the setup tests meet' },
};

/** The schemas of the named fields, for an inputs block. */
export function fieldSchemas(names: readonly string[]): Record<string, InputSchema> {
  return Object.fromEntries(names.map((name) => [name, FIELD_SCHEMAS[name]!]));
}
