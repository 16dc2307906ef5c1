/** How expression functions are described: one definition feeds both the CEL registry and `FUNCTIONS` (help). */

export type FunctionGroup =
  | 'secrets and environment'
  | 'absent values'
  | 'conversion'
  | 'time'
  | 'strings'
  | 'lists and maps';

/** What help shows for one function name. */
export interface FunctionDoc {
  /** Human signature, e.g. `lower(s: string) → string`; `s.lower()` forms are mentioned here too. */
  readonly signature: string;
  /** One line: what it returns and when it fails. */
  readonly description: string;
  readonly group: FunctionGroup;
  /** True for CEL's own functions, documented here so help lists everything an expression can call. */
  readonly builtin: boolean;
}

type Handler = (...args: unknown[]) => unknown;

/** One CEL overload: a signature in the library's syntax and its implementation. */
export interface Overload {
  /** e.g. `lower(string): string`; `ast` parameters make it a macro. */
  readonly signature: string;
  readonly handler: Handler;
  /** Also callable as a method on the first argument: `lower(s)` and `s.lower()`. */
  readonly method: boolean;
}

export interface FunctionDefinition extends FunctionDoc {
  readonly name: string;
  /** Empty for built-ins, which CEL already provides. */
  readonly overloads: readonly Overload[];
}

/** An overload whose handler receives the argument types its signature promises (CEL checks them). */
export function overload<A extends unknown[]>(
  signature: string,
  handler: (...args: A) => unknown,
  options: { method?: boolean } = {},
): Overload {
  return { signature, handler: handler as unknown as Handler, method: options.method ?? false };
}

/** A function CEL provides itself, listed for help. */
export function builtin(name: string, group: FunctionGroup, signature: string, description: string): FunctionDefinition {
  return { name, group, signature, description, builtin: true, overloads: [] };
}

/** A function atlas-run adds. */
export function helper(
  name: string,
  group: FunctionGroup,
  signature: string,
  description: string,
  overloads: readonly Overload[],
): FunctionDefinition {
  return { name, group, signature, description, builtin: false, overloads };
}

/**
 * The method form of a function signature: the first parameter becomes the receiver.
 * @example methodSignature('chunk(list, int): list') // 'list.chunk(int): list'
 */
export function methodSignature(signature: string): string {
  const match = /^(\w+)\((.*)\):\s*(.+)$/.exec(signature);
  if (!match) throw new Error(`not a function signature: ${signature}`);
  const [, name, params, result] = match as unknown as [string, string, string, string];
  const [receiver, ...rest] = splitParams(params);
  if (!receiver) throw new Error(`a method needs a receiver: ${signature}`);
  return `${receiver}.${name}(${rest.join(', ')}): ${result}`;
}

/** Splits `list<dyn>, map<string, dyn>` at top-level commas only. */
function splitParams(params: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of params) {
    if (char === '<') depth++;
    if (char === '>') depth--;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}
