import { StepError } from '../errors.js';
import type { StepContext, WriteRequest } from './define-step.js';
import { defineStep } from './define-step.js';
import { isPlanned, plannedId } from './resource-ref.js';
import { refuseInapplicable } from './resources/applicable-inputs.js';
import { createReconciled } from './resources/create-reconciled.js';
import { currentObject } from './resources/current-object.js';
import type { CreateInputs, DesiredObject } from './resources/desired-object.js';
import { desiredObject } from './resources/desired-object.js';
import { FIELD_SCHEMAS, RESOURCE_REF, fieldSchemas } from './resources/field-schemas.js';
import { loadIndex, lookupFresh } from './resources/indexes.js';
import type { ApiObject, KeyedIndex } from './resources/keyed-index.js';
import { KINDS, WRITABLE_KINDS } from './resources/kinds.js';
import type { WritableKind } from './resources/kinds.js';
import { maskForOutput, refuseMasked, withoutMasked } from './resources/masked-values.js';
import { sendUpdate } from './resources/send-update.js';
import { planUpdate } from './resources/update-plan.js';

type Action = 'created' | 'exists' | 'updated' | 'unchanged';

interface CreateOutput extends Record<string, unknown> {
  id: string;
  object: ApiObject;
  action: Action;
  source_id?: string;
  secrets_left_out: string[];
  outcome?: 'unchanged';
  detail: string;
}

const COPY_INPUTS = ['from', 'schema_name', 'schema_suffix', 'secrets', 'missing_secrets'];

/** Inputs each kind takes besides `resource` and `if_exists`. */
const APPLICABLE: Readonly<Record<WritableKind, readonly string[]>> = {
  group: KINDS.group.createFields,
  team: KINDS.team.createFields,
  user: KINDS.user.createFields,
  destination: ['group', 'secrets', ...KINDS.destination.createFields],
  connection: ['group', ...COPY_INPUTS, ...KINDS.connection.createFields],
};

const ALL_FIELDS = [...new Set(WRITABLE_KINDS.flatMap((kind) => [...KINDS[kind].createFields]))];

/** Creates a group, destination, connection, user or team unless its natural key exists; copies connections. */
export const createStep = defineStep<CreateInputs, CreateOutput>({
  type: 'create',
  summary: 'create a group, destination, connection, user or team unless it exists (natural key); copy a connection',
  main: 'resource',
  inputs: {
    type: 'object',
    properties: {
      resource: { type: 'string', enum: WRITABLE_KINDS, description: 'what to create' },
      if_exists: {
        type: 'string',
        enum: ['skip', 'update', 'fail'],
        default: 'skip',
        description: 'when the natural key exists (group/team name, user email, the group of a destination, group + schema name of a connection): skip it, update what differs, or fail',
      },
      group: { ...RESOURCE_REF, description: 'destination or connection: the group, by id or name (or a group object)' },
      from: { ...RESOURCE_REF, description: 'connection: copy this connection (id or object) into `group`: service, schedule and config, paused by default' },
      schema_name: { type: 'string', minLength: 1, description: "connection: destination schema name (the service's naming key: schema, schema_prefix…)" },
      schema_suffix: { type: 'string', description: "connection: appended to the schema name, e.g. '_migrated'" },
      secrets: {
        type: 'object',
        additionalProperties: { type: ['string', 'number', 'boolean', 'object', 'null'] },
        description: "connection or destination: config keys → secret values merged into config, e.g. { password: \"${{ secret('PG_PASSWORD') }}\" }",
      },
      missing_secrets: {
        type: 'string',
        enum: ['fail', 'omit'],
        default: 'fail',
        description: "connection: what to do with config values still '******' (a copy's source shows its secrets masked) that `secrets:` does not supply: fail, or omit them — the connection is created without them and a warning names each key, to be set before it runs",
      },
      ...fieldSchemas(ALL_FIELDS),
      name: { ...FIELD_SCHEMAS.name!, description: 'group or team: its name (its natural key)' },
    },
    required: ['resource'],
    additionalProperties: false,
  },
  outputs: {
    id: 'id of the object (created, found or, in a dry run, planned)',
    object: 'the object as the API answered (secrets masked)',
    action: 'created, exists, updated or unchanged',
    source_id: 'the connection copied from (copies only)',
    secrets_left_out: "config keys created without a value under missing_secrets: omit (e.g. ['config.password']); empty when none or nothing was created",
  },
  effect: () => 'write',
  example: `- id: source
  list: connections
  with: { group: warehouse_legacy }
  where: item.service == 'postgres'
- id: copies
  create: connection
  foreach: \${{ steps.source.items }}
  with:
    group: warehouse_new
    from: \${{ item }}
    schema_suffix: _migrated
    secrets:
      password: \${{ secret('PG_PASSWORD') }}`,
  async run(ctx, inputs) {
    const { resource: kind, if_exists: ifExists = 'skip', ...fields } = inputs;
    refuseInapplicable(kind, fields, APPLICABLE[kind]);
    if (fields.from !== undefined && fields.service !== undefined) throw new StepError("input 'service' cannot be combined with 'from': a copy keeps its source's service");
    const { desired, leftOut } = leaveOutMasked(await desiredObject(ctx, inputs), inputs.missing_secrets === 'omit');
    refuseMasked(desired.body, `supply the value in 'secrets:', e.g. secrets: { password: "\${{ secret('PG_PASSWORD') }}" }, or create it without with missing_secrets: omit`);
    const index = await loadIndex(ctx, kind, kind === 'connection' ? desired.groupId : undefined);
    return index.serial(desired.key, async () => {
      const existing = index.find(desired.key);
      if (existing) return whenExists(ctx, desired, existing, ifExists, index, false);
      const lookup = (): Promise<ApiObject | undefined> => lookupFresh(ctx.client, kind, desired.key, desired.groupId);
      const result = await createReconciled(ctx, createRequest(ctx, desired), lookup);
      index.add(result.object);
      if (result.how === 'conflict') return whenExists(ctx, desired, result.object, ifExists, index, true);
      const note = result.how === 'reconciled' ? ' (reconciled: the answer was lost, found by its natural key)' : '';
      const dropped = desired.dropped.length > 0 ? `; left out config keys a create does not take: ${desired.dropped.join(', ')}` : '';
      const unset = leftOut.length > 0 ? `; created without ${leftOut.join(', ')} (masked at the source): set before it runs` : '';
      for (const path of leftOut) {
        ctx.say({ kind: 'warning', message: `${describe(desired, result.object)}: created without ${path} (its source shows it only as ******); set it before the connection runs` });
      }
      return { ...output(desired, result.object, 'created', `created ${describe(desired, result.object)}${note}${dropped}${unset}`), secrets_left_out: leftOut };
    });
  },
});

