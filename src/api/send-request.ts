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
import { type AttemptFailure, decideRetry, type RetryOptions, safeToResend } from './retry-policy.js';
import { classifyRequest, type TrafficClass } from './traffic-class.js';
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
  maxResponseBytes: number;
  retry: RetryOptions;
  limiter: RateLimiter;
  stats: RequestStats;
  redactor: Redactor;
  now: () => number;
  sleep: Sleep;
  random: () => number;
  emit: (event: ClientEvent) => void;
  /** Someone listens to events: only then is a redacted copy of each body worth making. */
  listening: boolean;
  /** Called when a legacy path was rewritten (the client warns once). */
  onLegacy: (resolved: ResolvedEndpoint) => void;
}

/** Everything about one call that stays the same across its attempts. */
interface PreparedCall {
  method: HttpMethod;
  target: RequestTarget;
  resolved: ResolvedEndpoint;
  pathWithQuery: string;
  classes: readonly TrafficClass[];
  headers: Record<string, string>;
  /** As `headers`, with the credential masked: what `send` events show. */
  shownHeaders: Record<string, string>;
  body: string | undefined;
  /** The body as `send` events show it: secret keys and values masked. */
  shownBody: unknown;
  idempotent: boolean;
  retry: RetryOptions;
  signal: AbortSignal | undefined;
}

/** The state of one call across its attempts. */
interface CallState {
  attempt: number;
  transientFailures: number;
  rateLimitFailures: number;
  /** An attempt of this write may have been applied. */
  ambiguous: boolean;
}

/** One attempt's outcome with the hints the policy reads from its headers. */
interface AttemptResult {
  outcome: AttemptOutcome;
  retryAfterMs: number | undefined;
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
  const call = prepareCall(context, method, endpoint, options);
  const state: CallState = { attempt: 0, transientFailures: 0, rateLimitFailures: 0, ambiguous: false };
  for (;;) {
    state.attempt++;
    const { outcome, retryAfterMs } = await attemptOnce(context, call, tags, state.attempt);
    if (outcome.ok && outcome.status >= 200 && outcome.status < 300) return successResponse<T>(context, call.target, outcome, tags);
    if (outcome.ok && method === 'DELETE' && outcome.status === 404 && state.ambiguous) {
      // The earlier, unanswered attempt did delete it: the goal is reached.
      return { status: outcome.status, code: parseCode(outcome), data: undefined as T, headers: outcome.headers };
    }
    const failure: AttemptFailure = outcome.ok ? { kind: 'status', status: outcome.status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) } : outcome.failure;
    if (failure.kind === 'status' && failure.status === 429) state.rateLimitFailures++;
    else state.transientFailures++;
    const decision = decideRetry({ method, idempotent: call.idempotent, failure, ...state, options: call.retry, random: context.random });
    if (isAmbiguous(failure) && method !== 'GET') state.ambiguous = true;
    if (!decision.retry) {
      context.stats.failure(tags);
      throw errorForFailure({
        target: call.target,
        outcome,
        decision,
        attempts: state.attempt,
        earlierAmbiguous: state.ambiguous,
        timeoutMs: context.timeoutMs,
        maxWaitMs: call.retry.maxWaitMs,
        redactor: context.redactor,
      });
    }
    const reason = outcome.ok ? decision.reason : `${decision.reason}: ${context.redactor.redactText(outcome.reason)}`;
    context.emit({ type: 'retry', method, path: call.target.path, attempt: state.attempt + 1, delayMs: decision.delayMs, reason, tags });
    await interruptible(call.target, () => context.sleep(decision.delayMs, call.signal));
  }
}

function prepareCall(context: RequestContext, method: HttpMethod, endpoint: string, options: RequestOptions): PreparedCall {
  const resolved = resolveEndpoint(endpoint, context.baseUrl, options.query);
  if (resolved.legacy !== undefined) context.onLegacy(resolved);
  const contentType: Record<string, string> = method === 'POST' || method === 'PATCH' || method === 'PUT' ? { 'content-type': 'application/json' } : {};
  return {
    method,
    target: { method, path: resolved.path },
    resolved,
    pathWithQuery: resolved.path + formatQuery(resolved.query),
    classes: classifyRequest(method, resolved.relative, options.body),
    headers: { ...context.headers, ...contentType },
    shownHeaders: { ...context.redactedHeaders, ...contentType },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    shownBody: options.body === undefined || !context.listening ? undefined : context.redactor.redactValue(options.body),
    idempotent: options.idempotent ?? false,
    retry: { ...context.retry, ...options.retry },
    signal: options.signal,
  };
}

/** Waits for the limiter, sends once, tells the limiter and the counters how it went. */
async function attemptOnce(context: RequestContext, call: PreparedCall, tags: Tags, attempt: number): Promise<AttemptResult> {
  const { method, target } = call;
  const permit = await interruptible(target, () => context.limiter.acquire(call.classes, tags, call.signal));
  context.emit({
    type: 'send',
    method,
    url: context.baseUrl.origin + call.pathWithQuery,
    path: target.path,
    attempt,
    headers: call.shownHeaders,
    ...(call.shownBody === undefined ? {} : { body: call.shownBody }),
    tags,
  });
  const started = context.now();
  let outcome: AttemptOutcome;
  try {
    outcome = await sendAttempt(context.dispatcher, {
      origin: context.baseUrl.origin,
      path: call.pathWithQuery,
      method,
      headers: call.headers,
      ...(call.body === undefined ? {} : { body: call.body }),
      idempotent: safeToResend(method, call.idempotent),
      timeoutMs: context.timeoutMs,
      maxResponseBytes: context.maxResponseBytes,
      ...(call.signal ? { signal: call.signal } : {}),
    });
  } catch (error) {
    permit.release({ status: null });
    throw error instanceof AttemptAborted ? interrupted(target, error.reason) : error;
  }
  const status = outcome.status ?? null;
  const headers = outcome.headers ?? {};
  const retryAfterMs = status === 429 || (status !== null && status >= 500) ? parseRetryAfter(headers['retry-after'], context.now) : undefined;
  const remaining = parseCount(headers['x-rate-limit-remaining']);
  permit.release({ status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }), ...(remaining === undefined ? {} : { remaining }) });
  context.stats.attempt(tags, attempt, status);
  context.emit({
    type: 'request',
    method,
    path: target.path,
    status,
    durationMs: context.now() - started,
    attempt,
    tags,
    ...(outcome.ok ? {} : { error: context.redactor.redactText(outcome.reason) }),
  });
  return { outcome, retryAfterMs };
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
    case 'too-large':
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
