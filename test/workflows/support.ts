/** Shared bits of the example workflow tests: each example runs as written, from a temp copy of workflows/. */
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { RunEvent } from '../../src/report/events.js';
import type { ConnectionRecord } from '../../src/sandbox/state/types.js';
import { runYaml } from '../helpers/run-workflow.js';
import type { YamlRun, YamlRunOptions } from '../helpers/run-workflow.js';
import type { SandboxFixture } from '../helpers/sandbox.js';

/** The repository root and its workflows/ folder. */
export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const WORKFLOWS = join(REPO, 'workflows');

/**
 * A fresh copy of workflows/ (fragments and data included) as `<tmp>/workflows`, so files a run writes
 * never land in the repository and commands written as `atlas-run workflows/…` work from `<tmp>`.
 */
export function copyOfWorkflows(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'atlas-examples-')), 'workflows');
  cpSync(WORKFLOWS, dir, { recursive: true });
  return dir;
}

/**
 * Runs `workflows/<name>` as written (its own vars' defaults unless `vars` say otherwise) through
 * the real loader, engine and client against `sandbox`, in the copy `dir`.
 */
export function runExample(name: string, sandbox: SandboxFixture, dir: string, options: YamlRunOptions = {}): Promise<YamlRun> {
  return runYaml(readFileSync(join(WORKFLOWS, name), 'utf8'), sandbox, { ...options, dir });
}

/** Expects the run to have finished ok, showing the failures when it did not. */
export function expectOk(run: YamlRun): void {
  const failed = run.events.filter((e) => e.type === 'item' && e.status === 'failed');
  expect(run.summary.status, JSON.stringify(failed)).toBe('ok');
}

/** The id of a group by name. */
export function groupId(sandbox: SandboxFixture, name: string): string {
  const group = sandbox.state().groups.find((g) => g.name === name);
  if (!group) throw new Error(`no group ${name}`);
  return group.id;
}

/** Connections of a group as the sandbox holds them now. */
export function connectionsOf(sandbox: SandboxFixture, group: string): ConnectionRecord[] {
  const id = groupId(sandbox, group);
  return sandbox.state().connections.filter((c) => c.group_id === id);
}

/** A connection of a group by its schema name. */
export function connectionNamed(sandbox: SandboxFixture, group: string, schema: string): ConnectionRecord {
  const connection = connectionsOf(sandbox, group).find((c) => c.schema === schema);
  if (!connection) throw new Error(`no connection ${schema} in ${group}`);
  return connection;
}

/** Writes the sandbox applied since its last reset. */
export const writes = (sandbox: SandboxFixture): number => sandbox.stats().writes.total;

/** Outputs of a step (or of the workflow with no step). */
export function outputsOf(run: YamlRun, step?: string): Record<string, unknown> {
  if (step === undefined) return run.summary.outputs;
  const result = run.summary.steps[step];
  if (!result) throw new Error(`no step ${step} in the run`);
  return result.outputs;
}

/** Per-item outputs of a fan-out step. */
export function itemOutputs(run: YamlRun, step: string): Record<string, unknown>[] {
  return outputsOf(run, step).items as Record<string, unknown>[];
}

/** Lines the run printed (print steps and printed exports), in order. */
export function printed(events: readonly RunEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'print' ? e.text.split('\n') : []));
}

/** Warning messages of the run. */
export function warnings(events: readonly RunEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'message' && e.level === 'warning' ? [e.message] : []));
}

/** `schema.table` of every enabled table of an enabled schema. */
export function enabledTables(connection: ConnectionRecord): string[] {
  const config = connection.schema_config;
  if (!config) return [];
  return Object.entries(config.schemas)
    .filter(([, schema]) => schema.enabled)
    .flatMap(([name, schema]) => Object.entries(schema.tables).filter(([, table]) => table.enabled).map(([table]) => `${name}.${table}`))
    .sort();
}

/** Environment for the built CLI pointed at a test sandbox, journals in a temp dir. */
export function cliEnv(sandbox: SandboxFixture): Record<string, string> {
  return {
    FIVETRAN_API_URL: sandbox.url,
    FIVETRAN_API_KEY: sandbox.apiKey,
    FIVETRAN_API_SECRET: sandbox.apiSecret,
    ATLAS_JOURNAL_DIR: mkdtempSync(join(tmpdir(), 'atlas-journal-')),
  };
}
