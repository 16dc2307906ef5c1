/**
 * What a `create` step wants to exist: the create body, its natural key, and the fields to compare
 * when it exists already (`if_exists: update`), for each kind of object.
 */
import { StepError } from '../../errors.js';
import type { StepContext } from '../define-step.js';
import { isPlanned, refId, refObject } from '../resource-ref.js';
import { copyConnectionBody } from './copy-connection.js';
import { objectMemoKey } from './current-object.js';
import { NATURAL_KEY } from './indexes.js';
import type { ApiObject } from './keyed-index.js';
import { KINDS } from './kinds.js';
import type { WritableKind } from './kinds.js';
import { secretKeyTest } from './masked-values.js';
import { renameSchema, requireConnectionName } from './naming.js';
import { resolveGroupId } from './resolve-group.js';

/** The inputs of a `create` step (fields of the create body are flat, as the API spells them). */
export interface CreateInputs {
  resource: WritableKind;
  if_exists?: 'skip' | 'update' | 'fail';
  group?: unknown;
  from?: unknown;
  schema_name?: string;
  schema_suffix?: string;
  secrets?: Record<string, unknown>;
  /** Config values still `******`: refuse them (fail) or create without them (omit). */
  missing_secrets?: 'fail' | 'omit';
  [field: string]: unknown;
}

export interface DesiredObject {
  kind: WritableKind;
  body: Record<string, unknown>;
  /** Natural key: unique among the objects of its index. */
  key: string;
  /** Group of a destination or connection. */
  groupId?: string;
  /** The connection copied from. */
  source?: ApiObject;
  /** Fields compared against an existing object under `if_exists: update` (create-only fields left out). */
  updatable: Record<string, unknown>;
  isSecret(key: string): boolean;
  /** Config keys holding secrets (from `secrets:` or named like one), masked in outputs. */
  secretKeys: string[];
  /** Source config keys a create does not accept (copies only). */
  dropped: string[];
}

/** Config keys that name a connection or are fixed at creation: changing them is refused (400). */
const CREATE_ONLY_CONFIG = new Set(['schema', 'schema_prefix', 'table', 'table_group_name', 'timeframe_months']);

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** The fields among `names` that are set. */
function given(inputs: Readonly<Record<string, unknown>>, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(names.filter((name) => inputs[name] !== undefined).map((name) => [name, inputs[name]]));
}

function required(inputs: CreateInputs, name: string, kind: WritableKind): string {
  const value = inputs[name];
  if (typeof value !== 'string' || value === '') throw new StepError(`create ${kind} needs input '${name}'`);
  return value;
}

/** Builds what a `create` step wants, resolving the group and reading the source of a copy when needed. */
export async function desiredObject(ctx: StepContext, inputs: CreateInputs): Promise<DesiredObject> {
  const desired = await buildDesired(ctx, inputs);
  const config = isRecord(desired.body.config) ? desired.body.config : {};
  const secretKeys = new Set([...desired.secretKeys, ...Object.keys(config).filter((key) => desired.isSecret(key))]);
  return { ...desired, secretKeys: [...secretKeys] };
}

async function buildDesired(ctx: StepContext, inputs: CreateInputs): Promise<DesiredObject> {
  const kind = inputs.resource;
  const facts = KINDS[kind];
  const secrets = inputs.secrets ?? {};
  const base = { kind, secretKeys: Object.keys(secrets), dropped: [] as string[] };
  switch (kind) {
    case 'group': {
      const name = required(inputs, 'name', kind);
      return { ...base, body: { name }, key: name, updatable: {}, isSecret: () => false };
    }
    case 'team':
    case 'user': {
      required(inputs, kind === 'user' ? 'email' : 'name', kind);
      const body = given(inputs, facts.createFields);
      return { ...base, body, key: NATURAL_KEY[kind](body)!, updatable: given(inputs, facts.updateFields), isSecret: () => false };
    }
    case 'destination': {
      const groupId = await resolveGroupId(ctx, inputs.group ?? required(inputs, 'group', kind));
      const body: Record<string, unknown> = { group_id: groupId, ...given(inputs, facts.createFields) };
      if (isRecord(body.config) || inputs.secrets) body.config = { ...(isRecord(body.config) ? body.config : {}), ...secrets };
      return { ...base, body, key: groupId, groupId, updatable: given(body, facts.updateFields), isSecret: secretKeyTest('destination', body.service) };
    }
    case 'connection':
      return desiredConnection(ctx, inputs, base);
  }
}

async function desiredConnection(ctx: StepContext, inputs: CreateInputs, base: Pick<DesiredObject, 'kind' | 'secretKeys' | 'dropped'>): Promise<DesiredObject> {
  const facts = KINDS.connection;
  const groupId = await resolveGroupId(ctx, inputs.group ?? required(inputs, 'group', 'connection'));
  const explicit = given(inputs, facts.createFields);
  const rename = { ...(inputs.schema_name === undefined ? {} : { name: inputs.schema_name }), ...(inputs.schema_suffix === undefined ? {} : { suffix: inputs.schema_suffix }) };
  const secrets = inputs.secrets ?? {};
  let body: Record<string, unknown>;
  let source: ApiObject | undefined;
  let dropped: string[] = [];
  if (inputs.from !== undefined) {
    source = await sourceConnection(ctx, inputs.from);
    ({ body, dropped } = copyConnectionBody(source, { groupId, rename, secrets, overrides: explicit }));
  } else {
    const service = required(inputs, 'service', 'connection');
    const config = renameSchema(service, isRecord(explicit.config) ? explicit.config : {}, rename);
    body = { ...explicit, service, group_id: groupId, config: { ...config, ...secrets } };
  }
  const service = String(body.service);
  const key = requireConnectionName(service, body.config as Record<string, unknown>);
  return {
    ...base,
    body,
    key,
    groupId,
    ...(source ? { source } : {}),
    dropped,
    updatable: connectionUpdatable(body, explicit),
    isSecret: secretKeyTest('connection', service),
  };
}

/** Settings and config of a connection body minus what cannot change; `paused` only when set on the step (a copy's default must not re-pause). */
function connectionUpdatable(body: Record<string, unknown>, explicit: Record<string, unknown>): Record<string, unknown> {
  const updatable: Record<string, unknown> = {};
  for (const field of KINDS.connection.updateFields) {
    if (body[field] === undefined || (field === 'paused' && explicit.paused === undefined)) continue;
    updatable[field] = body[field];
  }
  if (isRecord(body.config)) updatable.config = Object.fromEntries(Object.entries(body.config).filter(([key]) => !CREATE_ONLY_CONFIG.has(key)));
  return updatable;
}

/** The connection a copy is made from: the given object when it carries service and config, else one read shared by the run. */
async function sourceConnection(ctx: StepContext, from: unknown): Promise<ApiObject> {
  const object = refObject(from);
  if (object && typeof object.service === 'string' && isRecord(object.config)) return object;
  const id = refId(from, 'from');
  if (isPlanned(id)) throw new StepError(`input 'from' is a connection this run only plans (${id}): there is nothing to copy yet`);
  return ctx.memo(objectMemoKey('connection', id), () => ctx.client.get<ApiObject>(KINDS.connection.get(id).path));
}
