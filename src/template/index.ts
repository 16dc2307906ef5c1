/**
 * `${{ }}` templates and the safe expression evaluator (CEL). Imports only the error tree and npm
 * packages; everything the engine and the workflow validator need is exported here.
 */
export { compileExpression } from './compile-expression.js';
export type { CompiledExpression, ExpressionContext, FunctionCall, Reference } from './compile-expression.js';
export { compileTemplate, isStatic, render } from './compile-template.js';
export type { CompiledTemplate, Locate, ValuePath } from './compile-template.js';
export { compileCondition } from './compile-condition.js';
export type { CompiledCondition } from './compile-condition.js';
export { functionCalls, references } from './static-analysis.js';
export type { Compiled } from './static-analysis.js';
export { FUNCTIONS } from './functions/function-table.js';
export type { FunctionDoc, FunctionGroup } from './functions/define.js';
export type { EvaluationOptions } from './runtime.js';
export type { SourceLocation } from './location.js';
export { ExpressionErrorList, LocatedExpressionError, expressionErrors } from './expression-error.js';
export {
  MAX_COLLECTION_VALUES,
  MAX_EVALUATION_WORK,
  MAX_EXPRESSION_LENGTH,
  MAX_PATTERN_LENGTH,
  MAX_STRING_LENGTH,
  MAX_TEXT_BUILT,
  MAX_TEMPLATE_DEPTH,
  PARSER_LIMITS,
} from './limits.js';
