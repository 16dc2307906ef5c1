import type { FunctionDefinition, FunctionDoc } from './define.js';
import { ENVIRONMENT_FUNCTIONS } from './environment-functions.js';
import { LIST_FUNCTIONS } from './list-functions.js';
import { STRING_FUNCTIONS } from './string-functions.js';
import { TIME_FUNCTIONS } from './time-functions.js';
import { VALUE_FUNCTIONS } from './value-functions.js';

/** Every function an expression can call, ours and CEL's documented ones, in help order. */
export const FUNCTION_DEFINITIONS: readonly FunctionDefinition[] = [
  ...ENVIRONMENT_FUNCTIONS,
  ...VALUE_FUNCTIONS,
  ...TIME_FUNCTIONS,
  ...STRING_FUNCTIONS,
  ...LIST_FUNCTIONS,
];

/**
 * Name → signature and one-line description, for `atlas-run` help and docs.
 * @example FUNCTIONS.chunk.signature // 'chunk(list, size: int) → list<list>'
 */
export const FUNCTIONS: Readonly<Record<string, FunctionDoc>> = Object.freeze(
  Object.fromEntries(
    FUNCTION_DEFINITIONS.map(({ name, signature, description, group, builtin }) => [name, Object.freeze({ signature, description, group, builtin })]),
  ),
);
