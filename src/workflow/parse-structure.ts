import type { SourceIssue } from '../errors.js';
import type { StepDefinition } from '../steps/define-step.js';
import { parseDuration } from '../util/duration.js';
import { suggestionHint } from '../util/suggest.js';
import { describeValue, isPlainObject } from './check-inputs.js';
import type { FailureBudget, RetrySpec } from './types.js';
import type { ValuePath, YamlSource } from './yaml-source.js';

/** Names usable after `vars.`, `steps.` and as `as:`: CEL identifiers. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const WORKFLOW_FIELDS = ['name', 'description', 'vars', 'concurrency', 'outputs', 'steps'] as const;
export const STEP_FIELDS = [
  'id',
  'name',
  'with',
  'when',
  'foreach',
  'as',
  'key',
  'concurrency',
  'retry',
  'continue_on_error',
  'max_failures',
  'outputs',
  'always',
  'uses',
] as const;
/** Names that cannot be used for `as:` because the expression context already has them. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['vars', 'steps', 'run', 'index', 'env', 'result', 'inputs']);
export const MAX_CONCURRENCY = 256;
/** Bounds of `retry.attempts`. */
export const MAX_RETRY_ATTEMPTS = 10;

/** Looks step types up by name; the registry implements it. */
export interface StepTypes {
  get(type: string): StepDefinition<never, Record<string, unknown>> | undefined;
  names(): readonly string[];
}

/** A step as written, checked for shape but not yet compiled. */
export interface StepDraft {
  index: number;
  path: ValuePath;
  id: string;
  name?: string;
  type: string;
  definition?: StepDefinition<never, Record<string, unknown>>;
  uses?: string;
  inputs: Record<string, unknown>;
  /** Where each input was written: under `with:`, as the type key, or inline. */
  inputPaths: Record<string, ValuePath>;
  when?: unknown;
  foreach?: unknown;
  as: string;
  key?: unknown;
  concurrency?: number;
  retry?: RetrySpec;
  continueOnError: boolean;
  maxFailures?: FailureBudget;
  always: boolean;
  outputs?: Record<string, unknown>;
}

export interface WorkflowDraft {
  name: string;
  description?: string;
  vars: unknown;
  concurrency?: number;
  outputs?: Record<string, unknown>;
  steps: StepDraft[];
}

/** Checks the shape of a workflow file: known fields, types, one step type per step, unique ids. */
export function parseStructure(source: YamlSource, types: StepTypes): { draft?: WorkflowDraft; issues: SourceIssue[] } {
  const issues: SourceIssue[] = [];
  const root = source.value;
  if (!isPlainObject(root)) {
    issues.push(source.issue([], `a workflow must be a mapping with 'name' and 'steps', got ${describeValue(root)}`, { hint: 'start from `atlas-run init`' }));
    return { issues };
  }
  for (const key of Object.keys(root)) {
    if (!(WORKFLOW_FIELDS as readonly string[]).includes(key)) {
      issues.push(source.issue([key], `unknown workflow field '${key}'`, { at: 'key', hint: suggestionHint(key, WORKFLOW_FIELDS) }));
    }
  }
  const name = root.name;
  if (typeof name !== 'string' || name.trim() === '') {
    issues.push(source.issue(name === undefined ? [] : ['name'], name === undefined ? "missing workflow field 'name'" : `'name' must be a non-empty string, got ${describeValue(name)}`));
  }
  if (root.description !== undefined && typeof root.description !== 'string') {
    issues.push(source.issue(['description'], `'description' must be a string, got ${describeValue(root.description)}`));
  }
  const concurrency = readConcurrency(source, root.concurrency, ['concurrency'], issues);
  const outputs = readOutputs(source, root.outputs, ['outputs'], issues);
  const steps = readSteps(source, root.steps, types, issues);
  if (issues.length > 0) return { issues };
  return {
    draft: {
      name: name as string,
      ...(typeof root.description === 'string' ? { description: root.description } : {}),
      vars: root.vars,
      ...(concurrency !== undefined ? { concurrency } : {}),
      ...(outputs ? { outputs } : {}),
      steps,
    },
    issues,
  };
}

