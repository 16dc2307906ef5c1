import { EvaluationError } from '@marcbachmann/cel-js';
import { currentRuntime } from '../runtime.js';
import { helper, overload } from './define.js';
import type { FunctionDefinition } from './define.js';

/** `secret()` and `env()`: the only ways an expression reaches outside its context, both explicit. */
export const ENVIRONMENT_FUNCTIONS: readonly FunctionDefinition[] = [
  helper(
    'secret',
    'secrets and environment',
    'secret(name: string) → string',
    'The environment variable `name`, registered as a secret so every output masks it; an error when unset.',
    [overload('secret(string): string', readSecret)],
  ),
  helper(
    'env',
    'secrets and environment',
    'env(name: string[, default: string]) → string',
    'The environment variable `name` (not masked: use secret() for credentials); the default when unset, else an error.',
    [
      overload('env(string): string', (name: string) => readEnv(name, undefined)),
      overload('env(string, string): string', (name: string, fallback: string) => readEnv(name, fallback)),
    ],
  ),
];

function readSecret(name: string): string {
  const runtime = currentRuntime();
  const value = runtime.env[name];
  if (value === undefined) {
    throw new EvaluationError({ code: 'missing_secret', message: `secret '${name}' is not set` });
  }
  if (value !== '') {
    runtime.secrets.push(value);
    runtime.onSecret?.(value, name);
  }
  return value;
}

function readEnv(name: string, fallback: string | undefined): string {
  const value = currentRuntime().env[name] ?? fallback;
  if (value === undefined) {
    throw new EvaluationError({ code: 'missing_env', message: `environment variable '${name}' is not set` });
  }
  return value;
}
