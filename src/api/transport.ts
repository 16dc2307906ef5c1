import type { Dispatcher } from 'undici';
import type { HttpMethod } from './client-types.js';
import type { AttemptFailure } from './retry-policy.js';

/** One HTTP attempt, fully built. */
export interface HttpAttempt {
  origin: string;
  /** Path with query string. */
  path: string;
  method: HttpMethod;
  headers: Record<string, string>;
  body?: string;
  /** POSTs not marked idempotent are never replayed by undici either. */
  idempotent: boolean;
  timeoutMs: number;
  /** Largest body read; past it the attempt ends as a `too-large` failure. */
  maxResponseBytes: number;
  signal?: AbortSignal;
}

/** Largest answer read by default: far above any Fivetran answer (schema configs of huge sources included), far below harm. */
export const MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

/** What came back: a complete answer, or why there was none. */
export type AttemptOutcome =
  | { ok: true; status: number; headers: Record<string, string>; text: string }
  | { ok: false; failure: Exclude<AttemptFailure, { kind: 'status' }>; reason: string; cause: unknown; status?: number; headers?: Record<string, string> };

/** Error codes that mean nothing was sent: the connection was never established. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Thrown (not returned) when the caller's signal aborted the attempt: that is no failure to retry. */
export class AttemptAborted extends Error {
  constructor(readonly reason: unknown) {
    super('aborted');
  }
}

/**
 * Sends one attempt through the dispatcher and reads the whole body as text. Never throws for HTTP or
 * network trouble (that is an outcome); only a caller abort throws `AttemptAborted`.
 */
export async function sendAttempt(dispatcher: Dispatcher, attempt: HttpAttempt): Promise<AttemptOutcome> {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), attempt.timeoutMs);
  const signal = attempt.signal ? AbortSignal.any([attempt.signal, timeout.signal]) : timeout.signal;
  let status: number | undefined;
  let headers: Record<string, string> | undefined;
  try {
    const response = await dispatcher.request({
      origin: attempt.origin,
      path: attempt.path,
      method: attempt.method,
      headers: attempt.headers,
      body: attempt.body ?? null,
      idempotent: attempt.idempotent,
      signal,
      headersTimeout: attempt.timeoutMs,
      bodyTimeout: attempt.timeoutMs,
    });
    status = response.statusCode;
    headers = flattenHeaders(response.headers);
    const text = await readBounded(response.body, Number(headers['content-length'] ?? 0), attempt.maxResponseBytes);
    if (text === undefined) {
      return { ok: false, failure: { kind: 'too-large', status }, reason: `the answer is larger than ${attempt.maxResponseBytes} bytes`, cause: undefined, status, headers };
    }
    return { ok: true, status, headers, text };
  } catch (error) {
    if (attempt.signal?.aborted) throw new AttemptAborted(attempt.signal.reason);
    return describeFailure(error, timeout.signal.aborted, status, headers, attempt.timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

/** The body as text, or undefined (read no further) once it is announced or found to be longer than `limit`. */
async function readBounded(body: Dispatcher.ResponseData['body'], announced: number, limit: number): Promise<string | undefined> {
  if (announced > limit) {
    body.destroy();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    size += chunk.length;
    // Leaving the loop ends the iteration, which destroys the stream.
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function describeFailure(
  error: unknown,
  timedOut: boolean,
  status: number | undefined,
  headers: Record<string, string> | undefined,
  timeoutMs: number,
): AttemptOutcome {
  const code = errorCode(error);
  const seen = { ...(status === undefined ? {} : { status }), ...(headers === undefined ? {} : { headers }) };
  if (timedOut || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return { ok: false, failure: { kind: 'timeout' }, reason: `timed out after ${timeoutMs} ms`, cause: error, ...seen };
  }
  if (status !== undefined) {
    return { ok: false, failure: { kind: 'truncated', status }, reason: `response body broke off: ${explain(code, error)}`, cause: error, ...seen };
  }
  const reachedServer = code === undefined || !NOT_SENT.has(code);
  return { ok: false, failure: { kind: 'network', reachedServer }, reason: explain(code, error), cause: error };
}

/** The most telling `code` along the cause chain (undici wraps socket errors; happy eyeballs aggregates them). */
function errorCode(error: unknown): string | undefined {
  const codes: string[] = [];
  const visit = (current: unknown, depth: number): void => {
    if (!(current instanceof Error) || depth > 5) return;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    if (current instanceof AggregateError) for (const inner of current.errors) visit(inner, depth + 1);
    visit(current.cause, depth + 1);
  };
  visit(error, 0);
  return codes.find((code) => NOT_SENT.has(code)) ?? codes.find((code) => code !== 'UND_ERR_SOCKET') ?? codes[0];
}

/** Plain words for the codes users meet most, the code kept for searching. */
const CODE_TEXT: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  UND_ERR_SOCKET: 'connection closed before a complete answer',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'DNS lookup failed',
  UND_ERR_CONNECT_TIMEOUT: 'connect timed out',
  EPIPE: 'connection broken',
};

function explain(code: string | undefined, error: unknown): string {
  if (code === undefined) return describe(error);
  const text = CODE_TEXT[code];
  return text ? `${text} (${code})` : code;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** undici gives string | string[]; callers want one string per lower-case name. */
function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
