/**
 * Walks every operation the sandbox serves, on success and error paths, and validates each answer
 * against the response schemas of the committed OpenAPI subset.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { subsetValidator } from '../../src/openapi/validator.js';
import { SERVED_OPERATIONS } from '../../src/sandbox/served-operations.js';
import { useSandbox } from '../helpers/sandbox.js';
import { call, dataOf, groupId } from './support.js';
import type { Answer, CallOptions } from './support.js';

let clock = Date.UTC(2026, 5, 1);
const sandbox = useSandbox({ now: () => clock, syncDurationMs: 1_000, rateLimit: false });

const problems: string[] = [];
const succeeded = new Set<string>();
const failedStatuses = new Map<string, Set<number>>();

/** Calls the sandbox and validates the answer against the definition (when the operation is in it). */
async function checked(method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const answer = await call(sandbox, method, path, options);
  const validator = subsetValidator();
  const resolved = validator.resolve(method, `/v1${path}`);
  if (resolved) {
    const key = `${method} ${resolved.template}`;
    for (const issue of validator.validateResponse(method, `/v1${path}`, answer.status, answer.json)) {
      problems.push(`${key} → ${answer.status}: ${issue.field || '(body)'}: ${issue.message}`);
    }
    if (answer.status < 300) succeeded.add(key);
    else failedStatuses.set(key, (failedStatuses.get(key) ?? new Set()).add(answer.status));
  }
  return answer;
}

async function expectStatus(status: number, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const answer = await checked(method, path, options);
  expect(answer.status, `${method} ${path} → ${JSON.stringify(answer.json)}`).toBe(status);
  return answer;
}

const enc = encodeURIComponent;

