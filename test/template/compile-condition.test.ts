import { describe, expect, it } from 'vitest';
import { compileCondition, LocatedExpressionError, references } from '../../src/template/index.js';

const at = { file: 'wf.yml', line: 9, column: 11 };
const item = { service: 'postgres', paused: false, setup_state: 'broken', tables: [] };

function failure(run: () => unknown): LocatedExpressionError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(LocatedExpressionError);
    return error as LocatedExpressionError;
  }
  throw new Error('expected an ExpressionError');
}

describe('conditions', () => {
  it.each([
    "item.service in ['postgres', 'sql_server'] && !item.paused",
    "${{ item.service in ['postgres', 'sql_server'] && !item.paused }}",
    "  ${{item.setup_state == 'broken'}}  ",
    'size(item.tables) == 0',
  ])('%j is true', (source) => {
    expect(compileCondition(source, at).evaluate({ item })).toBe(true);
  });

  it('accepts YAML booleans as constants', () => {
    const never = compileCondition(false);
    expect(never.evaluate({})).toBe(false);
    expect(never.expression).toBeUndefined();
    expect(references(never)).toEqual([]);
    expect(compileCondition(true).evaluate({})).toBe(true);
  });

  it('locates errors inside ${{ }} relative to the field', () => {
    const error = failure(() => compileCondition('${{ item.paused && }}', at));
    expect(error.message).toBe("wf.yml:9:29: syntax error: unexpected end of expression in 'item.paused &&'");
  });

  it('lists what it reads', () => {
    expect(references(compileCondition('${{ item.paused }}', at))).toEqual([{ root: 'item', path: ['paused'], location: { file: 'wf.yml', line: 9, column: 15 } }]);
  });

  it('refuses an expression that can only be a string, before running', () => {
    expect(failure(() => compileCondition("'yes'", at)).message).toBe(
      "wf.yml:9:11: a condition must be true or false, but this gives a string in ''yes''\n  hint: compare explicitly, e.g. size(x) > 0, x != '' or x == 'scheduled'",
    );
    expect(failure(() => compileCondition('size(item.tables)', at)).reason).toBe('a condition must be true or false, but this gives a int');
  });

  it('refuses a non-boolean result at run time', () => {
    const condition = compileCondition('${{ item.tables }}', at);
    expect(failure(() => condition.evaluate({ item })).message).toBe(
      "wf.yml:9:15: a condition must be true or false, but this gave a list in 'item.tables'\n  hint: compare explicitly, e.g. size(x) > 0, x != '' or x == 'scheduled'",
    );
    expect(failure(() => condition.evaluate({ item: { tables: null } })).reason).toBe('a condition must be true or false, but this gave null');
  });

  it('refuses ${{ }} mixed with other text', () => {
    const error = failure(() => compileCondition('${{ item.a }} && ${{ item.b }}', at));
    expect(error.message).toBe(
      "wf.yml:9:11: a condition is one expression in '${{ item.a }} && ${{ item.b }}'\n  hint: write it bare (item.paused && x > 1) or wrap all of it in one ${{ }}",
    );
    expect(failure(() => compileCondition('${{ item.a', at)).code).toBe('invalid_condition');
  });

  it('refuses values that are neither text nor true/false', () => {
    expect(failure(() => compileCondition(1, at)).message).toBe('wf.yml:9:11: a condition must be an expression or true/false, not number');
    expect(failure(() => compileCondition(null)).reason).toBe('a condition must be an expression or true/false, not null');
  });

  it('propagates evaluation errors with their hint', () => {
    expect(failure(() => compileCondition('item.missing', at).evaluate({ item })).hint).toBe(
      'use has(item.missing) or default(item.missing, …) when it may be absent',
    );
  });
});
