import { chmod, mkdir, mkdtemp, readdir, readFile, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { ensureDirectoryInside, isInsideRoot, readSqlFile, resolveInsideRoots, rewriteReadFile, rewriteSqlFiles, writeFileAtomic } from '../../src/sql/index.js';
import { loadMappingFixture } from './corpus-cases.js';

let dir: string;
let root: string;
let outside: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atlas-sql-'));
  root = join(dir, 'project');
  outside = join(dir, 'elsewhere');
  await mkdir(root);
  await mkdir(outside);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('isInsideRoot', () => {
  it('accepts the root and paths below it, and nothing else', () => {
    expect(isInsideRoot('/a/b', '/a/b')).toBe(true);
    expect(isInsideRoot('/a/b/c.sql', '/a/b')).toBe(true);
    expect(isInsideRoot('/a/bc/c.sql', '/a/b')).toBe(false);
    expect(isInsideRoot('/a/c.sql', '/a/b')).toBe(false);
  });
});

describe('readSqlFile', () => {
  it('reads UTF-8 text and keeps a byte-order mark', async () => {
    const path = join(root, 'bom.sql');
    await writeFile(path, '\ufeffselect 1;\r\n');
    expect(await readSqlFile(path, { roots: [root] })).toEqual({ ok: true, path, text: '\ufeffselect 1;\r\n' });
  });

  it('skips files that are not valid UTF-8, too large, not files, missing, or outside the roots', async () => {
    const latin1 = join(root, 'latin1.sql');
    await writeFile(latin1, Buffer.from([0x73, 0x65, 0x6c, 0xe9, 0x0a]));
    const big = join(root, 'big.sql');
    await writeFile(big, 'x'.repeat(101));
    const escaped = join(outside, 'secret.sql');
    await writeFile(escaped, 'select 1');
    const link = join(root, 'link.sql');
    await symlink(escaped, link);

    const reasons = await Promise.all(
      [latin1, big, root, join(root, 'missing.sql'), escaped, link].map(async (path) => {
        const read = await readSqlFile(path, { roots: [root], maxBytes: 100 });
        return read.ok ? 'ok' : `${read.reason}: ${read.message.replace(dir, '<tmp>')}`;
      }),
    );
    expect(reasons).toEqual([
      'not-utf8: <tmp>/project/latin1.sql: not valid UTF-8, skipped',
      'too-large: <tmp>/project/big.sql: 101 bytes is over the 100-byte limit, skipped',
      'not-a-file: <tmp>/project: not a regular file, skipped',
      expect.stringMatching(/^unreadable: <tmp>\/project\/missing\.sql: cannot read/),
      'outside-roots: <tmp>/elsewhere/secret.sql: outside the allowed directories, skipped',
      'outside-roots: <tmp>/project/link.sql: outside the allowed directories, skipped',
    ]);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the content, keeps the permissions, optionally keeps a backup, and leaves no temp file', async () => {
    const path = join(root, 'model.sql');
    await writeFile(path, 'old');
    await chmod(path, 0o640);
    const result = await writeFileAtomic(path, 'new ✓', { roots: [root], backupSuffix: '.bak' });
    expect(result).toEqual({ path, backupPath: `${path}.bak` });
    expect(await readFile(path, 'utf8')).toBe('new ✓');
    expect(await readFile(`${path}.bak`, 'utf8')).toBe('old');
    expect((await stat(path)).mode & 0o777).toBe(0o640);
    expect((await readdir(root)).sort()).toEqual(['model.sql', 'model.sql.bak']);
  });

  it('creates a new file and writes through a symlink to its real target', async () => {
    const target = join(root, 'real.sql');
    await writeFile(target, 'old');
    await symlink(target, join(root, 'alias.sql'));
    expect((await writeFileAtomic(join(root, 'alias.sql'), 'via link', { roots: [root] })).path).toBe(target);
    expect(await readFile(target, 'utf8')).toBe('via link');
    const created = await writeFileAtomic(join(root, 'created.sql'), 'fresh', { roots: [root], backupSuffix: '.bak' });
    expect(created.backupPath).toBeNull();
    expect(await readFile(join(root, 'created.sql'), 'utf8')).toBe('fresh');
  });

  it('refuses paths outside the roots, including through a symlink, and writes nothing', async () => {
    const victim = join(outside, 'victim.sql');
    await writeFile(victim, 'keep');
    await symlink(victim, join(root, 'trap.sql'));
    await expect(writeFileAtomic(victim, 'x', { roots: [root] })).rejects.toBeInstanceOf(UsageError);
    await expect(writeFileAtomic(join(root, 'trap.sql'), 'x', { roots: [root] })).rejects.toThrow(/outside the allowed directories/);
    await expect(writeFileAtomic(join(root, '..', 'elsewhere', 'new.sql'), 'x', { roots: [root] })).rejects.toBeInstanceOf(UsageError);
    expect(await readFile(victim, 'utf8')).toBe('keep');
    expect((await readdir(outside)).sort()).toEqual(['victim.sql']);
  });
});

describe('rewriteSqlFiles', () => {
  const mapping = loadMappingFixture(['salesforce']);
  const before = 'select a.AccountNumber\nfrom salesforce.Account a;\n';
  const after = 'select a.account_number\nfrom salesforce.Account a;\n';

  it('in a dry run returns the diff and the report and writes nothing', async () => {
    const path = join(root, 'q.sql');
    await writeFile(path, before);
    const [outcome] = await rewriteSqlFiles([path], mapping, { dialect: 'snowflake', roots: [root], dryRun: true });
    if (outcome?.status !== 'changed') throw new Error(`expected a changed outcome, got ${outcome?.status}`);
    expect(outcome).toMatchObject({ path, outputPath: path, backupPath: null });
    expect(outcome.diff).toBe(
      `--- a/${path.slice(1)}\n+++ b/${path.slice(1)}\n@@ -1,2 +1,2 @@\n-select a.AccountNumber\n+select a.account_number\n from salesforce.Account a;\n`,
    );
    expect(outcome.result.changes).toHaveLength(1);
    expect(await readFile(path, 'utf8')).toBe(before);
  });

  it('writes changed files in place with a backup, leaves unchanged ones alone, and reports skipped ones', async () => {
    const changed = join(root, 'changed.sql');
    const unchanged = join(root, 'unchanged.sql');
    const binary = join(root, 'binary.sql');
    await writeFile(changed, before);
    await writeFile(unchanged, after);
    await writeFile(binary, Buffer.from([0xff, 0xfe, 0x00]));
    const outcomes = await rewriteSqlFiles([changed, unchanged, binary, join(outside, 'x.sql')], mapping, {
      dialect: 'snowflake',
      roots: [root],
      backupSuffix: '.orig',
    });
    expect(outcomes.map((o) => o.status)).toEqual(['written', 'unchanged', 'skipped', 'skipped']);
    expect(await readFile(changed, 'utf8')).toBe(after);
    expect(await readFile(`${changed}.orig`, 'utf8')).toBe(before);
    expect((await readdir(root)).sort()).toEqual(['binary.sql', 'changed.sql', 'changed.sql.orig', 'unchanged.sql']);
  });

  it('writes to a separate output path when asked, leaving the input untouched', async () => {
    const input = join(root, 'in.sql');
    await writeFile(input, before);
    await mkdir(join(root, 'out'));
    const [outcome] = await rewriteSqlFiles([input], mapping, { dialect: 'snowflake', roots: [root], outputPath: () => join(root, 'out', 'in.sql') });
    expect(outcome?.status).toBe('written');
    expect(await readFile(join(root, 'out', 'in.sql'), 'utf8')).toBe(after);
    expect(await readFile(input, 'utf8')).toBe(before);
  });

  it('creates missing output directories, and does not rewrite a copy that already holds the result', async () => {
    const input = join(root, 'in.sql');
    await writeFile(input, before);
    const copy = join(root, 'out', 'deep', 'in.sql');
    const options = { dialect: 'snowflake', roots: [root], outputPath: () => copy } as const;
    expect((await rewriteReadFile({ path: input, text: before }, mapping, options)).status).toBe('written');
    const first = await stat(copy);
    const again = await rewriteReadFile({ path: input, text: before }, mapping, options);
    expect(again).toMatchObject({ status: 'unchanged', outputPath: copy });
    expect((await stat(copy)).mtimeMs).toBe(first.mtimeMs);
    expect(await readFile(copy, 'utf8')).toBe(after);
  });

  it('names the file in the diff as the caller shows it', async () => {
    const outcome = await rewriteReadFile({ path: join(root, 'q.sql'), text: before }, mapping, { dialect: 'snowflake', roots: [root], dryRun: true, displayPath: () => 'models/q.sql' });
    if (outcome.status !== 'changed') throw new Error(`expected a changed outcome, got ${outcome.status}`);
    expect(outcome.diff.split('\n').slice(0, 2)).toEqual(['--- a/models/q.sql', '+++ b/models/q.sql']);
  });
});

describe('ensureDirectoryInside and resolveInsideRoots', () => {
  it('creates nested directories inside the roots', async () => {
    await ensureDirectoryInside(join(root, 'a', 'b'), [root]);
    expect((await stat(join(root, 'a', 'b'))).isDirectory()).toBe(true);
    await ensureDirectoryInside(join(root, 'a', 'b'), [root]);
  });

  it('refuses a directory outside the roots, also through a symlink, and creates nothing', async () => {
    await symlink(outside, join(root, 'link'));
    await expect(ensureDirectoryInside(join(root, 'link', 'new'), [root])).rejects.toThrow(/refusing to create .*outside the allowed directories/);
    await expect(ensureDirectoryInside(join(root, '..', 'sibling'), [root])).rejects.toBeInstanceOf(UsageError);
    expect(await readdir(outside)).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual(['elsewhere', 'project']);
  });

  it('gives the real path a missing file would have', async () => {
    await mkdir(join(root, 'real'));
    await symlink(join(root, 'real'), join(root, 'alias'));
    expect(await resolveInsideRoots(join(root, 'alias', 'x', 'y.sql'), [root])).toBe(join(await realpath(root), 'real', 'x', 'y.sql'));
  });
});