describe('every route answers what the definition declares', () => {
  afterAll(() => {
    // Reported here too so a failure lists every mismatch at once.
    if (problems.length > 0) console.error(problems.join('\n'));
  });

  it('account, roles and metadata', async () => {
    await expectStatus(200, 'GET', '/account/info');
    await expectStatus(200, 'GET', '/roles?limit=3');
    await expectStatus(200, 'GET', '/metadata/connector-types?limit=10');
    await expectStatus(200, 'GET', '/metadata/connector-types/postgres');
    await expectStatus(404, 'GET', '/metadata/connector-types/not_a_service');
    await expectStatus(400, 'GET', '/metadata/connector-types?limit=0');
    await expectStatus(401, 'GET', '/account/info', { authorization: null });
  });

  it('groups, destinations, their certificates and group users', async () => {
    const group = dataOf<{ id: string }>(await expectStatus(201, 'POST', '/groups', { body: { name: 'contract_group' } }));
    await expectStatus(409, 'POST', '/groups', { body: { name: 'contract_group' } });
    await expectStatus(400, 'POST', '/groups', { body: {} });
    await expectStatus(200, 'GET', '/groups');
    await expectStatus(200, 'GET', `/groups/${group.id}`);
    await expectStatus(404, 'GET', '/groups/no_such_group');
    await expectStatus(200, 'PATCH', `/groups/${group.id}`, { body: { name: 'contract_group_renamed' } });
    await expectStatus(200, 'GET', `/groups/${group.id}/public-key`);
    await expectStatus(200, 'GET', `/groups/${group.id}/service-account`);
    await expectStatus(200, 'GET', `/groups/${group.id}/connections`);
    await expectStatus(404, 'GET', '/groups/no_such_group/connections');
    await expectStatus(200, 'POST', `/groups/${group.id}/users`, { body: { email: 'priya.raman@example.com', role: 'Destination Analyst' } });
    await expectStatus(404, 'POST', `/groups/${group.id}/users`, { body: { email: 'nobody@example.com', role: 'Destination Analyst' } });
    const users = dataOf<{ items: { id: string }[] }>(await expectStatus(200, 'GET', `/groups/${group.id}/users`));
    await expectStatus(200, 'DELETE', `/groups/${group.id}/users/${users.items[0]?.id}`);

    const body = { group_id: group.id, service: 'snowflake', time_zone_offset: '-5', config: { host: 'x.snowflakecomputing.com', port: 443, password: 'pw' } };
    await expectStatus(201, 'POST', '/destinations', { body });
    await expectStatus(409, 'POST', '/destinations', { body });
    await expectStatus(400, 'POST', '/destinations', { body: { ...body, service: 'nope' } });
    await expectStatus(400, 'POST', '/destinations', { body: { group_id: group.id, service: 'snowflake' } });
    await expectStatus(404, 'POST', '/destinations', { body: { ...body, group_id: 'no_such_group' } });
    await expectStatus(200, 'GET', '/destinations');
    await expectStatus(200, 'GET', `/destinations/${group.id}`);
    await expectStatus(404, 'GET', '/destinations/no_such_destination');
    await expectStatus(200, 'PATCH', `/destinations/${group.id}`, { body: { region: 'AWS_US_EAST_1', run_setup_tests: true } });
    await expectStatus(200, 'POST', `/destinations/${group.id}/test`, { body: { trust_certificates: true } });

    const base = `/destinations/${group.id}`;
    await expectStatus(201, 'POST', `${base}/certificates`, { body: { hash: 'abc', encoded_cert: 'TUlJQg==' } });
    await expectStatus(400, 'POST', `${base}/certificates`, { body: { hash: 'abc' } });
    await expectStatus(200, 'GET', `${base}/certificates`);
    await expectStatus(200, 'GET', `${base}/certificates/abc`);
    await expectStatus(200, 'DELETE', `${base}/certificates/abc`);
    await expectStatus(404, 'GET', `${base}/certificates/abc`);
    await expectStatus(201, 'POST', `${base}/fingerprints`, { body: { hash: 'fp1', public_key: 'ssh-rsa AAAA' } });
    await expectStatus(400, 'POST', `${base}/fingerprints`, { body: { public_key: 'ssh-rsa AAAA' } });
    await expectStatus(200, 'GET', `${base}/fingerprints`);
    await expectStatus(200, 'GET', `${base}/fingerprints/fp1`);
    await expectStatus(200, 'DELETE', `${base}/fingerprints/fp1`);
    await expectStatus(404, 'DELETE', `${base}/fingerprints/fp1`);

    await expectStatus(200, 'DELETE', `/destinations/${group.id}`);
    await expectStatus(200, 'DELETE', `/groups/${group.id}`);
    await expectStatus(404, 'DELETE', `/groups/${group.id}`);
  });

  it('connections: CRUD, actions, state', async () => {
    const legacy = await groupId(sandbox, 'warehouse_legacy');
    await expectStatus(409, 'DELETE', `/destinations/${legacy}`);
    const create = {
      service: 'postgres',
      group_id: legacy,
      run_setup_tests: true,
      config: { schema_prefix: 'contract_pg', host: 'db.example.com', port: 5432, database: 'erp', user: 'u', password: 'secret', update_method: 'WAL_PGOUTPUT' },
    };
    const created = dataOf<{ id: string }>(await expectStatus(201, 'POST', '/connections', { body: create }));
    await expectStatus(409, 'POST', '/connections', { body: create });
    await expectStatus(400, 'POST', '/connections', { body: { group_id: legacy } });
    await expectStatus(400, 'POST', '/connections', { body: { ...create, service: 'share_point' } });
    await expectStatus(404, 'POST', '/connections', { body: { ...create, group_id: 'no_such_group' } });
    await expectStatus(200, 'GET', '/connections?limit=5');
    await expectStatus(200, 'GET', `/connections?group_id=${legacy}&schema=contract_pg`);
    await expectStatus(400, 'GET', '/connections?cursor=@@@');
    await expectStatus(200, 'GET', `/groups/${legacy}/connections?limit=50`);
    await expectStatus(200, 'GET', `/connections/${created.id}`);
    await expectStatus(404, 'GET', '/connections/no_such_connection');
    await expectStatus(200, 'PATCH', `/connections/${created.id}`, { body: { sync_frequency: 60, run_setup_tests: true } });
    await expectStatus(400, 'PATCH', `/connections/${created.id}`, { body: {} });
    await expectStatus(400, 'PATCH', `/connections/${created.id}`, { body: { sync_frequency: 7 } });
    await expectStatus(200, 'POST', `/connections/${created.id}/test`, { body: {} });
    await expectStatus(400, 'POST', `/connections/${created.id}/test`);
    await expectStatus(200, 'POST', `/connections/${created.id}/connect-card`, { body: { connect_card_config: { redirect_uri: 'https://example.com/back' } } });
    await expectStatus(400, 'POST', `/connections/${created.id}/connect-card`, { body: {} });
    await expectStatus(405, 'GET', `/connections/${created.id}/state`);

    await expectStatus(200, 'POST', `/connections/${created.id}/sync`, { body: { force: false } });
    await expectStatus(409, 'POST', `/connections/${created.id}/resync`, { body: {} });
    clock += 2_000;
    await expectStatus(200, 'POST', `/connections/${created.id}/resync`, { body: {} });
    await expectStatus(400, 'POST', `/connections/${created.id}/resync`, { body: { scope: {} } });
    await expectStatus(404, 'POST', '/connections/no_such_connection/sync', { body: {} });

    const legacyList = dataOf<{ items: { id: string; schema: string }[] }>(await checked('GET', `/groups/${legacy}/connections?limit=100`));
    const sdk = legacyList.items.find((c) => c.schema === 'sdk_orders');
    await expectStatus(200, 'GET', `/connections/${sdk?.id}/state`);
    await expectStatus(200, 'PATCH', `/connections/${sdk?.id}/state`, { body: { state: { cursor: '2026-02-01' } } });

    const base = `/connections/${created.id}`;
    await expectStatus(201, 'POST', `${base}/certificates`, { body: { hash: 'c1', encoded_cert: 'TUlJQg==' } });
    await expectStatus(200, 'GET', `${base}/certificates`);
    await expectStatus(200, 'GET', `${base}/certificates/c1`);
    await expectStatus(200, 'DELETE', `${base}/certificates/c1`);
    await expectStatus(404, 'DELETE', `${base}/certificates/c1`);
    await expectStatus(201, 'POST', `${base}/fingerprints`, { body: { hash: 'f1', public_key: 'ssh-rsa AAAA' } });
    await expectStatus(200, 'GET', `${base}/fingerprints`);
    await expectStatus(200, 'GET', `${base}/fingerprints/f1`);
    await expectStatus(200, 'DELETE', `${base}/fingerprints/f1`);
    await expectStatus(404, 'GET', `${base}/fingerprints/f1`);
    await expectStatus(200, 'POST', '/certificates', { body: { connection_id: created.id, hash: 'c2', encoded_cert: 'TUlJQg==' } });
    await expectStatus(404, 'POST', '/certificates', { body: { connection_id: 'no_such_connection', hash: 'c2', encoded_cert: 'TUlJQg==' } });

    await expectStatus(200, 'DELETE', base);
    await expectStatus(404, 'DELETE', base);
  });

  it('schema configs at every level', async () => {
    const legacy = await groupId(sandbox, 'warehouse_legacy');
    const create = { service: 'salesforce', group_id: legacy, config: { schema: 'contract_sf' } };
    const sf = dataOf<{ id: string }>(await expectStatus(201, 'POST', '/connections', { body: create }));
    const base = `/connections/${sf.id}/schemas`;
    await expectStatus(404, 'GET', base);
    await expectStatus(200, 'POST', `${base}/reload`, { body: { exclude_mode: 'PRESERVE' } });
    await expectStatus(200, 'GET', base);
    await expectStatus(409, 'POST', base, { body: { schemas: {} } });
    await expectStatus(200, 'PATCH', base, { body: { schema_change_handling: 'ALLOW_COLUMNS', schemas: { salesforce: { enabled: true, tables: { Lead: { enabled: false } } } } } });
    await expectStatus(404, 'PATCH', base, { body: { schemas: { nope: { enabled: true } } } });
    await expectStatus(200, 'PATCH', `${base}/salesforce`, { body: { enabled: true, tables: { Case: { enabled: false } } } });
    await expectStatus(200, 'PATCH', `${base}/salesforce/tables/Account`, { body: { enabled: true, sync_mode: 'HISTORY' } });
    await expectStatus(400, 'PATCH', `${base}/salesforce/tables/Attachment`, { body: { enabled: true } });
    await expectStatus(400, 'PATCH', `${base}/salesforce/tables/Attachment/columns/Body`, { body: { enabled: false } });
    await expectStatus(404, 'PATCH', `${base}/salesforce/tables/account`, { body: { enabled: true } });
    await expectStatus(200, 'PATCH', `${base}/salesforce/tables/Account/columns/AccountNumber`, { body: { enabled: true, hashed: true } });
    await expectStatus(400, 'PATCH', `${base}/salesforce/tables/Account/columns/Id`, { body: { enabled: false } });
    await expectStatus(200, 'GET', `${base}/salesforce/tables/Account/columns`);
    await expectStatus(404, 'GET', `${base}/salesforce/tables/Nope/columns`);
    await expectStatus(409, 'POST', `${base}/drop-columns`, { body: { schemas: { salesforce: { tables: { Account: { columns: ['Name'] } } } } } });
    await expectStatus(200, 'PATCH', `${base}/salesforce/tables/Account/columns/Name`, { body: { enabled: false } });
    await expectStatus(200, 'PATCH', `${base}/salesforce/tables/Account/columns/Type`, { body: { enabled: false } });
    await expectStatus(200, 'POST', `${base}/drop-columns`, { body: { schemas: { salesforce: { tables: { Account: { columns: ['Name'] } } } } } });
    await expectStatus(200, 'DELETE', `${base}/salesforce/tables/Account/columns/Type`);
    await expectStatus(409, 'DELETE', `${base}/salesforce/tables/Account/columns/Industry`);
    await expectStatus(200, 'POST', `${base}/tables/resync`, { body: { salesforce: ['Account', 'Contact'] } });
    await expectStatus(400, 'POST', `${base}/tables/resync`, { body: { salesforce: ['Nope'] } });

    const fresh = dataOf<{ id: string }>(await expectStatus(201, 'POST', '/connections', { body: { ...create, config: { schema: 'contract_sf2' } } }));
    await expectStatus(200, 'POST', `/connections/${fresh.id}/schemas`, {
      body: { schema_change_handling: 'BLOCK_ALL', schemas: { salesforce: { enabled: true, tables: { Account: { enabled: true, columns: { Name: { enabled: true } } } } } } },
    });
    await expectStatus(400, 'POST', `/connections/${fresh.id}/schemas`, { body: {} });
    await expectStatus(200, 'GET', `/connections/${fresh.id}/schemas/${enc('salesforce')}/tables/Account/columns`);
  });

  it('users, teams and memberships', async () => {
    const legacy = await groupId(sandbox, 'warehouse_legacy');
    const connection = dataOf<{ items: { id: string }[] }>(await checked('GET', `/groups/${legacy}/connections?limit=1`)).items[0]?.id as string;
    const user = dataOf<{ id: string }>(
      await expectStatus(201, 'POST', '/users', { body: { email: 'new.person@example.com', given_name: 'New', family_name: 'Person', role: 'Account Reviewer' } }),
    );
    await expectStatus(409, 'POST', '/users', { body: { email: 'new.person@example.com', given_name: 'New', family_name: 'Person' } });
    await expectStatus(400, 'POST', '/users', { body: { email: 'x@example.com' } });
    await expectStatus(200, 'GET', '/users?active=true');
    await expectStatus(200, 'GET', `/users/${user.id}`);
    await expectStatus(404, 'GET', '/users/no_such_user');
    await expectStatus(200, 'PATCH', `/users/${user.id}`, { body: { phone: '+15550100' } });
    for (const [kind, target] of [
      ['groups', legacy],
      ['connections', connection],
    ] as const) {
      await expectStatus(201, 'POST', `/users/${user.id}/${kind}`, { body: { id: target, role: 'Reviewer' } });
      await expectStatus(409, 'POST', `/users/${user.id}/${kind}`, { body: { id: target, role: 'Reviewer' } });
      await expectStatus(200, 'GET', `/users/${user.id}/${kind}`);
      await expectStatus(200, 'GET', `/users/${user.id}/${kind}/${target}`);
      await expectStatus(200, 'PATCH', `/users/${user.id}/${kind}/${target}`, { body: { role: 'Administrator' } });
      await expectStatus(200, 'DELETE', `/users/${user.id}/${kind}/${target}`);
      await expectStatus(404, 'DELETE', `/users/${user.id}/${kind}/${target}`);
    }
    await expectStatus(200, 'DELETE', `/users/${user.id}/role`);

    const team = dataOf<{ id: string }>(await expectStatus(201, 'POST', '/teams', { body: { name: 'Contract Team', role: 'Account Reviewer' } }));
    await expectStatus(409, 'POST', '/teams', { body: { name: 'Contract Team', role: 'Account Reviewer' } });
    await expectStatus(200, 'GET', '/teams');
    await expectStatus(200, 'GET', `/teams/${team.id}`);
    await expectStatus(200, 'PATCH', `/teams/${team.id}`, { body: { name: 'Contract Team 2' } });
    for (const [kind, target, field] of [
      ['users', user.id, 'user_id'],
      ['groups', legacy, 'id'],
      ['connections', connection, 'id'],
    ] as const) {
      await expectStatus(201, 'POST', `/teams/${team.id}/${kind}`, { body: { [field]: target, role: 'Team Member' } });
      await expectStatus(200, 'GET', `/teams/${team.id}/${kind}`);
      await expectStatus(200, 'GET', `/teams/${team.id}/${kind}/${target}`);
      await expectStatus(200, 'PATCH', `/teams/${team.id}/${kind}/${target}`, { body: { role: 'Team Manager' } });
      await expectStatus(200, 'DELETE', `/teams/${team.id}/${kind}/${target}`);
      await expectStatus(404, 'GET', `/teams/${team.id}/${kind}/${target}`);
    }
    await expectStatus(200, 'DELETE', `/teams/${team.id}/role`);
    await expectStatus(200, 'DELETE', `/teams/${team.id}`);
    await expectStatus(404, 'GET', `/teams/${team.id}`);
    await expectStatus(200, 'DELETE', `/users/${user.id}`);
    await expectStatus(404, 'DELETE', `/users/${user.id}`);
  });

  it('webhooks', async () => {
    const legacy = await groupId(sandbox, 'warehouse_legacy');
    const hook = dataOf<{ id: string }>(await expectStatus(200, 'POST', '/webhooks/account', { body: { url: 'https://example.com/h', events: ['sync_end'], secret: 's3cret' } }));
    await expectStatus(200, 'POST', `/webhooks/group/${legacy}`, { body: { url: 'https://example.com/g', events: ['sync_start'], active: true } });
    await expectStatus(400, 'POST', '/webhooks/account', { body: { url: 'https://example.com/h' } });
    await expectStatus(200, 'GET', '/webhooks');
    await expectStatus(200, 'GET', `/webhooks/${hook.id}`);
    await expectStatus(200, 'PATCH', `/webhooks/${hook.id}`, { body: { active: false } });
    await expectStatus(200, 'POST', `/webhooks/${hook.id}/test`, { body: { event: 'sync_end' } });
    await expectStatus(200, 'DELETE', `/webhooks/${hook.id}`);
    await expectStatus(404, 'GET', `/webhooks/${hook.id}`);
  });

  it('every answer matched the definition and every served operation succeeded at least once', () => {
    expect(problems).toEqual([]);
    const missing = SERVED_OPERATIONS.filter((operation) => !succeeded.has(operation));
    expect(missing).toEqual([]);
    // Error answers were validated too (against the declared or the error-envelope schema).
    expect([...failedStatuses.values()].reduce((n, statuses) => n + statuses.size, 0)).toBeGreaterThanOrEqual(50);
  });
});
