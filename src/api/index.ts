/** The API core: one client for the Fivetran REST API, its policies, and typed endpoint helpers. */
export { createClient, FIVETRAN_BASE_URL } from './client.js';
export { atlas, closeAtlas } from './atlas.js';
export { credentialsFromEnv, type Credentials } from './credentials.js';
export type {
  ApiClient,
  ApiResponse,
  ClientEvent,
  ClientOptions,
  ClientStats,
  Envelope,
  HttpMethod,
  PaginateOptions,
  Query,
  RequestCounts,
  RequestOptions,
  Sleep,
  Tags,
} from './client-types.js';
export { DEFAULT_RETRY, backoffDelay, decideRetry, safeToResend, type AttemptFailure, type RetryDecision, type RetryOptions } from './retry-policy.js';
export { parseRetryAfter } from './retry-after.js';
export { RateLimiter, type Permit, type PermitOutcome, type RateLimiterOptions } from './rate-limiter.js';
export { FIVETRAN_LIMITS, resolveBudgets, type RateLimitOptions, type WindowBudget, type WindowLimits } from './rate-limits.js';
export { TRAFFIC_CLASSES, classifyRequest, type TrafficClass } from './traffic-class.js';
export { rewriteLegacyPath } from './legacy-paths.js';
export { resolveEndpoint, formatQuery, type ResolvedEndpoint } from './endpoint-path.js';
export { MAX_PAGE_SIZE } from './paginate.js';
export { requireObjectData } from './envelope.js';
export { sleep } from './sleep.js';
export * from './endpoints.js';
export type * from './types.js';
