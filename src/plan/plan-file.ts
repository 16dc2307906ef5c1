import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { PLAN_FORMAT, PLAN_VERSION } from './plan-types.js';
import type { PlanFile } from './plan-types.js';
import { maskedPaths, secretNames } from './secret-refs.js';

/** Plans hold bodies and objects, not data dumps; a bigger file is not a plan. */
const MAX_PLAN_BYTES = 256 * 1024 * 1024;
const METHODS = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

/** Writes a plan atomically (temp file, then rename), readable by its owner only. */
export function writePlanFile(file: string, plan: PlanFile): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(plan, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, file);
  } catch (error) {
    throw new UsageError(`cannot write the plan to '${file}': ${(error as NodeJS.ErrnoException).code ?? String(error)}`, { hint: 'check the directory given to --out' });
  }
}

/** Reads and checks a plan file; anything that is not a plan of this version is a UsageError naming the file as `shown`. */
export function readPlanFile(path: string, shown: string = path): PlanFile {
  let text: string;
  try {
    if (statSync(path).size > MAX_PLAN_BYTES) throw new UsageError(`'${shown}' is larger than ${MAX_PLAN_BYTES} bytes: not a plan`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read the plan '${shown}': ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)}`, { hint: "make one with 'atlas-run plan WORKFLOW --out plan.json'" });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`'${shown}' is not JSON, so not a plan`, { hint: "make one with 'atlas-run plan WORKFLOW --out plan.json'" });
  }
  const plan = value as PlanFile;
  if (!plan || typeof plan !== 'object' || plan.format !== PLAN_FORMAT) throw new UsageError(`'${shown}' is not an atlas-run plan`, { hint: "make one with 'atlas-run plan WORKFLOW --out plan.json'" });
  if (plan.version !== PLAN_VERSION) throw new UsageError(`'${shown}' is a version ${String(plan.version)} plan; this atlas-run applies version ${PLAN_VERSION}`, { hint: 'plan again with this version' });
  const broken = Array.isArray(plan.writes) ? plan.writes.findIndex((w, i) => !w || w.seq !== i + 1 || !METHODS.has(w.method) || typeof w.path !== 'string' || !w.target || typeof w.target.kind !== 'string') : 0;
  if (broken >= 0 || !Array.isArray(plan.problems)) throw new UsageError(`'${shown}' is damaged${broken >= 0 ? ` at write ${broken + 1}` : ''}`, { hint: 'plan again; a plan must not be edited by hand' });
  return plan;
}

/**
 * Why the plan cannot be sent as it is, before anything is sent: its own problems, masks where
 * values belong, secrets missing from the environment, another API than it was planned against.
 */
export function applyBlockers(plan: PlanFile, context: { env: Readonly<Record<string, string | undefined>>; baseUrl: string; force: boolean }): string[] {
  const blockers = [...plan.problems];
  for (const write of plan.writes) {
    const masked = maskedPaths(write.body);
    if (masked.length > 0 && plan.problems.length === 0) blockers.push(`write ${write.seq} (${write.method} ${write.path}) would send '******' at ${masked.join(', ')}`);
  }
  const missing = [...new Set(plan.writes.flatMap((w) => secretNames(w.body)))].filter((name) => context.env[name] === undefined);
  if (missing.length > 0) blockers.push(`secret${missing.length === 1 ? '' : 's'} not set in the environment: ${missing.sort().join(', ')}`);
  if (!context.force && plan.base_url.replace(/\/+$/, '') !== context.baseUrl.replace(/\/+$/, '')) {
    blockers.push(`the plan was made against ${plan.base_url}, this apply would go to ${context.baseUrl} (--force to apply anyway)`);
  }
  return blockers;
}
