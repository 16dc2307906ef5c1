import { beforeEach, describe, expect, it } from 'vitest';
import { runYaml } from '../helpers/run-workflow.js';
import { useSandbox } from '../helpers/sandbox.js';
import { expectFailure, groupIdOf, outputsOf, seeded, writesApplied } from './ops-support.js';

const sandbox = useSandbox({ rateLimit: false });

beforeEach(() => sandbox.reset());

const testYaml = (resource: string, id: string, extra = '') => `name: test
steps:
  - id: check
    test: ${resource}
    with:
      id: ${id}
${extra}`;

describe('test', () => {
  it('runs the setup tests of a healthy connection', async () => {
    const erp = seeded(sandbox, 'erp_pg');
    const run = await runYaml(testYaml('connection', erp.id), sandbox);
    expect(run.summary.status).toBe('ok');
    const out = outputsOf(run, 'check');
    expect(out).toMatchObject({ id: erp.id, passed: true, failed_tests: [], pending: [], setup_state: 'connected' });
    expect(out.setup_tests).toContainEqual({ title: 'Connecting to host', status: 'PASSED', message: '' });
    expect(sandbox.stats().requests.byRoute['POST /v1/connections/{connectionId}/test']).toEqual({ 200: 1 });
  });

  it('fails the item when a test fails, naming the test and what awaits approval', async () => {
    const billing = seeded(sandbox, 'billing_pg');
    const run = await runYaml(testYaml('connection', billing.id), sandbox);
    const error = expectFailure(run, 'check', `setup tests of connection ${billing.id} failed: Validating certificate (`);
    expect(error).toContain('1 awaiting approval');
  });

  it('with allow_failures, surfaces pending certificates and fingerprints for a certificates step', async () => {
    const billing = seeded(sandbox, 'billing_pg');
    const ssh = seeded(sandbox, 'analytics_pg');
    const yaml = `name: test
steps:
  - id: cert
    test: connection
    with: { id: ${billing.id}, allow_failures: true }
  - id: ssh
    test: connection
    with: { id: ${ssh.id}, allow_failures: true }
`;
    const run = await runYaml(yaml, sandbox);
    expect(run.summary.status).toBe('ok');
    const presented = seeded(sandbox, 'billing_pg').trust.presentedCertificate!;
    expect(outputsOf(run, 'cert')).toMatchObject({
      passed: false,
      setup_state: 'broken',
      pending: [{ kind: 'certificate', hash: presented.hash, public_key: presented.public_key, test: 'Validating certificate' }],
    });
    const host = seeded(sandbox, 'analytics_pg').trust.presentedFingerprint!;
    expect(outputsOf(run, 'ssh')).toMatchObject({
      pending: [{ kind: 'fingerprint', hash: host.hash, public_key: host.public_key, type: 'ssh-rsa', test: 'SSH Tunnel Connection' }],
    });
  });

  it('trusts only what it is told to trust', async () => {
    const ssh = seeded(sandbox, 'analytics_pg');
    const certsOnly = await runYaml(testYaml('connection', ssh.id, '      trust_certificates: true\n      allow_failures: true'), sandbox);
    expect(outputsOf(certsOnly, 'check')).toMatchObject({ passed: false });
    expect(seeded(sandbox, 'analytics_pg').trust.fingerprints).toEqual([]);
    const trusted = await runYaml(testYaml('connection', ssh.id, '      trust_fingerprints: true'), sandbox);
    expect(outputsOf(trusted, 'check')).toMatchObject({ passed: true, setup_state: 'connected' });
    expect(seeded(sandbox, 'analytics_pg').trust.fingerprints).toHaveLength(1);
  });

  it('tests a destination', async () => {
    const legacy = groupIdOf(sandbox, 'warehouse_legacy');
    const run = await runYaml(testYaml('destination', legacy), sandbox);
    expect(outputsOf(run, 'check')).toMatchObject({ id: legacy, passed: true, setup_state: 'connected' });
    expect(sandbox.stats().writes.byKind.destination_tested).toBe(1);
  });

  it('reports the API error for an unknown id', async () => {
    const run = await runYaml(testYaml('destination', 'nowhere'), sandbox);
    expectFailure(run, 'check', 'POST /v1/destinations/nowhere/test → 404 NotFound_Destination');
  });

  it('sends nothing in a dry run', async () => {
    const erp = seeded(sandbox, 'erp_pg');
    const run = await runYaml(testYaml('connection', erp.id, '      trust_certificates: true'), sandbox, { dryRun: true });
    expect(outputsOf(run, 'check')).toMatchObject({ passed: null, pending: [] });
    expect(run.events).toContainEqual(
      expect.objectContaining({ type: 'write-planned', path: `connections/${erp.id}/test`, body: { trust_certificates: true, trust_fingerprints: false } }),
    );
    expect(writesApplied(sandbox)).toBe(0);
  });
});
