/**
 * Builds schema/workflow.schema.json (JSON Schema draft-07, the draft yaml-language-server supports
 * best) from the step registry and the loader's own field lists, so editors complete and check every
 * field of a workflow: the top level, var declarations, step fields, and per step type its `with:`
 * inputs and its main and inline inputs. A `${{ }}` string is accepted wherever a typed value is.
 *
 *   npm run schema            (npx tsx scripts/generate-workflow-schema.ts)
 *   npm run schema -- --check writes nothing; exits 1 when the committed file is stale
 *
 * The loader stays the authority (it also checks references and expressions, which no schema can);
 * the schema never rejects what the loader accepts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { InputSchema, JsonType, StepDefinition } from '../src/steps/define-step.js';
import { stepRegistry } from '../src/steps/registry.js';
import { IDENTIFIER, MAX_CONCURRENCY, MAX_RETRY_ATTEMPTS, RESERVED_NAMES } from '../src/workflow/parse-structure.js';
// The loader's field lists, used as types: a field added there and not here fails to compile.
import type { RETRY_FIELDS, STEP_FIELDS, WORKFLOW_FIELDS } from '../src/workflow/parse-structure.js';
import { VAR_TYPES } from '../src/workflow/types.js';
import type { DECLARATION_FIELDS } from '../src/workflow/vars.js';

/** A JSON Schema document or fragment, as plain JSON. */
export type JsonSchema = { [keyword: string]: Json };
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

type AnyStep = StepDefinition<never, Record<string, unknown>>;

export const SCHEMA_PATH = fileURLToPath(new URL('../schema/workflow.schema.json', import.meta.url));

const REF = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });
/** A reference with its own description: draft-07 ignores keywords next to `$ref`, so it goes under allOf. */
const described = (name: string, description: string | undefined): JsonSchema =>
  description === undefined ? REF(name) : { allOf: [REF(name)], description };

/** Shared pieces every step branch refers to. */
const DEFINITIONS: Record<string, JsonSchema> = {
  template: {
    type: 'string',
    pattern: '\\$\\{\\{',
    description: 'a `${{ … }}` template, evaluated when the step runs',
  },
  identifier: { type: 'string', pattern: IDENTIFIER.source },
  expression: {
    type: ['string', 'boolean'],
    pattern: '\\S',
    description: 'a CEL expression (without `${{ }}`), evaluated per element',
  },
  duration: {
    anyOf: [
      { type: 'number', minimum: 0, description: 'seconds' },
      { type: 'string', pattern: '^\\s*\\d+(\\.\\d+)?\\s*(ms|s|m|h)?\\s*$' },
    ],
    description: 'a duration like 500ms, 2s, 1.5m or 1h (a bare number is seconds)',
  },
  outputs: {
    type: 'object',
    propertyNames: { pattern: IDENTIFIER.source },
    description: 'name → value or `${{ }}` template',
  },
};

/** Documentation of the fields every step may have; the keys must be exactly the loader's STEP_FIELDS. */
const STEP_FIELD_SCHEMAS: Record<(typeof STEP_FIELDS)[number], JsonSchema> = {
  id: described('identifier', 'names the step for later expressions: `steps.<id>.<output>`'),
  name: { type: 'string', description: 'a title shown in the run output' },
  with: { type: 'object', description: "the step's inputs" },
  when: { type: ['string', 'boolean'], description: 'run (each item) only when this condition holds, e.g. `${{ !item.paused }}`' },
  foreach: {
    anyOf: [{ type: 'array' }, REF('template')],
    description: 'run the step once per element of this list; `item` and `index` name the element',
  },
  as: {
    type: 'string',
    pattern: IDENTIFIER.source,
    not: { enum: [...RESERVED_NAMES] },
    description: 'the name each element is bound to instead of `item`',
  },
  key: { type: 'string', description: 'expression giving a stable key per element (journal and resume); default its id or name' },
  concurrency: { type: 'integer', minimum: 1, maximum: MAX_CONCURRENCY, description: 'how many elements run at once' },
  retry: {
    anyOf: [
      { type: 'integer', minimum: 1, maximum: MAX_RETRY_ATTEMPTS },
      {
        type: 'object',
        properties: retryProperties(),
        additionalProperties: false,
      },
    ],
    description: 'run a failed item again after transient failures (5xx, 429, network); `retry: 3` means 3 attempts',
  },
  continue_on_error: { type: 'boolean', description: 'a failure does not fail the run; it shows in `steps.<id>.failures`' },
  max_failures: {
    anyOf: [
      { type: 'integer', minimum: 0 },
      { type: 'string', pattern: '^\\s*0*(100(\\.0+)?|\\d{1,2}(\\.\\d+)?)%\\s*$' },
    ],
    description: 'failed items tolerated before the step stops: a count (5) or a percentage ("2%")',
  },
  outputs: described('outputs', 'extra outputs computed from `result` (the outputs of this step)'),
  always: { type: 'boolean', description: 'run even after an earlier step failed (cleanup)' },
  uses: { type: 'string', description: 'a workflow file to run as this step, relative to this file; `with:` gives its vars' },
};

