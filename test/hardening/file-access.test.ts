/**
 * File access: the steps that read or write files (read, export, rewrite-sql, exec's cwd) and
 * `uses:` stay inside the working directory, the workflow's directory and the --root directories,
 * whether the way out is `..`, an absolute path, a symbolic link to a directory or a symbolic link
 * at the target itself. A refused step fails with a message naming the path; nothing appears or
 * changes outside. With --root the same paths are allowed.
 */
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliResult } from '../helpers/cli.js';
import { runInProcess } from '../helpers/cli-in-process.js';
import { useSandbox } from '../helpers/sandbox.js';
import { runErrors } from './support/bad-input-case.js';

const sandbox = useSandbox({ rateLimit: false, groups: 2, connections: 2 });

const VICTIM = 'select 1 from outside_only;\n';

/** `<root>/work` (the workflow and the cwd) with links into `<root>/outside`, which holds files of its own. */
function layout(): { root: string; work: string; outside: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'atlas-files-')));
  const work = join(root, 'work');
  const outside = join(root, 'outside');
  mkdirSync(work);
  mkdirSync(outside);
  writeFileSync(join(outside, 'victim.sql'), VICTIM);
  writeFileSync(join(outside, 'hosts.csv'), 'name\nerp\n');
  writeFileSync(join(outside, 'part.yml'), 'name: part\nsteps:\n  - id: inner\n    set: { v: 1 }\noutputs:\n  v: ${{ steps.inner.v }}\n');
  writeFileSync(join(work, 'names.yml'), 'schemas:\n  crm:\n    tables:\n      Accounts: accounts\n');
  symlinkSync(outside, join(work, 'linkdir'));
  symlinkSync(join(outside, 'victim.sql'), join(work, 'linked.sql'));
  symlinkSync(join(outside, 'victim.sql'), join(work, 'report.csv'));
  return { root, work, outside };
}

/** Everything below a directory, as relative paths with file contents, to compare before and after. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    files[name] = lstatSync(path).isFile() ? readFileSync(path, 'utf8') : '(directory)';
  }
  return files;
}

function runHere(args: string[], cwd: string): Promise<CliResult> {
  const env = { PATH: process.env.PATH ?? '', FIVETRAN_API_URL: sandbox.url, FIVETRAN_API_KEY: sandbox.apiKey, FIVETRAN_API_SECRET: sandbox.apiSecret, ATLAS_JOURNAL_DIR: join(cwd, '..', 'journal') };
  return runInProcess(args, { cwd, env });
}

/** Each step tries one way out; each goes on after its failure so one run shows them all. */
const ESCAPES = `name: escapes
steps:
  - id: export_dotdot
    export: csv
    items: [{ a: 1 }]
    file: ../outside/dotdot.csv
    continue_on_error: true
  - id: export_linked_dir
    export: csv
    items: [{ a: 1 }]
    file: linkdir/through-link.csv
    continue_on_error: true
  - id: export_absolute
    export: csv
    items: [{ a: 1 }]
    file: <outside>/absolute.csv
    continue_on_error: true
  - id: read_dotdot
    read: ../outside/hosts.csv
    continue_on_error: true
  - id: read_linked_dir
    read: linkdir/hosts.csv
    continue_on_error: true
  - id: read_absolute
    read: <outside>/hosts.csv
    continue_on_error: true
  - id: exec_dotdot
    exec: touch made-by-exec
    cwd: ..
    continue_on_error: true
  - id: exec_linked_dir
    exec: touch made-by-exec
    cwd: linkdir
    continue_on_error: true
  - id: sql_dotdot
    rewrite-sql: ../outside/victim.sql
    with: { mapping_file: names.yml }
    continue_on_error: true
  - id: sql_linked_file
    rewrite-sql: linked.sql
    with: { mapping_file: names.yml }
    continue_on_error: true
  - id: sql_glob
    rewrite-sql: linkdir/*.sql
    with: { mapping_file: names.yml }
    continue_on_error: true
  - id: sql_output
    rewrite-sql: local.sql
    with: { mapping_file: names.yml, output: ../outside/rewritten }
    continue_on_error: true
  - id: sql_mapping
    rewrite-sql: local.sql
    with: { mapping_file: linkdir/names.yml }
    continue_on_error: true
  - id: export_over_link
    export: csv
    items: [{ a: 1 }]
    file: report.csv
`;

describe('steps that touch files stay inside the roots', () => {
  it('refuses every way out (.., absolute paths, linked directories and files) and changes nothing outside', async () => {
    const { work, outside } = layout();
    writeFileSync(join(work, 'local.sql'), 'select id from crm.Accounts;\n');
    writeFileSync(join(outside, 'names.yml'), 'schemas: {}\n');
    writeFileSync(join(work, 'escapes.yml'), ESCAPES.replaceAll('<outside>', outside));
    const before = snapshot(outside);

    const run = await runHere(['escapes.yml', '--json', '--yes'], work);
    const roots = `(${work})`;
    expect(runErrors(run.stdout)).toEqual([
      `file '../outside/dotdot.csv' is outside the directories this run may use ${roots}; allow another with --root DIR`,
      `file 'linkdir/through-link.csv' is outside the directories this run may use ${roots}; allow another with --root DIR`,
      `file '${outside}/absolute.csv' is outside the directories this run may use ${roots}; allow another with --root DIR`,
      `refusing to read '../outside/hosts.csv': it is outside the folders this run may read ${roots}`,
      `refusing to read 'linkdir/hosts.csv': it is outside the folders this run may read ${roots}`,
      `refusing to read '${outside}/hosts.csv': it is outside the folders this run may read ${roots}`,
      `cwd '..' is outside the directories this run may use ${roots}; allow another with --root DIR`,
      `cwd 'linkdir' is outside the directories this run may use ${roots}; allow another with --root DIR`,
      `refusing to read '../outside/victim.sql': ${outside}/victim.sql is outside the allowed directories`,
      `refusing to read 'linked.sql': ${work}/linked.sql is outside the allowed directories`,
      `refusing to read 'linkdir/*.sql': ${work}/linkdir is outside the allowed directories`,
      `refusing to write to ${outside}/rewritten: it is outside the allowed directories`,
      `mapping file ${work}/linkdir/names.yml: outside the allowed directories`,
    ]);
    // The export over a link replaced the link with a file of its own: nothing was written through it.
    expect(lstatSync(join(work, 'report.csv')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(work, 'report.csv'), 'utf8')).toBe('a\n1\n');
    expect(snapshot(outside)).toEqual(before);
    expect(run.code).toBe(0);
  });

  it('allows the same paths, and uses: outside the workflow directory, once --root names the directory', async () => {
    const { work, outside } = layout();
    writeFileSync(
      join(work, 'allowed.yml'),
      `name: allowed
steps:
  - id: part
    uses: ../outside/part.yml
  - id: rows
    read: ../outside/hosts.csv
  - id: report
    export: csv
    items: \${{ steps.rows.items }}
    file: linkdir/report.csv
  - id: here
    exec: pwd
    cwd: linkdir
`,
    );
    const refused = await runHere(['allowed.yml'], work);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("allowed.yml:4:11: 'uses: ../outside/part.yml' leaves the workflow's directory");

    const run = await runHere(['allowed.yml', '--json', '--root', '../outside'], work);
    expect(runErrors(run.stdout), run.stderr).toEqual([]);
    expect(run.code).toBe(0);
    expect(readFileSync(join(outside, 'report.csv'), 'utf8')).toBe('name\nerp\n');
  });
});
