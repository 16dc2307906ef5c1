import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import type { CliResult } from '../helpers/cli.js';
import { runInProcess } from '../helpers/cli-in-process.js';

const GOOD = `name: copy
vars:
  target_group: { required: true, description: group to copy into }
  batch: { type: integer, default: 10 }
steps:
  - id: names
    set: { group: "\${{ vars.target_group }}", size: "\${{ vars.batch }}" }
`;
const BAD = `name: bad
steps:
  - id: one
    set: { x: "\${{ vars.nope }}" }
`;

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-validate-'));
  writeFileSync(join(dir, 'good.yml'), GOOD);
  writeFileSync(join(dir, 'bad.yml'), BAD);
  writeFileSync(join(dir, 'vars.yml'), 'target_group: warehouse_new\nbatch: lots\n');
});

/** `main` in this process with the given environment (no API variables: validate must not need any). */
function validate(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runInProcess(['validate', ...args], { cwd: dir, env });
}

describe('atlas-run validate', () => {
  it('prints FILE: ok for each valid file and exits 0, without credentials or an API', async () => {
    const result = await runCli(['validate', 'good.yml', 'good.yml'], { cwd: dir, env: { FIVETRAN_API_KEY: undefined, FIVETRAN_API_SECRET: undefined, FIVETRAN_API_URL: 'http://127.0.0.1:9' } });
    expect(result).toMatchObject({ code: 0, stdout: 'good.yml: ok\ngood.yml: ok\n', stderr: '' });
  });

  it('keeps going after a bad file and counts the problems of every file', async () => {
    const result = await validate(['bad.yml', 'good.yml', 'missing.yml']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('good.yml: ok\n');
    expect(result.stderr).toBe(
      [
        "bad.yml:4:20: unknown var 'vars.nope'",
        '4 |     set: { x: "${{ vars.nope }}" }',
        `${' '.repeat(23)}^`,
        '  hint: declare it under vars:',
        "missing.yml: cannot read 'missing.yml': no such file",
        '  hint: check the path; workflows usually live in workflows/',
        '2 problems found in 2 of 3 files.',
        '',
      ].join('\n'),
    );
  });

  it('says nothing about valid files with --quiet', async () => {
    expect(await validate(['good.yml', '-q'])).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('does not ask for required vars unless vars are given', async () => {
    expect((await validate(['good.yml'])).code).toBe(0);
    const result = await validate(['good.yml', '--var', 'batch=5']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "good.yml: missing required var 'target_group' (group to copy into): pass --var target_group=…, set it in --vars-file, or export ATLAS_VAR_target_group\n1 problem found.\n",
    );
  });

  it('checks --var values against the declared types and names', async () => {
    const result = await validate(['good.yml', '--var', 'target_group=g', '--var', 'batch=ten', '--var', 'bacth=1']);
    expect(result.stderr).toBe(
      [
        "good.yml: --var bacth: the workflow declares no var 'bacth' (did you mean 'batch'?)",
        "good.yml: --var batch: expected an integer, got 'ten'",
        '2 problems found.',
        '',
      ].join('\n'),
    );
    expect((await validate(['good.yml', '--var', 'target_group=g'])).code).toBe(0);
  });

  it('counts ATLAS_VAR_ values once vars are checked', async () => {
    expect((await validate(['good.yml', '--var', 'batch=5'], { ATLAS_VAR_target_group: 'g' })).code).toBe(0);
  });

  it('locates a bad value in a --vars-file', async () => {
    const result = await validate(['good.yml', '--vars-file', 'vars.yml']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(["vars.yml:2:8: var 'batch' expected an integer, got 'lots'", '2 | batch: lots', `${' '.repeat(11)}^`, '1 problem found.', ''].join('\n'));
  });

  it('is a usage error without files or with an unknown option', async () => {
    expect(await validate([])).toMatchObject({ code: 2, stderr: "atlas-run: which workflow? give the path of one or more workflow files\nhint: atlas-run validate workflows/*.yml\n" });
    const unknown = await validate(['good.yml', '--vras-file', 'x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("atlas-run: unknown option '--vras-file' for 'validate'\nhint: did you mean '--vars-file'?");
  });

  it('has help', async () => {
    const result = await validate(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: atlas-run validate <workflow\.yml>… \[options\]/);
  });
});
