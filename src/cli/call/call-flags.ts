import { parseArgs } from 'node:util';
import { UsageError } from '../../errors.js';
import { suggestionHint } from '../../util/suggest.js';

/** Flags of `atlas-run call`. */
const CALL_FLAGS = {
  data: { type: 'string', short: 'd' },
  query: { type: 'string', short: 'q', multiple: true },
  all: { type: 'boolean' },
  idempotent: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  sandbox: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface CallFlags {
  data?: string;
  query: Record<string, string>;
  all: boolean;
  idempotent: boolean;
  verbose: boolean;
  sandbox: boolean;
}

const HELP_HINT = "see 'atlas-run call --help'";

/** node:util parseArgs, with UsageErrors a person can act on: the nearest known flag, the missing value. */
export function parseCallFlags(args: readonly string[]): { flags: CallFlags; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: CALL_FLAGS, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageErrorFor(error);
  }
  const { values, positionals } = parsed;
  return {
    flags: {
      ...(values.data === undefined ? {} : { data: values.data }),
      query: queryPairs(values.query ?? []),
      all: values.all ?? false,
      idempotent: values.idempotent ?? false,
      verbose: values.verbose ?? false,
      sandbox: values.sandbox ?? false,
    },
    positionals,
  };
}

function usageErrorFor(error: unknown): UsageError {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(message);
  if (unknown) {
    const names = Object.keys(CALL_FLAGS).map((name) => `--${name}`);
    return new UsageError(`unknown option '${unknown[1]}' for 'call'`, { hint: `${suggestionHint(unknown[1]!, names)}; ${HELP_HINT}` });
  }
  // Node spells the option as "-d, --data <value>": name the long form.
  const missing = /Option '([^']+)' argument missing/.exec(message);
  if (missing) {
    const name = /--[\w-]+/.exec(missing[1]!)?.[0] ?? missing[1];
    return new UsageError(`option '${name}' needs a value`, { hint: HELP_HINT });
  }
  return new UsageError(message.split('\n')[0] ?? message, { hint: HELP_HINT });
}

/** `--query k=v` values as a record. */
function queryPairs(entries: readonly string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const entry of entries) {
    const eq = entry.indexOf('=');
    if (eq <= 0) throw new UsageError(`--query expects name=value, got '${entry}'`, { hint: 'e.g. --query limit=10' });
    const name = entry.slice(0, eq);
    if (Object.hasOwn(result, name)) throw new UsageError(`query parameter '${name}' is given twice`, { hint: 'give each parameter once' });
    result[name] = entry.slice(eq + 1);
  }
  return result;
}
