import { describe, expect, it } from 'vitest';
import {
  compileTemplate,
  ExpressionErrorList,
  expressionErrors,
  isStatic,
  LocatedExpressionError,
  render,
} from '../../src/template/index.js';
import type { ValuePath } from '../../src/template/index.js';

const context = {
  vars: { target: 'warehouse_v2', suffix: '_v2', count: 3, ratio: 0.5, on: true, none: null, tags: ['a', 'b'], cfg: { k: 'v' } },
  item: { id: 'conn_1', schema: 'crm' },
  index: 0,
  steps: { source: { items: [{ id: 'x' }, { id: 'y' }] } },
  run: { id: 'run-7', started_at: '2025-06-01T10:00:00.000Z' },
};

const renderOne = (value: unknown): unknown => compileTemplate(value).render(context);

describe('a string that is exactly one expression keeps the type', () => {
  it.each([
    ['${{ vars.tags }}', ['a', 'b']],
    ['${{ vars.count }}', 3],
    ['${{ vars.ratio }}', 0.5],
    ['${{ vars.on }}', true],
    ['${{ vars.none }}', null],
    ['${{ vars.cfg }}', { k: 'v' }],
    ['${{ vars.target }}', 'warehouse_v2'],
    ['${{ steps.source.items.map(i, i.id) }}', ['x', 'y']],
    ['${{vars.count}}', 3],
    ['${{   vars.count\n}}', 3],
  ])('%j → %j', (template, expected) => {
    expect(renderOne(template)).toEqual(expected);
  });

  it('returns context lists themselves', () => {
    expect(renderOne('${{ steps.source.items }}')).toBe(context.steps.source.items);
  });
});

describe('expressions embedded in text are written as text', () => {
  it.each([
    ['name_${{ vars.target }}', 'name_warehouse_v2'],
    ['n=${{ vars.count }}', 'n=3'],
    ['r=${{ vars.ratio }}', 'r=0.5'],
    ['big=${{ 12345678901 }}', 'big=12345678901'],
    ['tiny=${{ 0.000001 }}', 'tiny=0.000001'],
    ['on=${{ vars.on }}', 'on=true'],
    ['none=[${{ vars.none }}]', 'none=[]'],
    ['tags=${{ vars.tags }}', 'tags=["a","b"]'],
    ['cfg=${{ vars.cfg }}', 'cfg={"k":"v"}'],
    ["at ${{ timestamp(run.started_at) + duration('1h') }}", 'at 2025-06-01T11:00:00.000Z'],
    [' ${{ vars.count }}', ' 3'],
    ['${{ item.schema }}${{ vars.suffix }}', 'crm_v2'],
    ['${{ item.id }}: ${{ index }} of ${{ size(steps.source.items) }}', 'conn_1: 0 of 2'],
  ])('%j → %j', (template, expected) => {
    expect(renderOne(template)).toBe(expected);
  });
});

describe('scanning for ${{ }}', () => {
  it.each([
    ['$${{ vars.target }}', '${{ vars.target }}'],
    ['cost: $${{ literal }} and ${{ vars.count }}', 'cost: ${{ literal }} and 3'],
    ["${{ {'a': {'b': 1}}.a.b }}", 1],
    ["${{ 'x}}y' }}", 'x}}y'],
    ['${{ "a\\"}}" }}', 'a"}}'],
    ["${{ r'\\d}}' + 'z' }}", '\\d}}z'],
    ["${{ '''multi}}line''' }}", 'multi}}line'],
    ['$ {{ not }} and {{ not }}', '$ {{ not }} and {{ not }}'],
    ['}} stray', '}} stray'],
  ])('%j → %j', (template, expected) => {
    expect(renderOne(template)).toEqual(expected);
  });
});

