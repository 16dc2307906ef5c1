/** The library API of atlas-run. */
export * from './errors.js';
export { VERSION } from './version.js';
export { startSandbox } from './sandbox/index.js';
export type { SandboxHandle, SandboxOptions, SandboxStats, RateLimits as SandboxRateLimits } from './sandbox/index.js';
