import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../../../src/api/index.js';
import type { ClientStats } from '../../../src/api/index.js';
import type { EngineOptions } from '../../../src/engine/engine-options.js';
import { newRunId, runLoadedWorkflow } from '../../../src/engine/run-workflow.js';
import type { RunSummary } from '../../../src/engine/run-workflow.js';
import type { ItemEvent, RunEvent } from '../../../src/report/events.js';
import { stepRegistry } from '../../../src/steps/registry.js';
import { loadWorkflow } from '../../../src/workflow/load-workflow.js';
import type { StepTypes } from '../../../src/workflow/parse-structure.js';
import { resolveVars } from '../../../src/workflow/resolve-vars.js';
import type { SandboxFixture } from '../../helpers/sandbox.js';
import { probeStep } from './probe-step.js';

/** The real registry plus the test-only `probe` step. */
export const engineTypes: StepTypes = {
  get: (type) => (type === probeStep.type ? (probeStep as never) : stepRegistry.get(type)),
  names: () => [...stepRegistry.names(), probeStep.type],
};

export interface EngineRunOptions extends Partial<Omit<EngineOptions, 'client' | 'vars' | 'report' | 'runId' | 'files'>> {
  vars?: Record<string, unknown>;
  /** Files written next to the workflow (name → content), e.g. included workflows. */
  files?: Record<string, string>;
  /** Reported to the caller as well as collected (e.g. to interrupt the run at a given event). */
  onEvent?: (event: RunEvent) => void;
  /** The client's cap on requests in flight. */
  maxInFlight?: number;
}

export interface EngineRun {
  summary: RunSummary;
  events: RunEvent[];
  /** Requests the run's client sent (the sandbox's own counters are in `sandbox.stats()`). */
  requests: ClientStats;
}

/**
 * Writes `yaml` (and `files`) to a temp dir, loads it with the real loader and registry (plus `probe`)
 * and runs it through the engine with a real client against the sandbox. The client retries fast so
 * tests never wait on backoff; the engine's own sleeps are whatever `options.sleep` does.
 */
export async function runEngine(yaml: string, sandbox: SandboxFixture, options: EngineRunOptions = {}): Promise<EngineRun> {
  const { files = {}, vars = {}, onEvent, maxInFlight, ...engine } = options;
  const dir = mkdtempSync(join(tmpdir(), 'atlas-engine-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  const file = join(dir, 'workflow.yml');
  writeFileSync(file, yaml);
  const workflow = loadWorkflow(file, { types: engineTypes, cwd: dir });
  const resolved = resolveVars(workflow.vars, { given: vars });
  const events: RunEvent[] = [];
  const client = createClient({
    apiKey: sandbox.apiKey,
    apiSecret: sandbox.apiSecret,
    baseUrl: sandbox.url,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...(maxInFlight ? { maxInFlight } : {}),
  });
  try {
    const summary = await runLoadedWorkflow(
      workflow,
      {
        ...engine,
        client,
        vars: resolved.values,
        runId: newRunId(),
        files: { baseDir: dir, roots: [dir], maxReadBytes: 1024 * 1024 },
        report: (event) => {
          events.push(event);
          onEvent?.(event);
        },
      },
      { target: sandbox.url, scope: 'delete' },
    );
    return { summary, events, requests: client.stats() };
  } finally {
    await client.close();
  }
}

/** The item events of one step, in the order they were reported. */
export function itemEvents(events: readonly RunEvent[], step: string): ItemEvent[] {
  return events.filter((e): e is ItemEvent => e.type === 'item' && e.step === step);
}

/** A sleep that returns at once and remembers what it was asked to wait. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: (ms) => (delays.push(ms), Promise.resolve()) };
}