function readSteps(source: YamlSource, value: unknown, types: StepTypes, issues: SourceIssue[]): StepDraft[] {
  if (value === undefined) {
    issues.push(source.issue([], "missing workflow field 'steps'", { hint: 'add `steps:` with at least one step' }));
    return [];
  }
  if (!Array.isArray(value)) {
    issues.push(source.issue(['steps'], `'steps' must be a list of steps, got ${describeValue(value)}`));
    return [];
  }
  if (value.length === 0) {
    issues.push(source.issue(['steps'], "'steps' is empty: a workflow needs at least one step"));
    return [];
  }
  const seen = new Map<string, number>();
  const drafts: StepDraft[] = [];
  value.forEach((raw, index) => {
    const draft = readStep(source, raw, index, types, issues);
    if (!draft) return;
    const previous = seen.get(draft.id);
    if (previous !== undefined) {
      issues.push(source.issue(['steps', index, 'id'], `duplicate step id '${draft.id}' (also step ${previous + 1})`, { hint: 'step ids must be unique: later steps refer to them' }));
    }
    seen.set(draft.id, index);
    drafts.push(draft);
  });
  return drafts;
}

function readStep(source: YamlSource, raw: unknown, index: number, types: StepTypes, issues: SourceIssue[]): StepDraft | undefined {
  const path: ValuePath = ['steps', index];
  if (!isPlainObject(raw)) {
    issues.push(source.issue(path, `step ${index + 1} must be a mapping, got ${describeValue(raw)}`));
    return undefined;
  }
  const typeKeys = Object.keys(raw).filter((k) => k === 'uses' || types.get(k) !== undefined);
  const before = issues.length;
  if (typeKeys.length === 0) {
    const unknown = Object.keys(raw).filter((k) => !(STEP_FIELDS as readonly string[]).includes(k));
    const guess = unknown[0];
    issues.push(
      guess
        ? source.issue([...path, guess], `unknown step type '${guess}'`, { at: 'key', hint: suggestionHint(guess, types.names()) })
        : source.issue(path, `step ${index + 1} has no type`, { hint: "add a step type such as 'set:' or 'filter:', or 'uses: FILE'; 'atlas-run steps' lists every type" }),
    );
    return undefined;
  }
  if (typeKeys.length > 1) {
    issues.push(source.issue([...path, typeKeys[1]!], `step ${index + 1} has more than one type: ${typeKeys.join(', ')}`, { at: 'key', hint: 'split it into one step per type' }));
    return undefined;
  }
  const type = typeKeys[0]!;
  const definition = type === 'uses' ? undefined : types.get(type);
  const inline = definition?.inline ?? [];
  for (const key of Object.keys(raw)) {
    if (key === type || inline.includes(key) || (STEP_FIELDS as readonly string[]).includes(key)) continue;
    issues.push(
      source.issue([...path, key], `unknown step field '${key}'`, {
        at: 'key',
        hint: suggestionHint(key, [...STEP_FIELDS.filter((f) => f !== 'uses'), ...inline, ...types.names()]),
      }),
    );
  }

  const id = readId(source, raw.id, path, type, index, issues);
  const { inputs, inputPaths } = collectInputs(source, raw, path, type, definition, issues);
  const as = raw.as === undefined ? 'item' : raw.as;
  if (typeof as !== 'string' || !IDENTIFIER.test(as) || RESERVED_NAMES.has(as)) {
    issues.push(source.issue([...path, 'as'], `'as' must be a simple name not already used by expressions, got ${describeValue(as)}`, { hint: 'e.g. `as: conn`' }));
  }
  if (raw.as !== undefined && raw.foreach === undefined) {
    issues.push(source.issue([...path, 'as'], "'as' only makes sense with 'foreach'", { at: 'key' }));
  }
  if (raw.key !== undefined && raw.foreach === undefined) {
    issues.push(source.issue([...path, 'key'], "'key' only makes sense with 'foreach'", { at: 'key' }));
  }
  if (raw.name !== undefined && typeof raw.name !== 'string') {
    issues.push(source.issue([...path, 'name'], `'name' must be a string, got ${describeValue(raw.name)}`));
  }
  if (raw.when !== undefined && typeof raw.when !== 'string' && typeof raw.when !== 'boolean') {
    issues.push(source.issue([...path, 'when'], `'when' must be an expression or a boolean, got ${describeValue(raw.when)}`));
  }
  if (raw.foreach !== undefined && typeof raw.foreach !== 'string' && !Array.isArray(raw.foreach)) {
    issues.push(source.issue([...path, 'foreach'], `'foreach' must be a list or an expression giving one, got ${describeValue(raw.foreach)}`, { hint: 'e.g. foreach: "${{ steps.source.items }}"' }));
  }
  if (raw.key !== undefined && typeof raw.key !== 'string') {
    issues.push(source.issue([...path, 'key'], `'key' must be an expression, got ${describeValue(raw.key)}`));
  }
  const concurrency = readConcurrency(source, raw.concurrency, [...path, 'concurrency'], issues);
  if (raw.concurrency !== undefined && raw.foreach === undefined && type !== 'uses') {
    issues.push(source.issue([...path, 'concurrency'], "a step's 'concurrency' only applies with 'foreach'", { at: 'key', hint: 'the workflow-level concurrency caps requests' }));
  }
  const retry = readRetry(source, raw.retry, [...path, 'retry'], issues);
  const maxFailures = readMaxFailures(source, raw.max_failures, [...path, 'max_failures'], issues);
  const continueOnError = readBoolean(source, raw.continue_on_error, [...path, 'continue_on_error'], issues);
  const always = readBoolean(source, raw.always, [...path, 'always'], issues);
  const outputs = readOutputs(source, raw.outputs, [...path, 'outputs'], issues);
  if (type === 'uses' && typeof raw.uses !== 'string') {
    issues.push(source.issue([...path, 'uses'], `'uses' must be a relative path to a workflow file, got ${describeValue(raw.uses)}`));
  }
  if (issues.length > before) return undefined;
  return {
    index,
    path,
    id,
    ...(typeof raw.name === 'string' ? { name: raw.name } : {}),
    type,
    ...(definition ? { definition } : {}),
    ...(type === 'uses' ? { uses: raw.uses as string } : {}),
    inputs,
    inputPaths,
    ...(raw.when !== undefined ? { when: raw.when } : {}),
    ...(raw.foreach !== undefined ? { foreach: raw.foreach } : {}),
    as: as as string,
    ...(raw.key !== undefined ? { key: raw.key } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(retry ? { retry } : {}),
    continueOnError,
    ...(maxFailures ? { maxFailures } : {}),
    always,
    ...(outputs ? { outputs } : {}),
  };
}

function readId(source: YamlSource, value: unknown, path: ValuePath, type: string, index: number, issues: SourceIssue[]): string {
  if (value === undefined) return `${type.replace(/[^A-Za-z0-9_]/g, '_')}_${index + 1}`;
  if (typeof value !== 'string' || !IDENTIFIER.test(value)) {
    issues.push(
      source.issue([...path, 'id'], `step id must be a simple name (letters, digits, _), got ${describeValue(value)}`, {
        hint: typeof value === 'string' ? `try '${value.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1')}' — ids are used as steps.<id> in expressions` : undefined,
      }),
    );
    return '';
  }
  return value;
}

/** Gathers a step's inputs from the type key, `with:` and inline fields, remembering where each came from. */
function collectInputs(
  source: YamlSource,
  raw: Record<string, unknown>,
  path: ValuePath,
  type: string,
  definition: StepDefinition<never, Record<string, unknown>> | undefined,
  issues: SourceIssue[],
): { inputs: Record<string, unknown>; inputPaths: Record<string, ValuePath> } {
  const inputs: Record<string, unknown> = {};
  const inputPaths: Record<string, ValuePath> = {};
  const withBlock = raw.with;
  if (withBlock !== undefined && !isPlainObject(withBlock)) {
    issues.push(source.issue([...path, 'with'], `'with' must be a mapping of inputs, got ${describeValue(withBlock)}`));
  } else if (withBlock) {
    for (const [name, value] of Object.entries(withBlock)) {
      inputs[name] = value;
      inputPaths[name] = [...path, 'with', name];
    }
  }
  if (!definition) return { inputs, inputPaths };
  const setOnce = (name: string, value: unknown, from: ValuePath): void => {
    if (name in inputs) {
      issues.push(source.issue(inputPaths[name]!, `input '${name}' is given twice (also at ${from.join('.')})`, { at: 'key' }));
      return;
    }
    inputs[name] = value;
    inputPaths[name] = from;
  };
  if (raw[type] !== null) setOnce(definition.main, raw[type], [...path, type]);
  for (const name of definition.inline ?? []) {
    if (raw[name] !== undefined) setOnce(name, raw[name], [...path, name]);
  }
  return { inputs, inputPaths };
}

function readConcurrency(source: YamlSource, value: unknown, path: ValuePath, issues: SourceIssue[]): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > MAX_CONCURRENCY) {
    issues.push(source.issue(path, `'concurrency' must be an integer from 1 to ${MAX_CONCURRENCY}, got ${describeValue(value)}`));
    return undefined;
  }
  return value;
}

