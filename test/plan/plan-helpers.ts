import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'undici';
import { createClient } from '../../src/api/index.js';
import type { ApiClient } from '../../src/api/index.js';
import { newRunId } from '../../src/engine/run-workflow.js';
import type { RunSummary } from '../../src/engine/run-workflow.js';
import { makePlan, rateLimitObserver } from '../../src/plan/index.js';
import type { HourlyBudget, PlanFile } from '../../src/plan/index.js';
import { createRedactor } from '../../src/redact.js';
import { stepRegistry } from '../../src/steps/registry.js';
import { loadWorkflow } from '../../src/workflow/load-workflow.js';
import { resolveVars } from '../../src/workflow/resolve-vars.js';
import type { SandboxFixture } from '../helpers/sandbox.js';

/** A client on the sandbox; close it after use. */
export function sandboxClient(sandbox: SandboxFixture): ApiClient {
  return createClient({ apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret, baseUrl: sandbox.url, retry: { baseDelayMs: 2, maxDelayMs: 20 } });
}

/** Plans a workflow text against the sandbox the way `atlas-run plan` does (real loader, engine, client). */
export async function planYaml(yaml: string, sandbox: SandboxFixture, options: { vars?: Record<string, unknown>; env?: Record<string, string> } = {}): Promise<{ plan: PlanFile; summary: RunSummary }> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-plan-'));
  writeFileSync(join(dir, 'workflow.yml'), yaml);
  const workflow = loadWorkflow(join(dir, 'workflow.yml'), { types: stepRegistry, cwd: dir });
  const vars = resolveVars(workflow.vars, { given: options.vars ?? {} });
  const budget: HourlyBudget = {};
  const pool = new Pool(sandbox.origin, { connections: 4 });
  const client = createClient({ apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret, baseUrl: sandbox.url, dispatcher: pool.compose(rateLimitObserver(budget)), retry: { baseDelayMs: 2, maxDelayMs: 20 } });
  try {
    return await makePlan({
      workflow,
      vars: vars.values,
      client,
      budget,
      redactor: createRedactor(),
      report: () => undefined,
      runId: newRunId(),
      env: options.env ?? {},
      files: { baseDir: dir, roots: [dir], maxReadBytes: 1024 * 1024 },
      target: 'sandbox',
      scope: 'delete',
      toolVersion: 'test',
    });
  } finally {
    await client.close();
    await pool.close();
  }
}
