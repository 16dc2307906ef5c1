/** approve-certificates and schema-block-tables: repairs and edits of existing connections. */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { connectionNamed, connectionsOf, copyOfWorkflows, enabledTables, expectOk, outputsOf, printed, runExample, writes } from './support.js';

const sandbox = useSandbox({ rateLimit: false, syncDurationMs: 600_000 });
let dir = '';

beforeAll(() => {
  dir = copyOfWorkflows();
});
beforeEach(() => sandbox.reset());

describe('approve-certificates.yml', () => {
  it('approves exactly what the failed tests presented, and the broken connections end connected', async () => {
    const broken = connectionsOf(sandbox, 'warehouse_legacy').filter((c) => c.status.setup_state === 'broken');
    expect(broken.map((c) => c.schema).sort()).toEqual(['analytics_pg', 'billing_pg', 'legacy_orders']);
    const presented = new Map(broken.map((c) => [c.id, c.trust.presentedCertificate?.hash ?? c.trust.presentedFingerprint?.hash]));

    const run = await runExample('approve-certificates.yml', sandbox, dir);
    expectOk(run);
    for (const before of broken) {
      const after = connectionNamed(sandbox, 'warehouse_legacy', before.schema);
      expect(after.status.setup_state).toBe('connected');
      expect([...after.trust.certificates, ...after.trust.fingerprints].map((t) => t.hash)).toEqual([presented.get(before.id)]);
    }
    expect(connectionNamed(sandbox, 'warehouse_legacy', 'analytics_pg').trust.fingerprints).toHaveLength(1);
    // Each presented hash is printed before it is approved, for the record.
    const lines = printed(run.events);
    for (const hash of presented.values()) expect(lines.some((line) => line.includes(`Hash: ${hash}`))).toBe(true);
    expect((outputsOf(run).repaired as string[]).sort()).toEqual(broken.map((c) => c.id).sort());
    expect(outputsOf(run).still_broken).toEqual([]);

    const made = writes(sandbox);
    const again = await runExample('approve-certificates.yml', sandbox, dir);
    expectOk(again);
    expect(outputsOf(again, 'broken')).toMatchObject({ count: 0 });
    expect(writes(sandbox)).toBe(made);
  });

  it('with approve=false, tests and prints what is presented but approves nothing', async () => {
    const run = await runExample('approve-certificates.yml', sandbox, dir, { vars: { approve: false } });
    expectOk(run);
    const broken = connectionsOf(sandbox, 'warehouse_legacy').filter((c) => c.status.setup_state === 'broken');
    expect(broken).toHaveLength(3);
    for (const connection of broken) {
      expect([...connection.trust.certificates, ...connection.trust.fingerprints]).toEqual([]);
      const hash = connection.trust.presentedCertificate?.hash ?? connection.trust.presentedFingerprint?.hash;
      expect(printed(run.events).some((line) => line.includes(`Hash: ${hash}`))).toBe(true);
    }
    expect(sandbox.stats().requests.byRoute['POST /v1/connections/{connectionId}/certificates']).toBeUndefined();
    expect(outputsOf(run).still_broken).toHaveLength(3);
  });

  it('a dry run approves nothing: the tests and approvals are only planned', async () => {
    const run = await runExample('approve-certificates.yml', sandbox, dir, { dryRun: true });
    expectOk(run);
    expect(writes(sandbox)).toBe(0);
    expect(connectionsOf(sandbox, 'warehouse_legacy').filter((c) => c.status.setup_state === 'broken')).toHaveLength(3);
    expect(run.events.filter((e) => e.type === 'write-planned' && e.path.endsWith('/test'))).toHaveLength(3);
  });
});

describe('schema-block-tables.yml', () => {
  it('disables the named tables and blocks new ones in one PATCH, and a re-run sends nothing', async () => {
    const before = connectionNamed(sandbox, 'warehouse_legacy', 'salesforce');
    const run = await runExample('schema-block-tables.yml', sandbox, dir);
    expectOk(run);
    const after = connectionNamed(sandbox, 'warehouse_legacy', 'salesforce');
    expect(after.schema_config!.schema_change_handling).toBe('BLOCK_ALL');
    expect(enabledTables(before)).toContain('salesforce.Lead');
    expect(enabledTables(after)).toEqual(enabledTables(before).filter((t) => t !== 'salesforce.Lead' && t !== 'salesforce.Case'));
    expect(sandbox.stats().writes.byKind.schema_patched).toBe(1);
    expect(outputsOf(run).disabled).toEqual(expect.arrayContaining(['salesforce.Lead', 'salesforce.Case', 'salesforce.Campaign']));

    const again = await runExample('schema-block-tables.yml', sandbox, dir);
    expectOk(again);
    expect(outputsOf(again, 'edit')).toMatchObject({ status: 'unchanged', changes: [] });
    expect(sandbox.stats().writes.byKind.schema_patched).toBe(1);
  });

  it('refuses a table name the source does not have, with a suggestion, sending nothing', async () => {
    const run = await runExample('schema-block-tables.yml', sandbox, dir, { vars: { disable: ['salesforce.lead'] } });
    expect(run.summary.status).toBe('failed');
    const id = connectionNamed(sandbox, 'warehouse_legacy', 'salesforce').id;
    expect(outputsOf(run, 'edit').error).toBe(`cannot patch the schema config of ${id}: disable: no table 'lead' in schema 'salesforce' (did you mean 'Lead'?)`);
    expect(writes(sandbox)).toBe(0);
  });
});
