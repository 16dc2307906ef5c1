import { beforeEach, describe, expect, it } from 'vitest';
import { runYaml } from '../helpers/run-workflow.js';
import { useSandbox } from '../helpers/sandbox.js';
import { expectFailure, groupIdOf, outputsOf, seeded, writesApplied } from './ops-support.js';

const sandbox = useSandbox({ rateLimit: false });

beforeEach(() => sandbox.reset());

/** The seed's SSH-tunnelled connection: its test fails until the bastion's host key is approved. */
const approvePending = (id: string) => `name: approve what the test reported, then test again
steps:
  - id: check
    test: connection
    with: { id: ${id}, allow_failures: true }
  - id: approve
    certificates: approve
    with:
      connection: ${id}
      pending: \${{ steps.check.pending }}
  - id: again
    test: connection
    with: { id: ${id} }
`;

describe('certificates', () => {
  it('approves what a failed test reported, after which the test passes; a re-run approves nothing', async () => {
    const ssh = seeded(sandbox, 'analytics_pg');
    const host = ssh.trust.presentedFingerprint!;
    const run = await runYaml(approvePending(ssh.id), sandbox);
    expect(run.summary.status).toBe('ok');
    expect(outputsOf(run, 'approve')).toMatchObject({ approved: [host.hash], status: 'ok' });
    expect(outputsOf(run, 'again')).toMatchObject({ passed: true });
    expect(seeded(sandbox, 'analytics_pg').trust.fingerprints).toMatchObject([{ hash: host.hash, public_key: host.public_key }]);

    const writesBefore = sandbox.stats().writes.byKind.fingerprint_approved;
    const rerun = await runYaml(approvePending(ssh.id), sandbox);
    expect(outputsOf(rerun, 'approve')).toMatchObject({ approved: [], status: 'unchanged' });
    expect(sandbox.stats().writes.byKind.fingerprint_approved).toBe(writesBefore);
  });

  it('approves one certificate by hash, and leaves an approved one alone', async () => {
    const billing = seeded(sandbox, 'billing_pg');
    const hash = billing.trust.presentedCertificate!.hash;
    const yaml = `name: approve
steps:
  - id: approve
    certificates: approve
    with: { connection: ${billing.id}, kind: certificate, hash: ${hash}, encoded_cert: Q0VSVA== }
`;
    const first = await runYaml(yaml, sandbox);
    expect(outputsOf(first, 'approve')).toMatchObject({ approved: [hash] });
    const second = await runYaml(yaml, sandbox);
    expect(outputsOf(second, 'approve')).toMatchObject({ approved: [], status: 'unchanged', detail: '1 already approved' });
    expect(sandbox.stats().writes.byKind.certificate_approved).toBe(1);
  });

  it('approves a pending certificate a failed test reported, with the certificate the test carried', async () => {
    const orders = seeded(sandbox, 'legacy_orders');
    const presented = orders.trust.presentedCertificate!;
    const run = await runYaml(approvePending(orders.id), sandbox);
    expect(run.summary.status).toBe('ok');
    expect(outputsOf(run, 'approve')).toMatchObject({ approved: [presented.hash] });
    expect(outputsOf(run, 'again')).toMatchObject({ passed: true });
    expect(seeded(sandbox, 'legacy_orders').trust.certificates).toMatchObject([{ hash: presented.hash }]);
  });

  it('lists both kinds for a connection or a destination', async () => {
    const ssh = seeded(sandbox, 'analytics_pg');
    const legacy = groupIdOf(sandbox, 'warehouse_legacy');
    const yaml = `name: list
steps:
  - id: trust
    test: connection
    with: { id: ${ssh.id}, trust_fingerprints: true }
  - id: conn
    certificates: list
    with: { connection: ${ssh.id} }
  - id: dest
    certificates: list
    with: { destination: ${legacy}, kind: certificate }
`;
    const run = await runYaml(yaml, sandbox);
    expect(outputsOf(run, 'conn')).toMatchObject({ count: 1, items: [{ kind: 'fingerprint', hash: ssh.trust.presentedFingerprint!.hash }] });
    expect(outputsOf(run, 'dest')).toMatchObject({ count: 0, items: [] });
  });

  it('revokes (destructive) and is unchanged when nothing is left to revoke', async () => {
    const ssh = seeded(sandbox, 'analytics_pg');
    const hash = ssh.trust.presentedFingerprint!.hash;
    await runYaml(`name: t\nsteps:\n  - id: t\n    test: connection\n    with: { id: ${ssh.id}, trust_fingerprints: true }\n`, sandbox);
    const revoke = `name: revoke\nsteps:\n  - id: revoke\n    certificates: revoke\n    with: { connection: ${ssh.id}, kind: fingerprint, hash: '${hash}' }\n`;
    expectFailure(await runYaml(revoke, sandbox), 'revoke', 'rerun with --yes');
    const run = await runYaml(revoke, sandbox, { yes: true });
    expect(outputsOf(run, 'revoke')).toMatchObject({ revoked: [hash] });
    expect(seeded(sandbox, 'analytics_pg').trust.fingerprints).toEqual([]);
    const again = await runYaml(revoke, sandbox, { yes: true });
    expect(outputsOf(again, 'revoke')).toMatchObject({ revoked: [], status: 'unchanged' });
    expect(sandbox.stats().writes.byKind.fingerprint_revoked).toBe(1);
  });

  it('plans approvals in a dry run, and reports API errors', async () => {
    const ssh = seeded(sandbox, 'analytics_pg');
    const host = ssh.trust.presentedFingerprint!;
    const yaml = `name: approve
steps:
  - id: approve
    certificates: approve
    with: { connection: ${ssh.id}, kind: fingerprint, hash: '${host.hash}', public_key: '${host.public_key}' }
`;
    const dry = await runYaml(yaml, sandbox, { dryRun: true });
    expect(dry.events).toContainEqual(expect.objectContaining({ type: 'write-planned', method: 'POST', path: `connections/${ssh.id}/fingerprints` }));
    expect(writesApplied(sandbox)).toBe(0);
    const missing = await runYaml(`name: l\nsteps:\n  - id: l\n    certificates: list\n    with: { connection: gone }\n`, sandbox);
    expectFailure(missing, 'l', 'GET /v1/connections/gone/certificates');
    const both = await runYaml(`name: l\nsteps:\n  - id: l\n    certificates: list\n    with: { connection: a, destination: b }\n`, sandbox);
    expectFailure(both, 'l', "give exactly one of 'connection' or 'destination'");
  });
});
