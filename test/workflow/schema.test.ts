import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SCHEMA_PATH, buildWorkflowSchema, renderWorkflowSchema } from '../../scripts/generate-workflow-schema.js';
import type { JsonSchema } from '../../scripts/generate-workflow-schema.js';
import { WorkflowError } from '../../src/errors.js';
import type { StepDefinition } from '../../src/steps/define-step.js';
import { stepRegistry } from '../../src/steps/registry.js';
import { STEP_FIELDS } from '../../src/workflow/parse-structure.js';
import { loadWorkflowObject } from '../../src/workflow/load-workflow.js';
import type { StepTypes } from '../../src/workflow/parse-structure.js';

type AnyStep = StepDefinition<never, Record<string, unknown>>;

const WORKFLOWS_DIR = fileURLToPath(new URL('../../workflows/', import.meta.url));

function compile(schema: JsonSchema): ValidateFunction {
  // strict: an unknown keyword or a malformed schema is an error (requirements that name a property
  // declared elsewhere, as `with: { required }` does, are fine).
  return new Ajv({ strict: true, strictRequired: false, allErrors: true, allowUnionTypes: true }).compile(schema);
}

const published = compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as JsonSchema);

function errorsOf(validate: ValidateFunction, value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}

/** A handler-less step type for exercising input conversion; never run. */
const probeStep: AnyStep = {
  type: 'probe',
  summary: 'test step with typed inputs',
  main: 'target',
  inline: ['mode'],
  inputs: {
    type: 'object',
    properties: {
      target: { type: 'string', minLength: 1, description: 'what to probe' },
      mode: { type: 'string', enum: ['fast', 'slow'] },
      count: { type: 'integer', minimum: 1, maximum: 10 },
      flags: { type: 'array', items: { type: 'boolean' } },
      config: { type: 'object', properties: { port: { type: 'integer' } }, required: ['port'], additionalProperties: false },
      test: { type: 'string', 'x-atlas': 'expression' },
      fields: { type: 'object', 'x-atlas': 'expression-map' },
      text: { type: 'string', 'x-atlas': 'template' },
    },
    required: ['target', 'mode', 'count'],
    additionalProperties: false,
  },
  outputs: {},
  effect: () => 'read',
  example: '',
  run: () => Promise.resolve({}),
};
const probeTypes: StepTypes = { get: (type) => (type === 'probe' ? probeStep : undefined), names: () => ['probe'] };
const probeSchema = compile(buildWorkflowSchema([probeStep]));

function workflowWith(step: Record<string, unknown>): Record<string, unknown> {
  return { name: 'w', steps: [step] };
}

/** Whether the real loader accepts `value`, for checking that the schema never rejects what it accepts. */
function loaderAccepts(value: Record<string, unknown>, types: StepTypes = stepRegistry): boolean {
  try {
    loadWorkflowObject(value, { types, cwd: WORKFLOWS_DIR });
    return true;
  } catch (error) {
    if (error instanceof WorkflowError) return false;
    throw error;
  }
}

describe('published workflow schema', () => {
  it('is what the generator makes from the current registry (else run `npm run schema`)', () => {
    expect(readFileSync(SCHEMA_PATH, 'utf8'), 'schema/workflow.schema.json is stale: run `npm run schema` and commit it').toBe(renderWorkflowSchema());
  });

  it('is a draft-07 schema ajv compiles in strict mode, with a branch per step type', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as { $schema: string; definitions: Record<string, unknown> };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    for (const type of stepRegistry.names()) expect(schema.definitions).toHaveProperty(`step_${type}`);
    expect(schema.definitions).toHaveProperty('step_uses');
  });

  it('documents every step field the loader knows', () => {
    const schema = buildWorkflowSchema(stepRegistry.all()) as { definitions: Record<string, { properties: Record<string, unknown> }> };
    expect(Object.keys(schema.definitions.step_uses!.properties).sort()).toEqual([...STEP_FIELDS].sort());
    for (const type of stepRegistry.names()) {
      for (const field of STEP_FIELDS.filter((f) => f !== 'uses')) expect(schema.definitions[`step_${type}`]!.properties).toHaveProperty(field);
    }
  });

  it.each(stepRegistry.all().map((d) => [d.type, d.example] as const))('accepts the registry example of %s', (_type, example) => {
    expect(errorsOf(published, { name: 'example', steps: parse(example) as unknown })).toEqual([]);
  });

  const workflowFiles = existsSync(WORKFLOWS_DIR) ? readdirSync(WORKFLOWS_DIR).filter((f) => /\.ya?ml$/.test(f)) : [];
  it.each(workflowFiles)('accepts workflows/%s', (file) => {
    expect(errorsOf(published, parse(readFileSync(`${WORKFLOWS_DIR}${file}`, 'utf8')) as unknown)).toEqual([]);
  });
});

