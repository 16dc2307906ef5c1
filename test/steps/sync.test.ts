import { beforeEach, describe, expect, it } from 'vitest';
import { runYaml } from '../helpers/run-workflow.js';
import { useSandbox } from '../helpers/sandbox.js';
import { expectFailure, itemsOf, outputsOf, seeded, writesApplied } from './ops-support.js';

const sandbox = useSandbox({ rateLimit: false, syncDurationMs: 30 });
/** Syncs that outlast the test, to meet a running one. */
const slow = useSandbox({ rateLimit: false, syncDurationMs: 600_000 });

beforeEach(() => {
  sandbox.reset();
  slow.reset();
});

const syncYaml = (id: string, extra = '') => `name: sync
steps:
  - id: kick
    sync: ${id}
${extra}`;

describe('sync', () => {
  it('triggers a sync and stamps the time just before it, past the last finish', async () => {
    const erp = seeded(sandbox, 'erp_pg');
    const before = Date.now();
    const run = await runYaml(syncYaml(erp.id), sandbox);
    expect(run.summary.status).toBe('ok');
    const out = outputsOf(run, 'kick');
    expect(out).toMatchObject({ id: erp.id, paused: false, status: 'ok', detail: 'sync triggered' });
    const triggered = Date.parse(String(out.triggered_at));
    expect(triggered).toBeGreaterThan(Date.parse(erp.succeeded_at!));
    expect(triggered).toBeLessThanOrEqual(Date.now());
    expect(triggered).toBeGreaterThanOrEqual(before - 1000);
    expect(sandbox.stats().writes.byKind.sync_triggered).toBe(1);
  });

  it('sends nothing for a paused connection and warns', async () => {
    const hr = seeded(sandbox, 'hr_mssql');
    const run = await runYaml(syncYaml(hr.id), sandbox);
    expect(outputsOf(run, 'kick')).toMatchObject({ paused: true, status: 'skipped' });
    expect(run.events).toContainEqual(expect.objectContaining({ type: 'message', level: 'warning', message: expect.stringContaining('paused') }));
    expect(writesApplied(sandbox)).toBe(0);
  });

  it('leaves a running sync alone without force, and restarts it with force (destructive: needs --yes)', async () => {
    const payroll = seeded(slow, 'payroll_rds');
    expect(payroll.status.sync_state).toBe('syncing');
    const gentle = await runYaml(syncYaml(payroll.id), slow);
    expect(outputsOf(gentle, 'kick')).toMatchObject({ status: 'unchanged', detail: expect.stringContaining('already syncing') });
    expect(writesApplied(slow)).toBe(0);

    const forced = syncYaml(payroll.id).replace(`sync: ${payroll.id}`, `sync: ${payroll.id}\n    with: { force: true }`);
    const refused = await runYaml(forced, slow);
    expectFailure(refused, 'kick', 'rerun with --yes');
    expect(writesApplied(slow)).toBe(0);

    const run = await runYaml(forced, slow, { yes: true });
    expect(outputsOf(run, 'kick')).toMatchObject({ status: 'ok', detail: 'running sync restarted' });
    expect(slow.stats().writes.byKind.sync_triggered).toBe(1);
  });

  it('fails with the API error naming method, path and code for an unknown connection', async () => {
    const run = await runYaml(syncYaml('no_such_connection'), sandbox);
    expectFailure(run, 'kick', 'GET /v1/connections/no_such_connection → 404 NotFound_Connection');
  });

  it('records the trigger in a dry run and sends no write', async () => {
    const erp = seeded(sandbox, 'erp_pg');
    const run = await runYaml(syncYaml(erp.id), sandbox, { dryRun: true });
    expect(run.summary.status).toBe('ok');
    expect(run.events).toContainEqual(expect.objectContaining({ type: 'write-planned', method: 'POST', path: `connections/${erp.id}/sync`, body: { force: false } }));
    expect(writesApplied(sandbox)).toBe(0);
    expect(itemsOf(run, 'kick')).toHaveLength(1);
  });
});
