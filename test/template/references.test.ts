import { describe, expect, it } from 'vitest';
import { compileExpression, compileTemplate, functionCalls, references } from '../../src/template/index.js';

const at = { file: 'wf.yml', line: 4, column: 10 };
const roots = (source: string): Array<[string, string]> =>
  references(compileExpression(source)).map((r) => [r.root, r.path.join('.')]);

describe('references', () => {
  it('lists each variable read with its field path and location', () => {
    expect(references(compileExpression('vars.x + steps.copies.items[0].id + item.id + string(index) + run.id', at))).toEqual([
      { root: 'vars', path: ['x'], location: { file: 'wf.yml', line: 4, column: 10 } },
      { root: 'steps', path: ['copies', 'items'], location: { file: 'wf.yml', line: 4, column: 19 } },
      { root: 'item', path: ['id'], location: { file: 'wf.yml', line: 4, column: 46 } },
      { root: 'index', path: [], location: { file: 'wf.yml', line: 4, column: 63 } },
      { root: 'run', path: ['id'], location: { file: 'wf.yml', line: 4, column: 72 } },
    ]);
  });

  it.each([
    ["steps['copies'].items", [['steps', 'copies.items']]],
    ['steps[vars.step].items', [['steps', ''], ['vars', 'step']]],
    ['item.tags[index].name', [['item', 'tags'], ['index', '']]],
    ['has(item.config.schema)', [['item', 'config.schema']]],
    ['default(vars.region, "eu")', [['vars', 'region']]],
    ['items.filter(i, i.paused && i.group == vars.g)', [['items', ''], ['vars', 'g']]],
    ['steps.list.items.map(item, item.id)', [['steps', 'list.items']]],
    ['items.exists(x, items.all(y, x == y))', [['items', ''], ['items', '']]],
    ['cel.bind(total, vars.a + vars.b, total * 2)', [['vars', 'a'], ['vars', 'b']]],
    ['type(item.n) == int && type(item.s) == string', [['item', 'n'], ['item', 's']]],
    ['{"k": vars.v}.k', [['vars', 'v']]],
    ['[vars.a][0]', [['vars', 'a']]],
    ['from_json(vars.raw).field', [['vars', 'raw']]],
    ['item.x ? vars.a : -vars.b', [['item', 'x'], ['vars', 'a'], ['vars', 'b']]],
    ['1 + 2', []],
  ])('%s', (source, expected) => {
    expect(roots(source)).toEqual(expected);
  });

  it('collects across a whole template', () => {
    const template = compileTemplate({ from: '${{ item.id }}', group: 'g_${{ vars.target }}', fixed: 1 });
    expect(references(template).map((r) => r.root)).toEqual(['item', 'vars']);
  });
});

describe('functionCalls', () => {
  it('lists calls in source order, marking methods, located at the name', () => {
    expect(functionCalls(compileExpression("lower(item.name).startsWith('a') && now() > t", at))).toEqual([
      { name: 'lower', method: false, location: { file: 'wf.yml', line: 4, column: 10 } },
      { name: 'startsWith', method: true, location: { file: 'wf.yml', line: 4, column: 27 } },
      { name: 'now', method: false, location: { file: 'wf.yml', line: 4, column: 46 } },
    ]);
  });

  it('includes macros and calls in templates', () => {
    const template = compileTemplate(["${{ items.map(i, i.id) }}", "${{ secret('PW') }}"]);
    expect(functionCalls(template).map((c) => c.name)).toEqual(['map', 'secret']);
  });
});

describe('locations without a file', () => {
  it('count from <expression>:1:1', () => {
    const expression = compileExpression('1 + item.id');
    expect(references(expression)[0]!.location).toEqual({ file: '<expression>', line: 1, column: 5 });
    expect(expression.location).toBeUndefined();
  });
});
