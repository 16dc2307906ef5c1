import { render } from '../template/index.js';
import type { CompiledCondition, CompiledExpression, CompiledTemplate, EvaluationOptions } from '../template/index.js';

export type { EvaluationOptions };

/** The engine's three ways of evaluating what the loader compiled, against the current scope. */
export function renderTemplate(template: CompiledTemplate, scope: Readonly<Record<string, unknown>>, options: EvaluationOptions): unknown {
  return render(template, scope, options);
}

export function testCondition(condition: CompiledCondition, scope: Readonly<Record<string, unknown>>, options: EvaluationOptions): boolean {
  return condition.evaluate(scope, options);
}

export function evaluateExpression(expression: CompiledExpression, scope: Readonly<Record<string, unknown>>, options: EvaluationOptions): unknown {
  return expression.evaluate(scope, options);
}
