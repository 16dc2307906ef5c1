import { callEndpoint, getSchemaConfig } from '../../api/index.js';
import type { SchemaConfig } from '../../api/index.js';
import { ApiError } from '../../errors.js';
import type { StepContext } from '../define-step.js';
import { schemaConfigKey } from './memo-keys.js';

/** A connection's schema config, read at most once per run (later writes refresh the memo). */
export function readSchemaConfig(ctx: StepContext, connectionId: string): Promise<SchemaConfig> {
  return ctx.memo(schemaConfigKey(connectionId), () => callEndpoint(ctx.client, getSchemaConfig(connectionId), { signal: ctx.signal }));
}

/**
 * The schema config, or undefined when the connection has none yet (before its first sync or
 * reload). An unknown connection still throws: only the config's own not-found means "none yet".
 */
export async function readSchemaConfigIfAny(ctx: StepContext, connectionId: string): Promise<SchemaConfig | undefined> {
  try {
    return await readSchemaConfig(ctx, connectionId);
  } catch (error) {
    if (isMissingSchemaConfig(error)) return undefined;
    throw error;
  }
}

/** `NotFound_SchemaConfig`, or the generic `NotFound` Fivetran has also been seen to answer there (CONTRACT §3.3). */
function isMissingSchemaConfig(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404 && (error.code === 'NotFound_SchemaConfig' || error.code === 'NotFound');
}

/** Stores the config a write answered with, so later steps of the run read the new state. */
export function rememberSchemaConfig(ctx: StepContext, connectionId: string, config: SchemaConfig): void {
  const key = schemaConfigKey(connectionId);
  ctx.forget(key);
  void ctx.memo(key, () => Promise.resolve(config));
}
