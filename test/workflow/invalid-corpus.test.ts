/**
 * The invalid-workflow corpus: every file in invalid/ (its includes live in invalid/includes/) starts
 * with the exact problems it must produce, as `# error: LINE:COL: message` (or `# error: FILE:LINE:COL:`
 * for a problem inside an included file), each optionally followed by `# hint: text`. Both
 * `atlas-run validate FILE…` and `atlas-run FILE` must print exactly those, with the source line and
 * a caret, exit 2 without a stack trace, and send nothing to the API they were pointed at.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import type { CliResult } from '../helpers/cli.js';
import { runInProcess } from '../helpers/cli-in-process.js';
import { useSandbox } from '../helpers/sandbox.js';

const DIR = fileURLToPath(new URL('./invalid/', import.meta.url));
const CASES = readdirSync(DIR).filter((file) => file.endsWith('.yml')).sort();

interface ExpectedIssue {
  file: string;
  line: number;
  column: number;
  message: string;
  hint?: string;
}

/** Reads the `# error:` / `# hint:` header of a case file. */
function expectationsOf(name: string): ExpectedIssue[] {
  const issues: ExpectedIssue[] = [];
  for (const line of readFileSync(join(DIR, name), 'utf8').split('\n')) {
    const error = /^# error: (?:(\S+):)?(\d+):(\d+): (.+)$/.exec(line);
    const hint = /^# hint: (.+)$/.exec(line);
    if (error) issues.push({ file: error[1] ?? name, line: Number(error[2]), column: Number(error[3]), message: error[4]! });
    else if (hint && issues.length > 0) issues[issues.length - 1]!.hint = hint[1]!;
    else break;
  }
  return issues;
}

/** The issue as the CLI must print it: headline, the source line with a caret under the column, the hint. */
function printed(issue: ExpectedIssue): string {
  const source = readFileSync(join(DIR, issue.file), 'utf8').split(/\r?\n/)[issue.line - 1]!;
  const gutter = `${issue.line} | `;
  const caret = `${' '.repeat(gutter.length + issue.column - 1)}^`;
  return [`${issue.file}:${issue.line}:${issue.column}: ${issue.message}`, `${gutter}${source}`, caret, ...(issue.hint ? [`  hint: ${issue.hint}`] : [])].join('\n') + '\n';
}

const plural = (n: number): string => `${n} problem${n === 1 ? '' : 's'} found`;

const sandbox = useSandbox({ rateLimit: false });

function targetEnv(): Record<string, string> {
  return { FIVETRAN_API_URL: sandbox.url, FIVETRAN_API_KEY: sandbox.apiKey, FIVETRAN_API_SECRET: sandbox.apiSecret };
}

function expectNoStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(stderr).not.toContain('internal error');
}

describe('the invalid-workflow corpus', () => {
  it('has at least 30 cases, each with an expected problem', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
    for (const name of CASES) expect(expectationsOf(name), name).not.toEqual([]);
  });

  it('atlas-run validate prints exactly the expected problems of every file, in order, and exits 2', async () => {
    const expected = CASES.map(expectationsOf);
    const issues = expected.flat().map(printed).join('');
    const total = expected.flat().length;
    const result = await runCli(['validate', ...CASES], { cwd: DIR, env: targetEnv() });
    expect(result.stderr).toBe(`${issues}${plural(total)} in ${CASES.length} of ${CASES.length} files.\n`);
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code: 2, stdout: '' });
    expectNoStackTrace(result.stderr);
  });

  it('atlas-run validate on one file ends with its own count', async () => {
    const result = await runCli(['validate', 'many-problems.yml'], { cwd: DIR, env: targetEnv() });
    expect(result.stderr).toBe(`${expectationsOf('many-problems.yml').map(printed).join('')}${plural(4)}.\n`);
    expect(result.code).toBe(2);
  });
});

function expectRefused(name: string, ran: CliResult): void {
  const expected = expectationsOf(name);
  expect(ran.stderr).toBe(`${expected.map(printed).join('')}${plural(expected.length)}; nothing was sent.\n`);
  expect({ code: ran.code, stdout: ran.stdout }).toEqual({ code: 2, stdout: '' });
  expectNoStackTrace(ran.stderr);
  expect(sandbox.stats().requests.total).toBe(0);
}

describe('atlas-run FILE refuses each invalid workflow before sending anything', () => {
  it.each(CASES)('%s', async (name) => {
    expectRefused(name, await runInProcess([name], { cwd: DIR, env: targetEnv() }));
  });
});

// Spawning the bin costs about half a second of CPU per case, so the built CLI runs one case of
// each kind (YAML, structure, references, includes); the in-process runs above cover every case.
describe.concurrent('the built CLI refuses them the same way', () => {
  it.each(['yaml-unclosed-quote.yml', 'yaml-alias-bomb.yml', 'unknown-step-type.yml', 'many-problems.yml', 'uses-cycle.yml'])('%s', async (name) => {
    expectRefused(name, await runCli([name], { cwd: DIR, env: targetEnv() }));
  });
});

describe('after the whole corpus', () => {
  it('the sandbox the runs were pointed at received no request at all', () => {
    expect(sandbox.stats().requests.total).toBe(0);
    expect(sandbox.stats().peakInFlight).toBe(0);
  });
});
