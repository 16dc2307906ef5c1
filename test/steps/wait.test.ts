import { beforeEach, describe, expect, it } from 'vitest';
import { runYaml } from '../helpers/run-workflow.js';
import { useSandbox } from '../helpers/sandbox.js';
import { expectFailure, groupIdOf, outputsOf, seeded, writesApplied } from './ops-support.js';

const SYNC_MS = 60;
const sandbox = useSandbox({ rateLimit: false, syncDurationMs: SYNC_MS });
/** Syncs that outlast any test: a wait on them can only time out. */
const slow = useSandbox({ rateLimit: false, syncDurationMs: 600_000 });

beforeEach(() => {
  sandbox.reset();
  slow.reset();
});

const syncAndWait = (id: string, waitWith = '') => `name: sync and wait
steps:
  - id: kick
    sync: ${id}
  - id: done
    wait: sync-finished
    with:
      connection: ${id}
      since: \${{ steps.kick.triggered_at }}
      interval: 5ms
${waitWith}`;

/** An engine clock that jumps forward when slept on, so minutes of waiting take no time. */
function fakeClock() {
  let now = Date.now();
  const slept: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    slept,
  };
}

describe('wait: sync-finished', () => {
  it('waits for the sync it triggered, not the previous one, and reports success', async () => {
    const erp = seeded(sandbox, 'erp_pg');
    expect(erp.succeeded_at).not.toBeNull();
    const run = await runYaml(syncAndWait(erp.id), sandbox);
    expect(run.summary.status).toBe('ok');
    const triggered = Date.parse(String(outputsOf(run, 'kick').triggered_at));
    const done = outputsOf(run, 'done') as { result: string; waited_ms: number; object: { succeeded_at: string } };
    expect(done.result).toBe('succeeded');
    expect(Date.parse(done.object.succeeded_at)).toBeGreaterThanOrEqual(triggered);
    expect(Date.parse(done.object.succeeded_at)).toBeGreaterThan(Date.parse(erp.succeeded_at!));
    // The sync it saw finish started after the trigger: it is the one this run triggered.
    expect(Date.parse(done.object.succeeded_at) - triggered).toBeGreaterThanOrEqual(SYNC_MS - 5);
  });

  it('fails the item when the sync fails, unless allow_failure', async () => {
    const billing = seeded(sandbox, 'billing_pg');
    expect(billing.status.setup_state).toBe('broken');
    const run = await runYaml(syncAndWait(billing.id), sandbox);
    expectFailure(run, 'done', `sync of connection ${billing.id} failed at`);

    const allowed = await runYaml(syncAndWait(billing.id, '      allow_failure: true'), sandbox);
    expect(allowed.summary.status).toBe('ok');
    expect(outputsOf(allowed, 'done')).toMatchObject({ result: 'failed', object: { id: billing.id } });
  });

  it('gives up after the timeout, saying what it last saw, with growing delays between reads', async () => {
    const erp = seeded(slow, 'erp_pg');
    const clock = fakeClock();
    const yaml = syncAndWait(erp.id, '      timeout: 10m\n      interval: 10s\n      max_interval: 1m');
    const run = await runYaml(yaml.replace('      interval: 5ms\n', ''), slow, { now: clock.now, sleep: clock.sleep });
    expectFailure(run, 'done', /gave up after 10m 00s: sync of connection \w+ triggered at .* has not finished \(sync_state syncing, succeeded_at /);
    expect(clock.slept.slice(0, 5)).toEqual([10_000, 15_000, 22_500, 33_750, 50_625]);
    expect(clock.slept.slice(5, 7)).toEqual([60_000, 60_000]);
    expect(clock.slept.reduce((a, b) => a + b, 0)).toBe(600_000);
  });

  it('fails fast on a paused connection: no sync will finish', async () => {
    const hr = seeded(sandbox, 'hr_mssql');
    const run = await runYaml(syncAndWait(hr.id), sandbox);
    expectFailure(run, 'done', `connection ${hr.id} is paused`);
  });

  it('stops when the run is interrupted', async () => {
    const erp = seeded(slow, 'erp_pg');
    const controller = new AbortController();
    const sleep = async () => controller.abort();
    const run = await runYaml(syncAndWait(erp.id), slow, { sleep, signal: controller.signal });
    expect(run.summary.status).toBe('interrupted');
    expect(String(outputsOf(run, 'done').error)).toContain('interrupted while waiting');
  });

  it('does not wait in a dry run, and checks its inputs', async () => {
    const erp = seeded(sandbox, 'erp_pg');
    const dry = await runYaml(syncAndWait(erp.id), sandbox, { dryRun: true });
    expect(outputsOf(dry, 'done')).toMatchObject({ status: 'skipped', result: 'planned' });
    expect(writesApplied(sandbox)).toBe(0);

    const noSince = await runYaml(`name: w\nsteps:\n  - id: done\n    wait: sync-finished\n    with: { connection: ${erp.id} }\n`, sandbox);
    expectFailure(noSince, 'done', "needs 'since'");
    const badSince = await runYaml(`name: w\nsteps:\n  - id: done\n    wait: sync-finished\n    with: { connection: ${erp.id}, since: yesterday }\n`, sandbox);
    expectFailure(badSince, 'done', "input 'since' must be an ISO time");
  });
});

describe('wait: setup-connected', () => {
  it('returns at once for a connected connection and fails fast on a broken one', async () => {
    const erp = seeded(sandbox, 'erp_pg');
    const ok = await runYaml(`name: w\nsteps:\n  - id: up\n    wait: setup-connected\n    with: { connection: ${erp.id} }\n`, sandbox);
    expect(outputsOf(ok, 'up')).toMatchObject({ result: 'connected', object: { id: erp.id } });

    const billing = seeded(sandbox, 'billing_pg');
    const broken = await runYaml(`name: w\nsteps:\n  - id: up\n    wait: setup-connected\n    with: { connection: ${billing.id} }\n`, sandbox);
    expectFailure(broken, 'up', `setup of connection ${billing.id} is broken (Reconnect)`);
  });

  it('times out on a connection whose setup never ran', async () => {
    const hubspot = seeded(sandbox, 'hubspot');
    expect(hubspot.status.setup_state).toBe('incomplete');
    const clock = fakeClock();
    const run = await runYaml(`name: w\nsteps:\n  - id: up\n    wait: setup-connected\n    with: { connection: ${hubspot.id}, timeout: 2m }\n`, sandbox, clock);
    expectFailure(run, 'up', `gave up after 2m 00s: connection ${hubspot.id} is still incomplete`);
  });
});

describe('wait: condition', () => {
  it('polls a GET until an expression over the answer holds', async () => {
    const erp = seeded(sandbox, 'erp_pg');
    const run = await runYaml(
      `name: w
steps:
  - id: kick
    sync: ${erp.id}
  - id: idle
    wait: condition
    until: item.status.sync_state == 'scheduled' && item.succeeded_at >= steps.kick.triggered_at
    with: { connection: ${erp.id}, interval: 5ms }
  - id: group
    wait: condition
    until: item.name == 'warehouse_legacy'
    with: { path: 'groups/${groupIdOf(sandbox, 'warehouse_legacy')}' }
`,
      sandbox,
    );
    expect(run.summary.status).toBe('ok');
    expect(outputsOf(run, 'idle')).toMatchObject({ result: 'met', object: { status: { sync_state: 'scheduled' } } });
    expect(outputsOf(run, 'group')).toMatchObject({ result: 'met', object: { name: 'warehouse_legacy' } });
    // Already true on the first read: nothing more was asked.
    expect(sandbox.stats().requests.byRoute['GET /v1/groups/{groupId}']).toEqual({ 200: 1 });
  });

  it('refuses until without a condition wait, and a condition without until', async () => {
    const erp = seeded(sandbox, 'erp_pg');
    const stray = await runYaml(`name: w\nsteps:\n  - id: up\n    wait: setup-connected\n    until: 'true'\n    with: { connection: ${erp.id} }\n`, sandbox);
    expectFailure(stray, 'up', "'until' only applies to wait: condition");
    const bare = await runYaml(`name: w\nsteps:\n  - id: c\n    wait: condition\n    with: { connection: ${erp.id} }\n`, sandbox);
    expectFailure(bare, 'c', "needs 'until'");
  });
});
