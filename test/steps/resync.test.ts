import { beforeEach, describe, expect, it } from 'vitest';
import { runYaml } from '../helpers/run-workflow.js';
import { useSandbox } from '../helpers/sandbox.js';
import { expectFailure, outputsOf, seeded, writesApplied } from './ops-support.js';

const sandbox = useSandbox({ rateLimit: false, syncDurationMs: 40 });
const slow = useSandbox({ rateLimit: false, syncDurationMs: 600_000 });

beforeEach(() => {
  sandbox.reset();
  slow.reset();
});

const resyncYaml = (id: string, tables?: string) => `name: resync
steps:
  - id: again
    resync: ${id}
${tables ? `    with:\n      tables: ${tables}\n` : ''}`;

describe('resync', () => {
  it('is destructive: refused without --yes, nothing sent', async () => {
    const erp = seeded(sandbox, 'erp_pg');
    const run = await runYaml(resyncYaml(erp.id), sandbox);
    expectFailure(run, 'again', 'rerun with --yes');
    expect(writesApplied(sandbox)).toBe(0);
  });

  it('re-syncs a whole connection, and a wait sees that sync finish', async () => {
    const erp = seeded(sandbox, 'erp_pg');
    const yaml = `${resyncYaml(erp.id)}  - id: done
    wait: sync-finished
    with: { connection: ${erp.id}, since: '\${{ steps.again.triggered_at }}', interval: 5ms }
`;
    const run = await runYaml(yaml, sandbox, { yes: true });
    expect(run.summary.status).toBe('ok');
    expect(outputsOf(run, 'again')).toMatchObject({ id: erp.id, tables: null, detail: 're-sync of the whole connection triggered' });
    expect(outputsOf(run, 'done')).toMatchObject({ result: 'succeeded' });
    expect(sandbox.stats().writes.byKind.resync_triggered).toBe(1);
  });

  it('re-syncs named tables, by their case-sensitive source names', async () => {
    const salesforce = seeded(sandbox, 'salesforce');
    const run = await runYaml(resyncYaml(salesforce.id, '{ salesforce: [Opportunity, Account] }'), sandbox, { yes: true });
    expect(outputsOf(run, 'again')).toMatchObject({ tables: { salesforce: ['Opportunity', 'Account'] }, detail: 're-sync of 2 tables triggered' });
    expect(sandbox.stats().requests.byRoute['POST /v1/connections/{connectionId}/schemas/tables/resync']).toEqual({ 200: 1 });
  });

  it('refuses unknown or wrongly cased names before sending, suggesting the real ones', async () => {
    const salesforce = seeded(sandbox, 'salesforce');
    const run = await runYaml(resyncYaml(salesforce.id, '{ salesforce: [opportunity], Salesforce: [Account] }'), sandbox, { yes: true });
    const error = expectFailure(run, 'again', `cannot re-sync tables of connection ${salesforce.id}`);
    expect(error).toContain("no table 'opportunity' in schema 'salesforce' (did you mean 'Opportunity'?)");
    expect(error).toContain("no schema 'Salesforce' in the schema config (did you mean 'salesforce'?)");
    expect(writesApplied(sandbox)).toBe(0);
    await expect(runYaml(resyncYaml(salesforce.id, '{ salesforce: [] }'), sandbox, { yes: true })).rejects.toThrow(
      "step 'again' (resync): input 'tables.salesforce' needs at least 1 item",
    );
    const templated = resyncYaml(salesforce.id, "'${{ {\"salesforce\": []} }}'");
    expectFailure(await runYaml(templated, sandbox, { yes: true }), 'again', "input 'tables' must list at least one table of schema 'salesforce'");
  });

  it('reports the API refusing a re-sync while a sync runs', async () => {
    const payroll = seeded(slow, 'payroll_rds');
    const run = await runYaml(resyncYaml(payroll.id), slow, { yes: true });
    expectFailure(run, 'again', `POST /v1/connections/${payroll.id}/resync → 409 Conflict`);
  });

  it('plans the call in a dry run without sending it', async () => {
    const salesforce = seeded(sandbox, 'salesforce');
    const run = await runYaml(resyncYaml(salesforce.id, '{ salesforce: [Opportunity] }'), sandbox, { dryRun: true });
    expect(run.summary.status).toBe('ok');
    expect(run.events).toContainEqual(
      expect.objectContaining({ type: 'write-planned', method: 'POST', path: `connections/${salesforce.id}/schemas/tables/resync`, body: { salesforce: ['Opportunity'] } }),
    );
    expect(writesApplied(sandbox)).toBe(0);
  });
});
