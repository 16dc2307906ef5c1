/**
 * Dependencies are pinned: package-lock.json records every dependency package.json names, at one
 * exact version with an integrity hash, so `npm ci` installs byte-for-byte what was tested.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

interface LockEntry {
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const read = (name: string): unknown => JSON.parse(readFileSync(fileURLToPath(new URL(`../../${name}`, import.meta.url)), 'utf8'));
const manifest = read('package.json') as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
const lock = read('package-lock.json') as { lockfileVersion: number; packages: Record<string, LockEntry> };

describe('the lock file', () => {
  it('is a version 3 lock whose root lists exactly the dependencies of package.json', () => {
    expect(lock.lockfileVersion).toBe(3);
    expect(lock.packages['']?.dependencies).toEqual(manifest.dependencies);
    expect(lock.packages['']?.devDependencies).toEqual(manifest.devDependencies);
  });

  it('pins every package to one version, from the registry, with an integrity hash', () => {
    const installed = Object.entries(lock.packages).filter(([path, entry]) => path !== '' && !entry.link);
    expect(installed.length).toBeGreaterThan(Object.keys(manifest.dependencies).length);
    // Optional platform packages never installed here carry no `resolved`; the ones that were come from the registry.
    const fromElsewhere = (entry: LockEntry): boolean => entry.resolved !== undefined && !entry.resolved.startsWith('https://registry.npmjs.org/');
    const unpinned = installed.filter(([, entry]) => !/^\d+\.\d+\.\d+/.test(entry.version ?? '') || fromElsewhere(entry) || !entry.integrity?.startsWith('sha512-'));
    expect(unpinned.map(([path]) => path)).toEqual([]);
  });
});