function readBoolean(source: YamlSource, value: unknown, path: ValuePath, issues: SourceIssue[]): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') {
    issues.push(source.issue(path, `'${String(path[path.length - 1])}' must be true or false, got ${describeValue(value)}`));
    return false;
  }
  return value;
}

function readOutputs(source: YamlSource, value: unknown, path: ValuePath, issues: SourceIssue[]): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) {
    issues.push(source.issue(path, `'outputs' must map names to values or expressions, got ${describeValue(value)}`));
    return undefined;
  }
  for (const name of Object.keys(value)) {
    if (!IDENTIFIER.test(name)) issues.push(source.issue([...path, name], `output name '${name}' must be a simple name (letters, digits, _)`, { at: 'key' }));
  }
  return value;
}

export const RETRY_FIELDS = ['attempts', 'backoff', 'max_backoff'] as const;

function readRetry(source: YamlSource, value: unknown, path: ValuePath, issues: SourceIssue[]): RetrySpec | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') value = { attempts: value };
  if (!isPlainObject(value)) {
    issues.push(source.issue(path, `'retry' must be a mapping like { attempts: 3, backoff: 2s }, got ${describeValue(value)}`));
    return undefined;
  }
  for (const key of Object.keys(value)) {
    if (!(RETRY_FIELDS as readonly string[]).includes(key)) issues.push(source.issue([...path, key], `unknown retry field '${key}'`, { at: 'key', hint: suggestionHint(key, RETRY_FIELDS) }));
  }
  const attempts = value.attempts ?? 3;
  if (typeof attempts !== 'number' || !Number.isInteger(attempts) || attempts < 1 || attempts > MAX_RETRY_ATTEMPTS) {
    issues.push(source.issue([...path, 'attempts'], `retry 'attempts' must be an integer from 1 to ${MAX_RETRY_ATTEMPTS}, got ${describeValue(attempts)}`));
  }
  const backoffMs = value.backoff === undefined ? 1000 : parseDuration(value.backoff);
  const maxBackoffMs = value.max_backoff === undefined ? 30_000 : parseDuration(value.max_backoff);
  if (backoffMs === undefined) issues.push(source.issue([...path, 'backoff'], `retry 'backoff' must be a duration like 500ms, 2s or 1m, got ${describeValue(value.backoff)}`));
  if (maxBackoffMs === undefined) issues.push(source.issue([...path, 'max_backoff'], `retry 'max_backoff' must be a duration like 30s, got ${describeValue(value.max_backoff)}`));
  return { attempts: attempts as number, backoffMs: backoffMs ?? 1000, maxBackoffMs: maxBackoffMs ?? 30_000 };
}

function readMaxFailures(source: YamlSource, value: unknown, path: ValuePath, issues: SourceIssue[]): FailureBudget | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return { kind: 'count', max: value };
  const match = typeof value === 'string' ? /^(\d+(?:\.\d+)?)%$/.exec(value.trim()) : null;
  if (match && Number(match[1]) <= 100) return { kind: 'percent', max: Number(match[1]) };
  issues.push(source.issue(path, `'max_failures' must be a count (e.g. 5) or a percentage (e.g. "2%"), got ${describeValue(value)}`));
  return undefined;
}
