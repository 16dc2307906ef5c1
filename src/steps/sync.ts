import { syncConnection } from '../api/index.js';
import { defineStep } from './define-step.js';
import { readConnectionFresh } from './ops/connection-read.js';
import { booleanInput } from './ops/inputs.js';
import { writeCall } from './ops/write-call.js';
import type { ResourceRef } from './resource-ref.js';
import { isPlanned, refId } from './resource-ref.js';

interface SyncInputs {
  connection: ResourceRef;
  force?: boolean;
}

interface SyncOutputs {
  id: string;
  triggered_at: string;
  paused: boolean | null;
  outcome?: 'unchanged' | 'skipped';
  detail: string;
}

/** Triggers a connection's sync; `triggered_at` lets a later `wait: sync-finished` wait for exactly this one. */
export const syncStep = defineStep<SyncInputs, SyncOutputs>({
  type: 'sync',
  summary: 'trigger a sync of a connection (force restarts a running one)',
  main: 'connection',
  inputs: {
    type: 'object',
    properties: {
      connection: { type: ['string', 'object'], description: 'the connection: its id, or an object with an id (e.g. a list item)' },
      force: { type: 'boolean', default: false, description: 'stop a running sync and start again; without it a running sync is left alone' },
    },
    required: ['connection'],
    additionalProperties: false,
  },
  outputs: {
    id: 'the connection id',
    triggered_at: 'ISO time just before the trigger; give it to `wait: sync-finished` as `since`',
    paused: 'true when the connection is paused (nothing was triggered: a paused connection does not sync)',
  },
  effect: () => 'write',
  // A forced sync throws away the work of a running one.
  destructive: (inputs) => inputs.force === true || ('force' in inputs && inputs.force === undefined),
  example: `- id: kick
  sync: brisk_lantern
- id: synced
  wait: sync-finished
  with:
    connection: brisk_lantern
    since: \${{ steps.kick.triggered_at }}
    timeout: 2h`,
  async run(ctx, inputs) {
    const id = refId(inputs.connection, 'connection');
    const force = booleanInput(inputs.force, 'force', false);
    const target = { kind: 'connection', id };
    if (isPlanned(id)) {
      const triggered_at = new Date(ctx.now()).toISOString();
      await writeCall(ctx, syncConnection(id, force), target);
      return { id, triggered_at, paused: null, detail: 'sync of the planned connection' };
    }
    const fresh = await readConnectionFresh(ctx, id);
    const { paused, status } = fresh.connection;
    if (paused) {
      ctx.say({ kind: 'warning', message: `connection ${id} is paused: it does not sync until it is resumed` });
      return { id, triggered_at: fresh.triggeredAt(), paused, outcome: 'skipped', detail: 'paused: nothing to sync' };
    }
    const running = status.sync_state === 'syncing';
    const triggered_at = fresh.triggeredAt();
    if (running && !force) {
      // Without force the API ignores the call; the running sync's finish is what a wait should see.
      return { id, triggered_at, paused, outcome: 'unchanged', detail: 'already syncing (force: true restarts it)' };
    }
    await writeCall(ctx, syncConnection(id, force), { ...target, before: { sync_state: status.sync_state }, changes: { force } });
    return { id, triggered_at, paused, detail: running ? 'running sync restarted' : 'sync triggered' };
  },
});
