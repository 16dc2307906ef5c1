/** The library API of atlas-run. */
export * from './errors.js';
export { VERSION } from './version.js';
export * from './api/index.js';
export { MASK, createRedactor, isSecretKey, redactObject, type Redactor } from './redact.js';
export { startSandbox } from './sandbox/index.js';
export type { SandboxHandle, SandboxOptions, SandboxStats, RateLimits as SandboxRateLimits } from './sandbox/index.js';
export { runWorkflow, type RunWorkflowOptions } from './library.js';
export type { RunSummary } from './engine/run-workflow.js';
export type { RunEvent, Reporter } from './report/events.js';