function retryProperties(): Record<(typeof RETRY_FIELDS)[number], JsonSchema> {
  return {
    attempts: { type: 'integer', minimum: 1, maximum: MAX_RETRY_ATTEMPTS, default: 3, description: 'attempts in all, first included' },
    backoff: described('duration', 'first delay, doubled per attempt (default 1s)'),
    max_backoff: described('duration', 'longest delay (default 30s)'),
  };
}

/** The whole schema for the given step types. Deterministic: same registry, same bytes. */
export function buildWorkflowSchema(definitions: readonly AnyStep[]): JsonSchema {
  const steps = [...definitions].sort((a, b) => a.type.localeCompare(b.type));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'atlas-run workflow',
    description: 'A runbook for the Fivetran REST API, run by `atlas-run FILE`. Generated from the step registry by scripts/generate-workflow-schema.ts.',
    type: 'object',
    properties: workflowProperties(),
    required: ['name', 'steps'],
    additionalProperties: false,
    definitions: {
      ...DEFINITIONS,
      varDeclaration: varDeclaration(),
      step: { oneOf: [...steps.map((d) => REF(`step_${d.type}`)), REF('step_uses')] },
      ...Object.fromEntries(steps.map((definition) => [`step_${definition.type}`, stepBranch(definition)])),
      step_uses: usesBranch(),
    },
  };
}

/** The schema as committed: two-space JSON and a final newline. */
export function renderWorkflowSchema(definitions: readonly AnyStep[] = stepRegistry.all()): string {
  return `${JSON.stringify(buildWorkflowSchema(definitions), null, 2)}\n`;
}

function workflowProperties(): Record<(typeof WORKFLOW_FIELDS)[number], JsonSchema> {
  return {
    name: { type: 'string', pattern: '\\S', description: 'what the workflow is called in run output' },
    description: { type: 'string', description: 'what it does, for the people who run it' },
    vars: {
      type: ['object', 'null'],
      propertyNames: { pattern: IDENTIFIER.source },
      additionalProperties: {
        anyOf: [REF('varDeclaration'), { type: ['string', 'number', 'boolean', 'null', 'array'], description: 'the default value' }],
      },
      description: 'inputs of the workflow: `name: default` or a declaration; set with --var, --vars-file or ATLAS_VAR_<name>',
    },
    concurrency: { type: 'integer', minimum: 1, maximum: MAX_CONCURRENCY, description: 'cap on in-flight requests for the whole run' },
    outputs: described('outputs', 'values the workflow returns (to `uses:` callers and scripts)'),
    steps: { type: 'array', minItems: 1, items: REF('step'), description: 'run in order' },
  };
}

function varDeclaration(): JsonSchema {
  const properties: Record<(typeof DECLARATION_FIELDS)[number], JsonSchema> = {
    type: { enum: [...VAR_TYPES], description: '`--var` strings are converted to this type' },
    default: { description: 'value when no other source sets one (a mapping default goes here)' },
    required: { type: 'boolean', description: 'the run refuses to start without a value' },
    description: { type: 'string', description: 'shown in errors and help' },
    secret: { type: 'boolean', description: 'masked wherever the value would be printed or journaled' },
    enum: { type: 'array', minItems: 1, description: 'the allowed values' },
  };
  return {
    type: 'object',
    properties,
    additionalProperties: false,
    not: { required: ['required', 'default'], properties: { required: { const: true } } },
    description: 'a var declaration (a var cannot be both required and defaulted)',
  };
}

/** One step type: its type key (the main input), inline inputs, `with:` and the common fields. */
function stepBranch(definition: AnyStep): JsonSchema {
  const inputs = definition.inputs.properties;
  const inline = definition.inline ?? [];
  const main = inputs[definition.main];
  const properties: Record<string, JsonSchema> = {
    [definition.type]: {
      anyOf: [main ? inputSchema(main) : {}, { type: 'null' }],
      description: `${definition.summary} (this value is the input '${definition.main}'; null to give it under with:)`,
    },
    ...Object.fromEntries(inline.filter((name) => inputs[name]).map((name) => [name, inputSchema(inputs[name]!)])),
    ...commonFields(),
    with: {
      type: 'object',
      properties: Object.fromEntries(Object.entries(inputs).map(([name, schema]) => [name, inputSchema(schema)])),
      additionalProperties: false,
      description: `inputs of ${definition.type}`,
    },
  };
  const requirements = (definition.inputs.required ?? []).map((name) => requirement(definition, name));
  return {
    type: 'object',
    title: definition.type,
    description: definition.summary,
    properties,
    required: [definition.type],
    additionalProperties: false,
    dependencies: { as: ['foreach'], key: ['foreach'], concurrency: ['foreach'] },
    ...(requirements.length > 0 ? { allOf: requirements } : {}),
  };
}

