/** The sync state machine, driven by an injected clock instead of sleeping. */
import { describe, expect, it } from 'vitest';
import { useSandbox } from '../helpers/sandbox.js';
import { call, connectionId, dataOf, groupId } from './support.js';

let clock = Date.UTC(2026, 2, 1, 12, 0, 0);
const SYNC_MS = 60_000;
const sandbox = useSandbox({ now: () => clock, syncDurationMs: SYNC_MS, rateLimit: false });

interface Connection {
  id: string;
  paused: boolean;
  succeeded_at: string | null;
  failed_at: string | null;
  status: { setup_state: string; sync_state: string; is_historical_sync: boolean; tasks: { code: string }[] };
}

const get = async (id: string): Promise<Connection> => dataOf<Connection>(await call(sandbox, 'GET', `/connections/${id}`));

async function fresh(name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const group = await groupId(sandbox, 'warehouse_new');
  const created = await call(sandbox, 'POST', '/connections', { body: { service: 'salesforce', group_id: group, config: { schema: name }, ...extra } });
  return dataOf<{ id: string }>(created).id;
}

describe('sync', () => {
  it('moves to syncing at once and back to scheduled with succeeded_at advanced', async () => {
    const id = await fresh('sync_basic');
    expect(await get(id)).toMatchObject({ succeeded_at: null, status: { sync_state: 'scheduled', is_historical_sync: true } });
    const triggeredAt = clock;
    const answer = await call(sandbox, 'POST', `/connections/${id}/sync`, { body: { force: false } });
    expect(answer.json).toEqual({ code: 'Success', message: `Sync has been successfully triggered for connection with id '${id}'` });
    expect((await get(id)).status.sync_state).toBe('syncing');
    clock += SYNC_MS - 1;
    expect((await get(id)).status.sync_state).toBe('syncing');
    clock += 1;
    const done = await get(id);
    expect(done.status).toMatchObject({ sync_state: 'scheduled', is_historical_sync: false });
    expect(Date.parse(done.succeeded_at as string)).toBe(triggeredAt + SYNC_MS);
    expect(done.failed_at).toBeNull();
  });

  it('builds the schema config when the first sync completes', async () => {
    const id = await fresh('sync_schema');
    expect((await call(sandbox, 'GET', `/connections/${id}/schemas`)).json.code).toBe('NotFound_SchemaConfig');
    await call(sandbox, 'POST', `/connections/${id}/sync`, { body: {} });
    clock += SYNC_MS;
    const config = dataOf<{ schemas: Record<string, unknown> }>(await call(sandbox, 'GET', `/connections/${id}/schemas`));
    expect(Object.keys(config.schemas)).toEqual(['salesforce']);
  });

  it('ignores a trigger while running unless forced, which restarts the sync', async () => {
    const id = await fresh('sync_force');
    await call(sandbox, 'POST', `/connections/${id}/sync`);
    clock += SYNC_MS / 2;
    await call(sandbox, 'POST', `/connections/${id}/sync`, { body: { force: false } });
    clock += SYNC_MS / 2;
    expect((await get(id)).status.sync_state).toBe('scheduled');

    await call(sandbox, 'POST', `/connections/${id}/sync`, { body: {} });
    clock += SYNC_MS / 2;
    const restartedAt = clock;
    await call(sandbox, 'POST', `/connections/${id}/force`);
    clock += SYNC_MS / 2;
    expect((await get(id)).status.sync_state).toBe('syncing');
    clock += SYNC_MS / 2;
    expect(Date.parse((await get(id)).succeeded_at as string)).toBe(restartedAt + SYNC_MS);
  });

  it('does nothing on a paused connection and stops a running sync when paused', async () => {
    const id = await fresh('sync_paused', { paused: true });
    await call(sandbox, 'POST', `/connections/${id}/sync`, { body: { force: true } });
    expect((await get(id)).status.sync_state).toBe('paused');
    await call(sandbox, 'PATCH', `/connections/${id}`, { body: { paused: false } });
    await call(sandbox, 'POST', `/connections/${id}/sync`, { body: {} });
    await call(sandbox, 'PATCH', `/connections/${id}`, { body: { paused: true } });
    clock += SYNC_MS;
    expect(await get(id)).toMatchObject({ succeeded_at: null, status: { sync_state: 'paused' } });
  });

  it('fails syncs of broken connections: failed_at set, a reconnect task shown', async () => {
    const legacy = await groupId(sandbox, 'warehouse_legacy');
    const id = await connectionId(sandbox, legacy, 'billing_pg');
    const before = await get(id);
    expect(before.status.setup_state).toBe('broken');
    const triggeredAt = clock;
    await call(sandbox, 'POST', `/connections/${id}/sync`, { body: {} });
    clock += SYNC_MS;
    const after = await get(id);
    expect(Date.parse(after.failed_at as string)).toBe(triggeredAt + SYNC_MS);
    expect(after.succeeded_at).toBe(before.succeeded_at);
    expect(after.status.tasks).toEqual([{ code: 'reconnect', message: 'Reconnect' }]);
  });

  it('resync restarts history; refused while syncing; queued while paused', async () => {
    const id = await fresh('sync_resync');
    await call(sandbox, 'POST', `/connections/${id}/sync`);
    const busy = await call(sandbox, 'POST', `/connections/${id}/resync`, { body: {} });
    expect(busy.status).toBe(409);
    expect(busy.json.code).toBe('Conflict');
    clock += SYNC_MS;
    expect((await get(id)).status.is_historical_sync).toBe(false);
    const answer = await call(sandbox, 'POST', `/connections/${id}/resync`, { body: {} });
    expect(answer.json).toEqual({ code: 'Success', message: 'Re-sync has been triggered successfully' });
    expect((await get(id)).status).toMatchObject({ sync_state: 'syncing', is_historical_sync: true });
    clock += SYNC_MS;

    await call(sandbox, 'PATCH', `/connections/${id}`, { body: { paused: true } });
    await call(sandbox, 'POST', `/connections/${id}/resync`, { body: { scope: { salesforce: ['Account'] } } });
    expect((await get(id)).status).toMatchObject({ sync_state: 'paused', is_historical_sync: true });
    await call(sandbox, 'PATCH', `/connections/${id}`, { body: { paused: false } });
    expect((await get(id)).status.sync_state).toBe('syncing');
  });

  it('validates resync scopes against the schema config', async () => {
    const legacy = await groupId(sandbox, 'warehouse_legacy');
    const id = await connectionId(sandbox, legacy, 'salesforce');
    clock += SYNC_MS;
    for (const scope of [{}, { salesforce: [] }, { nope: ['Account'] }, { salesforce: ['account'] }]) {
      const answer = await call(sandbox, 'POST', `/connections/${id}/resync`, { body: { scope } });
      expect(answer.status, JSON.stringify(scope)).toBe(400);
      expect(answer.json.code).toBe('InvalidInput');
    }
    const tables = await call(sandbox, 'POST', `/connections/${id}/schemas/tables/resync`, { body: { salesforce: ['Opportunity'] } });
    expect(tables.json.message).toBe('Re-sync has been triggered successfully');
    expect((await get(id)).status.sync_state).toBe('syncing');
    clock += SYNC_MS;
    const goStyle = await call(sandbox, 'POST', `/connections/${id}/schemas/salesforce/tables/Account/resync`);
    expect(goStyle.status).toBe(200);
  });

  it('is_historical_sync: true on PATCH starts a historical sync', async () => {
    const id = await fresh('sync_historical');
    await call(sandbox, 'POST', `/connections/${id}/sync`);
    clock += SYNC_MS;
    const patched = dataOf<Connection>(await call(sandbox, 'PATCH', `/connections/${id}`, { body: { is_historical_sync: true } }));
    expect(patched.status).toMatchObject({ sync_state: 'syncing', is_historical_sync: true });
  });

  it('seeded mid-sync connections finish after the sync duration', async () => {
    const legacy = await groupId(sandbox, 'warehouse_legacy');
    const id = await connectionId(sandbox, legacy, 'payroll_rds');
    sandbox.reset();
    expect((await get(id)).status.sync_state).toBe('syncing');
    clock += SYNC_MS;
    expect((await get(id)).status.sync_state).toBe('scheduled');
  });
});
