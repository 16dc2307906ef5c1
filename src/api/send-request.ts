import type { Dispatcher } from 'undici';
import { InterruptedError, InvalidResponseError, type RequestTarget } from '../errors.js';
import type { Redactor } from '../redact.js';
import type { ApiResponse, ClientEvent, HttpMethod, RequestOptions, Sleep, Tags } from './client-types.js';
import { formatQuery, resolveEndpoint, type ResolvedEndpoint } from './endpoint-path.js';
import { parseEnvelope } from './envelope.js';
import { errorForFailure } from './failure-errors.js';
import type { RateLimiter } from './rate-limiter.js';
import type { RequestStats } from './request-stats.js';
import { parseRetryAfter } from './retry-after.js';
import { type AttemptFailure, decideRetry, type RetryOptions } from './retry-policy.js';
import { classifyRequest } from './traffic-class.js';
import { AttemptAborted, type AttemptOutcome, sendAttempt } from './transport.js';

/** The shared machinery of one client, as the request loop needs it. */
export interface RequestContext {
  baseUrl: URL;
  dispatcher: Dispatcher;
  /** Headers every request carries (auth, Accept, User-Agent). */
  headers: Readonly<Record<string, string>>;
  /** The same headers with the credential masked, for `send` events. */
  redactedHeaders: Readonly<Record<string, string>>;
  timeoutMs: number;
  retry: RetryOptions;
  limiter: RateLimiter;
  stats: RequestStats;
  redactor: Redactor;
  now: () => number;
  sleep: Sleep;
  random: () => number;
  emit: (event: ClientEvent) => void;
  /** Called when a legacy path was rewritten (the client warns once). */
  onLegacy: (resolved: ResolvedEndpoint) => void;
}

/** The state of one call across its attempts. */
interface CallState {
  attempt: number;
  transientFailures: number;
  rateLimitFailures: number;
  /** An attempt of this write may have been applied. */
  ambiguous: boolean;
}

/**
 * One call with the whole policy: endpoint resolution, rate limiting, attempts, retries, envelope and
 * typed errors. Nothing here knows about workflows; `tags` only label events and counters.
 */
