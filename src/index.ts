/** The library API of atlas-run. */
export * from './errors.js';
export { VERSION } from './version.js';
export * from './api/index.js';
export { MASK, createRedactor, isSecretKey, redactObject, type Redactor } from './redact.js';
export { startSandbox } from './sandbox/index.js';
export type { SandboxHandle, SandboxOptions, SandboxStats, RateLimits as SandboxRateLimits } from './sandbox/index.js';
export { runWorkflow, type RunWorkflowOptions } from './library.js';
export type { RunSummary } from './engine/run-workflow.js';
export type {
  RunEvent,
  Reporter,
  ItemCounts,
  ItemStatus,
  StepStatus,
  RunStatus,
  RunStartEvent,
  StepStartEvent,
  ItemEvent,
  WritePlannedEvent,
  StepMessageEvent,
  PrintEvent,
  PrintSegment,
  PrintColor,
  StepEndEvent,
  RequestEvent,
  RetryEvent,
  RateLimitWaitEvent,
  WarningEvent,
  RunEndEvent,
} from './report/events.js';
export { createConsoleReporter, type ConsoleReporterOptions } from './report/console-reporter.js';
export { createJsonReporter, fanOutReporter } from './report/json-reporter.js';
export type { WorkflowResult, StepResult } from './engine/execute-workflow.js';
export type { RunScope } from './engine/scope-check.js';
export type { Confirm } from './engine/engine-options.js';
