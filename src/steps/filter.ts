import type { Evaluator } from './define-step.js';
import { defineStep } from './define-step.js';

interface FilterInputs {
  items: unknown[];
  where: Evaluator;
}

/** Keeps the items for which `where` is true; `item` and `index` name the element being tested. */
export const filterStep = defineStep<FilterInputs, { items: unknown[]; count: number }>({
  type: 'filter',
  summary: 'keep the items of a list for which a condition holds',
  main: 'items',
  inline: ['where'],
  inputs: {
    type: 'object',
    properties: {
      items: { type: 'array', description: 'the list to filter, usually `${{ steps.<id>.items }}`' },
      where: { type: 'string', 'x-atlas': 'expression', description: 'condition per element, with `item` and `index` bound' },
    },
    required: ['items', 'where'],
    additionalProperties: false,
  },
  outputs: { items: 'the elements that passed', count: 'how many passed' },
  effect: () => 'read',
  example: `- id: candidates
  filter: \${{ steps.source.items }}
  where: item.service in ['postgres', 'sql_server'] && !item.paused`,
  async run(_ctx, { items, where }) {
    const kept = items.filter((item, index) => where({ item, index }) === true);
    return { items: kept, count: kept.length };
  },
});
