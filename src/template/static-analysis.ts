import type { CompiledExpression, FunctionCall, Reference } from './compile-expression.js';
import type { CompiledCondition } from './compile-condition.js';
import type { CompiledTemplate } from './compile-template.js';

/** Anything this module compiles. */
export type Compiled = CompiledExpression | CompiledTemplate | CompiledCondition;

/**
 * Every context variable read, in source order, so a validator can report unknown steps, undeclared
 * vars and `item` outside a `foreach` before anything is sent.
 * @example references(compileExpression('steps.copies.items[0].id')) // [{ root: 'steps', path: ['copies', 'items'], … }]
 */
export function references(compiled: Compiled): Reference[] {
  return expressionsOf(compiled).flatMap((expression) => expression.references);
}

/** Every function or method call, in source order (e.g. to notice `now()` or `secret()`). */
export function functionCalls(compiled: Compiled): FunctionCall[] {
  return expressionsOf(compiled).flatMap((expression) => expression.functions);
}

function expressionsOf(compiled: Compiled): readonly CompiledExpression[] {
  switch (compiled.kind) {
    case 'expression':
      return [compiled];
    case 'template':
      return compiled.expressions;
    case 'condition':
      return compiled.expression ? [compiled.expression] : [];
  }
}
