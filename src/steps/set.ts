import { defineStep } from './define-step.js';

/** Names computed values so later steps can use them as `steps.<id>.<name>`. */
export const setStep = defineStep<{ values: Record<string, unknown> }, Record<string, unknown>>({
  type: 'set',
  summary: 'compute named values for later steps',
  main: 'values',
  inputs: {
    type: 'object',
    properties: {
      values: { type: 'object', description: 'name → value or expression; each becomes an output' },
    },
    required: ['values'],
    additionalProperties: false,
  },
  outputs: {},
  outputNames: (inputs) => (inputs.values && typeof inputs.values === 'object' ? Object.keys(inputs.values) : []),
  effect: () => 'read',
  example: `- id: names
  set:
    target_schema: \${{ vars.prefix + '_v2' }}
    batch: \${{ chunk(steps.source.items, 50) }}`,
  async run(_ctx, { values }) {
    return values;
  },
});
