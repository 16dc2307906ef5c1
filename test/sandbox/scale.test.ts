/** 100 000 connections: quick to start, every page cheap, the whole list reachable by cursor. */
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { SandboxHandle } from '../../src/sandbox/index.js';
import { call, dataOf, listAll } from './support.js';
import type { Page } from './support.js';

let handle: SandboxHandle | undefined;
const authorization = `Basic ${Buffer.from('sandbox:sandbox').toString('base64')}`;
const target = (): { url: string; authorization: string } => ({ url: (handle as SandboxHandle).url, authorization });

afterAll(async () => {
  await handle?.stop();
});

describe('a sandbox with 100 000 connections', () => {
  it('starts within a few seconds', async () => {
    const begin = performance.now();
    handle = await startSandbox({ connections: 100_000, groups: 20, rateLimit: false });
    // Typically ~1.5 s on this 2-core machine; generous for a loaded CI runner.
    expect(performance.now() - begin).toBeLessThan(10_000);
  });

  it('lists every connection by cursor, each exactly once', async () => {
    const begin = performance.now();
    const items = await listAll<{ id: string; group_id: string }>(target(), '/connections', 1000);
    expect(items).toHaveLength(100_000);
    expect(new Set(items.map((c) => c.id)).size).toBe(100_000);
    expect(performance.now() - begin).toBeLessThan(20_000);
  });

  it('answers a deep page as fast as the first (pages are slices, not scans)', async () => {
    const time = async (path: string): Promise<number> => {
      const begin = performance.now();
      for (let i = 0; i < 5; i++) dataOf(await call(target(), 'GET', path));
      return performance.now() - begin;
    };
    const firstPage = await time('/connections?limit=100');
    const lastPage = dataOf<Page<unknown>>(await call(target(), 'GET', '/connections?limit=100&cursor=eyJza2lwIjo5OTkwMH0'));
    expect(lastPage.items).toHaveLength(100);
    expect(lastPage.next_cursor).toBeUndefined();
    const deepPage = await time('/connections?limit=100&cursor=eyJza2lwIjo5OTkwMH0');
    expect(deepPage).toBeLessThan(firstPage * 5 + 100);
  });

  it('filters one group and finds one connection by name without listing everything', async () => {
    const groups = await listAll<{ id: string }>(target(), '/groups');
    expect(groups).toHaveLength(20);
    const group = groups.at(-1)?.id as string;
    const ofGroup = dataOf<Page<{ id: string; schema: string; group_id: string }>>(await call(target(), 'GET', `/groups/${group}/connections?limit=1000`));
    expect(ofGroup.items.length).toBe(1000);
    expect(ofGroup.items.every((c) => c.group_id === group)).toBe(true);
    const one = ofGroup.items[500];
    const found = dataOf<Page<{ id: string }>>(await call(target(), 'GET', `/connections?group_id=${group}&schema=${one?.schema}`));
    expect(found.items.map((c) => c.id)).toEqual([one?.id]);
  });
});
