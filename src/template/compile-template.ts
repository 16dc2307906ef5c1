/**
 * Templates: any JSON-ish value (a whole `with:` block) whose strings may hold `${{ … }}`.
 * A string that is exactly one `${{ expr }}` renders to the expression's value with its type (a list
 * stays a list, null stays null); expressions embedded in longer text are written as text (see
 * stringify.ts). Object keys are never templated. Parts without expressions render to the very same
 * objects (no copy), and a template without any expression renders to its input; `$${{` is the
 * only text that changes, into a literal `${{`.
 */
import { ExpressionError } from '../errors.js';
import { compileExpression } from './compile-expression.js';
import type { CompiledExpression, ExpressionContext } from './compile-expression.js';
import { expressionProblem } from './explain-error.js';
import { ExpressionErrorList, expressionErrors } from './expression-error.js';
import type { LocatedExpressionError } from './expression-error.js';
import { MAX_TEMPLATE_DEPTH } from './limits.js';
import { advance } from './location.js';
import type { SourceLocation } from './location.js';
import type { EvaluationOptions } from './runtime.js';
import { mentionsTemplate, scanTemplate } from './scan-template.js';
import { stringifyEmbedded } from './stringify.js';

/** Keys and indexes from the templated value's root to one of its strings, e.g. `['config', 'pattern']`. */
export type ValuePath = readonly (string | number)[];

/** Where the string at `path` starts in its file (its first character of content), when known. */
export type Locate = (path: ValuePath) => SourceLocation | undefined;

type Plan =
  | { readonly kind: 'static'; readonly value: unknown }
  | { readonly kind: 'whole'; readonly expression: CompiledExpression }
  | { readonly kind: 'text'; readonly parts: readonly (string | CompiledExpression)[] }
  | { readonly kind: 'array'; readonly items: readonly Plan[] }
  | { readonly kind: 'object'; readonly entries: readonly (readonly [string, Plan])[] };

/** A value with its expressions compiled once, ready to render many times. */
export interface CompiledTemplate {
  readonly kind: 'template';
  /** Every expression, in the order they appear. */
  readonly expressions: readonly CompiledExpression[];
  /** True when nothing needs evaluating: rendering returns the input value itself. */
  readonly isStatic: boolean;
  /** The value with every expression evaluated against `context`; throws an ExpressionError. */
  render(context: ExpressionContext, options?: EvaluationOptions): unknown;
}

/**
 * Compiles every `${{ … }}` in `value`. Reports every broken expression at once: one error is thrown
 * as a LocatedExpressionError, several as an ExpressionErrorList.
 * @example compileTemplate({ group: '${{ vars.target }}', paused: true }).render({ vars: { target: 'g1' } })
 *          // { group: 'g1', paused: true }
 */
export function compileTemplate(value: unknown, locate?: Locate): CompiledTemplate {
  const planner = new Planner(locate);
  const plan = planner.plan(value, [], 0);
  const [first, ...more] = planner.errors;
  if (first) throw more.length ? new ExpressionErrorList([first, ...more]) : first;
  return new Template(plan, planner.expressions);
}

/** Renders `template` against `context`: the engine's entry point, same as `template.render`. */
export function render(template: CompiledTemplate, context: ExpressionContext, options?: EvaluationOptions): unknown {
  return template.render(context, options);
}

/** Whether `template` has nothing to evaluate. */
export function isStatic(template: CompiledTemplate): boolean {
  return template.isStatic;
}

class Planner {
  readonly errors: LocatedExpressionError[] = [];
  readonly expressions: CompiledExpression[] = [];

  constructor(private readonly locate: Locate | undefined) {}

  plan(value: unknown, path: ValuePath, depth: number): Plan {
    if (typeof value === 'string') return this.planString(value, path);
    const isArray = Array.isArray(value);
    if (!isArray && !isPlainObject(value)) return { kind: 'static', value };
    if (depth >= MAX_TEMPLATE_DEPTH) {
      this.errors.push(
        expressionProblem({ source: '', location: this.locate?.(path) }, 'limit_exceeded', {
          reason: `value is nested more than ${MAX_TEMPLATE_DEPTH} levels deep`,
          hint: 'flatten the structure (or remove a YAML alias that refers to itself)',
        }),
      );
      return { kind: 'static', value };
    }
    return isArray ? this.planArray(value, path, depth) : this.planObject(value as Record<string, unknown>, path, depth);
  }

  private planArray(value: readonly unknown[], path: ValuePath, depth: number): Plan {
    const items = value.map((item, index) => this.plan(item, [...path, index], depth + 1));
    return items.every((item, index) => isUnchanged(item, value[index])) ? { kind: 'static', value } : { kind: 'array', items };
  }

  private planObject(value: Record<string, unknown>, path: ValuePath, depth: number): Plan {
    const entries = Object.keys(value).map((key) => [key, this.plan(value[key], [...path, key], depth + 1)] as const);
    return entries.every(([key, plan]) => isUnchanged(plan, value[key])) ? { kind: 'static', value } : { kind: 'object', entries };
  }

  private planString(text: string, path: ValuePath): Plan {
    if (!mentionsTemplate(text)) return { kind: 'static', value: text };
    const start = this.locate?.(path);
    const at = (offset: number): SourceLocation | undefined => (start ? advance(start, text, offset) : undefined);
    const scanned = scanTemplate(text);
    if ('error' in scanned) {
      this.errors.push(expressionProblem({ source: text, location: at(scanned.error.offset) }, 'syntax_error', { reason: scanned.error.reason }));
      return { kind: 'static', value: text };
    }
    const parts = scanned.segments.map((segment) => (segment.kind === 'text' ? segment.text : this.compile(segment.source, at(segment.offset))));
    if (parts.length === 1 && typeof parts[0] !== 'string') return { kind: 'whole', expression: parts[0]! };
    if (parts.every((part) => typeof part === 'string')) return { kind: 'static', value: parts.join('') };
    return { kind: 'text', parts };
  }

  /** Compiles one expression, keeping its error for the report; a broken one renders as empty text. */
  private compile(source: string, location: SourceLocation | undefined): CompiledExpression | string {
    try {
      const expression = compileExpression(source, location);
      this.expressions.push(expression);
      return expression;
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      this.errors.push(...expressionErrors(error));
      return '';
    }
  }
}

class Template implements CompiledTemplate {
  readonly kind = 'template';
  readonly #plan: Plan;

  constructor(
    plan: Plan,
    readonly expressions: readonly CompiledExpression[],
  ) {
    this.#plan = plan;
  }

  get isStatic(): boolean {
    return this.#plan.kind === 'static';
  }

  render(context: ExpressionContext, options: EvaluationOptions = {}): unknown {
    return renderPlan(this.#plan, context, options);
  }
}

function renderPlan(plan: Plan, context: ExpressionContext, options: EvaluationOptions): unknown {
  switch (plan.kind) {
    case 'static':
      return plan.value;
    case 'whole':
      return plan.expression.evaluate(context, options);
    case 'text':
      return plan.parts.map((part) => (typeof part === 'string' ? part : stringifyEmbedded(part.evaluate(context, options)))).join('');
    case 'array':
      return plan.items.map((item) => renderPlan(item, context, options));
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const [key, child] of plan.entries) setOwn(result, key, renderPlan(child, context, options));
      return result;
    }
  }
}

/** Plain assignment, except that a `__proto__` key from YAML stays a key instead of replacing the prototype. */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** A part that renders to exactly `original` (an unescaped `$${{` is static but not unchanged). */
function isUnchanged(plan: Plan, original: unknown): boolean {
  return plan.kind === 'static' && plan.value === original;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