/** A required input is satisfied by the type key (main), the step-level field (inline), or `with:`. */
function requirement(definition: AnyStep, name: string): JsonSchema {
  const inWith: JsonSchema = { required: ['with'], properties: { with: { type: 'object', required: [name] } } };
  if (name === definition.main) return { anyOf: [{ properties: { [definition.type]: { not: { type: 'null' } } } }, inWith] };
  if (definition.inline?.includes(name)) return { anyOf: [{ required: [name] }, inWith] };
  return inWith;
}

function usesBranch(): JsonSchema {
  return {
    type: 'object',
    title: 'uses',
    description: 'run another workflow file as this step',
    properties: { ...commonFields(), uses: STEP_FIELD_SCHEMAS.uses, with: { type: 'object', description: "the included workflow's vars" } },
    required: ['uses'],
    additionalProperties: false,
    dependencies: { as: ['foreach'], key: ['foreach'] },
  };
}

function commonFields(): Record<string, JsonSchema> {
  return Object.fromEntries(Object.entries(STEP_FIELD_SCHEMAS).filter(([name]) => name !== 'uses' && name !== 'with'));
}

/**
 * A step input schema as JSON Schema: the atlas-only `x-atlas` keyword becomes what the value must
 * look like in YAML, and every typed value may also be a `${{ }}` template.
 */
export function inputSchema(schema: InputSchema): JsonSchema {
  const description: JsonSchema = schema.description === undefined ? {} : { description: schema.description };
  switch (schema['x-atlas']) {
    case 'expression':
      return described('expression', schema.description);
    case 'expression-map':
      return { type: 'object', additionalProperties: REF('expression'), ...description };
    case 'template':
      return { type: 'string', ...description };
    case undefined:
      break;
  }
  const typed = typedSchema(schema);
  if (acceptsAnyString(schema)) return { ...typed, ...description };
  return { anyOf: [typed, REF('template')], ...description };
}

function typedSchema(schema: InputSchema): JsonSchema {
  const out: JsonSchema = {};
  if (schema.type !== undefined) out.type = Array.isArray(schema.type) ? [...(schema.type as JsonType[])] : (schema.type as JsonType);
  if (schema.enum) out.enum = schema.enum as Json[];
  for (const keyword of ['minimum', 'maximum', 'minItems', 'minLength'] as const) {
    if (schema[keyword] !== undefined) out[keyword] = schema[keyword];
  }
  if (schema.default !== undefined) out.default = schema.default as Json;
  if (schema.examples) out.examples = schema.examples as Json[];
  if (schema.properties) out.properties = Object.fromEntries(Object.entries(schema.properties).map(([name, child]) => [name, inputSchema(child)]));
  if (schema.required) out.required = [...schema.required];
  if (schema.additionalProperties !== undefined) {
    out.additionalProperties = typeof schema.additionalProperties === 'boolean' ? schema.additionalProperties : inputSchema(schema.additionalProperties);
  }
  if (schema.items) out.items = inputSchema(schema.items);
  if (schema.anyOf) out.anyOf = schema.anyOf.map(inputSchema);
  return out;
}

/** True when every string already passes, templates included, so no template alternative is needed. */
function acceptsAnyString(schema: InputSchema): boolean {
  if (schema.enum || schema.anyOf || schema.minLength !== undefined) return false;
  if (schema.type === undefined) return true;
  return (Array.isArray(schema.type) ? (schema.type as JsonType[]) : [schema.type as JsonType]).includes('string');
}

function main(argv: readonly string[]): number {
  const rendered = renderWorkflowSchema();
  if (argv.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(SCHEMA_PATH, 'utf8');
    } catch {
      // A missing file is stale like any other.
    }
    if (committed === rendered) return 0;
    process.stderr.write('schema/workflow.schema.json is stale: run `npm run schema` and commit the result\n');
    return 1;
  }
  writeFileSync(SCHEMA_PATH, rendered);
  process.stdout.write(`wrote ${SCHEMA_PATH}\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main(process.argv.slice(2));