describe('schema and loader agree', () => {
  // [description, workflow, accepted by both?]
  const cases: [string, Record<string, unknown>, boolean][] = [
    ['a minimal workflow', workflowWith({ set: { a: 1 } }), true],
    ['no steps', { name: 'w', steps: [] }, false],
    ['an unknown top-level field', { name: 'w', stepz: [], steps: [{ set: { a: 1 } }] }, false],
    ['vars: defaults, declarations, null', { name: 'w', vars: { a: 1, b: [1], c: null, d: { type: 'integer', default: 2, description: 'd' }, e: { required: true, secret: true } }, steps: [{ set: { a: 1 } }] }, true],
    ['a var both required and defaulted', { name: 'w', vars: { a: { required: true, default: 1 } }, steps: [{ set: { a: 1 } }] }, false],
    ['an unknown var type', { name: 'w', vars: { a: { type: 'strng' } }, steps: [{ set: { a: 1 } }] }, false],
    ['a var name with a dash', { name: 'w', vars: { 'a-b': 1 }, steps: [{ set: { a: 1 } }] }, false],
    ['concurrency 256', { name: 'w', concurrency: 256, steps: [{ set: { a: 1 } }] }, true],
    ['concurrency 0', { name: 'w', concurrency: 0, steps: [{ set: { a: 1 } }] }, false],
    ['retry shorthand', workflowWith({ set: { a: 1 }, retry: 3 }), true],
    ['retry with durations', workflowWith({ set: { a: 1 }, retry: { attempts: 2, backoff: '250ms', max_backoff: 1.5 } }), true],
    ['retry with a bad duration', workflowWith({ set: { a: 1 }, retry: { backoff: '2 seconds' } }), false],
    ['retry with 11 attempts', workflowWith({ set: { a: 1 }, retry: 11 }), false],
    ['max_failures as a percentage', workflowWith({ set: { a: 1 }, foreach: [1], max_failures: '2.5%' }), true],
    ['max_failures of 100%', workflowWith({ set: { a: 1 }, foreach: [1], max_failures: '100%' }), true],
    ['max_failures over 100%', workflowWith({ set: { a: 1 }, foreach: [1], max_failures: '150%' }), false],
    ['max_failures negative', workflowWith({ set: { a: 1 }, foreach: [1], max_failures: -1 }), false],
    ['a step id with a dash', workflowWith({ id: 'a-b', set: { a: 1 } }), false],
    ['as without foreach', workflowWith({ set: { a: 1 }, as: 'conn' }), false],
    ['as a reserved name', workflowWith({ set: { a: 1 }, foreach: [1], as: 'vars' }), false],
    ['as with foreach', workflowWith({ set: { a: '${{ conn }}' }, foreach: [1], as: 'conn', key: '${{ conn }}', concurrency: 2 }), true],
    ['two step types', workflowWith({ set: { a: 1 }, filter: [1], where: 'true' }), false],
    ['an inline input on the wrong type', workflowWith({ set: { a: 1 }, where: 'true' }), false],
    ['filter with its inline input', workflowWith({ filter: [1, 2], where: 'item > 1' }), true],
    ['filter with the main input under with', workflowWith({ filter: null, with: { items: [1], where: 'true' } }), true],
    ['filter without its required where', workflowWith({ filter: [1] }), false],
    ['an unknown with input', workflowWith({ filter: [1], where: 'true', with: { item: 1 } }), false],
    ['when as a boolean', workflowWith({ set: { a: 1 }, when: false }), true],
    ['when as a number', workflowWith({ set: { a: 1 }, when: 3 }), false],
    ['continue_on_error as a string', workflowWith({ set: { a: 1 }, continue_on_error: 'yes' }), false],
    ['outputs with a dash', workflowWith({ set: { a: 1 }, outputs: { 'a-b': 1 } }), false],
  ];

  it.each(cases)('%s', (_name, workflow, valid) => {
    expect(loaderAccepts(workflow)).toBe(valid);
    expect(errorsOf(published, workflow).length === 0).toBe(valid);
  });
});

describe('step inputs in the schema', () => {
  const base = { probe: 'x', mode: 'fast', with: { count: 2 } };

  it('accepts typed values and a ${{ }} template wherever a typed value goes', () => {
    const typed = workflowWith({ ...base, with: { count: 3, flags: [true], config: { port: 5432 }, test: 'item > 1', fields: { a: 'item.id' }, text: 'id: ${{ item.id }}' } });
    const templated = workflowWith({ probe: '${{ vars.t }}', mode: '${{ vars.mode }}', with: { count: '${{ vars.n }}', flags: ['${{ vars.f }}'], config: '${{ vars.config }}' } });
    for (const workflow of [typed, templated]) {
      expect(errorsOf(probeSchema, workflow)).toEqual([]);
      expect(loaderAccepts({ ...workflow, vars: { t: 'x', mode: 'fast', n: 1, f: true, config: {} } }, probeTypes)).toBe(true);
    }
  });

  it.each([
    ['a wrong type', { ...base, with: { count: 'three' } }],
    ['a value over the maximum', { ...base, with: { count: 11 } }],
    ['a value outside the enum', { ...base, mode: 'medium' }],
    ['an empty main input', { ...base, probe: '' }],
    ['a nested unknown field', { ...base, with: { count: 1, config: { port: 1, host: 'h' } } }],
    ['a nested missing field', { ...base, with: { count: 1, config: {} } }],
    ['a list element of the wrong type', { ...base, with: { count: 1, flags: ['yes'] } }],
    ['an expression that is not text', { ...base, with: { count: 1, test: 42 } }],
    ['a required input missing from with', { probe: 'x', mode: 'fast' }],
    ['a required inline input missing', { probe: 'x', with: { count: 1 } }],
    ['the main input missing (null type key)', { probe: null, mode: 'fast', with: { count: 1 } }],
  ])('rejects %s, as the loader does', (_name, step) => {
    expect(errorsOf(probeSchema, workflowWith(step))).not.toEqual([]);
    expect(loaderAccepts(workflowWith(step), probeTypes)).toBe(false);
  });
});
