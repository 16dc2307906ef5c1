/**
 * Whatever a workflow file holds, the loader either returns a workflow or throws a WorkflowError
 * (or a UsageError for an unreadable file) whose issues all point inside the file: never a
 * TypeError, never a crash half-way through the checks.
 */
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { SCHEMA_PATH } from '../../scripts/generate-workflow-schema.js';
import { UsageError, WorkflowError } from '../../src/errors.js';
import { stepRegistry } from '../../src/steps/registry.js';
import { loadWorkflow, loadWorkflowObject } from '../../src/workflow/load-workflow.js';
import { STEP_FIELDS, WORKFLOW_FIELDS } from '../../src/workflow/parse-structure.js';

const dir = mkdtempSync(join(tmpdir(), 'atlas-loader-props-'));
writeFileSync(join(dir, 'inc.yml'), 'name: inc\nvars: { a: 1 }\noutputs: { b: "${{ vars.a }}" }\nsteps: [{ set: { c: 1 } }]\n');

/** Loads `text` as a file; returns what kind of outcome it was, failing the property on anything else. */
function outcomeOf(load: () => unknown, lines: number): 'ok' | 'invalid' {
  try {
    load();
    return 'ok';
  } catch (error) {
    if (error instanceof UsageError) return 'invalid';
    if (!(error instanceof WorkflowError)) throw error;
    for (const issue of error.issues) {
      expect(issue.message).not.toBe('');
      expect(issue.line).toBeGreaterThanOrEqual(1);
      expect(issue.column).toBeGreaterThanOrEqual(1);
      if (issue.file === 'wf.yml') expect(issue.line).toBeLessThanOrEqual(lines + 1);
    }
    return 'invalid';
  }
}

const word = fc.constantFrom(...WORKFLOW_FIELDS, ...STEP_FIELDS, ...stepRegistry.names(), 'item', 'where', 'resource', 'id', 'x', 'type', 'default', 'required');
const expression = fc.constantFrom('${{ vars.a }}', '${{ steps.s1.items }}', '${{ item.id }}', '${{ index + 1 }}', '${{ result.count }}', '${{ ', '}}', '${{ 1 +', './inc.yml', '../x.yml', '10%', '2s');
const scalar = fc.oneof(fc.integer({ min: -3, max: 300 }), fc.boolean(), fc.constant(null), word, expression, fc.string({ maxLength: 8 }));
const value = fc.letrec<{ node: unknown }>((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(word, tie('node'), { maxKeys: 4 })),
})).node;
const anyStep = fc.dictionary(word, value, { minKeys: 1, maxKeys: 5 });
// Steps close to valid ones, so the later stages (expressions, references, includes) run too.
const typePart = fc.oneof(
  fc.record({ set: fc.dictionary(fc.constantFrom('a', 'items', 'n'), fc.oneof(scalar, fc.array(scalar, { maxLength: 3 })), { minKeys: 1, maxKeys: 3 }) }),
  fc.constant({ filter: '${{ vars.list }}', where: 'item > 1' }),
  fc.constant({ filter: '${{ steps.s1.items }}', where: 'item > 1' }),
  fc.constant({ assert: 'vars.a == 1' }),
  fc.constant({ uses: './inc.yml', with: { a: 2 } }),
);
const stepFields = fc.record(
  {
    when: fc.constantFrom(true, '${{ vars.a == 1 }}', '${{ vars.a == 1 }}', '${{ item }}'),
    foreach: fc.constantFrom([1, 2], '${{ steps.s1.items }}', '${{ vars.a }}'),
    retry: fc.constantFrom(2, { attempts: 2, backoff: '1ms' }),
    max_failures: fc.constantFrom(1, '10%'),
    continue_on_error: fc.boolean(),
    outputs: fc.constantFrom({ x: '${{ result.status }}' }, { y: 1 }),
  },
  { requiredKeys: [] },
);
const nearStep = fc.tuple(typePart, stepFields).map(([type, fields]) => ({ ...fields, ...type }));
const step = fc.oneof({ weight: 6, arbitrary: nearStep }, { weight: 1, arbitrary: anyStep });
const often = <T>(usual: T, other: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> => fc.oneof({ weight: 8, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: other });
/** Ids by position, now and then a bad or repeated one. */
const withIds = (steps: Record<string, unknown>[], twists: number[]): Record<string, unknown>[] =>
  steps.map((s, i) => ({ ...s, id: twists[i] === 0 ? 'bad-id' : twists[i] === 1 ? 's1' : `s${i + 1}` }));
const workflow = fc.record(
  {
    name: often('w', scalar),
    vars: often({ a: 1, list: [1, 2, 3] }, fc.dictionary(fc.constantFrom('a', 'b', 'bad-name'), value, { maxKeys: 3 })),
    concurrency: often(4, scalar),
    outputs: often({ last: '${{ vars.a }}' }, value),
    steps: fc.tuple(fc.array(step, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(12), { minLength: 4, maxLength: 4 })).map(([steps, twists]) => withIds(steps, twists)),
  },
  { requiredKeys: ['name', 'steps'] },
);

describe('the workflow loader on arbitrary input', () => {
  it('only ever returns a workflow or reports located problems, for arbitrary structures', () => {
    fc.assert(
      fc.property(workflow, (value) => {
        const text = stringify(value);
        writeFileSync(join(dir, 'wf.yml'), text);
        outcomeOf(() => loadWorkflow('wf.yml', { types: stepRegistry, cwd: dir }), text.split('\n').length);
      }),
      { numRuns: 150 },
    );
  });

  it('does the same for arbitrary text, YAML-looking or not', () => {
    const fragment = fc.constantFrom('name: w\n', 'steps:\n', '  - set: { a: 1 }\n', '  - id: x\n', '    foreach: [1]\n', '\t', '&a [*a]\n', '"', "'", '{', '- ', ': ', '#', '${{', '}}', '\n');
    const text = fc.oneof(fc.string({ maxLength: 60 }), fc.array(fragment, { maxLength: 12 }).map((parts) => parts.join('')));
    fc.assert(
      fc.property(text, (source) => {
        writeFileSync(join(dir, 'wf.yml'), source);
        outcomeOf(() => loadWorkflow('wf.yml', { types: stepRegistry, cwd: dir }), source.split('\n').length);
      }),
      { numRuns: 150 },
    );
  });

  it('accepts every generated workflow the same way as a file and as an object', () => {
    fc.assert(
      fc.property(workflow, (value) => {
        const text = stringify(value);
        writeFileSync(join(dir, 'wf.yml'), text);
        const fromFile = outcomeOf(() => loadWorkflow('wf.yml', { types: stepRegistry, cwd: dir }), text.split('\n').length);
        const fromObject = outcomeOf(() => loadWorkflowObject(value, { types: stepRegistry, cwd: dir, name: 'wf.yml' }), text.split('\n').length);
        expect(fromObject).toBe(fromFile);
      }),
      { numRuns: 150 },
    );
  });

  it('never sees the published schema reject a workflow the loader accepts', () => {
    const schema = new Ajv({ strictRequired: false, allowUnionTypes: true }).compile(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as object);
    let accepted = 0;
    fc.assert(
      fc.property(workflow, (value) => {
        const text = stringify(value);
        if (outcomeOf(() => loadWorkflowObject(value, { types: stepRegistry, cwd: dir, name: 'wf.yml' }), text.split('\n').length) !== 'ok') return;
        accepted += 1;
        const valid = schema(value);
        expect(valid ? [] : schema.errors, JSON.stringify(value)).toEqual([]);
      }),
      { numRuns: 150 },
    );
    expect(accepted).toBeGreaterThan(0);
  });
});
