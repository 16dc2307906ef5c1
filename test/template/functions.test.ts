import { describe, expect, it } from 'vitest';
import { compileExpression, FUNCTIONS, functionCalls, LocatedExpressionError } from '../../src/template/index.js';
import type { EvaluationOptions } from '../../src/template/index.js';
import { FUNCTION_DEFINITIONS } from '../../src/template/functions/function-table.js';
import { methodSignature } from '../../src/template/functions/define.js';

const NOW = new Date('2025-12-31T22:30:05Z');
const context = {
  item: { id: 'c1', name: ' Sales DB ', service: 'postgres', n: 3, tags: ['b', 'a', 'b'], config: { schema: 'crm', port: 5432 } },
  items: [
    { id: 'a', paused: true, n: 1 },
    { id: 'b', paused: false, n: 2 },
  ],
  steps: { ids: { items: ['a', 'b', 'c', 'd', 'e'] } },
};
const options: EvaluationOptions = { now: () => NOW, env: { PG_PASSWORD: 'hunter2', REGION: 'eu' } };

/** [expression, expected JSON result]: at least one row for every function in FUNCTIONS (checked below). */
const CASES: ReadonlyArray<readonly [string, unknown]> = [
  ["secret('PG_PASSWORD')", 'hunter2'],
  ["env('REGION')", 'eu'],
  ["env('ZONE', 'a')", 'a'],
  ['default(item.missing, 5)', 5],
  ['default(item.id, 1 / 0)', 'c1'],
  ["default(null, 'x')", 'x'],
  ['default(items[7].id, "none")', 'none'],
  ['has(item.config.schema)', true],
  ['has(item.config.table)', false],
  ["json({'a': [1, 2.5, true, null]})", '{"a":[1,2.5,true,null]}'],
  ['json(item.config)', '{"schema":"crm","port":5432}'],
  ["from_json('{\"a\": [1, 2]}').a[1] + 1", 3],
  ["int('42') + int(3.9)", 45],
  ['double(item.n) / 2.0', 1.5],
  ["string(item.n) + '/' + string(2.5) + '/' + string(true)", '3/2.5/true'],
  ["string(timestamp('2025-01-02T03:04:05Z'))", '2025-01-02T03:04:05.000Z'],
  ["string(duration('1h'))", '3600s'],
  ["bool('true') && !bool('f')", true],
  ['type(item.n) == int && type(item.id) == string', true],
  ["[1, dyn('a')].size() == 2 && (item.n > 2 ? dyn(1) : 'x') == 1", true],
  ['now()', '2025-12-31T22:30:05.000Z'],
  ['today()', '2025-12-31T00:00:00.000Z'],
  ['add_days(today(), 1)', '2026-01-01T00:00:00.000Z'],
  ['today().add_days(-31)', '2025-11-30T00:00:00.000Z'],
  ["format_date(now(), 'YYYY-MM-DD HH:mm:ss')", '2025-12-31 22:30:05'],
  ["now().format_date('MMDDYY')", '123125'],
  ["format_date(now(), 'YYYY-MM-DD HH:mm', 'America/New_York')", '2025-12-31 17:30'],
  ["format_date(now(), 'DD.MM.YY HH', 'Asia/Tokyo')", '01.01.26 07'],
  // USE-CASES scenario 19: tomorrow's file pattern
  ["'_' + format_date(add_days(today(), 1), 'MMDDYY') + '-\\\\d{6}.csv'", '_010126-\\d{6}.csv'],
  ["timestamp('2025-01-01T00:00:00Z') + duration('36h')", '2025-01-02T12:00:00.000Z'],
  ["now() - duration('30m') > timestamp('2025-12-31T00:00:00Z')", true],
  ['lower(item.service) + item.id.upper()', 'postgresC1'],
  ['item.service.lower()', 'postgres'],
  ["upper('straße')", 'STRASSE'],
  ['trim(item.name) + item.name.trim()', 'Sales DBSales DB'],
  ["replace('a-b-c', '-', '_') + 'x.y'.replace('.', '')", 'a_b_cxy'],
  ["split('a,b,,c', ',')", ['a', 'b', '', 'c']],
  ["'a b'.split(' ')", ['a', 'b']],
  ["join([1, 2.5, true, 'x', null], '|')", '1|2.5|true|x|'],
  ["['x', 'y'].join('+')", 'x+y'],
  ["item.id.startsWith('c') && item.id.endsWith('1') && item.service.contains('gre')", true],
  ["'report_010125-123456.csv'.matches('_\\\\d{6}-\\\\d{6}\\\\.csv$')", true],
  ["matches('abc', '^b')", false],
  ["size(items) + size('héllo') + size(item.config) + items.size()", 11],
  ["'atlas-run'.substring(6) + 'atlas'.substring(1, 3)", 'runtl'],
  ["'atlas'.indexOf('la')", 2],
  ['unique(item.tags)', ['b', 'a']],
  ['[1, 1.0, "1", {"a": 1}, {"a": 1}].unique()', [1, '1', { a: 1 }]],
  ['flatten([[1, 2], 3, [[4]]])', [1, 2, 3, [4]]],
  ['[[1], [2]].flatten()', [1, 2]],
  ['sum(items.map(i, i.n))', 3],
  ['[1, 2.5].sum() + double(sum([]))', 3.5],
  ['min([3, 1.5, 2])', 1.5],
  ['[3, 1].min()', 1],
  ["max(['b', 'c', 'a']) + string([4, 9, 2].max())", 'c9'],
  ['chunk(steps.ids.items, 2)', [['a', 'b'], ['c', 'd'], ['e']]],
  ['steps.ids.items.chunk(5).size()', 1],
  ['keys(item.config)', ['schema', 'port']],
  ["{'x': 1}.keys() + values({'y': 'z'})", ['x', 'z']],
  ['item.config.values()', ['crm', 5432]],
  ['items.map(i, i.id)', ['a', 'b']],
  ['items.map(i, !i.paused, i.id)', ['b']],
  ['items.filter(i, i.n > 1).size()', 1],
  ['items.all(i, i.n > 0) && items.exists(i, i.paused) && items.exists_one(i, i.n == 2)', true],
];

