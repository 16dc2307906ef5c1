/** The Fivetran API simulator: start one with `startSandbox()`. */
export { startSandbox } from './server.js';
export type { SandboxHandle } from './server.js';
export type { SandboxOptions } from './options.js';
export type { RateLimits } from './rate-limit.js';
export type { SandboxStats, WriteKind, FaultKind } from './stats.js';
export type { StateSnapshot } from './state/types.js';
