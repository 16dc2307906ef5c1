import { StepError } from '../errors.js';
import { formatDuration } from '../util/duration.js';
import type { Evaluator, StepContext } from './define-step.js';
import { defineStep } from './define-step.js';
import { booleanInput, choiceInput, durationInput, stringInput, timeInput } from './ops/inputs.js';
import { poll } from './ops/poll.js';
import { condition, setupConnected, syncFinished } from './ops/wait-conditions.js';
import type { Watch } from './ops/wait-conditions.js';
import type { ResourceRef } from './resource-ref.js';
import { isPlanned, refId } from './resource-ref.js';

const CONDITIONS = ['sync-finished', 'setup-connected', 'condition'] as const;
type Condition = (typeof CONDITIONS)[number];

interface WaitInputs {
  for: Condition;
  connection?: ResourceRef;
  since?: string;
  until?: Evaluator;
  path?: string;
  timeout?: string | number;
  interval?: string | number;
  max_interval?: string | number;
  allow_failure?: boolean;
}

interface WaitOutputs {
  object: unknown;
  waited_ms: number;
  result: string;
  outcome?: 'skipped';
  detail: string;
}

/** True when the wait is on an object a dry run only planned: nothing can be read about it. */
function onPlanned(inputs: WaitInputs): boolean {
  if (inputs.connection !== undefined && isPlanned(refId(inputs.connection, 'connection'))) return true;
  return typeof inputs.path === 'string' && inputs.path.includes('planned:');
}

function watchFor(kind: Condition, ctx: StepContext, inputs: WaitInputs): Watch {
  const allowFailure = booleanInput(inputs.allow_failure, 'allow_failure', false);
  if (kind === 'condition') {
    if (!inputs.until) throw new StepError("wait: condition needs 'until', an expression over the GET answer bound as `item`");
    const path = stringInput(inputs.path, 'path') ?? (inputs.connection === undefined ? undefined : `connections/${encodeURIComponent(refId(inputs.connection, 'connection'))}`);
    if (!path) throw new StepError("wait: condition needs 'path' (the endpoint to GET) or 'connection'");
    return condition(ctx, path, inputs.until);
  }
  if (inputs.until) throw new StepError(`'until' only applies to wait: condition, not ${kind}`);
  if (inputs.connection === undefined) throw new StepError(`wait: ${kind} needs 'connection'`);
  const id = refId(inputs.connection, 'connection');
  if (kind === 'setup-connected') return setupConnected(ctx, id, allowFailure);
  if (inputs.since === undefined) throw new StepError("wait: sync-finished needs 'since', usually the sync step's triggered_at");
  return syncFinished(ctx, id, timeInput(inputs.since, 'since'), allowFailure);
}

/** Polls until a sync finishes, setup connects, or an expression holds; time-boxed, with backoff. */
export const waitStep = defineStep<WaitInputs, WaitOutputs>({
  type: 'wait',
  summary: 'poll until a sync finishes, setup is connected, or a condition holds',
  main: 'for',
  inline: ['until'],
  inputs: {
    type: 'object',
    properties: {
      for: { type: 'string', enum: CONDITIONS, description: 'sync-finished (after `since`), setup-connected, or condition (`until` on a GET)' },
      connection: { type: ['string', 'object'], description: 'the connection watched: its id, or an object with an id' },
      since: { type: 'string', description: 'sync-finished: ISO time the sync was triggered (a sync step\'s triggered_at); finished means succeeded_at or failed_at reached it' },
      until: { type: 'string', 'x-atlas': 'expression', description: 'condition: expression over the answer, bound as `item`, e.g. item.status.sync_state == \'scheduled\'' },
      path: { type: 'string', description: 'condition: endpoint to GET (default the connection)' },
      timeout: { type: ['string', 'number'], default: '30m', description: 'give up (and fail) after this long, e.g. 90s, 30m, 2h' },
      interval: { type: ['string', 'number'], default: '5s', description: 'delay before the second read; it grows 1.5× per read' },
      max_interval: { type: ['string', 'number'], default: '1m', description: 'longest delay between reads' },
      allow_failure: { type: 'boolean', default: false, description: 'a failed sync or broken setup ends the wait with that result instead of failing the step' },
    },
    required: ['for'],
    additionalProperties: false,
  },
  outputs: {
    object: 'what the last read returned (the connection, or the GET answer)',
    waited_ms: 'how long the wait took',
    result: 'succeeded | failed (sync-finished), connected | broken (setup-connected), met (condition)',
  },
  effect: () => 'read',
  example: `- id: kick
  sync: brisk_lantern
- id: synced
  wait: sync-finished
  with:
    connection: brisk_lantern
    since: \${{ steps.kick.triggered_at }}
    timeout: 2h
- id: idle
  wait: condition
  until: item.status.sync_state != 'syncing'
  with:
    connection: brisk_lantern
    interval: 10s`,
  async run(ctx, inputs) {
    const kind = choiceInput(inputs.for, 'for', CONDITIONS);
    const timeoutMs = durationInput(inputs.timeout, 'timeout', '30m');
    const intervalMs = durationInput(inputs.interval, 'interval', '5s');
    const maxIntervalMs = durationInput(inputs.max_interval, 'max_interval', '1m');
    const watch = watchFor(kind, ctx, inputs);
    // Nothing was sent in a dry run, so there is nothing to wait for.
    if (ctx.dryRun || onPlanned(inputs)) {
      return { object: null, waited_ms: 0, result: 'planned', outcome: 'skipped', detail: `dry run: ${kind} not awaited` };
    }
    const { value, result, waitedMs } = await poll({ ...watch, timeoutMs, intervalMs, maxIntervalMs, sleep: (ms) => ctx.sleep(ms), now: () => ctx.now(), signal: ctx.signal });
    return { object: value, waited_ms: waitedMs, result, detail: `${kind}: ${result} after ${formatDuration(waitedMs)}` };
  },
});
