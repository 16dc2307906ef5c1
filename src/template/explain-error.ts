/**
 * Turns whatever compiling or evaluating an expression threw into one LocatedExpressionError: a short
 * reason in our words, the file position of the failing part, and a hint that says what to write instead.
 * Secret values read during the evaluation are cut out of the reason, whatever produced it.
 */
import { EvaluationError, ParseError, TypeError as CelTypeError } from '@marcbachmann/cel-js';
import { ExpressionError } from '../errors.js';
import type { CelNode } from './cel-ast.js';
import { LocatedExpressionError } from './expression-error.js';
import { FUNCTIONS } from './functions/function-table.js';
import { advance } from './location.js';
import type { SourceLocation } from './location.js';

/** The expression an error belongs to, and what is known about the evaluation that failed. */
export interface ErrorSite {
  readonly source: string;
  readonly location: SourceLocation | undefined;
  /** Secret values read so far: never repeated in a message. */
  readonly secrets?: readonly string[];
  /** Variables the context offered, to list when an unknown one is used. */
  readonly variables?: readonly string[];
}

interface Explanation {
  reason: string;
  hint?: string;
}

type CelError = ParseError | EvaluationError | CelTypeError;

/** The located error for `error`, raised while compiling or evaluating the expression at `site`. */
export function explainError(error: unknown, site: ErrorSite): ExpressionError {
  if (error instanceof ExpressionError) return error;
  if (error instanceof ParseError || error instanceof EvaluationError || error instanceof CelTypeError) {
    return located(site, error.code, explainCel(error, site), error.range?.start ?? 0);
  }
  if (error instanceof RangeError) {
    const reason = /call stack/i.test(error.message) ? 'expression is nested too deeply to evaluate' : `value out of range: ${error.message}`;
    return located(site, 'limit_exceeded', { reason, hint: SIMPLIFY });
  }
  const message = error instanceof Error ? error.message : String(error);
  return located(site, 'internal', { reason: `unexpected failure: ${message}` });
}

/** A located error for a problem found by this module itself, at `offset` in the expression. */
export function expressionProblem(site: ErrorSite, code: string, explanation: Explanation, offset = 0): LocatedExpressionError {
  return located(site, code, explanation, offset);
}

function located(site: ErrorSite, code: string, { reason, hint }: Explanation, offset = 0): LocatedExpressionError {
  const location = site.location ? advance(site.location, site.source, offset) : undefined;
  return new LocatedExpressionError({
    expression: site.source,
    reason: redact(reason, site.secrets ?? []),
    code,
    ...(location ? { location } : {}),
    ...(hint ? { hint } : {}),
  });
}

function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret) result = result.split(secret).join('***');
  return result;
}

const SIMPLIFY = 'simplify the expression, or split the work across steps (expressions are bounded so every run ends)';

function explainCel(error: CelError, site: ErrorSite): Explanation {
  const summary = readableTypes(error.summary);
  if (error instanceof ParseError) return explainSyntax(error.code, summary);
  const node = error.node as unknown as CelNode | undefined;
  const text = node ? site.source.slice(node.start, node.end) : undefined;
  switch (error.code) {
    case 'no_such_key': {
      const key = /^No such key: (.*)$/.exec(summary)?.[1];
      return {
        reason: key ? `no such key '${key}'` : lowerFirst(summary),
        hint: text ? `use has(${text}) or default(${text}, …) when it may be absent` : 'use has() or default() when a key may be absent',
      };
    }
    case 'index_out_of_bounds':
      return { reason: lowerFirst(summary.replace(/^No such key: /, '')), hint: text ? `check size() first, or use default(${text}, …)` : undefined };
    case 'unknown_variable': {
      const available = site.variables?.length ? `variables here: ${[...site.variables].sort().join(', ')}` : undefined;
      return { reason: lowerFirst(summary.replace(/: (.*)$/, " '$1'")), hint: available };
    }
    case 'no_such_overload':
      return { reason: lowerFirst(summary), hint: operandHint(summary) };
    case 'no_matching_overload':
      return { reason: lowerFirst(summary), hint: signatureHint(summary) };
    case 'incompatible_ternary_branches':
      return { reason: lowerFirst(summary), hint: "CEL wants both branches of '? :' to have one type; wrap one in dyn(…) if they differ on purpose" };
    case 'invalid_logical_operand':
    case 'invalid_condition_type':
      return { reason: lowerFirst(summary), hint: "compare explicitly, e.g. size(x) > 0 or x != ''" };
    default:
      return { reason: lowerFirst(summary), hint: HINTS[error.code] };
  }
}

