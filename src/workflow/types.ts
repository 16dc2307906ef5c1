import type { StepDefinition } from '../steps/define-step.js';
import type { CompiledCondition, CompiledExpression, CompiledTemplate } from '../template/index.js';
import type { ValuePath, YamlSource } from './yaml-source.js';

/** Types a workflow variable may declare; `--var` strings are coerced to them. */
export const VAR_TYPES = ['string', 'integer', 'number', 'boolean', 'list', 'object', 'any'] as const;
export type VarType = (typeof VAR_TYPES)[number];

export interface VarDeclaration {
  name: string;
  type: VarType;
  hasDefault: boolean;
  default?: unknown;
  required: boolean;
  description?: string;
  /** Masked wherever the value is printed or journaled. */
  secret: boolean;
  enum?: readonly unknown[];
  path: ValuePath;
}

export interface RetrySpec {
  attempts: number;
  backoffMs: number;
  maxBackoffMs: number;
}

/** How many item failures a step tolerates before it stops and fails. */
export type FailureBudget = { kind: 'count'; max: number } | { kind: 'percent'; max: number };

/** An input the handler receives as a function instead of a value (see InputSchema `x-atlas`). */
export type CompiledLazyInput =
  | { kind: 'expression'; expression: CompiledExpression }
  | { kind: 'expression-map'; expressions: Readonly<Record<string, CompiledExpression>> }
  | { kind: 'template'; template: CompiledTemplate };

/** One validated, compiled step, ready for the engine. */
export interface StepSpec {
  index: number;
  id: string;
  name?: string;
  path: ValuePath;
  /** A registry type, or `uses` for an included workflow. */
  type: string;
  definition?: StepDefinition<never, Record<string, unknown>>;
  /** The inputs (`with:` merged with the type key's value and inline inputs), templates compiled. */
  inputs: CompiledTemplate;
  lazyInputs: Readonly<Record<string, CompiledLazyInput>>;
  /** Inputs whose value is known before the run; used for scope and confirmation checks. */
  staticInputs: Readonly<Record<string, unknown>>;
  /** The inputs as written in the file, templates unexpanded. */
  writtenInputs: Readonly<Record<string, unknown>>;
  when?: CompiledCondition;
  foreach?: CompiledTemplate;
  /** Name the current item is bound to inside a fan-out (`item` unless `as:` says otherwise). */
  as: string;
  key?: CompiledExpression;
  concurrency?: number;
  retry?: RetrySpec;
  continueOnError: boolean;
  maxFailures?: FailureBudget;
  /** Runs even after an earlier step failed (cleanup, resume-in-finally). */
  always: boolean;
  outputs?: Readonly<Record<string, CompiledTemplate>>;
  uses?: Workflow;
}

/** A loaded workflow: validated, compiled, with every include resolved. */
export interface Workflow {
  file: string;
  name: string;
  description?: string;
  vars: readonly VarDeclaration[];
  /** Cap on in-flight requests for the whole run. */
  concurrency?: number;
  steps: readonly StepSpec[];
  outputs?: Readonly<Record<string, CompiledTemplate>>;
  /** sha256 of this file and every file it includes; resume refuses a changed workflow. */
  checksum: string;
  source: YamlSource;
}
