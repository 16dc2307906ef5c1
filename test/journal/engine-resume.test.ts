import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/index.js';
import { newRunId, runLoadedWorkflow } from '../../src/engine/run-workflow.js';
import type { RunSummary } from '../../src/engine/run-workflow.js';
import { RunJournalFile, readJournal } from '../../src/journal/index.js';
import type { JournalContents } from '../../src/journal/index.js';
import type { RunEvent } from '../../src/report/events.js';
import { defineStep } from '../../src/steps/define-step.js';
import type { StepDefinition } from '../../src/steps/define-step.js';
import { stepRegistry } from '../../src/steps/registry.js';
import { loadWorkflow } from '../../src/workflow/load-workflow.js';
import { useSandbox } from '../helpers/sandbox.js';

/**
 * A write step for these tests only: pauses a connection (PATCH) unless it is paused already, and
 * fails on purpose for the key named by FAIL_KEY. It goes through ctx.write like every real handler.
 */
const pauseStep = defineStep<{ id: string }, Record<string, unknown>>({
  type: 'pause-connection',
  summary: 'test step: pause a connection',
  main: 'id',
  inputs: { type: 'object', properties: { id: { type: 'string', description: 'connection id' } }, required: ['id'], additionalProperties: false },
  outputs: { id: 'the connection', paused_by: 'which run paused it' },
  effect: () => 'write',
  example: '- pause-connection: abc',
  async run(ctx, { id }) {
    if (ctx.env.FAIL_KEY === ctx.itemKey) throw new Error(`told to fail on ${id}`);
    const current = await ctx.client.get<{ paused: boolean }>(`connections/${id}`);
    if (current.paused) return { id, outcome: 'unchanged', detail: 'already paused' };
    await ctx.write({ method: 'PATCH', path: `connections/${id}`, body: { paused: true }, target: { kind: 'connection', id, before: current, changes: { paused: true } } });
    return { id, paused_by: ctx.env.RUN_LABEL };
  },
});

type AnyStep = StepDefinition<never, Record<string, unknown>>;
const types = {
  get: (type: string) => (type === pauseStep.type ? (pauseStep as unknown as AnyStep) : stepRegistry.get(type)),
  names: () => [...stepRegistry.names(), pauseStep.type],
};

const WORKFLOW = `name: pause-all
vars:
  ids: { type: list }
steps:
  - id: pause
    foreach: \${{ vars.ids }}
    concurrency: 1
    continue_on_error: true
    pause-connection: \${{ item }}
  - id: report
    set:
      paused_by: \${{ steps.pause.items.map(i, i.paused_by) }}
      count: \${{ steps.pause.count }}
`;

const sandbox = useSandbox({ rateLimit: false });
let dir: string;
let ids: string[];

beforeEach(() => {
  sandbox.reset();
  dir = mkdtempSync(join(tmpdir(), 'atlas-engine-resume-'));
  writeFileSync(join(dir, 'wf.yml'), WORKFLOW);
  ids = sandbox
    .state()
    .connections.filter((c) => !c.paused)
    .slice(0, 6)
    .map((c) => c.id);
});


interface Round {
  summary: RunSummary;
  events: RunEvent[];
  journal: JournalContents;
}

async function round(runId: string, options: { env?: Record<string, string>; resume?: JournalContents; stopAfter?: number }): Promise<Round> {
  const workflow = loadWorkflow(join(dir, 'wf.yml'), { types, cwd: dir });
  const journal = new RunJournalFile({
    dir: join(dir, 'runs'),
    runId,
    workflow: { file: 'wf.yml', path: join(dir, 'wf.yml'), name: workflow.name, checksum: workflow.checksum },
    vars: { ids },
    toolVersion: 'test',
    target: sandbox.url,
    scope: 'write',
    redact: (v) => v,
    ...(options.resume ? { resume: options.resume } : {}),
  });
  const client = createClient({ apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret, baseUrl: sandbox.url });
  const controller = new AbortController();
  const events: RunEvent[] = [];
  let done = 0;
  try {
    const summary = await runLoadedWorkflow(
      workflow,
      {
        client,
        vars: { ids },
        runId,
        journal,
        signal: controller.signal,
        env: options.env ?? {},
        files: { baseDir: dir, roots: [dir], maxReadBytes: 1024 },
        report: (event) => {
          events.push(event);
          if (event.type === 'item' && event.step === 'pause' && ++done === options.stopAfter) controller.abort();
        },
      },
      { target: sandbox.url, scope: 'write' },
    );
    journal.finish(summary.status, summary.counts);
    return { summary, events, journal: readJournal(journal.file) };
  } finally {
    journal.close();
    await client.close();
  }
}

function pausedInSandbox(): number {
  const byId = new Map(sandbox.state().connections.map((c) => [c.id, c]));
  return ids.filter((id) => byId.get(id)?.paused).length;
}

describe('engine with the run journal', () => {
  it('resumes an interrupted run: finished items are replayed, their outputs feed later steps, each write happens once', async () => {
    const first = await round(newRunId(), { env: { RUN_LABEL: 'first' }, stopAfter: 2 });
    expect(first.summary.status).toBe('interrupted');
    const writesAfterFirst = sandbox.stats().writes.byKind.connection_updated ?? 0;
    expect(writesAfterFirst).toBe(2);
    expect(first.journal.writes).toHaveLength(2);

    const second = await round(newRunId(), { env: { RUN_LABEL: 'second' }, resume: first.journal });
    expect(second.summary.status).toBe('ok');
    expect(sandbox.stats().writes.byKind.connection_updated).toBe(ids.length);
    expect(pausedInSandbox()).toBe(ids.length);
    const replayed = second.events.filter((e) => e.type === 'item' && e.replayed);
    expect(replayed).toHaveLength(2);
    // The report step sees every item, the replayed ones with the outputs the first run produced.
    const report = second.summary.steps.report!.outputs;
    expect(report.count).toBe(ids.length);
    expect(report.paused_by).toEqual([...ids.map((_, i) => (i < 2 ? 'first' : 'second'))]);
    expect(second.journal.header.resumed_from).toBe(first.journal.header.run_id);
    expect(second.journal.items.filter((i) => i.replayed)).toHaveLength(2);
  });

  it('runs failed items again on resume and replays the rest without a request', async () => {
    const failKey = ids[3]!;
    const first = await round(newRunId(), { env: { FAIL_KEY: failKey, RUN_LABEL: 'first' } });
    expect(first.summary.steps.pause!.counts).toMatchObject({ ok: ids.length - 1, failed: 1 });
    expect(first.journal.items.find((i) => i.key === failKey)).toMatchObject({ status: 'failed', error: `told to fail on ${failKey}` });
    const requestsBefore = sandbox.stats().requests.total;

    const second = await round(newRunId(), { env: { RUN_LABEL: 'second' }, resume: first.journal });
    expect(second.summary.steps.pause!.counts).toMatchObject({ ok: ids.length, failed: 0 });
    expect(pausedInSandbox()).toBe(ids.length);
    // Only the failed item was run: one read and one write.
    expect(sandbox.stats().requests.total - requestsBefore).toBe(2);
    expect(sandbox.stats().writes.byKind.connection_updated).toBe(ids.length);
  });
});