describe('values pass through', () => {
  it('renders a value without expressions to the very same object', () => {
    const value = { a: [1, { b: 'text with $ and {{ braces }}' }], n: 2, t: true, z: null };
    const template = compileTemplate(value);
    expect(template.isStatic).toBe(true);
    expect(isStatic(template)).toBe(true);
    expect(template.render(context)).toBe(value);
  });

  it('shares the parts without expressions and keeps non-string values as they are', () => {
    const fixed = { deep: ['x'] };
    const value = { group: '${{ vars.target }}', fixed, paused: true, count: 5, nothing: null, when: undefined };
    const template = compileTemplate(value);
    expect(isStatic(template)).toBe(false);
    const result = render(template, context) as Record<string, unknown>;
    expect(result).toEqual({ group: 'warehouse_v2', fixed, paused: true, count: 5, nothing: null, when: undefined });
    expect(result.fixed).toBe(fixed);
  });

  it('does not template keys', () => {
    expect(renderOne({ '${{ vars.target }}': '${{ vars.count }}' })).toEqual({ '${{ vars.target }}': 3 });
  });

  it('keeps a __proto__ key from YAML as a key', () => {
    const value = JSON.parse('{"__proto__": "${{ vars.target }}", "ok": 1}') as Record<string, unknown>;
    const result = renderOne(value) as Record<string, unknown>;
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.hasOwn(result, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(result, '__proto__')?.value).toBe('warehouse_v2');
  });

  it('unescapes a string that holds only $${{ and treats it as static', () => {
    expect(isStatic(compileTemplate('$${{ x }}'))).toBe(true);
    expect(compileTemplate('$${{ x }}').render({})).toBe('${{ x }}');
    expect(compileTemplate(['$${{ x }}', 1]).render({})).toEqual(['${{ x }}', 1]);
  });

  it('lists its expressions in order', () => {
    const template = compileTemplate({ a: '${{ vars.target }}', b: ['x${{ item.id }}y${{ index }}'] });
    expect(template.expressions.map((e) => e.source)).toEqual(['vars.target', 'item.id', 'index']);
  });
});

describe('errors', () => {
  const paths: ValuePath[] = [];
  const locate = (path: ValuePath) => {
    paths.push(path);
    return { file: 'wf.yml', line: 20 + path.length, column: 7 };
  };

  it('reports every broken expression of a value, located inside its string', () => {
    paths.length = 0;
    let thrown: unknown;
    try {
      compileTemplate({ ok: '${{ vars.target }}', with: { group: 'g_${{ vars. }}', list: ['${{ lowr(x) }}', 'end ${{ x'] } }, locate);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ExpressionErrorList);
    expect((thrown as Error).message).toBe(
      [
        "wf.yml:22:18: syntax error: expected a name before the end in 'vars.'",
        "wf.yml:23:11: unknown function 'lowr' in 'lowr(x)'",
        "  hint: did you mean 'lower'?",
        "wf.yml:23:11: '${{' is not closed by '}}' (or a string inside it is not closed) in 'end ${{ x'",
      ].join('\n'),
    );
    expect(expressionErrors(thrown).map((e) => e.toIssue()?.line)).toEqual([22, 23, 23]);
    expect(paths).toEqual([['ok'], ['with', 'group'], ['with', 'list', 0], ['with', 'list', 1]]);
  });

  it('throws a single LocatedExpressionError for a single problem', () => {
    let thrown: unknown;
    try {
      compileTemplate('${{ }}', locate);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LocatedExpressionError);
    expect((thrown as Error).message).toBe('wf.yml:20:11: empty expression');
    expect(expressionErrors(thrown)).toHaveLength(1);
    expect(expressionErrors(new Error('other'))).toEqual([]);
  });

  it('locates expressions on later lines of a multi-line string', () => {
    const template = compileTemplate({ sql: 'select 1\nfrom ${{ item.missing }}' }, locate);
    let thrown: unknown;
    try {
      template.render(context);
    } catch (error) {
      thrown = error;
    }
    expect((thrown as LocatedExpressionError).location).toEqual({ file: 'wf.yml', line: 22, column: 15 });
  });

  it('fails at render time with the expression and its place', () => {
    const template = compileTemplate({ from: '${{ item.config.id }}' }, locate);
    expect(() => template.render(context)).toThrow(
      "wf.yml:21:16: no such key 'config' in 'item.config.id'\n  hint: use has(item.config) or default(item.config, …) when it may be absent",
    );
  });

  it('needs no locate function', () => {
    expect(() => compileTemplate('${{ a + }}')).toThrow("syntax error: unexpected end of expression in 'a +'");
  });
});
