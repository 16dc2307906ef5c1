import { ApiError, AtlasError, ExpressionError, UsageError, WorkflowError, mayHaveBeenApplied } from '../errors.js';
import type { RetrySpec } from '../workflow/types.js';

/**
 * Whether a failed handler may be run again under the step's `retry:`. Deterministic failures
 * (bad input, 4xx) would fail again, and a write that may have been applied must be reconciled,
 * not re-sent — so only transient faults qualify.
 */
export function isRetryable(error: unknown): boolean {
  if (mayHaveBeenApplied(error)) return false;
  if (error instanceof ApiError) return error.status === 429 || error.status >= 500;
  if (error instanceof UsageError || error instanceof WorkflowError || error instanceof ExpressionError) return false;
  return error instanceof AtlasError;
}

/** Delay before attempt `attempt + 1`: exponential from `backoffMs`, capped, with full jitter. */
export function retryDelay(spec: RetrySpec, attempt: number, random: () => number = Math.random): number {
  const exponential = Math.min(spec.maxBackoffMs, spec.backoffMs * 2 ** (attempt - 1));
  return Math.round(exponential / 2 + (random() * exponential) / 2);
}
