/** API shapes of the records (v2): what each GET, create and update answers. */
import type { ConnectionRecord, DestinationRecord, JsonObject, TeamRecord, UserRecord, WebhookRecord } from '../state/types.js';
import { maskConfig, MASK } from './secrets.js';

/** A connection as details, create/update/test responses (`withTests`) and list items show it. */
export function renderConnection(c: ConnectionRecord, withTests = false): JsonObject {
  return {
    id: c.id,
    group_id: c.group_id,
    service: c.service,
    service_version: c.service_version,
    schema: c.schema,
    connected_by: c.connected_by,
    created_at: c.created_at,
    succeeded_at: c.succeeded_at,
    failed_at: c.failed_at,
    paused: c.paused,
    pause_after_trial: c.pause_after_trial,
    sync_frequency: c.sync_frequency,
    ...(c.sync_frequency === 1440 && c.daily_sync_time !== null ? { daily_sync_time: c.daily_sync_time } : {}),
    schedule_type: c.schedule_type,
    data_delay_sensitivity: c.data_delay_sensitivity,
    data_delay_threshold: c.data_delay_threshold,
    networking_method: c.networking_method,
    private_link_id: c.private_link_id,
    proxy_agent_id: c.proxy_agent_id,
    hybrid_deployment_agent_id: c.hybrid_deployment_agent_id,
    ...(c.destination_schema_names !== null ? { destination_schema_names: c.destination_schema_names } : {}),
    status: {
      setup_state: c.status.setup_state,
      sync_state: c.status.sync_state,
      update_state: c.status.update_state,
      is_historical_sync: c.status.is_historical_sync,
      tasks: c.status.tasks.map((t) => ({ ...t })),
      warnings: c.status.warnings.map((w) => ({ ...w })),
    },
    ...(withTests ? { setup_tests: c.setup_tests.map((t) => ({ ...t })) } : {}),
    source_sync_details: {},
    config: maskConfig('connection', c.service, c.config),
  };
}

/** A destination; list items carry no config (DestinationResponse). */
export function renderDestination(d: DestinationRecord, view: 'list' | 'details' | 'tested'): JsonObject {
  return {
    id: d.id,
    group_id: d.group_id,
    service: d.service,
    region: d.region,
    time_zone_offset: d.time_zone_offset,
    setup_status: d.setup_status,
    daylight_saving_time_enabled: d.daylight_saving_time_enabled,
    networking_method: d.networking_method,
    private_link_id: d.private_link_id,
    hybrid_deployment_agent_id: d.hybrid_deployment_agent_id,
    proxy_agent_id: d.proxy_agent_id,
    ...(view === 'tested' ? { setup_tests: d.setup_tests.map((t) => ({ ...t })) } : {}),
    ...(view === 'list' ? {} : { config: maskConfig('destination', d.service, d.config) }),
  };
}

export function renderUser(u: UserRecord): JsonObject {
  return { ...u };
}

export function renderTeam(t: TeamRecord): JsonObject {
  return { id: t.id, name: t.name, description: t.description, role: t.role };
}

export function renderWebhook(w: WebhookRecord): JsonObject {
  return {
    id: w.id,
    type: w.type,
    ...(w.group_id !== null ? { group_id: w.group_id } : {}),
    url: w.url,
    events: [...w.events],
    active: w.active,
    ...(w.secret !== null ? { secret: MASK } : {}),
    created_at: w.created_at,
    created_by: w.created_by,
  };
}
