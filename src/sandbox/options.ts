import type { Clock } from './clock.js';
import { PAID_TIER_LIMITS } from './rate-limit.js';
import type { RateLimits } from './rate-limit.js';

/** How to start a sandbox. Every field is optional; the defaults give a faithful, fault-free API. */
export interface SandboxOptions {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port; 0 (the default) picks a free one. */
  port?: number;
  /** Basic-auth user accepted. Default `sandbox`. */
  apiKey?: string;
  /** Basic-auth password accepted. Default `sandbox`. */
  apiSecret?: string;
  /** Seeds ids, generated data and faults. Default 1. */
  seed?: number;
  /** Total number of groups; extra ones are generated after the named seed groups. */
  groups?: number;
  /** Total number of connections; extra ones are generated and spread over the non-empty groups. */
  connections?: number;
  /** `default`: the named demo account; `empty`: only an account and its owner. Default `default`. */
  data?: 'default' | 'empty';
  /** Delay before every `/v1` request is processed. */
  latencyMs?: number;
  /** Uniform ± jitter around `latencyMs`. */
  jitterMs?: number;
  /** Share of requests answered 5xx (half of those on writes after applying the write). */
  failRate?: number;
  /** Share of requests whose connection is dropped (half of those on writes after applying). */
  resetRate?: number;
  /** Share of requests answered only after `slowMs` (after processing). */
  slowRate?: number;
  /** Delay of a slow response. Default 30 000 ms. */
  slowMs?: number;
  /** Token-bucket sizes, merged over Fivetran's paid-tier numbers; `false` disables rate limiting. */
  rateLimit?: RateLimits | false;
  /** Legacy `/v1/connectors…` paths: `404` (as Fivetran since 2026) or `alias` to the current ones. */
  legacyPaths?: '404' | 'alias';
  /** How long a simulated sync runs. Default 2 000 ms. */
  syncDurationMs?: number;
  /** Reject `"true"`/`"false"` strings where booleans are expected. Default false (accepted). */
  strictBooleans?: boolean;
  /** Largest accepted request body. Default 1 MiB. */
  bodyLimitBytes?: number;
  /** Load state from this file on start (when it exists) and save it there on stop. */
  stateFile?: string;
  /** Time source, for tests that move time instead of sleeping. Default `Date.now`. */
  now?: Clock;
}

/** Options with every default filled in. */
export interface ResolvedOptions {
  host: string;
  port: number;
  apiKey: string;
  apiSecret: string;
  seed: number;
  groups: number | undefined;
  connections: number | undefined;
  data: 'default' | 'empty';
  latencyMs: number;
  jitterMs: number;
  failRate: number;
  resetRate: number;
  slowRate: number;
  slowMs: number;
  rateLimit: RateLimits | false;
  legacyPaths: '404' | 'alias';
  syncDurationMs: number;
  strictBooleans: boolean;
  bodyLimitBytes: number;
  stateFile: string | undefined;
  now: Clock;
}

function rate(name: string, value: number | undefined): number {
  const v = value ?? 0;
  if (!(v >= 0 && v <= 1)) throw new RangeError(`sandbox option ${name} must be between 0 and 1, got ${value}`);
  return v;
}

function count(name: string, value: number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`sandbox option ${name} must be a non-negative integer, got ${value}`);
  return value;
}

/** Fills defaults and checks ranges; throws RangeError on nonsense. */
export function resolveOptions(options: SandboxOptions = {}): ResolvedOptions {
  const failRate = rate('failRate', options.failRate);
  const resetRate = rate('resetRate', options.resetRate);
  if (failRate + resetRate > 1) throw new RangeError('sandbox options failRate + resetRate must not exceed 1');
  return {
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    apiKey: options.apiKey ?? 'sandbox',
    apiSecret: options.apiSecret ?? 'sandbox',
    seed: options.seed ?? 1,
    groups: count('groups', options.groups),
    connections: count('connections', options.connections),
    data: options.data ?? 'default',
    latencyMs: Math.max(0, options.latencyMs ?? 0),
    jitterMs: Math.max(0, options.jitterMs ?? 0),
    failRate,
    resetRate,
    slowRate: rate('slowRate', options.slowRate),
    slowMs: Math.max(0, options.slowMs ?? 30_000),
    rateLimit: options.rateLimit === false ? false : { ...PAID_TIER_LIMITS, ...options.rateLimit },
    legacyPaths: options.legacyPaths ?? '404',
    syncDurationMs: Math.max(0, options.syncDurationMs ?? 2_000),
    strictBooleans: options.strictBooleans ?? false,
    bodyLimitBytes: options.bodyLimitBytes ?? 1_048_576,
    stateFile: options.stateFile,
    now: options.now ?? Date.now,
  };
}
