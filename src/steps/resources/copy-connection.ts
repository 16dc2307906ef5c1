/**
 * The create body of a copy of a connection: what the seed's copy and migrate scripts built by hand
 * per service, done once for every service from the definition. Only fields a create accepts are
 * taken (read-only fields and config keys the service does not declare are left behind), secrets
 * come from the workflow, and the copy starts paused unless told otherwise.
 */
import { StepError } from '../../errors.js';
import { createConfigKeys } from './create-config-keys.js';
import type { ApiObject } from './keyed-index.js';
import { COPIED_CONNECTION_SETTINGS } from './kinds.js';
import { renameSchema, sourceNaming } from './naming.js';

export interface CopyOptions {
  groupId: string;
  /** A new schema name, or a suffix for the source's. */
  rename: { name?: string; suffix?: string };
  /** Config keys → values, merged last (the masked secrets of the source). */
  secrets: Readonly<Record<string, unknown>>;
  /** Fields set explicitly on the step (`paused`, `sync_frequency`, `config`…); `config` is merged key by key. */
  overrides: Readonly<Record<string, unknown>>;
}

export interface CopyBody {
  body: Record<string, unknown>;
  /** Source config keys a create does not accept for this service. */
  dropped: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Builds the create body of a copy of `source` (a connection as read from the API). */
export function copyConnectionBody(source: ApiObject, options: CopyOptions): CopyBody {
  const service = source.service;
  if (typeof service !== 'string' || service === '') throw new StepError(`input 'from' is not a connection: it has no 'service'`);
  const sourceConfig = isRecord(source.config) ? source.config : {};
  const accepted = createConfigKeys(service);
  const config: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(sourceConfig)) {
    if (accepted && !accepted.has(key)) dropped.push(key);
    else if (value !== null && value !== undefined) config[key] = value;
  }
  Object.assign(config, sourceNaming(service, sourceConfig, source.schema));
  const { config: configOverrides, ...fieldOverrides } = options.overrides;
  const renamed = renameSchema(service, { ...config, ...(isRecord(configOverrides) ? configOverrides : {}) }, options.rename);

  const body: Record<string, unknown> = { service, group_id: options.groupId, paused: true };
  for (const field of COPIED_CONNECTION_SETTINGS) {
    const value = source[field];
    if (value !== null && value !== undefined) body[field] = value;
  }
  Object.assign(body, fieldOverrides);
  // A daily sync time only goes with the daily frequency; a copy that syncs more often must not carry it.
  if (body.sync_frequency !== 1440 && !('daily_sync_time' in fieldOverrides)) delete body.daily_sync_time;
  body.config = { ...renamed, ...options.secrets };
  return { body, dropped };
}