const HINTS: Readonly<Record<string, string>> = {
  limit_exceeded: SIMPLIFY,
  missing_secret: 'set it in the environment atlas-run runs in: secret() reads environment variables',
  missing_env: "set it, or give a default: env('NAME', 'value')",
  unsafe_integer: 'use string(x) to keep a large number exact',
  not_json: 'convert it first, e.g. string(x), or bytes with .base64()',
  invalid_regular_expression: 'patterns use RE2 syntax (no look-around or back-references); in double-quoted YAML, write \\\\ for one backslash',
  numeric_overflow: 'CEL integers are 64-bit; use double(x) for larger values',
  unsupported_type: 'the context holds something that is not JSON data',
};

const TOKENS: Readonly<Record<string, string>> = {
  EOF: 'end of expression',
  NUMBER: 'a number',
  STRING: 'a string',
  BYTES: 'bytes',
  BOOLEAN: 'true or false',
  NULL: 'null',
  IDENTIFIER: 'a name',
  PLUS: "'+'",
  MINUS: "'-'",
  MULTIPLY: "'*'",
  DIVIDE: "'/'",
  MODULO: "'%'",
  EQ: "'=='",
  NE: "'!='",
  LT: "'<'",
  LE: "'<='",
  GT: "'>'",
  GE: "'>='",
  AND: "'&&'",
  OR: "'||'",
  NOT: "'!'",
  IN: "'in'",
  LPAREN: "'('",
  RPAREN: "')'",
  LBRACKET: "'['",
  RBRACKET: "']'",
  LBRACE: "'{'",
  RBRACE: "'}'",
  DOT: "'.'",
  COMMA: "','",
  COLON: "':'",
  QUESTION: "'?'",
};

function explainSyntax(code: string, summary: string): Explanation {
  if (code === 'limit_exceeded') {
    const [, limit, value] = /Exceeded (\w+) \((\d+)\)/.exec(summary) ?? [];
    return { reason: `expression is too large (${limit ?? 'a limit'} is ${value ?? 'exceeded'})`, hint: SIMPLIFY };
  }
  const hint = code === 'reserved_identifier' ? 'CEL reserves this word; read the value with a key, e.g. x["import"]' : undefined;
  const reason = `syntax error: ${syntaxWords(summary)}`;
  return hint ? { reason, hint } : { reason };
}

/** The parser's token names in words: `Expected RPAREN, got EOF` → `expected ')' before the end`. */
function syntaxWords(summary: string): string {
  const token = (name: string): string => TOKENS[name] ?? name;
  const unexpected = /^Unexpected token: (\w+)$/.exec(summary);
  if (unexpected) return unexpected[1] === 'EOF' ? 'unexpected end of expression' : `unexpected ${token(unexpected[1]!)}`;
  const expected = /^Expected (\w+), got (\w+)$/.exec(summary);
  if (expected) {
    const [, want, got] = expected as unknown as [string, string, string];
    return got === 'EOF' ? `expected ${token(want)} before the end` : `expected ${token(want)} but found ${token(got)}`;
  }
  return lowerFirst(summary.replace(/\b[A-Z]{2,}\b/g, token));
}

/** `dyn<double>` is the library's way of saying "a double, known only at run time". */
function readableTypes(summary: string): string {
  return summary.replace(/dyn<([\w.]+)>/g, '$1');
}

function operandHint(summary: string): string {
  if (/\bint\b/.test(summary) && /\bdouble\b/.test(summary)) {
    return 'CEL never mixes int and double: write 2.0 instead of 2, or convert with double(x) or int(x)';
  }
  if (/\bstring\b/.test(summary)) return 'convert first: string(x) to join text, int(x) or double(x) to compute';
  return 'check the operand types; convert with int(), double() or string()';
}

function signatureHint(summary: string): string | undefined {
  const name = /for '(?:[\w.<>, ]+\.)?(\w+)\(/.exec(summary)?.[1];
  const doc = name ? FUNCTIONS[name] : undefined;
  return doc ? `expected ${doc.signature}` : undefined;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
