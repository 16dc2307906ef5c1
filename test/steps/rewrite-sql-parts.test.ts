import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { expandSqlPaths } from '../../src/steps/sql/expand-paths.js';
import type { SqlFileReport, SqlRewriteReport } from '../../src/steps/sql/rewrite-job.js';
import { collectUnmapped, fileLines, summaryLine } from '../../src/steps/sql/rewrite-summary.js';
import { runYaml } from '../helpers/run-workflow.js';
import { useSandbox } from '../helpers/sandbox.js';
import { call, dataOf, groupId } from '../sandbox/support.js';
import { outputsOf } from './ops-support.js';

describe('expandSqlPaths', () => {
  let dir: string;
  let root: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'atlas-expand-'));
    root = join(dir, 'project');
    for (const path of ['models/staging', 'models/marts', 'out', 'elsewhere']) await mkdir(join(path === 'elsewhere' ? dir : root, path), { recursive: true });
    for (const file of ['models/staging/b.sql', 'models/staging/a.sql', 'models/marts/c.sql', 'models/readme.md', 'out/a.sql', 'top.sql']) {
      await writeFile(join(root, file), 'select 1;\n');
    }
    await writeFile(join(dir, 'elsewhere', 'x.sql'), 'select 1;\n');
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const options = (extra: { exclude?: string[] } = {}) => ({ baseDir: root, roots: [root], ...extra });

  it('expands globs sorted, a directory to its SQL files, and keeps each file once in the order given', async () => {
    const { paths, unmatched } = await expandSqlPaths(['top.sql', 'models/**/*.sql', 'models/staging', 'top.sql'], options());
    expect(paths.map((p) => p.slice(root.length + 1))).toEqual(['top.sql', 'models/marts/c.sql', 'models/staging/a.sql', 'models/staging/b.sql']);
    expect(unmatched).toEqual([]);
  });

  it('returns a missing literal path (reading it says why) and reports a glob that matches nothing', async () => {
    const { paths, unmatched } = await expandSqlPaths(['missing.sql', 'models/**/*.sqlx'], options());
    expect(paths).toEqual([join(root, 'missing.sql')]);
    expect(unmatched).toEqual(['models/**/*.sqlx']);
  });

  it('leaves out what is inside an excluded directory', async () => {
    const { paths } = await expandSqlPaths(['**/*.sql'], options({ exclude: ['out'] }));
    expect(paths.map((p) => p.slice(root.length + 1))).not.toContain('out/a.sql');
    expect(paths).toHaveLength(4);
  });

  it('refuses paths and glob bases outside the roots, also through a symlinked directory', async () => {
    await symlink(join(dir, 'elsewhere'), join(root, 'link'));
    for (const pattern of ['../elsewhere/*.sql', join(dir, 'elsewhere', 'x.sql'), '/**/*.sql', 'link/*.sql', 'link']) {
      await expect(expandSqlPaths([pattern], options()), pattern).rejects.toBeInstanceOf(UsageError);
    }
  });
});

const file = (path: string, extra: Partial<SqlFileReport> = {}): SqlFileReport => ({
  path,
  status: 'unchanged',
  changes: [],
  ambiguous: [],
  unmapped: [],
  warnings: [],
  diff: '',
  ...extra,
});

const unmapped = (name: string, line = 1) => ({ name, kind: 'column' as const, table: 'salesforce.Opportunity', suggestion: 'expected_revenue_c', line, column: 3 });
const change = { line: 2, column: 5, from: 'IsDeleted', to: 'is_deleted', kind: 'column' as const };