export async function sendRequest<T>(
  context: RequestContext,
  tags: Tags,
  method: HttpMethod,
  endpoint: string,
  options: RequestOptions = {},
): Promise<ApiResponse<T>> {
  const resolved = resolveEndpoint(endpoint, context.baseUrl, options.query);
  if (resolved.legacy !== undefined) context.onLegacy(resolved);
  const target: RequestTarget = { method, path: resolved.path };
  const retry = { ...context.retry, ...options.retry };
  const idempotent = options.idempotent ?? false;
  const classes = classifyRequest(method, resolved.relative, options.body);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers: Record<string, string> = { ...context.headers };
  if (method === 'POST' || method === 'PATCH' || method === 'PUT') headers['content-type'] = 'application/json';
  const pathWithQuery = resolved.path + formatQuery(resolved.query);
  const state: CallState = { attempt: 0, transientFailures: 0, rateLimitFailures: 0, ambiguous: false };

  for (;;) {
    state.attempt++;
    const permit = await interruptible(target, () => context.limiter.acquire(classes, tags, options.signal));
    context.emit({
      type: 'send',
      method,
      url: context.baseUrl.origin + pathWithQuery,
      path: resolved.path,
      attempt: state.attempt,
      headers: { ...context.redactedHeaders, ...(headers['content-type'] ? { 'content-type': headers['content-type'] } : {}) },
      ...(options.body === undefined ? {} : { body: context.redactor.redactValue(options.body) }),
      tags,
    });
    const started = context.now();
    let outcome: AttemptOutcome;
    try {
      outcome = await sendAttempt(context.dispatcher, {
        origin: context.baseUrl.origin,
        path: pathWithQuery,
        method,
        headers,
        ...(body === undefined ? {} : { body }),
        idempotent: method !== 'POST' || idempotent,
        timeoutMs: context.timeoutMs,
        ...(options.signal ? { signal: options.signal } : {}),
      });
    } catch (error) {
      permit.release({ status: null });
      throw error instanceof AttemptAborted ? interrupted(target, error.reason) : error;
    }
    const status = outcome.status ?? null;
    const responseHeaders = outcome.headers ?? {};
    const retryAfterMs = status === 429 || (status !== null && status >= 500) ? parseRetryAfter(responseHeaders['retry-after'], context.now) : undefined;
    const remaining = parseCount(responseHeaders['x-rate-limit-remaining']);
    permit.release({ status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }), ...(remaining === undefined ? {} : { remaining }) });
    context.stats.attempt(tags, state.attempt, status);
    context.emit({
      type: 'request',
      method,
      path: resolved.path,
      status,
      durationMs: context.now() - started,
      attempt: state.attempt,
      tags,
      ...(outcome.ok ? {} : { error: context.redactor.redactText(outcome.reason) }),
    });

    if (outcome.ok && outcome.status >= 200 && outcome.status < 300) return successResponse<T>(context, target, outcome, tags);
    if (outcome.ok && method === 'DELETE' && outcome.status === 404 && state.ambiguous) {
      // The earlier, unanswered attempt did delete it: the goal is reached.
      return { status: outcome.status, code: parseCode(outcome), data: undefined as T, headers: outcome.headers };
    }
    const failure: AttemptFailure = outcome.ok ? { kind: 'status', status: outcome.status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) } : outcome.failure;
    if (failure.kind === 'status' && failure.status === 429) state.rateLimitFailures++;
    else state.transientFailures++;
    const decision = decideRetry({ method, idempotent, failure, ...state, options: retry, random: context.random });
    if (isAmbiguous(failure) && method !== 'GET') state.ambiguous = true;
    if (!decision.retry) {
      context.stats.failure(tags);
      throw errorForFailure({
        target,
        outcome,
        decision,
        attempts: state.attempt,
        earlierAmbiguous: state.ambiguous,
        timeoutMs: context.timeoutMs,
        maxWaitMs: retry.maxWaitMs,
        redactor: context.redactor,
      });
    }
    const reason = outcome.ok ? decision.reason : `${decision.reason}: ${context.redactor.redactText(outcome.reason)}`;
    context.emit({ type: 'retry', method, path: resolved.path, attempt: state.attempt + 1, delayMs: decision.delayMs, reason, tags });
    await interruptible(target, () => context.sleep(decision.delayMs, options.signal));
  }
}

function successResponse<T>(context: RequestContext, target: RequestTarget, outcome: Extract<AttemptOutcome, { ok: true }>, tags: Tags): ApiResponse<T> {
  const parsed = parseEnvelope(outcome.text, outcome.headers['content-type']);
  if (!parsed.ok) {
    context.stats.failure(tags);
    throw new InvalidResponseError({ ...target, status: outcome.status, reason: parsed.reason });
  }
  const { envelope } = parsed;
  return {
    status: outcome.status,
    code: envelope.code,
    ...(envelope.message === undefined ? {} : { message: envelope.message }),
    data: envelope.data as T,
    headers: outcome.headers,
  };
}

function parseCode(outcome: Extract<AttemptOutcome, { ok: true }>): string {
  const parsed = parseEnvelope(outcome.text, outcome.headers['content-type']);
  return parsed.ok ? parsed.envelope.code : '';
}

/** Could the server have acted on this attempt? */
function isAmbiguous(failure: AttemptFailure): boolean {
  switch (failure.kind) {
    case 'status':
      return failure.status >= 500;
    case 'network':
      return failure.reachedServer;
    case 'timeout':
    case 'truncated':
      return true;
  }
}

function parseCount(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

/** Runs a wait; an abort of the caller's signal becomes an `InterruptedError` naming the call. */
async function interruptible<T>(target: RequestTarget, wait: () => Promise<T>): Promise<T> {
  try {
    return await wait();
  } catch (error) {
    throw interrupted(target, error);
  }
}

function interrupted(target: RequestTarget, cause: unknown): InterruptedError {
  return new InterruptedError(`${target.method} ${target.path} → interrupted`, { cause });
}
