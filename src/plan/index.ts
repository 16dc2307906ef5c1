/** Plan and apply: record a workflow's writes without sending them, review them, then send exactly those. */
export * from './plan-types.js';
export { makePlan, type MakePlanOptions } from './make-plan.js';
export { buildWrites, type BuildWritesOptions } from './build-plan.js';
export { orderWrites, type Orderable } from './order-writes.js';
export { plannedIdsIn, substitutePlannedIds } from './planned-ids.js';
export { toSecretRefs, resolveSecretRefs, secretNames, maskedPaths, type SecretRef, type SecretConcat } from './secret-refs.js';
export { fingerprint, project, differences } from './object-fingerprint.js';
export { checkDrift, type DriftFinding, type DriftReport } from './drift-check.js';
export { applyPlan, type ApplyOptions, type ApplyResult, type WriteOutcome } from './apply-plan.js';
export { readPlanFile, writePlanFile, applyBlockers } from './plan-file.js';
export { formatPlan, type FormatPlanOptions } from './format-plan.js';
export { rateLimitObserver, type HourlyBudget } from './rate-limit-remaining.js';