/** `missing_secrets: omit`: the body and the compared fields without their `******` values, and the paths left out. */
function leaveOutMasked(desired: DesiredObject, omit: boolean): { desired: DesiredObject; leftOut: string[] } {
  if (!omit) return { desired, leftOut: [] };
  const body = withoutMasked(desired.body);
  if (body.omitted.length === 0) return { desired, leftOut: [] };
  return { desired: { ...desired, body: body.value, updatable: withoutMasked(desired.updatable).value }, leftOut: body.omitted };
}

function createRequest(ctx: StepContext, desired: DesiredObject): WriteRequest {
  const call = KINDS[desired.kind].create(desired.body);
  const key = desired.kind === 'connection' ? `${desired.groupId}/${desired.key}` : desired.key;
  return {
    method: 'POST',
    path: call.path,
    body: call.body,
    target: { kind: desired.kind, key },
    answersObject: true,
    planned: () => ({
      ...maskForOutput(desired.body, desired.secretKeys),
      id: plannedId(ctx, desired.kind),
      ...(desired.kind === 'connection' ? { schema: desired.key } : {}),
    }),
  };
}

async function whenExists(
  ctx: StepContext,
  desired: DesiredObject,
  existing: ApiObject,
  ifExists: 'skip' | 'update' | 'fail',
  index: KeyedIndex,
  raced: boolean,
): Promise<CreateOutput> {
  const id = String(existing.id);
  const where = `${describe(desired, existing)}${raced ? ', created meanwhile by someone else' : ''}`;
  if (ifExists === 'fail') throw new StepError(`${where} already exists and if_exists is 'fail'`);
  if (ifExists === 'skip' || isPlanned(id)) return { ...output(desired, existing, 'exists', `exists: ${where}`), outcome: 'unchanged' };
  const kind = desired.kind;
  const current = await currentObject(ctx, kind, existing, id, Object.keys(desired.updatable));
  const plan = planUpdate(current, desired.updatable, { isSecret: desired.isSecret, sendSecrets: false });
  const secretsNote = desired.secretKeys.length > 0 ? '; secret values cannot be compared and were left as they are' : '';
  if (plan.changed.length === 0) return { ...output(desired, current, 'unchanged', `exists, nothing to update: ${where}${secretsNote}`), outcome: 'unchanged' };
  const updated = await sendUpdate(ctx, kind, id, current, plan.body);
  index.add(updated);
  return output(desired, updated, 'updated', `updated ${plan.changed.join(', ')} of ${where}${secretsNote}`);
}

function output(desired: DesiredObject, object: ApiObject, action: Action, detail: string): CreateOutput {
  return {
    id: String(object.id),
    object: maskForOutput(object, desired.secretKeys),
    action,
    ...(desired.source ? { source_id: String(desired.source.id) } : {}),
    secrets_left_out: [],
    detail,
  };
}

function describe(desired: DesiredObject, object: ApiObject): string {
  const what = KINDS[desired.kind].describe({ ...desired.body, ...object });
  const copied = desired.source ? ` from ${String(desired.source.id)}` : '';
  return `${what}${copied} (id ${String(object.id)})`;
}
