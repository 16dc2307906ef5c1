import { EvaluationError } from '@marcbachmann/cel-js';
import type { ASTNode } from '@marcbachmann/cel-js';
import { MAX_EVALUATION_WORK, MAX_TEXT_BUILT } from './limits.js';

/** What an evaluation may reach beyond its context: nothing else from the process is visible. */
export interface EvaluationOptions {
  /** Variables `secret()` and `env()` read. Defaults to an empty environment: the caller opts in (e.g. passes the process environment). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Called with every value `secret()` returns (and its name), so output layers can mask it. */
  readonly onSecret?: (value: string, name: string) => void;
  /** Clock for `now()` and `today()`: a Date or epoch milliseconds. Defaults to the system clock. */
  readonly now?: () => Date | number;
}

/** The state of the evaluation in progress. Evaluation is synchronous, so one slot is enough. */
export interface Runtime {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly onSecret: ((value: string, name: string) => void) | undefined;
  readonly now: () => Date;
  /** Work units left before the evaluation is stopped (see MAX_EVALUATION_WORK). */
  workLeft: number;
  /** Characters of text (and bytes) the evaluation may still build (see MAX_TEXT_BUILT). */
  textLeft: number;
  /** Secret values read so far, removed from any error message this evaluation produces. */
  readonly secrets: string[];
}

const NO_ENV: Readonly<Record<string, string | undefined>> = Object.freeze({});
let active: Runtime | undefined;

/** Runs `evaluate` with a fresh runtime built from `options`, restoring the previous one afterwards. */
export function withRuntime<T>(options: EvaluationOptions, evaluate: (runtime: Runtime) => T): T {
  const clock = options.now;
  const runtime: Runtime = {
    env: options.env ?? NO_ENV,
    onSecret: options.onSecret,
    now: clock ? () => new Date(clock()) : () => new Date(),
    workLeft: MAX_EVALUATION_WORK,
    textLeft: MAX_TEXT_BUILT,
    secrets: [],
  };
  const previous = active;
  active = runtime;
  try {
    return evaluate(runtime);
  } finally {
    active = previous;
  }
}

/** The runtime of the evaluation in progress; functions like `secret()` only run inside one. */
export function currentRuntime(): Runtime {
  if (!active) throw new EvaluationError({ code: 'no_runtime', message: 'expression functions run only during an evaluation' });
  return active;
}

/** Spends `units` of the evaluation's work budget; throws `limit_exceeded` once it is gone. */
export function spendWork(units: number, node?: ASTNode): void {
  const runtime = active;
  if (!runtime) return;
  runtime.workLeft -= units;
  if (runtime.workLeft < 0) throw workLimitError(node);
}

/** Records `length` characters of newly built text; throws `limit_exceeded` past MAX_TEXT_BUILT. */
export function spendText(length: number, node?: ASTNode): void {
  const runtime = active;
  if (!runtime) return;
  runtime.textLeft -= length;
  if (runtime.textLeft >= 0) return;
  const message = `evaluation builds more than ${MAX_TEXT_BUILT.toLocaleString('en-US')} characters of text`;
  throw new EvaluationError(node ? { code: 'limit_exceeded', message, node } : { code: 'limit_exceeded', message });
}

/** The error for an exhausted work budget, pointing at `node` when known. */
export function workLimitError(node?: ASTNode): EvaluationError {
  const message = `evaluation needs more than ${MAX_EVALUATION_WORK.toLocaleString('en-US')} steps`;
  return new EvaluationError(node ? { code: 'limit_exceeded', message, node } : { code: 'limit_exceeded', message });
}
