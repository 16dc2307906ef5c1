import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { call, dataOf, groupId } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'atlas-sandbox-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const authorization = `Basic ${Buffer.from('sandbox:sandbox').toString('base64')}`;

describe('stateFile', () => {
  it('saves the state on stop and reloads it on the next start, secrets masked', async () => {
    const file = join(dir, 'state.json');
    const first = await startSandbox({ stateFile: file, rateLimit: false });
    const target = { url: first.url, authorization };
    const group = await groupId(target, 'warehouse_new');
    const created = dataOf<{ id: string }>(
      await call(target, 'POST', '/connections', { body: { service: 'postgres', group_id: group, config: { schema_prefix: 'kept_pg', password: 'do-not-write-me' } } }),
    );
    await call(target, 'POST', '/groups', { body: { name: 'kept_group' } });
    await first.stop();

    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('do-not-write-me');
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const second = await startSandbox({ stateFile: file, rateLimit: false });
    const again = { url: second.url, authorization };
    const reloaded = dataOf<{ schema: string; config: { password: string } }>(await call(again, 'GET', `/connections/${created.id}`));
    expect(reloaded).toMatchObject({ schema: 'kept_pg', config: { password: '******' } });
    expect(await groupId(again, 'kept_group')).toMatch(/^[a-z]+_[a-z0-9]+$/);
    const newer = dataOf<{ id: string }>(await call(again, 'POST', '/groups', { body: { name: 'after_reload' } }));
    expect(second.state().groups.filter((g) => g.id === newer.id)).toHaveLength(1);
    await second.stop();
  });

  it('refuses a file that is not a sandbox state', async () => {
    const file = join(dir, 'other.json');
    writeFileSync(file, '{"hello":"world"}');
    await expect(startSandbox({ stateFile: file })).rejects.toThrow(/not a sandbox state file/);
  });
});
