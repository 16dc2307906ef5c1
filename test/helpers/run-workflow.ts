import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '../../src/api/index.js';
import type { ApiClient } from '../../src/api/index.js';
import type { EngineOptions } from '../../src/engine/engine-options.js';
import { newRunId, runLoadedWorkflow } from '../../src/engine/run-workflow.js';
import type { RunSummary } from '../../src/engine/run-workflow.js';
import type { RunEvent } from '../../src/report/events.js';
import { stepRegistry } from '../../src/steps/registry.js';
import { loadWorkflow } from '../../src/workflow/load-workflow.js';
import { resolveVars } from '../../src/workflow/resolve-vars.js';
import type { SandboxFixture } from './sandbox.js';

export interface YamlRun {
  summary: RunSummary;
  events: RunEvent[];
  client: ApiClient;
  /** The directory the workflow file was written to (files steps read or write resolve here). */
  dir: string;
}

export interface YamlRunOptions extends Partial<Omit<EngineOptions, 'client' | 'vars' | 'report' | 'runId' | 'files'>> {
  vars?: Record<string, unknown>;
  /** Extra files to write next to the workflow (name → content). */
  files?: Record<string, string>;
  /** Reuse a directory (e.g. to run the same workflow twice). */
  dir?: string;
}

/**
 * Writes `yaml` to a temp dir, loads it with the real registry and runs it with a real client against
 * the sandbox: the same path as the CLI, minus argument parsing. Events are collected for assertions.
 */
export async function runYaml(yaml: string, sandbox: SandboxFixture, options: YamlRunOptions = {}): Promise<YamlRun> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'atlas-wf-'));
  for (const [name, content] of Object.entries(options.files ?? {})) writeFileSync(join(dir, name), content);
  const file = join(dir, 'workflow.yml');
  writeFileSync(file, yaml);
  const workflow = loadWorkflow(file, { types: stepRegistry, cwd: dir });
  const vars = resolveVars(workflow.vars, { given: options.vars ?? {} });
  const events: RunEvent[] = [];
  const client = createClient({ apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret, baseUrl: sandbox.url, retry: { baseDelayMs: 5, maxDelayMs: 50 } });
  const { files: _files, dir: _dir, vars: _vars, ...engine } = options;
  try {
    const summary = await runLoadedWorkflow(
      workflow,
      { ...engine, client, vars: vars.values, report: (e) => events.push(e), runId: newRunId(), files: { baseDir: dir, roots: [dir], maxReadBytes: 16 * 1024 * 1024 } },
      { target: sandbox.url, scope: 'delete' },
    );
    return { summary, events, client, dir };
  } finally {
    await client.close();
  }
}
