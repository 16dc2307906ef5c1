/** Shared bits of the operational step tests (sync, resync, test, wait, schema, certificates, request). */
import { expect } from 'vitest';
import type { YamlRun } from '../helpers/run-workflow.js';
import type { SandboxFixture } from '../helpers/sandbox.js';
import type { ConnectionRecord } from '../../src/sandbox/state/types.js';

/** A seeded connection, by its schema name, as the sandbox holds it now. */
export function seeded(sandbox: SandboxFixture, schema: string): ConnectionRecord {
  const connection = sandbox.state().connections.find((c) => c.schema === schema);
  if (!connection) throw new Error(`no seeded connection ${schema}`);
  return connection;
}

/** The id of a seeded group by name. */
export function groupIdOf(sandbox: SandboxFixture, name: string): string {
  const group = sandbox.state().groups.find((g) => g.name === name);
  if (!group) throw new Error(`no seeded group ${name}`);
  return group.id;
}

/** Writes the sandbox applied since its last reset. */
export const writesApplied = (sandbox: SandboxFixture): number => sandbox.stats().writes.total;

/** Outputs of one step of a finished run. */
export function outputsOf(run: YamlRun, step: string): Record<string, unknown> {
  const result = run.summary.steps[step];
  if (!result) throw new Error(`no step ${step} in the run`);
  return result.outputs;
}

/** Item events of one step. */
export function itemsOf(run: YamlRun, step: string) {
  return run.events.filter((e) => e.type === 'item' && e.step === step);
}

/** Asserts the run failed at `step` with an error containing `text`, and returns that error. */
export function expectFailure(run: YamlRun, step: string, text: string | RegExp): string {
  expect(run.summary.status).toBe('failed');
  const error = String(outputsOf(run, step).error);
  if (typeof text === 'string') expect(error).toContain(text);
  else expect(error).toMatch(text);
  return error;
}
