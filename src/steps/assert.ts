import { StepError } from '../errors.js';
import type { Evaluator } from './define-step.js';
import { defineStep } from './define-step.js';

/** A gate in a runbook: stops the run with a message when a condition is false. */
export const assertStep = defineStep<{ that: Evaluator; message?: string }, Record<string, never>>({
  type: 'assert',
  summary: 'fail the run with a message when a condition is false',
  main: 'that',
  inputs: {
    type: 'object',
    properties: {
      that: { type: 'string', 'x-atlas': 'expression', description: 'the condition that must hold' },
      message: { type: 'string', description: 'what to say when it does not' },
    },
    required: ['that'],
    additionalProperties: false,
  },
  outputs: {},
  effect: () => 'read',
  example: `- id: gate
  assert: steps.conn.object.status.sync_state == 'scheduled'
  with: { message: "connection is \${{ steps.conn.object.status.sync_state }}, not scheduled" }`,
  async run(_ctx, { that, message }) {
    if (that() !== true) throw new StepError(message ?? 'assertion failed');
    return {};
  },
});
