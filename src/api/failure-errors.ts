import { ApiError, InvalidResponseError, NetworkError, type RequestTarget, TimeoutError } from '../errors.js';
import type { Redactor } from '../redact.js';
import { parseEnvelope } from './envelope.js';
import type { RetryDecision } from './retry-policy.js';
import type { AttemptOutcome } from './transport.js';

/** Everything known about the last attempt of a call that failed for good. */
export interface FinalFailure {
  target: RequestTarget;
  outcome: AttemptOutcome;
  decision: Extract<RetryDecision, { retry: false }>;
  attempts: number;
  /** An earlier attempt of this write may have been applied. */
  earlierAmbiguous: boolean;
  timeoutMs: number;
  maxWaitMs: number;
  redactor: Redactor;
}

/** The typed error for a call that will not be retried; every text in it passes the redactor. */
export function errorForFailure(failure: FinalFailure): Error {
  const { target, outcome, redactor } = failure;
  const mayHaveBeenApplied = target.method !== 'GET' && (failure.decision.ambiguous || failure.earlierAmbiguous);
  if (outcome.ok) return apiError(failure, outcome, mayHaveBeenApplied);
  const reason = redactor.redactText(outcome.reason);
  switch (outcome.failure.kind) {
    case 'timeout':
      return new TimeoutError({ ...target, timeoutMs: failure.timeoutMs, mayHaveBeenApplied }, { cause: outcome.cause });
    case 'truncated':
    case 'too-large':
      return new InvalidResponseError({ ...target, status: outcome.failure.status, reason }, { cause: outcome.cause });
    case 'network':
      return new NetworkError(
        { ...target, reason: `${reason}${gaveUpNote(failure)}${notResentNote(failure, mayHaveBeenApplied)}`, mayHaveBeenApplied },
        { cause: outcome.cause },
      );
  }
}

function apiError(failure: FinalFailure, outcome: Extract<AttemptOutcome, { ok: true }>, mayHaveBeenApplied: boolean): ApiError {
  const { target, redactor } = failure;
  const parsed = parseEnvelope(outcome.text, outcome.headers['content-type']);
  const code = parsed.ok && parsed.envelope.code ? parsed.envelope.code : undefined;
  const apiMessage = parsed.ok && parsed.envelope.message !== undefined ? redactor.redactText(parsed.envelope.message) : undefined;
  const head = [code, apiMessage].filter(Boolean).join(': ');
  let message = `${target.method} ${target.path} → ${outcome.status}${head ? ` ${head}` : ''}`;
  if (!parsed.ok) message += ` (${parsed.reason})`;
  if (failure.decision.askedToWaitMs !== undefined) {
    message += ` (the API asked to wait ${formatSeconds(failure.decision.askedToWaitMs)}, longer than the ${formatSeconds(failure.maxWaitMs)} allowed by retry.maxWaitMs)`;
  } else {
    message += gaveUpNote(failure);
  }
  message += notResentNote(failure, mayHaveBeenApplied);
  return new ApiError(
    {
      ...target,
      status: outcome.status,
      ...(code === undefined ? {} : { code }),
      ...(apiMessage === undefined ? {} : { apiMessage }),
      mayHaveBeenApplied,
    },
    { message },
  );
}

function gaveUpNote(failure: FinalFailure): string {
  return failure.attempts > 1 ? ` (gave up after ${failure.attempts} attempts)` : '';
}

/** Says why a write was not re-sent, so the user knows to look before retrying by hand. */
function notResentNote(failure: FinalFailure, mayHaveBeenApplied: boolean): string {
  if (!mayHaveBeenApplied || !failure.decision.unsafe) return '';
  return `; not re-sent because the ${failure.target.method} may have been applied: check before retrying`;
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
