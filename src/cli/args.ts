import { parseArgs } from 'node:util';
import { SCOPES, type RunScope } from '../engine/scope-check.js';
import { UsageError } from '../errors.js';
import { suggestionHint } from '../util/suggest.js';

export interface FlagSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
}

export type FlagSpecs = Readonly<Record<string, FlagSpec>>;

type FlagValues<S extends FlagSpecs> = {
  [K in keyof S]?: S[K]['type'] extends 'boolean' ? (S[K]['multiple'] extends true ? boolean[] : boolean) : S[K]['multiple'] extends true ? string[] : string;
};

/**
 * node:util parseArgs with the messages a user needs: an unknown flag names the nearest known one,
 * a flag missing its value says so; both are UsageErrors (exit 2, nothing sent).
 */
export function parseFlags<S extends FlagSpecs>(args: readonly string[], specs: S, command: string): { flags: FlagValues<S>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options: specs as never, allowPositionals: true, strict: true });
    return { flags: values as FlagValues<S>, positionals };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(message);
    if (unknown) {
      const names = Object.keys(specs).map((name) => `--${name}`);
      throw new UsageError(`unknown option '${unknown[1]}' for '${command}'`, { hint: `${suggestionHint(unknown[1]!, names)}; see 'atlas-run ${command} --help'` });
    }
    const missing = /Option '(-{1,2}[\w-]+)[^']*' argument missing/.exec(message);
    if (missing) throw new UsageError(`option '${missing[1]}' needs a value`, { hint: `see 'atlas-run ${command} --help'` });
    throw new UsageError(message.split('\n')[0]!, { hint: `see 'atlas-run ${command} --help'` });
  }
}

/** `k=v` strings from repeated flags (`--var a=1 --var b=2`) as a record; a missing `=` is a UsageError. */
export function keyValuePairs(entries: readonly string[] | undefined, flag: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of entries ?? []) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new UsageError(`${flag} expects name=value, got '${entry}'`, { hint: `e.g. ${flag} target_group=warehouse_new` });
    result[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return result;
}

/** A `--scope` (or FIVETRAN_SCOPE) value; unset or empty means `write`. */
export function readScope(value: string | undefined): RunScope {
  if (value === undefined || value === '') return 'write';
  if ((SCOPES as readonly string[]).includes(value)) return value as RunScope;
  throw new UsageError(`unknown scope '${value}'`, { hint: `expected one of ${SCOPES.join(', ')}` });
}

/** A flag that takes a count: undefined when not given, a UsageError unless a positive integer. */
export function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer, got '${value}'`);
  return n;
}