describe('every expression function', () => {
  it.each(CASES)('%s → %j', (source, expected) => {
    expect(compileExpression(source).evaluate(context, options)).toEqual(expected);
  });

  it('has a test case for every name in FUNCTIONS', () => {
    const called = new Set(CASES.flatMap(([source]) => functionCalls(compileExpression(source)).map((call) => call.name)));
    expect(Object.keys(FUNCTIONS).filter((name) => !called.has(name))).toEqual([]);
  });

  it('has a test case for the method form of every function that offers one', () => {
    const methods = new Set(CASES.flatMap(([source]) => functionCalls(compileExpression(source)).filter((c) => c.method).map((c) => c.name)));
    const offered = FUNCTION_DEFINITIONS.filter((d) => d.overloads.some((o) => o.method)).map((d) => d.name);
    expect(offered.filter((name) => !methods.has(name))).toEqual([]);
  });

  it('documents each name once with a signature, a description and a group', () => {
    for (const [name, doc] of Object.entries(FUNCTIONS)) {
      expect(doc.signature, name).toMatch(new RegExp(`\\b${name}\\(`));
      expect(doc.description.length, name).toBeGreaterThan(10);
      expect(doc.group, name).toBeTruthy();
    }
    expect(FUNCTION_DEFINITIONS.length).toBe(Object.keys(FUNCTIONS).length);
  });

  it('derives method signatures from function signatures', () => {
    expect(methodSignature('chunk(list, int): list')).toBe('list.chunk(int): list');
    expect(methodSignature('pair(map<string, dyn>, int): list')).toBe('map<string, dyn>.pair(int): list');
  });
});

function failure(source: string, evaluation: EvaluationOptions = options): LocatedExpressionError {
  try {
    compileExpression(source).evaluate(context, evaluation);
  } catch (error) {
    expect(error).toBeInstanceOf(LocatedExpressionError);
    return error as LocatedExpressionError;
  }
  throw new Error(`expected ${source} to fail`);
}

describe('secret() and env()', () => {
  it('hands every secret value to onSecret with its name', () => {
    const seen: Array<[string, string]> = [];
    const value = compileExpression("'user:' + secret('PG_PASSWORD')").evaluate({}, { ...options, onSecret: (v, name) => seen.push([v, name]) });
    expect(value).toBe('user:hunter2');
    expect(seen).toEqual([['hunter2', 'PG_PASSWORD']]);
  });

  it('does not report an empty secret for masking', () => {
    const seen: string[] = [];
    expect(compileExpression("secret('EMPTY')").evaluate({}, { env: { EMPTY: '' }, onSecret: (v) => seen.push(v) })).toBe('');
    expect(seen).toEqual([]);
  });

  it('fails on a missing secret with a hint, naming only the variable', () => {
    const error = failure("secret('PG_PASSWORD')", { env: {} });
    expect(error.message).toBe(
      "secret 'PG_PASSWORD' is not set in 'secret('PG_PASSWORD')'\n  hint: set it in the environment atlas-run runs in: secret() reads environment variables",
    );
  });

  it('fails on a missing variable and suggests a default', () => {
    expect(failure("env('ZONE')").hint).toBe("set it, or give a default: env('NAME', 'value')");
  });

  it('sees no process environment unless the caller passes one', () => {
    expect(process.env.PATH).toBeTruthy();
    expect(failure("env('PATH')", {}).reason).toBe("environment variable 'PATH' is not set");
  });

  it('keeps secret values out of error messages', () => {
    const error = failure("bool(secret('PG_PASSWORD'))");
    expect(error.message).not.toContain('hunter2');
    expect(error.message).toContain('invalid string value "***"');
  });
});

describe('function errors', () => {
  it.each([
    ['min([])', 'min() of an empty list'],
    ["max([1, 'a'])", 'max() needs a list of only numbers or only strings'],
    ["sum(['a'])", 'sum() needs a list of only numbers'],
    ['sum([9223372036854775807, 1])', 'sum() overflows a 64-bit integer'],
    ['chunk([1], 0)', 'chunk() size must be at least 1'],
    ["join([[1]], ',')", 'join() needs a list of strings, numbers or bools, not of lists or maps'],
    ["from_json('{\"password\": \"hunter2\"')", 'from_json() was given text that is not valid JSON'],
    ["format_date(now(), 'YYYY', 'Mars/Olympus')", "unknown time zone 'Mars/Olympus'"],
    [`format_date(now(), '${'Y'.repeat(65)}')`, 'format_date() pattern is longer than 64 characters'],
    ['add_days(now(), 3000000)', 'add_days() would leave the years 0001 to 9999'],
    ["'a'.matches('(')", 'invalid regular expression: error parsing regexp: missing closing ): `(`'],
    ['1.matches("a")', "found no matching overload for 'int.matches(string)'"],
  ])('%s', (source, reason) => {
    expect(failure(source).reason).toBe(reason);
  });
});
