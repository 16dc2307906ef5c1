import { Pool } from 'undici';
import { UsageError } from '../errors.js';
import { basicCredential, createRedactor, MASK } from '../redact.js';
import { USER_AGENT } from '../version.js';
import type { ApiClient, ApiResponse, ClientEvent, ClientOptions, ClientStats, HttpMethod, PaginateOptions, RequestOptions, Tags } from './client-types.js';
import { resolveEndpoint } from './endpoint-path.js';
import { requireObjectData } from './envelope.js';
import { paginateItems } from './paginate.js';
import { RateLimiter } from './rate-limiter.js';
import { resolveBudgets } from './rate-limits.js';
import { RequestStats } from './request-stats.js';
import { DEFAULT_RETRY } from './retry-policy.js';
import { type RequestContext, sendRequest } from './send-request.js';
import { sleep as realSleep } from './sleep.js';
import { MAX_RESPONSE_BYTES } from './transport.js';

/** Fivetran's production API root. */
export const FIVETRAN_BASE_URL = 'https://api.fivetran.com/v1';

/** Fivetran's documented limits apply only when talking to Fivetran itself. */
function isFivetranHost(url: URL): boolean {
  return url.hostname === 'api.fivetran.com';
}

/**
 * A client for the Fivetran REST API on an undici keep-alive pool: Basic auth, v2 responses, the envelope
 * unwrapped, typed errors, retries by policy and one shared rate limiter.
 * @example const client = createClient({ apiKey, apiSecret }); await client.patch('connections/abc', { paused: true });
 */
export function createClient(options: ClientOptions): ApiClient {
  const baseUrl = parseBaseUrl(options.baseUrl ?? FIVETRAN_BASE_URL);
  requirePositive('maxInFlight', options.maxInFlight, true);
  requirePositive('timeoutMs', options.timeoutMs, false);
  requirePositive('maxResponseBytes', options.maxResponseBytes, true);
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? realSleep;
  const onEvent = options.onEvent;
  const emit = (event: ClientEvent): void => onEvent?.(event);
  const redactor = createRedactor();
  const credential = basicCredential(options.apiKey, options.apiSecret);
  redactor.add(options.apiSecret);
  redactor.add(credential);
  const ownsDispatcher = options.dispatcher === undefined;
  const dispatcher = options.dispatcher ?? new Pool(baseUrl.origin, { connections: options.maxInFlight ?? null });
  let warnedLegacy = false;
  const context: RequestContext = {
    baseUrl,
    dispatcher,
    headers: { authorization: `Basic ${credential}`, accept: 'application/json;version=2', 'user-agent': options.userAgent ?? USER_AGENT },
    redactedHeaders: { authorization: `Basic ${MASK}`, accept: 'application/json;version=2', 'user-agent': options.userAgent ?? USER_AGENT },
    timeoutMs: options.timeoutMs ?? 60_000,
    maxResponseBytes: options.maxResponseBytes ?? MAX_RESPONSE_BYTES,
    retry: { ...DEFAULT_RETRY, ...options.retry },
    limiter: new RateLimiter({
      budgets: resolveBudgets(options.rateLimit, isFivetranHost(baseUrl)),
      ...(options.maxInFlight === undefined ? {} : { maxInFlight: options.maxInFlight }),
      now,
      sleep,
      onWait: (delayMs, trafficClass, tags) => emit({ type: 'rate-limit-wait', delayMs, trafficClass, tags }),
    }),
    stats: new RequestStats(),
    redactor,
    now,
    sleep,
    random: options.random ?? Math.random,
    emit,
    listening: onEvent !== undefined,
    onLegacy: (resolved) => {
      if (warnedLegacy) return;
      warnedLegacy = true;
      emit({
        type: 'warning',
        message: `legacy path '${resolved.legacy}' rewritten to '${resolved.relative}': Fivetran renamed connectors to connections in 2025 and answers 404 on the old paths (further rewrites are not reported)`,
      });
    },
  };
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed || !ownsDispatcher) return;
    closed = true;
    await dispatcher.close();
  };
  return createView(context, {}, close);
}

function parseBaseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`base URL '${text}' is not a URL`, { hint: `e.g. ${FIVETRAN_BASE_URL}` });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`base URL must be http(s), got '${url.protocol}'`, { hint: `e.g. ${FIVETRAN_BASE_URL}` });
  return url;
}

function requirePositive(name: string, value: number | undefined, integer: boolean): void {
  if (value === undefined) return;
  if (!(value > 0) || (integer && !Number.isInteger(value))) {
    throw new UsageError(`${name} must be a positive ${integer ? 'integer' : 'number'}, got ${value}`);
  }
}

/** A client view: every call goes through the shared context, labelled with `tags`. */
function createView(context: RequestContext, tags: Tags, close: () => Promise<void>): ApiClient {
  const request = <T>(method: HttpMethod, endpoint: string, options?: RequestOptions): Promise<ApiResponse<T>> =>
    sendRequest<T>(context, tags, method, endpoint, options);
  const data = async <T>(method: HttpMethod, endpoint: string, options?: RequestOptions): Promise<T> => (await request<T>(method, endpoint, options)).data;
  const client: ApiClient = {
    baseUrl: context.baseUrl.href.replace(/\/+$/, ''),
    request,
    get: async <T>(endpoint: string, query?: RequestOptions['query'], options?: RequestOptions) => {
      const merged = { ...options, ...(query === undefined ? {} : { query: { ...options?.query, ...query } }) };
      const response = await request<T>('GET', endpoint, merged);
      return requireObjectData(response, { method: 'GET', path: resolveEndpoint(endpoint, context.baseUrl).path });
    },
    post: <T>(endpoint: string, body?: unknown, options?: RequestOptions) => data<T>('POST', endpoint, { ...options, ...(body === undefined ? {} : { body }) }),
    patch: <T>(endpoint: string, body: unknown, options?: RequestOptions) => data<T>('PATCH', endpoint, { ...options, body }),
    delete: <T>(endpoint: string, options?: RequestOptions) => data<T | undefined>('DELETE', endpoint, options),
    paginate: <T>(endpoint: string, options: PaginateOptions = {}) =>
      paginateItems<T>(
        (query, signal) => request('GET', endpoint, { query, ...(signal ? { signal } : {}) }),
        options,
        () => ({ method: 'GET', path: resolveEndpoint(endpoint, context.baseUrl).path }),
      ),
    withTags: (more) => createView(context, { ...tags, ...more }, async () => undefined),
    stats: (): ClientStats => context.stats.snapshot(),
    close,
  };
  return client;
}
