/**
 * Bare expression fields (`when:`, `where:`, `until:`): the whole value is one expression, written bare
 * (`item.paused`) or wrapped whole (`${{ item.paused }}`), and it must come out true or false. YAML
 * booleans (`when: false`) are accepted as constant conditions.
 */
import { compileExpression } from './compile-expression.js';
import type { CompiledExpression, ExpressionContext } from './compile-expression.js';
import { expressionProblem } from './explain-error.js';
import { advance } from './location.js';
import type { SourceLocation } from './location.js';
import type { EvaluationOptions } from './runtime.js';
import { mentionsTemplate, scanTemplate } from './scan-template.js';

/** A condition checked once, ready to test many times. */
export interface CompiledCondition {
  readonly kind: 'condition';
  /** The expression, or undefined for a constant (`when: true`). */
  readonly expression: CompiledExpression | undefined;
  /** True or false; throws an ExpressionError when the expression fails or gives anything else. */
  evaluate(context: ExpressionContext, options?: EvaluationOptions): boolean;
}

const EXPLICIT = "compare explicitly, e.g. size(x) > 0, x != '' or x == 'scheduled'";

/**
 * Compiles a condition field. Throws an ExpressionError when it does not parse, mixes `${{ }}` with
 * other text, or can only give a non-boolean (e.g. a string).
 * @example compileCondition("${{ item.service == 'postgres' }}").evaluate({ item: { service: 'postgres' } }) // true
 */
export function compileCondition(source: unknown, location?: SourceLocation): CompiledCondition {
  if (typeof source === 'boolean') return new Condition(undefined, source);
  if (typeof source !== 'string') {
    throw expressionProblem({ source: '', location }, 'invalid_condition', {
      reason: `a condition must be an expression or true/false, not ${source === null ? 'null' : typeof source}`,
    });
  }
  const expression = compileExpression(...unwrap(source, location));
  if (expression.type !== 'bool' && expression.type !== 'dyn') {
    throw expressionProblem({ source: expression.source, location: expression.location }, 'invalid_condition_type', {
      reason: `a condition must be true or false, but this gives a ${expression.type}`,
      hint: EXPLICIT,
    });
  }
  return new Condition(expression, undefined);
}

/** The expression inside `${{ }}` (and where it starts), or the bare source. */
function unwrap(source: string, location: SourceLocation | undefined): [string, SourceLocation | undefined] {
  if (!mentionsTemplate(source)) return [source, location];
  const scanned = scanTemplate(source);
  const segments = 'segments' in scanned ? scanned.segments : [];
  const expressions = segments.filter((segment) => segment.kind === 'expression');
  const onlyBlankText = segments.every((segment) => segment.kind === 'expression' || segment.text.trim() === '');
  const [single] = expressions;
  if (single?.kind === 'expression' && expressions.length === 1 && onlyBlankText) {
    return [single.source, location ? advance(location, source, single.offset) : undefined];
  }
  throw expressionProblem({ source, location }, 'invalid_condition', {
    reason: 'a condition is one expression',
    hint: 'write it bare (item.paused && x > 1) or wrap all of it in one ${{ }}',
  });
}

class Condition implements CompiledCondition {
  readonly kind = 'condition';

  constructor(
    readonly expression: CompiledExpression | undefined,
    private readonly constant: boolean | undefined,
  ) {}

  evaluate(context: ExpressionContext, options?: EvaluationOptions): boolean {
    const expression = this.expression;
    if (!expression) return this.constant!;
    const result = expression.evaluate(context, options);
    if (typeof result === 'boolean') return result;
    throw expressionProblem({ source: expression.source, location: expression.location }, 'invalid_condition_type', {
      reason: `a condition must be true or false, but this gave ${describe(result)}`,
      hint: EXPLICIT,
    });
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  return `a ${typeof value === 'number' ? 'number' : typeof value}`;
}
