import { StepError } from '../errors.js';
import { defineStep } from './define-step.js';
import { isPlanned, refId } from './resource-ref.js';
import { refuseInapplicable } from './resources/applicable-inputs.js';
import { currentObject } from './resources/current-object.js';
import { RESOURCE_REF, fieldSchemas } from './resources/field-schemas.js';
import { indexMemoKey } from './resources/indexes.js';
import type { ApiObject } from './resources/keyed-index.js';
import { KINDS, TEST_CONTROLS, WRITABLE_KINDS } from './resources/kinds.js';
import type { WritableKind } from './resources/kinds.js';
import { maskForOutput, refuseMasked, secretKeyTest } from './resources/masked-values.js';
import { sendUpdate } from './resources/send-update.js';
import { planUpdate } from './resources/update-plan.js';

interface UpdateInputs {
  resource: WritableKind;
  id: unknown;
  [field: string]: unknown;
}

interface UpdateOutput extends Record<string, unknown> {
  id: string;
  object: ApiObject;
  changed: string[];
  outcome?: 'unchanged';
  detail: string;
}

const ALL_FIELDS = [...new Set(WRITABLE_KINDS.flatMap((kind) => [...KINDS[kind].updateFields]))];

/** PATCHes only the fields that differ from the object as it is; nothing to change, nothing sent. */
export const updateStep = defineStep<UpdateInputs, UpdateOutput>({
  type: 'update',
  summary: 'set fields of a connection, group, destination, user or team, sending only what differs',
  main: 'resource',
  inputs: {
    type: 'object',
    properties: {
      resource: { type: 'string', enum: WRITABLE_KINDS, description: 'what to update' },
      id: { ...RESOURCE_REF, description: 'the object: its id, or the object itself (a list item holding the fields saves a read)' },
      ...fieldSchemas(ALL_FIELDS),
    },
    required: ['resource', 'id'],
    additionalProperties: false,
  },
  outputs: {
    id: 'id of the object',
    object: 'the object after the update (secrets masked)',
    changed: 'the fields sent, config keys as config.<key>; empty when nothing differed',
  },
  effect: () => 'write',
  example: `- id: broken
  list: connections
  where: item.status.setup_state == 'broken'
- id: pause
  update: connection
  foreach: \${{ steps.broken.items }}
  with:
    id: \${{ item }}
    paused: true`,
  async run(ctx, inputs) {
    const { resource: kind, id: ref, ...fields } = inputs;
    refuseInapplicable(kind, fields, KINDS[kind].updateFields);
    const id = refId(ref, 'id');
    const desired = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    if (Object.keys(desired).length === 0) throw new StepError(`update ${kind} needs at least one field to set`);
    refuseMasked(desired, 'give the real value (the API never returns secrets)');
    const compared = Object.keys(desired).filter((field) => !(TEST_CONTROLS as readonly string[]).includes(field));
    // A planned object cannot be read: the write is recorded as it would be sent.
    const current = isPlanned(id) ? { id } : await currentObject(ctx, kind, ref, id, compared);
    const isSecret = kind === 'connection' || kind === 'destination' ? secretKeyTest(kind, current.service) : () => false;
    const plan = planUpdate(current, desired, { isSecret, sendSecrets: true });
    const secretKeys = plan.uncompared.filter((field) => field.startsWith('config.')).map((field) => field.slice('config.'.length));
    const what = KINDS[kind].describe({ ...current, id });
    if (plan.changed.length === 0) {
      return { id, object: maskForOutput(current, []), changed: [], outcome: 'unchanged', detail: `nothing to change: ${what}` };
    }
    const updated = await sendUpdate(ctx, kind, id, current, plan.body);
    // A new name is a new natural key: the run's index of that kind must be listed again.
    if ('name' in plan.body) ctx.forget(indexMemoKey(kind));
    const blind = plan.uncompared.length > 0 ? `; ${plan.uncompared.join(', ')} sent without comparison (secrets read back as ******)` : '';
    return { id, object: maskForOutput(updated, secretKeys), changed: plan.changed, detail: `updated ${plan.changed.join(', ')} of ${what}${blind}` };
  },
});
