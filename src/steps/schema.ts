import { reloadSchemaConfig, updateSchemaConfig } from '../api/index.js';
import type { SchemaChangeHandling } from '../api/index.js';
import { StepError } from '../errors.js';
import { defineStep } from './define-step.js';
import type { StepContext } from './define-step.js';
import { choiceInput } from './ops/inputs.js';
import { readSchemaConfig, readSchemaConfigIfAny, rememberSchemaConfig } from './ops/schema-config-read.js';
import { copySchema } from './ops/schema-copy.js';
import type { SchemaOutputs } from './ops/schema-outcome.js';
import { patchSchema } from './ops/schema-patch.js';
import type { PatchRequest } from './ops/schema-patch.js';
import { writeCall } from './ops/write-call.js';
import type { ResourceRef } from './resource-ref.js';
import { isPlanned, refId } from './resource-ref.js';

const ACTIONS = ['get', 'reload', 'patch', 'copy'] as const;
type Action = (typeof ACTIONS)[number];
const HANDLING = ['ALLOW_ALL', 'ALLOW_COLUMNS', 'BLOCK_ALL'] as const;

interface SchemaInputs extends PatchRequest {
  action: Action;
  connection: ResourceRef;
  from?: ResourceRef;
  exclude_mode?: 'PRESERVE' | 'EXCLUDE';
}

/** Inputs each action reads besides `action` and `connection`; any other is a mistake worth saying. */
const ACCEPTS: Record<Action, readonly string[]> = {
  get: [],
  reload: ['exclude_mode', 'schema_change_handling'],
  patch: ['schemas', 'enable', 'disable', 'hash', 'schema_change_handling', 'is_type_locked'],
  copy: ['from'],
};

function checkInputsFor(action: Action, inputs: SchemaInputs): void {
  const stray = Object.keys(inputs).filter((name) => name !== 'action' && name !== 'connection' && inputs[name as keyof SchemaInputs] !== undefined && !ACCEPTS[action].includes(name));
  if (stray.length) {
    const takes = ACCEPTS[action].length ? `it takes ${ACCEPTS[action].join(', ')}` : 'it takes only connection';
    throw new StepError(`schema: ${action} does not use ${stray.join(', ')} (${takes})`);
  }
}

async function get(ctx: StepContext, id: string): Promise<SchemaOutputs> {
  if (isPlanned(id)) return { config: null, changes: [], detail: 'planned connection: no schema config yet' };
  const config = await readSchemaConfig(ctx, id);
  return { config, changes: [], detail: `${Object.keys(config.schemas).length} schemas` };
}

/** Reads the source again; `schema_change_handling` is applied after, only when it differs. */
async function reload(ctx: StepContext, id: string, inputs: SchemaInputs): Promise<SchemaOutputs> {
  const mode = choiceInput(inputs.exclude_mode ?? 'PRESERVE', 'exclude_mode', ['PRESERVE', 'EXCLUDE'] as const);
  const handling = inputs.schema_change_handling === undefined ? undefined : choiceInput<SchemaChangeHandling>(inputs.schema_change_handling, 'schema_change_handling', HANDLING);
  const target = { kind: 'schema_config', id, changes: { reload: mode } };
  // A dry run reloads nothing, so later steps plan against the config as it is now.
  const before = ctx.dryRun && !isPlanned(id) ? await readSchemaConfigIfAny(ctx, id) : undefined;
  let config = await writeCall(ctx, reloadSchemaConfig(id, mode), target);
  if (config) rememberSchemaConfig(ctx, id, config);
  const changes = [`reloaded (${mode})`];
  const shown = config ?? before;
  if (handling !== undefined && shown?.schema_change_handling !== handling) {
    config = (await writeCall(ctx, updateSchemaConfig(id, { schema_change_handling: handling }), { kind: 'schema_config', id, changes: { schema_change_handling: handling } })) ?? config;
    if (config) rememberSchemaConfig(ctx, id, config);
    changes.push(`schema_change_handling ${handling}`);
  }
  return { config: config ?? before ?? null, changes, detail: changes.join(', ') };
}

/** Reads, reloads, edits or copies a connection's schema config (schemas, tables, columns, hashing, change handling). */
export const schemaStep = defineStep<SchemaInputs, SchemaOutputs>({
  type: 'schema',
  summary: "read, reload, patch or copy a connection's schema config",
  main: 'action',
  inputs: {
    type: 'object',
    properties: {
      action: { type: 'string', enum: ACTIONS, description: 'get, reload (from the source), patch (send only differences) or copy (from another connection)' },
      connection: { type: ['string', 'object'], description: 'the connection whose config is read or changed: its id, or an object with an id' },
      from: { type: ['string', 'object'], description: 'copy: the connection whose config is copied' },
      exclude_mode: { type: 'string', enum: ['PRESERVE', 'EXCLUDE'], default: 'PRESERVE', description: 'reload: PRESERVE keeps current choices; EXCLUDE leaves new objects disabled' },
      schema_change_handling: { type: 'string', enum: HANDLING, description: 'reload/patch: ALLOW_ALL, ALLOW_COLUMNS or BLOCK_ALL' },
      is_type_locked: { type: 'boolean', description: 'patch: lock column types' },
      schemas: { type: 'object', description: 'patch: the API\'s nested shape {schema: {enabled, tables: {table: {enabled, sync_mode, columns: {column: {enabled, hashed}}}}}}; enabled may be left out to keep it' },
      enable: { type: 'array', items: { type: 'string' }, description: 'patch: names to enable: schema, schema.table or schema.table.column (source names, case-sensitive)' },
      disable: { type: 'array', items: { type: 'string' }, description: 'patch: names to disable, as for enable' },
      hash: { type: 'array', items: { type: 'string' }, description: 'patch: columns to hash, as schema.table.column' },
    },
    required: ['action', 'connection'],
    additionalProperties: false,
  },
  outputs: {
    config: 'the schema config after the step (as the API answered)',
    changes: 'one line per change made, e.g. "public.orders disabled"; empty when nothing changed',
  },
  effect: (inputs) => (inputs.action === 'get' ? 'read' : 'write'),
  example: `- id: block
  schema: patch
  with:
    connection: brisk_lantern
    enable: [public]
    disable: [public.audit_log]
    hash: [public.customers.email]
    schema_change_handling: BLOCK_ALL
- id: copy
  schema: copy
  with:
    connection: hollow_quarry
    from: brisk_lantern`,
  async run(ctx, inputs) {
    const action = choiceInput(inputs.action, 'action', ACTIONS);
    checkInputsFor(action, inputs);
    const id = refId(inputs.connection, 'connection');
    if (action === 'get') return get(ctx, id);
    if (action === 'reload') return reload(ctx, id, inputs);
    if (action === 'copy') {
      if (inputs.from === undefined) throw new StepError("schema: copy needs 'from', the connection to copy from");
      return copySchema(ctx, id, refId(inputs.from, 'from'));
    }
    const requested = ACCEPTS.patch.some((name) => inputs[name as keyof SchemaInputs] !== undefined);
    if (!requested) throw new StepError(`schema: patch needs at least one of ${ACCEPTS.patch.join(', ')}`);
    return patchSchema(ctx, id, inputs);
  },
});
