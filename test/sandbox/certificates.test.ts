import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { call, connectionId, dataOf, groupId } from './support.js';
import type { Page } from './support.js';

const sandbox = useSandbox({ rateLimit: false });

interface SetupTest {
  title: string;
  status: string;
  message: string;
  details?: { hash: string; public_key: string; encoded_cert?: string };
}
interface Tested {
  id: string;
  status: { setup_state: string; tasks: { code: string }[] };
  setup_tests: SetupTest[];
}

const failed = (tested: Tested): SetupTest[] => tested.setup_tests.filter((t) => t.status === 'FAILED');

async function runTests(id: string, body: Record<string, unknown> = {}): Promise<Tested> {
  const answer = await call(sandbox, 'POST', `/connections/${id}/test`, { body });
  expect(answer.json.message).toBe('Setup tests have been completed');
  return dataOf<Tested>(answer);
}

describe('certificates awaiting approval', () => {
  it('keep setup tests failing until the certificate is approved', async () => {
    const legacy = await groupId(sandbox, 'warehouse_legacy');
    const id = await connectionId(sandbox, legacy, 'billing_pg');
    const first = await runTests(id);
    expect(first.status).toMatchObject({ setup_state: 'broken', tasks: [{ code: 'reconnect' }] });
    const [certificateTest] = failed(first);
    expect(certificateTest?.title).toBe('Validating certificate');
    const hash = certificateTest?.details?.hash as string;
    expect(hash).toMatch(/^[\w-]{43}$/);
    expect(failed(await runTests(id))).toHaveLength(1);

    const approved = await call(sandbox, 'POST', `/connections/${id}/certificates`, { body: { hash, encoded_cert: Buffer.from('cert bytes').toString('base64') } });
    expect(approved.status).toBe(201);
    expect(approved.json.data).toMatchObject({ hash, validated_by: 'Sandra Box', public_key: certificateTest?.details?.public_key });
    const listed = dataOf<Page<{ hash: string }>>(await call(sandbox, 'GET', `/connections/${id}/certificates`));
    expect(listed.items.map((c) => c.hash)).toEqual([hash]);

    const second = await runTests(id);
    expect(failed(second)).toEqual([]);
    expect(second.status).toMatchObject({ setup_state: 'connected', tasks: [] });

    const revoked = await call(sandbox, 'DELETE', `/connections/${id}/certificates/${hash}`);
    expect(revoked.json.message).toBe(`Certificate with hash '${hash}' has been revoked for connection '${id}'`);
    expect((await runTests(id)).status.setup_state).toBe('broken');
  });

  it('pass for one run with trust_certificates, which approves what was presented', async () => {
    const legacy = await groupId(sandbox, 'warehouse_legacy');
    const id = await connectionId(sandbox, legacy, 'legacy_orders');
    const trusted = await runTests(id, { trust_certificates: true });
    expect(failed(trusted)).toEqual([]);
    expect(trusted.status.setup_state).toBe('connected');
    expect(dataOf<Page<unknown>>(await call(sandbox, 'GET', `/connections/${id}/certificates`)).items).toHaveLength(1);
  });

  it('gate SSH tunnels on the host key fingerprint the same way', async () => {
    const legacy = await groupId(sandbox, 'warehouse_legacy');
    const id = await connectionId(sandbox, legacy, 'analytics_pg');
    const first = await runTests(id, { trust_certificates: true });
    const [ssh] = failed(first);
    expect(ssh).toMatchObject({ title: 'SSH Tunnel Connection', message: 'The ssh key might have changed' });
    const { hash, public_key } = ssh?.details ?? { hash: '', public_key: '' };
    const approved = await call(sandbox, 'POST', `/connections/${id}/fingerprints`, { body: { hash, public_key } });
    expect(approved.status).toBe(201);
    expect(failed(await runTests(id))).toEqual([]);
    expect(dataOf<{ hash: string }>(await call(sandbox, 'GET', `/connections/${id}/fingerprints/${hash}`)).hash).toBe(hash);
  });

  it('apply to new connections whose host presents one, and to create-time trust', async () => {
    const group = await groupId(sandbox, 'warehouse_new');
    const body = { service: 'postgres', group_id: group, config: { schema_prefix: 'legacy_new', host: 'legacy-db.example.com' } };
    const created = dataOf<Tested>(await call(sandbox, 'POST', '/connections', { body }));
    expect(created.status.setup_state).toBe('broken');
    const trustedAtCreate = dataOf<Tested>(
      await call(sandbox, 'POST', '/connections', { body: { ...body, trust_certificates: 'true', config: { ...body.config, schema_prefix: 'legacy_new2' } } }),
    );
    expect(trustedAtCreate.status.setup_state).toBe('connected');
  });

  it('answer 400 for missing fields and 404 for unknown owners or hashes', async () => {
    const legacy = await groupId(sandbox, 'warehouse_legacy');
    const id = await connectionId(sandbox, legacy, 'erp_pg');
    const missing = await call(sandbox, 'POST', `/connections/${id}/certificates`, { body: { hash: 'x' } });
    expect(missing.json).toEqual({ code: 'InvalidInput', message: "Field 'encoded_cert' is required" });
    expect((await call(sandbox, 'POST', `/connections/${id}/fingerprints`, { body: { hash: 'x' } })).json.message).toBe("Field 'public_key' is required");
    expect((await call(sandbox, 'GET', '/connections/nope/certificates')).json.code).toBe('NotFound_Connection');
    expect((await call(sandbox, 'GET', `/connections/${id}/certificates/nope`)).json.code).toBe('NotFound_Certificate');
    expect((await call(sandbox, 'DELETE', `/destinations/${legacy}/fingerprints/nope`)).json.code).toBe('NotFound_Fingerprint');
  });

  it('work for destinations too', async () => {
    const group = dataOf<{ id: string }>(await call(sandbox, 'POST', '/groups', { body: { name: 'legacy_warehouse_group' } }));
    const created = dataOf<{ setup_status: string; setup_tests: SetupTest[] }>(
      await call(sandbox, 'POST', '/destinations', {
        body: { group_id: group.id, service: 'postgres_warehouse', time_zone_offset: '0', region: 'AWS_US_EAST_1', config: { host: 'legacy-warehouse.example.com', port: 5432 } },
      }),
    );
    expect(created.setup_status).toBe('broken');
    const hash = created.setup_tests.find((t) => t.status === 'FAILED')?.details?.hash as string;
    await call(sandbox, 'POST', `/destinations/${group.id}/certificates`, { body: { hash, encoded_cert: 'QUJD' } });
    const tested = await call(sandbox, 'POST', `/destinations/${group.id}/test`, { body: {} });
    expect(dataOf<{ setup_status: string }>(tested).setup_status).toBe('connected');
  });
});
