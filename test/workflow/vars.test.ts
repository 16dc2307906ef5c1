import { describe, expect, it } from 'vitest';
import { UsageError, WorkflowError } from '../../src/errors.js';
import type { SourceIssue } from '../../src/errors.js';
import { resolveVars, secretVarValues } from '../../src/workflow/resolve-vars.js';
import { coerceVarString, parseVarDeclarations } from '../../src/workflow/vars.js';
import { YamlSource } from '../../src/workflow/yaml-source.js';

function declarations(yaml: string) {
  const { source } = YamlSource.parse('w.yml', yaml);
  const issues: SourceIssue[] = [];
  const vars = parseVarDeclarations(source!, (source!.value as Record<string, unknown>).vars, issues);
  return { vars, issues };
}

describe('var declarations', () => {
  it('reads shorthand defaults and full declarations with inferred or declared types', () => {
    const { vars, issues } = declarations(`vars:
  suffix: _v2
  batch: 50
  source_group: { default: warehouse_legacy, description: group to copy from }
  target_group: { required: true, type: string }
  ids: { type: list }
`);
    expect(issues).toEqual([]);
    expect(vars.map((v) => [v.name, v.type, v.required, v.hasDefault])).toEqual([
      ['suffix', 'string', false, true],
      ['batch', 'integer', false, true],
      ['source_group', 'string', false, true],
      ['target_group', 'string', true, false],
      ['ids', 'list', false, false],
    ]);
  });

  it('locates a misspelt declaration field with a hint', () => {
    const { issues } = declarations(`vars:
  target: { requird: true }
`);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ line: 2, column: 13, message: "unknown field 'requird' in the declaration of var 'target'" });
    expect(issues[0]!.hint).toContain("did you mean 'required'?");
  });

  it('rejects a default of the wrong type', () => {
    const { issues } = declarations(`vars:
  batch: { type: integer, default: many }
`);
    expect(issues[0]).toMatchObject({ line: 2, column: 36, message: "default of var 'batch' must be an integer, got string 'many'" });
  });
});

describe('coercion of --var strings', () => {
  it.each([
    ['true', 'boolean', true],
    ['False', 'boolean', false],
    ['42', 'integer', 42],
    ['-7', 'integer', -7],
    ['2.5', 'number', 2.5],
    ['a, b ,c', 'list', ['a', 'b', 'c']],
    ['["x", 1]', 'list', ['x', 1]],
    ['{"a": 1}', 'object', { a: 1 }],
    ['360', 'string', '360'],
  ] as const)('%s as %s', (text, type, expected) => {
    expect(coerceVarString(text, type)).toEqual({ value: expected });
  });

  it.each([
    ['yes', 'boolean'],
    ['4.5', 'integer'],
    ['x', 'number'],
    ['[1,', 'list'],
    ['[1]', 'object'],
  ] as const)('refuses %s as %s', (text, type) => {
    expect(coerceVarString(text, type).problem).toBeDefined();
  });
});

describe('var precedence: --var > --vars-file > ATLAS_VAR_* > default', () => {
  const { vars } = declarations(`vars:
  a: from-default
  b: from-default
  c: from-default
  d: from-default
`);
  const file = YamlSource.parse('vars.yml', 'a: from-file\nb: from-file\nc: from-file\n').source!;

  it('takes each var from the strongest source that sets it', () => {
    const resolved = resolveVars(vars, {
      cli: { a: 'from-cli' },
      file,
      env: { ATLAS_VAR_a: 'from-env', ATLAS_VAR_b: 'from-env', ATLAS_VAR_d: 'from-env' },
    });
    expect(resolved.values).toEqual({ a: 'from-cli', b: 'from-file', c: 'from-file', d: 'from-env' });
    expect(resolved.origins).toEqual({ a: 'var', b: 'vars-file', c: 'vars-file', d: 'env' });
  });

  it('names every missing required var and unknown --var at once', () => {
    const required = declarations(`vars:
  target_group: { required: true, description: group to copy into }
  paused: { type: boolean, default: true }
`).vars;
    let error: unknown;
    try {
      resolveVars(required, { cli: { targt_group: 'x', paused: 'maybe' } });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as UsageError).message;
    expect(message).toContain("--var targt_group: the workflow declares no var 'targt_group' (did you mean 'target_group'?)");
    expect(message).toContain("--var paused: expected true or false, got 'maybe'");
    expect(message).toContain("missing required var 'target_group' (group to copy into)");
  });

  it('locates unknown names in a vars file', () => {
    const bad = YamlSource.parse('vars.yml', 'a: 1\nzz: 2\n').source!;
    expect(() => resolveVars(vars, { file: bad })).toThrow(WorkflowError);
    try {
      resolveVars(vars, { file: bad });
    } catch (error) {
      expect((error as WorkflowError).issues[0]).toMatchObject({ file: 'vars.yml', line: 2, column: 1, message: "the workflow declares no var 'zz'" });
    }
  });
});

describe('secret var values', () => {
  it('are the string values of the vars declared secret, whatever their source', () => {
    const { vars } = declarations(`vars:
  password: { secret: true }
  token: { secret: true, default: dflt-token }
  unset: { secret: true }
  port: { secret: true, type: integer, default: 5432 }
  group: warehouse
`);
    const resolved = resolveVars(vars, { cli: { password: 'pw-from-cli' }, env: {} });
    expect(secretVarValues(vars, resolved.values)).toEqual(['pw-from-cli', 'dflt-token']);
  });
});
