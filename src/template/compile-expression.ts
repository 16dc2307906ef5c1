import type { ParseResult } from '@marcbachmann/cel-js';
import { closest } from '../util/suggest.js';
import { asCelNode } from './cel-ast.js';
import { celEnvironment, KNOWN_FUNCTION_NAMES } from './cel-environment.js';
import { toCelScope } from './cel-values.js';
import { collectReferences } from './collect-references.js';
import { explainError, expressionProblem } from './explain-error.js';
import { FUNCTIONS } from './functions/function-table.js';
import type { ErrorSite } from './explain-error.js';
import { instrument } from './instrument.js';
import { toJson } from './json-values.js';
import { MAX_EXPRESSION_LENGTH } from './limits.js';
import { advance } from './location.js';
import type { SourceLocation } from './location.js';
import { withRuntime, workLimitError } from './runtime.js';
import type { EvaluationOptions } from './runtime.js';

/** Where positions count from when the caller gave no location. */
const UNLOCATED: SourceLocation = { file: '<expression>', line: 1, column: 1 };

/** What expressions read: `{ vars, steps, item?, index?, run: { id, started_at } }` as plain JSON values. */
export type ExpressionContext = Readonly<Record<string, unknown>>;

/** A context variable an expression reads, e.g. `steps.copies.items` → root `steps`, path `['copies', 'items']`. */
export interface Reference {
  readonly root: string;
  /** Field names after the root, up to the first computed or numeric index. */
  readonly path: readonly string[];
  /** Where the root name is; relative to `<expression>:1:1` when the expression was compiled without a location. */
  readonly location: SourceLocation;
}

/** A function an expression calls: `name(…)`, or `x.name(…)` when `method`. */
export interface FunctionCall {
  readonly name: string;
  readonly method: boolean;
  /** Where the name is (see Reference.location). */
  readonly location: SourceLocation;
}

/** An expression checked once, ready to evaluate many times. */
export interface CompiledExpression {
  readonly kind: 'expression';
  readonly source: string;
  /** Where the expression starts in its file, when known. */
  readonly location: SourceLocation | undefined;
  /** CEL's static result type: `bool`, `string`, `int`, `list`, `map`…, or `dyn` when only a run can tell. */
  readonly type: string;
  readonly references: readonly Reference[];
  readonly functions: readonly FunctionCall[];
  /** Evaluates against `context`; returns plain JSON values or throws an ExpressionError. */
  evaluate(context: ExpressionContext, options?: EvaluationOptions): unknown;
}

/**
 * Parses and type-checks `source` (CEL, without `${{ }}`). Throws an ExpressionError for syntax
 * errors, unknown functions, type errors and oversized expressions, located at the failing part.
 * @example compileExpression('item.sync_frequency + 1').evaluate({ item: { sync_frequency: 360 } }) // 361
 */
export function compileExpression(source: string, location?: SourceLocation): CompiledExpression {
  const site: ErrorSite = { source: typeof source === 'string' ? source : '', location };
  if (typeof source !== 'string') throw expressionProblem(site, 'invalid_expression', { reason: 'an expression must be text' });
  if (source.length > MAX_EXPRESSION_LENGTH) {
    throw expressionProblem(site, 'limit_exceeded', {
      reason: `expression is longer than ${MAX_EXPRESSION_LENGTH} characters`,
      hint: 'compute parts in earlier steps, or split it',
    });
  }
  if (source.trim() === '') throw expressionProblem(site, 'invalid_expression', { reason: 'empty expression' });
  let parsed: ParseResult;
  try {
    parsed = celEnvironment.parse(source);
  } catch (error) {
    throw explainError(error, site);
  }
  const root = asCelNode(parsed.ast);
  const found = collectReferences(root, source, (name) => celEnvironment.hasVariable(name));
  const unknown = found.calls.find((call) => !KNOWN_FUNCTION_NAMES.has(call.name));
  if (unknown) {
    throw expressionProblem(
      site,
      'unknown_function',
      { reason: `unknown function '${unknown.name}'`, hint: nearestFunctionHint(unknown.name) },
      unknown.offset,
    );
  }
  const checked = parsed.check();
  if (!checked.valid) throw explainError(checked.error, site);
  instrument(root);
  const at = (offset: number): SourceLocation => advance(location ?? UNLOCATED, source, offset);
  return new Expression(
    site,
    parsed,
    readableType(checked.type ?? 'dyn'),
    found.references.map(({ root: name, path, offset }) => ({ root: name, path, location: at(offset) })),
    found.calls.map(({ name, method, offset }) => ({ name, method, location: at(offset) })),
  );
}

function variableNames(context: ExpressionContext): string[] {
  return context !== null && typeof context === 'object' ? Object.keys(context) : [];
}

/** CEL's protobuf names for the two time types read better short. */
function readableType(type: string): string {
  return type.replace('google.protobuf.Timestamp', 'timestamp').replace('google.protobuf.Duration', 'duration');
}

function nearestFunctionHint(name: string): string {
  const near = closest(name, KNOWN_FUNCTION_NAMES);
  return near ? `did you mean '${near}'?` : `functions: ${Object.keys(FUNCTIONS).join(', ')}`;
}

class Expression implements CompiledExpression {
  readonly kind = 'expression';
  readonly source: string;
  readonly location: SourceLocation | undefined;
  readonly #site: ErrorSite;
  readonly #run: ParseResult;

  constructor(
    site: ErrorSite,
    run: ParseResult,
    readonly type: string,
    readonly references: readonly Reference[],
    readonly functions: readonly FunctionCall[],
  ) {
    this.source = site.source;
    this.location = site.location;
    this.#site = site;
    this.#run = run;
  }

  evaluate(context: ExpressionContext, options: EvaluationOptions = {}): unknown {
    return withRuntime(options, (runtime) => {
      try {
        const result: unknown = this.#run(toCelScope(context) as unknown as Record<string, unknown>);
        // A budget error swallowed by `||` or exists() still ends the evaluation.
        if (runtime.workLeft < 0) throw workLimitError();
        return toJson(result);
      } catch (error) {
        throw explainError(error, { ...this.#site, secrets: runtime.secrets, variables: variableNames(context) });
      }
    });
  }
}
