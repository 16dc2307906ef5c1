import { EvaluationError } from '@marcbachmann/cel-js';
import type { Duration } from '@marcbachmann/cel-js/evaluator';
import type { CelEvaluator, CelNode, MacroState } from '../cel-ast.js';
import { toCel } from '../cel-values.js';
import { timestampString, toJson } from '../json-values.js';
import { builtin, helper, overload } from './define.js';
import type { FunctionDefinition } from './define.js';

/** Errors that mean "this value is not there", which default() turns into its fallback. */
const ABSENT = new Set(['no_such_key', 'index_out_of_bounds']);

interface TypeChecker {
  check(node: CelNode, context: unknown): unknown;
  getType(name: string): unknown;
}

interface DefaultMacro extends MacroState {
  readonly value: CelNode;
  readonly fallback: CelNode;
  typeCheck(checker: TypeChecker, macro: DefaultMacro, context: unknown): unknown;
}

/** Absent keys, JSON conversion, and CEL's own conversions and presence test. */
export const VALUE_FUNCTIONS: readonly FunctionDefinition[] = [
  helper(
    'default',
    'absent values',
    'default(value, fallback) → value or fallback',
    '`value`, or `fallback` when `value` is null, a missing key or an index past the end (fallback is evaluated only then).',
    [overload('default(ast, ast): dyn', expandDefault)],
  ),
  builtin('has', 'absent values', 'has(x.field) → bool', 'Whether the map or object `x` has the key `field` (CEL macro).'),
  helper('json', 'conversion', 'json(value) → string', 'Compact JSON text of any value (timestamps as RFC 3339 strings).', [
    overload('json(dyn): string', (value: unknown) => JSON.stringify(toJson(value))),
  ]),
  helper('from_json', 'conversion', 'from_json(text: string) → value', 'The value JSON `text` describes; an error when it is not valid JSON.', [
    overload('from_json(string): dyn', parseJson),
  ]),
  builtin('int', 'conversion', 'int(x: string | double | int) → int', 'An integer; doubles are truncated, strings must be decimal digits.'),
  builtin('double', 'conversion', 'double(x: string | int | double) → double', 'A floating-point number, e.g. to mix with doubles: CEL never mixes int and double.'),
  helper(
    'string',
    'conversion',
    'string(x) → string',
    'Text of an int, double, bool or bytes (CEL), a timestamp (RFC 3339, UTC) or a duration ("90s").',
    [
      overload('string(google.protobuf.Timestamp): string', timestampString),
      overload('string(google.protobuf.Duration): string', (duration: Duration) => duration.toString()),
    ],
  ),
  builtin('bool', 'conversion', 'bool(x: string | bool) → bool', 'A bool from "true"/"false" (also t/f, 1/0, TRUE/FALSE).'),
  builtin('dyn', 'conversion', 'dyn(x) → x', 'The same value, typed as "anything": lets a list literal or a conditional mix types.'),
  builtin('type', 'conversion', 'type(x) → type', 'The CEL type of `x`, to compare with int, string, list, map…'),
];

function expandDefault({ args }: { args: [CelNode, CelNode] }): DefaultMacro {
  return {
    value: args[0],
    fallback: args[1],
    typeCheck(checker, macro, context) {
      checker.check(macro.value, context);
      checker.check(macro.fallback, context);
      return checker.getType('dyn');
    },
    evaluate(evaluator: CelEvaluator, macro, context) {
      const { value, fallback } = macro as DefaultMacro;
      const result = valueOrAbsent(evaluator, value, context);
      return result === undefined || result === null ? evaluator.run(fallback, context) : result;
    },
  };
}

function valueOrAbsent(evaluator: CelEvaluator, node: CelNode, context: unknown): unknown {
  try {
    return evaluator.run(node, context);
  } catch (error) {
    if (error instanceof EvaluationError && ABSENT.has(error.code)) return undefined;
    throw error;
  }
}

function parseJson(text: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // JSON.parse quotes the text in its message, and the text may be secret: say only that it failed.
    throw new EvaluationError({ code: 'invalid_json', message: 'from_json() was given text that is not valid JSON' });
  }
  return toCel(parsed);
}
