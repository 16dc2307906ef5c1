/**
 * Every file in workflows/ is a documented runbook: the schema line, a comment block saying what it
 * does and how to run it (on the sandbox and on an account), described vars, `atlas-run validate`
 * clean, a test that runs it, and the sandbox commands of its comment block actually work.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { runInProcess } from '../helpers/cli-in-process.js';
import { REPO, WORKFLOWS, copyOfWorkflows } from './support.js';

const runbooks = readdirSync(WORKFLOWS).filter((name) => name.endsWith('.yml'));
const fragments = readdirSync(join(WORKFLOWS, 'fragments')).filter((name) => name.endsWith('.yml')).map((name) => `fragments/${name}`);
const text = (file: string): string => readFileSync(join(WORKFLOWS, file), 'utf8');

/** The comment block a file starts with, without the `# `. */
function header(file: string): string[] {
  const lines: string[] = [];
  for (const line of text(file).split('\n')) {
    if (!line.startsWith('#')) break;
    lines.push(line.replace(/^# ?/, ''));
  }
  return lines;
}

/** Every test file under test/, to check each runbook is exercised by one. */
function testSources(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return testSources(path);
    return entry.name.endsWith('.test.ts') ? [readFileSync(path, 'utf8')] : [];
  });
}

describe('workflows/ catalogue', () => {
  it('has the runbooks issue 5 asks for', () => {
    for (const name of ['migrate', 'status', 'pause-broken', 'resume-paused', 'one-to-many', 'bulk-create', 'update-frequency', 'approve-certificates', 'schema-block-tables', 'create-destination', 'delete-connections', 'resync-tables', 'sync-and-wait', 'rewrite-sql']) {
      expect(runbooks).toContain(`${name}.yml`);
    }
  });

  it.each([...runbooks, ...fragments])('%s starts with the schema line and a comment block saying what it does', (file) => {
    const lines = header(file);
    const schema = relative(dirname(join(WORKFLOWS, file)), join(REPO, 'schema', 'workflow.schema.json'));
    expect(lines[0]).toBe(`yaml-language-server: $schema=${schema}`);
    expect(lines.filter((line) => /\w/.test(line)).length).toBeGreaterThanOrEqual(4);
  });

  it.each(runbooks)('%s says how to run it on the sandbox and on an account', (file) => {
    const lines = header(file);
    expect(lines.some((line) => line.includes(`atlas-run workflows/${file}`) && line.includes('--sandbox'))).toBe(true);
    expect(lines.some((line) => line.includes('FIVETRAN_API_KEY'))).toBe(true);
  });

  it.each([...runbooks, ...fragments])('%s describes every var', (file) => {
    const vars = ((parse(text(file)) as { vars?: Record<string, unknown> }).vars ?? {});
    for (const [name, declaration] of Object.entries(vars)) {
      expect(declaration, `var ${name}`).toMatchObject({ description: expect.stringMatching(/\w/) });
    }
  });

  it('runs each runbook in some test', () => {
    const sources = testSources(join(REPO, 'test')).join('\n');
    for (const file of runbooks) expect(new RegExp(`[/'"]${file.replace('.', '\\.')}['"]`).test(sources), `${file} has no test that runs it`).toBe(true);
  });

  it('passes atlas-run validate, fragments included (built CLI)', async () => {
    const files = [...runbooks, ...fragments].map((file) => join('workflows', file));
    const result = await runCli(['validate', ...files], { cwd: REPO });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trimEnd().split('\n').sort()).toEqual(files.map((file) => `${file}: ok`).sort());
  });
});

/** Splits a command line as a shell would for these examples: words, '…' quoting (also inside a word), a trailing # comment. */
function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i]!;
    if (char === "'") {
      const end = line.indexOf("'", i + 1);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (/\s/.test(char)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (char === '#' && word === undefined) break;
    else word = (word ?? '') + char;
  }
  return word === undefined ? words : [...words, word];
}

/** `NAME=value … atlas-run workflows/x.yml args` → the environment it sets and the CLI arguments. */
function parseCommand(line: string): { env: Record<string, string>; args: string[] } {
  const words = shellWords(line);
  const env: Record<string, string> = {};
  while (words[0] && /^[A-Z_]+=/.test(words[0])) {
    const [name, ...value] = words.shift()!.split('=');
    env[name!] = value.join('=');
  }
  expect(words.shift()).toBe('atlas-run');
  return { env, args: words };
}

const sandboxCommands = runbooks.flatMap((file) =>
  header(file)
    .map((line) => line.trim())
    .filter((line) => line.includes('atlas-run workflows/') && line.includes('--sandbox') && !line.endsWith('\\'))
    .map((line) => [file, line] as const),
);

describe('the sandbox commands in the comment blocks', () => {
  let cwd = '';
  beforeAll(() => {
    cwd = dirname(copyOfWorkflows());
  });

  it('are there to check', () => {
    expect(sandboxCommands.length).toBeGreaterThanOrEqual(runbooks.length);
  });

  it.each(sandboxCommands)('%s: %s (as a dry run)', async (_file, line) => {
    const { env, args } = parseCommand(line);
    const dryRun = args.includes('--dry-run') ? args : [...args, '--dry-run'];
    const result = await runInProcess(dryRun, { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
    expect(result.code, `${result.stdout}${result.stderr}`).toBe(0);
  });
});
