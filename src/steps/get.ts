import { StepError } from '../errors.js';
import { defineStep } from './define-step.js';
import { isPlanned, refId, refObject } from './resource-ref.js';
import { objectMemoKey } from './resources/current-object.js';
import { RESOURCE_REF } from './resources/field-schemas.js';
import type { ApiObject } from './resources/keyed-index.js';

const GETTABLE = ['group', 'destination', 'connection', 'schema', 'user', 'team', 'connector-type', 'state', 'account'] as const;
type Gettable = (typeof GETTABLE)[number];

const segment = encodeURIComponent;

/** Where each resource is read; `account` needs no id. */
const PATHS: Readonly<Record<Gettable, (id: string) => string>> = {
  group: (id) => `groups/${segment(id)}`,
  destination: (id) => `destinations/${segment(id)}`,
  connection: (id) => `connections/${segment(id)}`,
  schema: (id) => `connections/${segment(id)}/schemas`,
  user: (id) => `users/${segment(id)}`,
  team: (id) => `teams/${segment(id)}`,
  'connector-type': (id) => `metadata/connector-types/${segment(id)}`,
  state: (id) => `connections/${segment(id)}/state`,
  account: () => 'account/info',
};

interface GetOutput extends Record<string, unknown> {
  id: string;
  object: ApiObject;
  outcome?: 'skipped';
  detail?: string;
}

/** Reads one object, always fresh (a step that asks wants the current state), and shares it with later steps. */
export const getStep = defineStep<{ resource: Gettable; id?: unknown }, GetOutput>({
  type: 'get',
  summary: 'read one object: group, destination, connection, schema config, user, team, connector type, SDK state, account',
  main: 'resource',
  inputs: {
    type: 'object',
    properties: {
      resource: { type: 'string', enum: GETTABLE, description: 'what to read (schema and state are those of a connection: give its id)' },
      id: { ...RESOURCE_REF, description: 'which one: an id (a service id for connector-type) or an object with an id; not used for account' },
    },
    required: ['resource'],
    additionalProperties: false,
  },
  outputs: { object: 'the object as the API answered (secrets masked by the API)', id: 'its id' },
  effect: () => 'read',
  example: `- id: conn
  get: connection
  with: { id: brisk_lantern }`,
  async run(ctx, { resource, id: ref }) {
    if (resource === 'account') {
      if (ref !== undefined) throw new StepError("input 'id' does not apply to account");
      const object = await ctx.client.get<ApiObject>(PATHS.account(''));
      return { id: String(object.account_id ?? ''), object };
    }
    if (ref === undefined) throw new StepError(`get ${resource} needs input 'id'`);
    const id = refId(ref, 'id');
    if (isPlanned(id)) return { id, object: refObject(ref) ?? { id }, outcome: 'skipped', detail: 'planned earlier in this run: nothing to read yet' };
    const object = await ctx.client.get<ApiObject>(PATHS[resource](id));
    // Later steps reading this object through the memo get what was just read.
    const key = objectMemoKey(resource, id);
    ctx.forget(key);
    void ctx.memo(key, async () => object);
    return { id, object };
  },
});