describe('rewrite summaries', () => {
  it('deduplicates unmapped names case-insensitively per table, listing the files', () => {
    const files = [file('a.sql', { unmapped: [unmapped('Expected_Revenue__c'), unmapped('EXPECTED_REVENUE__C', 4)] }), file('b.sql', { unmapped: [unmapped('expected_revenue__c')] })];
    expect(collectUnmapped(files)).toEqual([{ name: 'Expected_Revenue__c', kind: 'column', table: 'salesforce.Opportunity', suggestion: 'expected_revenue_c', files: ['a.sql', 'b.sql'] }]);
  });

  it('says in one line what happened, or would', () => {
    const report = (files: SqlFileReport[]): SqlRewriteReport => ({ dialect: 'snowflake', dialectReason: 'given', files, unmatched: [], notes: [] });
    const changed = file('a.sql', { status: 'written', changes: [change, change] });
    const skipped = file('c.sql', { status: 'skipped', message: 'not valid UTF-8, skipped' });
    expect(summaryLine(report([changed, file('b.sql'), skipped]), false)).toBe('rewrote 1 of 3 files (2 names); 1 skipped');
    expect(summaryLine(report([{ ...changed, status: 'changed', unmapped: [unmapped('X')] }]), true)).toBe('would rewrite 1 of 1 file (2 names); 1 unmapped');
    expect(summaryLine(report([file('b.sql'), file('d.sql')]), false)).toBe('2 files, nothing to rewrite');
    expect(summaryLine(report([]), false)).toBe('no SQL files matched');
  });

  it('lists a file’s renames, ambiguities, unmapped names and warnings with their positions', () => {
    const lines = fileLines(
      file('q.sql', {
        status: 'written',
        output: 'out/q.sql',
        changes: [change],
        ambiguous: [{ name: 'Name', reason: '2 tables in scope have this column; qualify it to rewrite it', candidates: ['s.A AS a', 's.B AS b'], line: 3, column: 8 }],
        unmapped: [unmapped('Expected_Revenue__c', 4)],
        warnings: [{ line: 9, column: 1, message: 'unterminated string literal: the rest of the input is left as it is' }],
      }),
    );
    expect(lines).toEqual([
      { kind: 'file', text: 'q.sql: 1 rename → out/q.sql' },
      { kind: 'renamed', text: '  renamed    2:5      IsDeleted → is_deleted' },
      { kind: 'ambiguous', text: '  ambiguous  3:8      Name: 2 tables in scope have this column; qualify it to rewrite it (s.A AS a, s.B AS b); left alone' },
      { kind: 'unmapped', text: "  unmapped   4:3      Expected_Revenue__c (column of salesforce.Opportunity); Fivetran's naming would be expected_revenue_c" },
      { kind: 'warning', text: '  warning    9:1      unterminated string literal: the rest of the input is left as it is' },
    ]);
    expect(fileLines(file('z.sql', { status: 'skipped', message: 'too large' }))).toEqual([{ kind: 'skipped', text: 'z.sql: skipped: too large' }]);
  });
});

describe('dialect of a connection without a destination', () => {
  const sandbox = useSandbox({ rateLimit: false });

  it('falls back to ansi and says why', async () => {
    const staging = await groupId(sandbox, 'staging');
    const sheet = dataOf<{ id: string }>(await call(sandbox, 'POST', '/connections', { body: { service: 'google_sheets', group_id: staging, run_setup_tests: false, config: { schema: 'fin', table: 'budget' } } }));
    await call(sandbox, 'POST', `/connections/${sheet.id}/schemas/reload`, { body: {} });
    const run = await runYaml(`name: r\nsteps:\n  - id: rewrite\n    rewrite-sql: q.sql\n    connection: ${sheet.id}\n    with: { dry_run: true }\n`, sandbox, { files: { 'q.sql': 'select 1;\n' } });
    expect(run.summary.status).toBe('ok');
    expect(outputsOf(run, 'rewrite')).toMatchObject({ dialect: 'ansi', changed: 0, status: 'unchanged' });
    expect(run.events).toContainEqual(
      expect.objectContaining({ type: 'message', level: 'warning', message: `using the ansi dialect (group ${staging} has no destination); set dialect: for quoting and case rules of a particular warehouse` }),
    );
  });

  it('leaves a connection the run only plans out of the mapping, saying so, and reads nothing', async () => {
    const before = sandbox.stats().requests.total;
    const run = await runYaml('name: r\nsteps:\n  - id: rewrite\n    rewrite-sql: q.sql\n    connection: planned:connection:copy\n', sandbox, { files: { 'q.sql': 'select AccountNumber from salesforce.Account;\n' }, dryRun: true });
    expect(outputsOf(run, 'rewrite')).toMatchObject({ changed: 0, status: 'unchanged' });
    expect(run.events).toContainEqual(expect.objectContaining({ type: 'message', message: 'connection planned:connection:copy does not exist yet (dry run): its names are not in the mapping' }));
    expect(sandbox.stats().requests.total).toBe(before);
  });
});
