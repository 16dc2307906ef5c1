import type { ApiClient } from '../api/index.js';
import type { PrintSegment } from '../report/events.js';

/** JSON types a step input may declare. */
export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null';

/**
 * The JSON Schema subset step inputs are described with. It drives validation (with `${{ }}`
 * templates accepted anywhere a value is expected), `atlas-run steps`, and the published
 * workflow.schema.json editors use.
 */
export interface InputSchema {
  type?: JsonType | readonly JsonType[];
  description?: string;
  enum?: readonly unknown[];
  default?: unknown;
  properties?: Readonly<Record<string, InputSchema>>;
  required?: readonly string[];
  additionalProperties?: boolean | InputSchema;
  items?: InputSchema;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  minLength?: number;
  anyOf?: readonly InputSchema[];
  examples?: readonly unknown[];
  /**
   * How the engine hands the value to the handler:
   * `expression` — a bare CEL expression, passed as an {@link Evaluator} the handler calls per element;
   * `expression-map` — an object of name → expression, passed as a record of evaluators;
   * `template` — text with `${{ }}` parts rendered per element (`item`, `index` bound), passed as an {@link Evaluator}.
   */
  'x-atlas'?: 'expression' | 'expression-map' | 'template';
}

/** An object schema: the shape of a step's `with:` block. */
export interface ObjectInputSchema extends InputSchema {
  type: 'object';
  properties: Readonly<Record<string, InputSchema>>;
}

/** Evaluates a compiled expression with extra bindings (usually `{ item, index }`) on top of the step's context. */
export type Evaluator = (bindings?: Record<string, unknown>) => unknown;

/** What a step may do to the account; checked against `--scope` before anything runs. */
export type Effect = 'read' | 'write' | 'delete';

/** A write a handler wants to make. Sent as is, or recorded when planning or in a dry run. */
export interface WriteRequest {
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** Endpoint relative to the API base, e.g. `connections/abc`. */
  path: string;
  body?: unknown;
  /** The object touched, so plans can show a diff and `apply` can detect drift. */
  target: WriteTarget;
  /** The caller asserts re-sending is harmless (e.g. a setup test); creates never are. */
  idempotent?: boolean;
  /** What the write returns in a dry run (e.g. a connection with a `planned:` id) so later steps can go on. */
  planned?: () => unknown;
  /** The answer carries the object written (creates, updates): any other answer is an InvalidResponseError, not a half-read object. */
  answersObject?: boolean;
}

export interface WriteTarget {
  kind: string;
  /** Id of the object written, when it exists already. */
  id?: string;
  /** Natural key, for creates (e.g. `group/schema`). */
  key?: string;
  /** The object as read before the write; its checksum guards `apply` against drift. */
  before?: unknown;
  /** Only the fields that change, for display in plans. */
  changes?: unknown;
}

/** Lines a step wants shown to the user (the reporter decides how). */
export type StepMessage =
  | { kind: 'warning'; message: string }
  | { kind: 'info'; message: string }
  /** Output the workflow asked for; `segments` (same text, in coloured pieces) let reporters colour it. */
  | { kind: 'print'; text: string; segments?: readonly PrintSegment[]; level?: 'info' | 'warning' | 'error' };

/** Filesystem access granted to steps that read or write files. */
export interface FileAccess {
  /** Directory relative paths are resolved against (the workflow's directory). */
  baseDir: string;
  /** Paths outside these roots are refused. */
  roots: readonly string[];
  /** Largest input file read, in bytes. */
  maxReadBytes: number;
}

/** Everything a handler may use. Handlers never see YAML, templates or the CLI. */
export interface StepContext {
  readonly stepId: string;
  /** Key of the current item in a fan-out (`-` for a step without `foreach`). */
  readonly itemKey: string;
  /** Client whose requests are counted for this step. Use it for reads. */
  readonly client: ApiClient;
  /** True when writes are recorded (dry run or plan) instead of sent. */
  readonly dryRun: boolean;
  /** Sends a write, or records it when planning; always go through here for writes. */
  write<T = unknown>(request: WriteRequest): Promise<T>;
  /** Per-run cache shared by all steps, so the run never re-reads what it already holds. */
  memo<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** Drops a cached entry (after a write made it stale). */
  forget(key: string): void;
  say(message: StepMessage): void;
  /**
   * Aborted when the run is interrupted (Ctrl-C): stop waiting and polling. Writes through `write`
   * always finish once started, so their outcome is known; the engine starts no new item.
   */
  readonly signal: AbortSignal;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The vars of the workflow this step belongs to (an included workflow's own vars inside `uses:`). */
  readonly vars: Readonly<Record<string, unknown>>;
  readonly files: FileAccess;
  now(): number;
  sleep(ms: number): Promise<void>;
}

/**
 * How an item went, beyond success: a handler returns `outcome: 'unchanged'` when nothing needed
 * doing (an update with no difference, a create whose object exists) and `'skipped'` when it chose
 * not to act; anything else counts as `ok`.
 */
export type StepOutcome = 'ok' | 'unchanged' | 'skipped';

/** A step type: its inputs, its effect on the account, and the handler that does the work. */
export interface StepDefinition<Inputs = Record<string, unknown>, Output = Record<string, unknown>> {
  type: string;
  summary: string;
  /** The input filled by the value of the type key itself, e.g. `list: connections` fills `resource`. */
  main: string;
  /** Inputs that may also be written at step level for readability, e.g. `where:` on `filter`. */
  inline?: readonly string[];
  inputs: ObjectInputSchema;
  /** Output name → description; a `foreach` step exposes these per item under `items`. */
  outputs: Readonly<Record<string, string>>;
  /** Output names that depend on the inputs (e.g. `set:` outputs what it is given). */
  outputNames?(inputs: Readonly<Record<string, unknown>>): readonly string[];
  /**
   * Worst effect given the inputs known before the run. Templated inputs are present with the
   * value `undefined`, so `'force' in inputs && inputs.force === undefined` means "decided at run time".
   * `written` has the inputs as written, templates unexpanded, for steps that can read a literal part
   * of a templated string (the method of `request: PATCH connections/${{ item.id }}`).
   */
  effect(inputs: Readonly<Record<string, unknown>>, written?: Readonly<Record<string, unknown>>): Effect;
  /** Needs `--yes` or an interactive confirmation (delete, resync, forced sync); same input rules as `effect`. */
  destructive?(inputs: Readonly<Record<string, unknown>>, written?: Readonly<Record<string, unknown>>): boolean;
  /** A YAML example shown by `atlas-run steps <type>` and checked by the tests. */
  example: string;
  run(ctx: StepContext, inputs: Inputs): Promise<Output>;
}

/** Declares a step type; a typed identity that keeps definitions uniform. */
export function defineStep<Inputs, Output>(definition: StepDefinition<Inputs, Output>): StepDefinition<Inputs, Output> {
  return definition;
}
