import { describe, expect, it } from 'vitest';
import { checkInput } from '../../src/workflow/check-inputs.js';
import type { InputSchema } from '../../src/steps/define-step.js';

const schema: InputSchema = {
  type: 'object',
  properties: {
    id: { type: 'string', minLength: 1 },
    paused: { type: 'boolean' },
    sync_frequency: { type: 'integer', enum: [5, 15, 60, 360, 1440] },
    config: { type: 'object', properties: { port: { type: 'integer', minimum: 1, maximum: 65535 } }, additionalProperties: true },
    tables: { type: 'array', items: { type: 'string' } },
    where: { type: 'string', 'x-atlas': 'expression' },
  },
  required: ['id'],
  additionalProperties: false,
};

describe('step input checking', () => {
  it('accepts valid inputs and templates anywhere a value is expected', () => {
    expect(checkInput({ id: 'abc', paused: '${{ vars.pause }}', sync_frequency: 360, tables: ['a', '${{ item }}'] }, schema)).toEqual([]);
  });

  it('reports every problem with a path and a hint for misspelt names', () => {
    const problems = checkInput({ paused: 'yes', sync_frequency: 61, config: { port: 0 }, tabels: [] }, schema);
    expect(problems.map((p) => [p.path.join('.'), p.message])).toEqual([
      ['', "missing required input 'id'"],
      ['paused', "input 'paused' must be a boolean, got string 'yes'"],
      ['sync_frequency', "input 'sync_frequency' must be one of 5, 15, 60, 360, 1440, got number 61"],
      ['config.port', "input 'config.port' must be at least 1, got 0"],
      ['tabels', "unknown input 'tabels'"],
    ]);
    expect(problems[4]).toMatchObject({ at: 'key', hint: "did you mean 'tables'?" });
  });

  it('wants expressions as strings', () => {
    expect(checkInput({ id: 'x', where: 42 }, schema).map((p) => p.message)).toEqual(["input 'where' must be an expression (a string), got number 42"]);
  });

  it('names list elements by index', () => {
    expect(checkInput({ id: 'x', tables: ['a', 3] }, schema).map((p) => p.message)).toEqual(["input 'tables[1]' must be a string, got number 3"]);
  });
});
