import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import type { CliResult } from '../../helpers/cli.js';
import { runInProcess } from '../../helpers/cli-in-process.js';

/** What one file of a case holds: text, raw bytes, a sparse file of `size` bytes, a link, or a directory. */
export type CaseFile = string | Uint8Array | { size: number } | { link: string } | { dir: true };

/**
 * One bad input and exactly how atlas-run must answer it. Files are written below `<work>` (the CLI's
 * working directory); a name starting with `../outside/` lands next to it, outside every root.
 * `<work>` and `<root>` in `args`, text files, link targets and expectations stand for those directories.
 */
export interface BadInputCase {
  /** What is wrong, as the test title. */
  name: string;
  args: readonly string[];
  files?: Readonly<Record<string, CaseFile>>;
  stdin?: string;
  env?: Readonly<Record<string, string>>;
  exit: 0 | 1 | 2;
  /** Also run through the built bin (one case of each kind: spawning costs about 0.4 s of CPU). */
  bin?: true;
  /** The whole of stderr, exactly (commands that stop before running anything). */
  stderr?: string;
  /** The whole of stdout, exactly. */
  stdout?: string;
  /** For runs with `--json`: every error the run reported (failed items, failed steps), in order, exactly. */
  runErrors?: readonly string[];
}

export interface CaseRun extends CliResult {
  /** `<root>`: holds `work/` and `outside/`. */
  root: string;
  work: string;
}

/** Lays out a case's files in a fresh temporary directory. */
export function layOut(files: Readonly<Record<string, CaseFile>>): { root: string; work: string } {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'atlas-bad-')));
  const work = join(root, 'work');
  mkdirSync(work);
  mkdirSync(join(root, 'outside'));
  for (const [name, content] of Object.entries(files)) {
    const path = join(work, name);
    mkdirSync(dirname(path), { recursive: true });
    if (typeof content === 'string') writeFileSync(path, placeholders(content, root, work));
    else if (content instanceof Uint8Array) writeFileSync(path, content);
    else if ('size' in content) {
      // A sparse file: its size is what is checked, and no disk is spent on it.
      writeFileSync(path, '');
      truncateSync(path, content.size);
    } else if ('link' in content) symlinkSync(placeholders(content.link, root, work), path);
    else mkdirSync(path, { recursive: true });
  }
  return { root, work };
}

function placeholders(text: string, root: string, work: string): string {
  return text.replaceAll('<work>', work).replaceAll('<root>', root);
}

/** How a case is run: `main(argv, io)` in this process (the CLI minus its three-line bin), or the built bin. */
export type CaseRunner = 'in-process' | 'built-cli';

/** Test rows for `it.each`: every case in-process, and the ones marked `bin` once more through the built CLI. */
export function caseRows(cases: readonly BadInputCase[]): [string, BadInputCase, CaseRunner][] {
  return cases.flatMap((c): [string, BadInputCase, CaseRunner][] => [[c.name, c, 'in-process'], ...(c.bin ? [[`${c.name} (built CLI)`, c, 'built-cli'] as [string, BadInputCase, CaseRunner]] : [])]);
}

/** Runs a case in its own directory (removed afterwards). */
export async function runCase(testCase: BadInputCase, env: Record<string, string>, runner: CaseRunner): Promise<CaseRun> {
  const { root, work } = layOut(testCase.files ?? {});
  try {
    const args = testCase.args.map((arg) => placeholders(arg, root, work));
    const caseEnv = { ...env, ATLAS_JOURNAL_DIR: join(root, 'journal'), ...testCase.env };
    const result =
      runner === 'built-cli'
        ? await runCli(args, { cwd: work, env: caseEnv, ...(testCase.stdin === undefined ? {} : { input: testCase.stdin }) })
        : await runInProcess(args, { cwd: work, env: caseEnv, stdin: testCase.stdin ?? '' });
    return { ...result, root, work };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** A stack trace has lines like `    at fn (file.js:1:2)`; none may reach the user. */
export function expectNoStackTrace(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  expect(stderr).not.toContain('internal error');
}

/** Checks a case's exit code, exact output and the absence of a stack trace. */
export function expectAnswered(testCase: BadInputCase, run: CaseRun): void {
  const expand = (text: string): string => placeholders(text, run.root, run.work);
  expectNoStackTrace(run.stderr);
  if (testCase.stderr !== undefined) expect(run.stderr).toBe(expand(testCase.stderr));
  if (testCase.stdout !== undefined) expect(run.stdout).toBe(expand(testCase.stdout));
  if (testCase.runErrors !== undefined) expect(runErrors(run.stdout)).toEqual(testCase.runErrors.map(expand));
  expect(run.code, `exit code of: ${testCase.name}\n${run.stderr}`).toBe(testCase.exit);
}

interface ErrorEvent {
  type?: string;
  status?: string;
  level?: string;
  error?: string;
  message?: string;
}

/** Every error in a `--json` event stream: a failed item's `error`, a step's error `message`. */
export function runErrors(ndjson: string): string[] {
  const events = ndjson
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as ErrorEvent);
  return events.flatMap((event) => {
    if (event.type === 'item' && event.status === 'failed') return [event.error ?? ''];
    if (event.type === 'message' && event.level === 'error') return [event.message ?? ''];
    return [];
  });
}
