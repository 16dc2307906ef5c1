import type { Dispatcher } from 'undici';
import type { RateLimitOptions } from './rate-limits.js';
import type { RetryOptions } from './retry-policy.js';

/** The HTTP methods the Fivetran API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Query parameters; `undefined` values are left out. */
export type Query = Record<string, string | number | boolean | undefined>;

/** Per-request options of `ApiClient.request` and its shorthands. */
export interface RequestOptions {
  query?: Query;
  /** JSON-serialised; POST/PATCH always get `Content-Type: application/json`. */
  body?: unknown;
  signal?: AbortSignal;
  /** The caller asserts this POST is safe to re-send (e.g. `/test`, `/schemas/reload`). */
  idempotent?: boolean;
  retry?: Partial<RetryOptions>;
}

/** A successful (2xx) answer with the `{code, message, data}` envelope unwrapped. */
export interface ApiResponse<T = unknown> {
  status: number;
  /** Fivetran's `code` (`Success`, sometimes `Created`); empty when the body had none. */
  code: string;
  message?: string;
  data: T;
  headers: Record<string, string>;
}

/** The `{code, message, data}` envelope as Fivetran sends it. */
export interface Envelope<T = unknown> {
  code: string;
  message?: string;
  data?: T;
}

/** Sleeps `ms` milliseconds; rejects with the signal's reason when it is aborted first. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Tags a view of the client attaches to its events and counters (the engine tags by step id). */
export type Tags = Readonly<Record<string, string>>;

/** What the client reports while it works; reporters turn these into progress lines and NDJSON. */
export type ClientEvent =
  | {
      /** About to send one attempt; `headers` and `body` are already redacted. */
      type: 'send';
      method: HttpMethod;
      url: string;
      path: string;
      attempt: number;
      headers: Record<string, string>;
      body?: unknown;
      tags: Tags;
    }
  | {
      /** One attempt finished: `status` is null when no HTTP answer came back. */
      type: 'request';
      method: HttpMethod;
      path: string;
      status: number | null;
      durationMs: number;
      attempt: number;
      tags: Tags;
      error?: string;
    }
  | { type: 'retry'; method: HttpMethod; path: string; attempt: number; delayMs: number; reason: string; tags: Tags }
  | { type: 'rate-limit-wait'; delayMs: number; trafficClass: string; tags: Tags }
  | { type: 'warning'; message: string };

/** Counters of HTTP attempts. */
export interface RequestCounts {
  /** HTTP attempts sent (retries included). */
  requests: number;
  /** Attempts that were retries of an earlier one. */
  retries: number;
  /** Attempts answered 429. */
  rateLimited: number;
  /** Calls that finally failed (after retries). */
  failures: number;
}

/** Requests sent so far, per tag set and in total. */
export interface ClientStats extends RequestCounts {
  byTags: Array<RequestCounts & { tags: Tags }>;
}

/** Options of `createClient`. Only the key pair is required. */
export interface ClientOptions {
  apiKey: string;
  apiSecret: string;
  /** Default `https://api.fivetran.com/v1`. */
  baseUrl?: string;
  /** The one transport seam: production, sandbox and tests differ only here. Not closed by `close()`. */
  dispatcher?: Dispatcher;
  /** Default `atlas-run/<version> (node/<version>)`. */
  userAgent?: string;
  /** Whole-attempt timeout (headers and body). Default 60 000. */
  timeoutMs?: number;
  /** Largest answer body read (default 256 MiB); a bigger one is an InvalidResponseError, read no further. */
  maxResponseBytes?: number;
  retry?: Partial<RetryOptions>;
  /** Budgets per traffic class; the documented Fivetran limits by default against api.fivetran.com, none elsewhere. */
  rateLimit?: RateLimitOptions | false;
  /** Cap on concurrent requests across every view of this client; adapts down on 429 and back up. */
  maxInFlight?: number;
  onEvent?: (event: ClientEvent) => void;
  sleep?: Sleep;
  now?: () => number;
  /** Source of randomness for backoff jitter, in [0, 1). */
  random?: () => number;
}

/** Options of `ApiClient.paginate`. */
export interface PaginateOptions {
  query?: Query;
  /** Items per page, 1..1000; default 1000 (fewest calls). */
  pageSize?: number;
  /** Ask for the next page while this one's items are consumed (for lists read to their end). */
  prefetch?: boolean;
  signal?: AbortSignal;
}

/** The Fivetran API, one request or one list at a time. */
export interface ApiClient {
  readonly baseUrl: string;
  /** One call; resolves with the unwrapped envelope of a 2xx answer, throws a typed error otherwise. */
  request<T = unknown>(method: HttpMethod, endpoint: string, options?: RequestOptions): Promise<ApiResponse<T>>;
  /** `GET` → `data`, which must be a JSON object (every Fivetran GET answers one); anything else is an InvalidResponseError. */
  get<T = unknown>(endpoint: string, query?: Query, options?: RequestOptions): Promise<T>;
  /** `POST` → `data`. */
  post<T = unknown>(endpoint: string, body?: unknown, options?: RequestOptions): Promise<T>;
  /** `PATCH` → `data`. */
  patch<T = unknown>(endpoint: string, body: unknown, options?: RequestOptions): Promise<T>;
  /** `DELETE` → `data` (usually none). */
  delete<T = unknown>(endpoint: string, options?: RequestOptions): Promise<T | undefined>;
  /** Every item of a list endpoint: limit=1000, follows next_cursor until missing/null/"", stops early on break. */
  paginate<T = unknown>(endpoint: string, options?: PaginateOptions): AsyncIterableIterator<T>;
  /** A view sharing pool, limiter and counters whose events carry these tags (merged with the view's own). */
  withTags(tags: Record<string, string>): ApiClient;
  /** Requests sent so far, per tag set and in total (for run summaries and call-economy benchmarks). */
  stats(): ClientStats;
  /** Closes the connection pool the client created. On a `withTags` view it does nothing: the owner closes. */
  close(): Promise<void>;
}
