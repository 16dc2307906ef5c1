/** Shared bits of the resource step tests (list, get, create, update, delete, read). */
import { expect } from 'vitest';
import type { YamlRun } from '../../helpers/run-workflow.js';
import type { SandboxFixture } from '../../helpers/sandbox.js';
import type { ConnectionRecord } from '../../../src/sandbox/state/types.js';

/** A seeded connection, by its schema name, as the sandbox holds it now. */
export function connectionNamed(sandbox: SandboxFixture, schema: string): ConnectionRecord {
  const connection = sandbox.state().connections.find((c) => c.schema === schema);
  if (!connection) throw new Error(`no connection ${schema}`);
  return connection;
}

/** The id of a group by name. */
export function groupId(sandbox: SandboxFixture, name: string): string {
  const group = sandbox.state().groups.find((g) => g.name === name);
  if (!group) throw new Error(`no group ${name}`);
  return group.id;
}

/** Connections of a group in the sandbox's state. */
export function connectionsOf(sandbox: SandboxFixture, group: string): ConnectionRecord[] {
  const id = groupId(sandbox, group);
  return sandbox.state().connections.filter((c) => c.group_id === id);
}

/** Writes the sandbox applied since its last reset. */
export const writes = (sandbox: SandboxFixture): number => sandbox.stats().writes.total;

/** Requests the sandbox answered since its last reset. */
export const requests = (sandbox: SandboxFixture): number => sandbox.stats().requests.total;

/** Outputs of one step of a finished run. */
export function outputsOf(run: YamlRun, step: string): Record<string, unknown> {
  const result = run.summary.steps[step];
  if (!result) throw new Error(`no step ${step} in the run`);
  return result.outputs;
}

/** Per-item outputs of a fan-out step. */
export function itemOutputs(run: YamlRun, step: string): Record<string, unknown>[] {
  return outputsOf(run, step).items as Record<string, unknown>[];
}

/** Asserts the run failed at `step` with an error matching `text`, and returns that error. */
export function expectFailure(run: YamlRun, step: string, text: string | RegExp): string {
  expect(run.summary.status).toBe('failed');
  const outputs = outputsOf(run, step);
  const failures = outputs.failures as { error: string }[] | undefined;
  const error = String(outputs.error ?? failures?.[0]?.error);
  if (typeof text === 'string') expect(error).toContain(text);
  else expect(error).toMatch(text);
  return error;
}
