/** The library API of atlas-run. */
export * from './errors.js';
export { VERSION } from './version.js';
export * from './api/index.js';
export { MASK, createRedactor, isSecretKey, redactObject, type Redactor } from './redact.js';
export { startSandbox } from './sandbox/index.js';
export type { SandboxHandle, SandboxOptions, SandboxStats, RateLimits as SandboxRateLimits } from './sandbox/index.js';
