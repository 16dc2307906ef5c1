import { ExpressionError } from '../errors.js';
import type { AtlasErrorOptions, SourceIssue } from '../errors.js';
import { formatLocation } from './location.js';
import type { SourceLocation } from './location.js';

/** What went wrong with one expression, before it becomes an error. */
export interface ExpressionProblem {
  /** The expression source, as written between `${{` and `}}` (or the whole bare field). */
  readonly expression: string;
  /** What is wrong, e.g. `no such key 'x'`. Never contains a secret value. */
  readonly reason: string;
  /** Where the problem is in the input file: the expression's start, moved to the failing part when known. */
  readonly location?: SourceLocation;
  /** How to fix it, e.g. `use has(item.x) or default(item.x, …)`. */
  readonly hint?: string;
  /** Stable machine-readable kind: CEL's codes (`no_such_key`, `no_such_overload`…) or ours (`limit_exceeded`…). */
  readonly code: string;
}

const QUOTED_MAX = 160;

/**
 * An expression that does not compile or fails to evaluate, located in its file.
 * Message: `file:line:col: <reason> in '<expression>'`, then `  hint: …` on a second line.
 */
export class LocatedExpressionError extends ExpressionError {
  readonly reason: string;
  readonly location: SourceLocation | undefined;
  readonly hint: string | undefined;
  readonly code: string;

  constructor(problem: ExpressionProblem, options: AtlasErrorOptions = {}) {
    const headline = formatHeadline(problem);
    super(problem.expression, problem.hint ? `${headline}\n  hint: ${problem.hint}` : headline, options);
    this.reason = problem.reason;
    this.location = problem.location;
    this.hint = problem.hint;
    this.code = problem.code;
  }

  /** The same problem as a `WorkflowError` issue, for validators that report every problem of a file. */
  toIssue(): SourceIssue | undefined {
    if (!this.location) return undefined;
    const message = this.expression ? `${this.reason} in ${quote(this.expression)}` : this.reason;
    const issue: SourceIssue = { ...this.location, message };
    return this.hint ? { ...issue, hint: this.hint } : issue;
  }
}

/** Several expressions of one templated value failed to compile; `errors` lists each, in source order. */
export class ExpressionErrorList extends ExpressionError {
  readonly errors: readonly LocatedExpressionError[];

  constructor(errors: readonly [LocatedExpressionError, ...LocatedExpressionError[]]) {
    super(errors[0].expression, errors.map((e) => e.message).join('\n'));
    this.errors = errors;
  }
}

/** Every located expression error inside `error` (a list, a single one, or none). */
export function expressionErrors(error: unknown): LocatedExpressionError[] {
  if (error instanceof ExpressionErrorList) return [...error.errors];
  if (error instanceof LocatedExpressionError) return [error];
  return [];
}

function formatHeadline(problem: ExpressionProblem): string {
  const where = problem.location ? `${formatLocation(problem.location)}: ` : '';
  return `${where}${problem.reason}${problem.expression ? ` in ${quote(problem.expression)}` : ''}`;
}

/** The expression on one line, shortened: messages stay readable whatever was written. */
function quote(expression: string): string {
  const flat = expression.replace(/\s*\n\s*/g, ' ');
  return `'${flat.length > QUOTED_MAX ? `${flat.slice(0, QUOTED_MAX - 1)}…` : flat}'`;
}
