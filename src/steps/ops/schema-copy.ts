/**
 * `schema: copy`: one connection's table and column selection onto another. A target without a
 * config gets it in one pre-create POST (no reload, no source contact); a target with one gets only
 * the differences, so a re-run sends nothing. A source without a config yet is skipped (nothing to copy).
 */
import { createSchemaConfig, updateSchemaConfig } from '../../api/index.js';
import type { SchemaConfig } from '../../api/index.js';
import { StepError } from '../../errors.js';
import type { StepContext } from '../define-step.js';
import { isPlanned } from '../resource-ref.js';
import { diffSchemaConfig } from './schema-diff.js';
import { readSchemaConfigIfAny, rememberSchemaConfig } from './schema-config-read.js';
import { describeChanges } from './schema-outcome.js';
import type { SchemaOutputs } from './schema-outcome.js';
import { copyCreateBody, copyUpdateBody } from './schema-request.js';
import { WishBuilder } from './schema-wish.js';
import { writeCall } from './write-call.js';

/** Copies `fromId`'s schema config onto `targetId`. */
export async function copySchema(ctx: StepContext, targetId: string, fromId: string): Promise<SchemaOutputs> {
  if (isPlanned(fromId)) throw new StepError(`cannot copy from ${fromId}: a connection a dry run only planned has no schema config to read`);
  if (fromId === targetId) throw new StepError(`cannot copy the schema config of ${fromId} onto itself`);
  // A source never synced nor reloaded has no selection to carry over; the copy gets one from its own first sync.
  const source = await readSchemaConfigIfAny(ctx, fromId);
  if (!source) return { config: null, changes: [], outcome: 'skipped', detail: `${fromId} has no schema config yet (never synced or reloaded): nothing to copy` };
  const current = isPlanned(targetId) ? undefined : await readSchemaConfigIfAny(ctx, targetId);
  return current ? updateFrom(ctx, targetId, fromId, source, current) : createFrom(ctx, targetId, fromId, source);
}

async function createFrom(ctx: StepContext, targetId: string, fromId: string, source: SchemaConfig): Promise<SchemaOutputs> {
  const body = copyCreateBody(source);
  const target = { kind: 'schema_config', id: targetId, changes: body };
  let config = await writeCall(ctx, createSchemaConfig(targetId, body), target);
  // The pre-create body has no is_type_locked (the definition's create request lacks it).
  if (config && source.is_type_locked !== undefined && source.is_type_locked !== (config.is_type_locked ?? false)) {
    config = await writeCall(ctx, updateSchemaConfig(targetId, { is_type_locked: source.is_type_locked }), { kind: 'schema_config', id: targetId });
  }
  if (config) rememberSchemaConfig(ctx, targetId, config);
  const tables = Object.values(body.schemas).reduce((n, s) => n + Object.keys(s.tables ?? {}).length, 0);
  return { config: config ?? null, changes: [`created from ${fromId}`], detail: `created from ${fromId}: ${Object.keys(body.schemas).length} schemas, ${tables} tables` };
}

async function updateFrom(ctx: StepContext, targetId: string, fromId: string, source: SchemaConfig, current: SchemaConfig): Promise<SchemaOutputs> {
  const wanted = copyUpdateBody(source);
  const builder = new WishBuilder(current);
  builder.nested(wanted.schemas, `${fromId} has`);
  builder.settings(wanted.schema_change_handling, wanted.is_type_locked);
  if (builder.problems.length) {
    throw new StepError(`cannot copy the schema config of ${fromId} onto ${targetId}: ${builder.problems.join('; ')} (reload the target if its source has them)`);
  }
  // Columns the target does not list are sent as the source has them: a copy never reads live columns.
  const diff = diffSchemaConfig(current, builder.wish);
  if (diff.refusals.length) throw new StepError(`cannot copy the schema config of ${fromId} onto ${targetId}: ${diff.refusals.join('; ')}`);
  if (diff.changes.length === 0) return { config: current, changes: [], outcome: 'unchanged', detail: `already as ${fromId}` };
  const config = await writeCall(ctx, updateSchemaConfig(targetId, diff.body), { kind: 'schema_config', id: targetId, before: current, changes: diff.body });
  if (config) rememberSchemaConfig(ctx, targetId, config);
  return { config: config ?? current, changes: diff.changes, detail: `from ${fromId}: ${describeChanges(diff.changes)}` };
}
