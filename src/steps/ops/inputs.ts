/**
 * Run-time checks of inputs whose value came from a template: the loader accepts `${{ }}` wherever a
 * value is expected, so the rendered value is checked here, with a message naming the input.
 */
import { StepError } from '../../errors.js';
import { parseDuration } from '../../util/duration.js';

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? `'${value}'` : typeof value;
}

/** A boolean input, `fallback` when absent. */
export function booleanInput(value: unknown, name: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw new StepError(`input '${name}' must be true or false, got ${describe(value)}`);
  return value;
}

/** A string input that must be one of `allowed`. */
export function choiceInput<T extends string>(value: unknown, name: string, allowed: readonly T[]): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new StepError(`input '${name}' must be one of ${allowed.join(', ')}, got ${describe(value)}`);
}

/** An optional non-empty string input. */
export function stringInput(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') throw new StepError(`input '${name}' must be a non-empty string, got ${describe(value)}`);
  return value;
}

/** A duration input (`500ms`, `2s`, `30m`, or seconds as a number) in milliseconds. */
export function durationInput(value: unknown, name: string, fallback: string): number {
  const ms = parseDuration(value ?? fallback);
  if (ms === undefined) throw new StepError(`input '${name}' must be a duration like 10s, 5m or 1h, got ${describe(value)}`);
  return ms;
}

/** An ISO time input, in epoch milliseconds. */
export function timeInput(value: unknown, name: string): number {
  const at = typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(at)) throw new StepError(`input '${name}' must be an ISO time such as a sync step's triggered_at, got ${describe(value)}`);
  return at;
}
