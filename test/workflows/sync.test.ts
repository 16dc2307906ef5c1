/** sync-and-wait and resync-tables: each waits for the sync it triggered, on a clock the test moves. */
import { join } from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox.js';
import { cliEnv, connectionNamed, copyOfWorkflows, expectOk, outputsOf, runExample, writes } from './support.js';

/** One clock for the sandbox and the engine: waiting moves it, so a 2-second sync takes no time. */
let now = Date.parse('2026-06-01T10:00:00Z');
const clock = {
  now: () => now,
  sleep: (ms: number) => {
    now += ms;
    return Promise.resolve();
  },
};
const sandbox = useSandbox({ rateLimit: false, now: () => now });
// Real time, syncs of 1 ms: for the CLI, which sleeps for real.
const live = useSandbox({ rateLimit: false, syncDurationMs: 1 });
let dir = '';

beforeAll(() => {
  dir = copyOfWorkflows();
});
beforeEach(() => {
  sandbox.reset();
  live.reset();
});

const route = (key: string) => sandbox.stats().requests.byRoute[key] ?? {};

describe('sync-and-wait.yml', () => {
  it('sees succeeded_at move past the trigger of the sync it started', async () => {
    const before = connectionNamed(sandbox, 'warehouse_legacy', 'erp_pg');
    const run = await runExample('sync-and-wait.yml', sandbox, dir, clock);
    expectOk(run);
    const after = connectionNamed(sandbox, 'warehouse_legacy', 'erp_pg');
    const triggered = Date.parse(String(outputsOf(run).triggered_at));
    expect(triggered).toBeGreaterThan(Date.parse(before.succeeded_at!));
    expect(Date.parse(after.succeeded_at!)).toBeGreaterThanOrEqual(triggered);
    expect(outputsOf(run)).toMatchObject({ result: 'succeeded', succeeded_at: after.succeeded_at });
    expect(route('POST /v1/connections/{connectionId}/sync')).toEqual({ 200: 1 });
    expect(writes(sandbox)).toBe(1);
  });

  it('stops before sending anything on a paused connection, and with unpause resumes it and waits for its sync', async () => {
    const refused = await runExample('sync-and-wait.yml', sandbox, dir, { ...clock, vars: { schema: 'hr_mssql' } });
    expect(refused.summary.status).toBe('failed');
    expect(String(outputsOf(refused, 'not_paused').error)).toContain('is paused and would not sync; rerun with --var unpause=true');
    expect(writes(sandbox)).toBe(0);

    const run = await runExample('sync-and-wait.yml', sandbox, dir, { ...clock, vars: { schema: 'hr_mssql', unpause: true } });
    expectOk(run);
    const hr = connectionNamed(sandbox, 'warehouse_legacy', 'hr_mssql');
    expect(hr.paused).toBe(false);
    expect(Date.parse(hr.succeeded_at!)).toBeGreaterThanOrEqual(Date.parse(String(outputsOf(run).triggered_at)));
  });

  it('leaves a running sync alone and waits for its end', async () => {
    const run = await runExample('sync-and-wait.yml', sandbox, dir, { ...clock, vars: { schema: 'payroll_rds' } });
    expectOk(run);
    expect(outputsOf(run, 'kick')).toMatchObject({ status: 'unchanged' });
    expect(route('POST /v1/connections/{connectionId}/sync')).toEqual({});
    const payroll = connectionNamed(sandbox, 'warehouse_legacy', 'payroll_rds');
    expect(outputsOf(run)).toMatchObject({ result: 'succeeded', succeeded_at: payroll.succeeded_at });
    expect(Date.parse(payroll.succeeded_at!)).toBeGreaterThanOrEqual(Date.parse(String(outputsOf(run).triggered_at)));
  });

  it('fails when the sync it waited for fails (a broken connection)', async () => {
    const run = await runExample('sync-and-wait.yml', sandbox, dir, { ...clock, vars: { schema: 'billing_pg' } });
    expect(run.summary.status).toBe('failed');
    const billing = connectionNamed(sandbox, 'warehouse_legacy', 'billing_pg');
    expect(Date.parse(billing.failed_at!)).toBeGreaterThanOrEqual(Date.parse(String(outputsOf(run, 'kick').triggered_at)));
    expect(String(outputsOf(run, 'done').error)).toMatch(/fail/i);
  });

  it('through the CLI: needs --yes only when force is asked for', async () => {
    const env = cliEnv(live);
    const file = join(dir, 'sync-and-wait.yml');
    const forced = await runCli([file, '--var', 'force=true'], { env });
    expect(forced.code).toBe(2);
    expect(forced.stderr).toContain("step 'kick' (sync) is destructive");
    expect(live.stats().requests.total).toBe(0);

    const plain = await runCli([file], { env });
    expect(plain.code, plain.stderr).toBe(0);
    expect(live.stats().requests.byRoute['POST /v1/connections/{connectionId}/sync']).toEqual({ 200: 1 });
  });
});

describe('resync-tables.yml', () => {
  it('re-syncs the named tables and waits for that sync to finish', async () => {
    const run = await runExample('resync-tables.yml', sandbox, dir, { ...clock, yes: true });
    expectOk(run);
    expect(route('POST /v1/connections/{connectionId}/schemas/tables/resync')).toEqual({ 200: 1 });
    expect(outputsOf(run, 'resync').tables).toEqual({ salesforce: ['Opportunity', 'Account'] });
    const salesforce = connectionNamed(sandbox, 'warehouse_legacy', 'salesforce');
    expect(Date.parse(salesforce.succeeded_at!)).toBeGreaterThanOrEqual(Date.parse(String(outputsOf(run, 'resync').triggered_at)));
    expect(outputsOf(run)).toMatchObject({ result: 'succeeded', succeeded_at: salesforce.succeeded_at });
  });

  it('is refused without a yes, and a misspelt table is refused before anything is sent', async () => {
    const refused = await runExample('resync-tables.yml', sandbox, dir, clock);
    expect(refused.summary.status).toBe('failed');
    expect(String(outputsOf(refused, 'resync').error)).toContain('rerun with --yes');
    const misspelt = await runExample('resync-tables.yml', sandbox, dir, { ...clock, yes: true, vars: { tables: { salesforce: ['opportunity'] } } });
    expect(misspelt.summary.status).toBe('failed');
    expect(String(outputsOf(misspelt, 'resync').error)).toContain("did you mean 'Opportunity'?");
    expect(writes(sandbox)).toBe(0);
  });
});
