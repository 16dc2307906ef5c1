import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliResult } from '../helpers/cli.js';
import { runInProcess } from '../helpers/cli-in-process.js';
import { eventValidator } from './event-schema.js';

const WORKFLOWS = fileURLToPath(new URL('../../workflows/', import.meta.url));
const files = readdirSync(WORKFLOWS).filter((name) => /\.ya?ml$/.test(name));

/** Runs the CLI in this process (faster than spawning it once per workflow) and collects stdout and stderr. */
function run(args: string[], cwd: string): Promise<CliResult> {
  return runInProcess(args, { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME } });
}

describe('--json output of every example workflow', () => {
  it('has example workflows to check', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s: a dry run on the sandbox prints only documented events, run-start first and run-end last', async (file) => {
    // A copy, so files a workflow writes (exports, rewritten SQL) never land in the repository.
    const dir = mkdtempSync(join(tmpdir(), 'atlas-examples-'));
    cpSync(WORKFLOWS, dir, { recursive: true });
    const result = await run([file, '--sandbox', '--json', '--dry-run', '--yes', '--scope', 'delete'], dir);
    expect([0, 1], result.stderr).toContain(result.code);
    const lines = result.stdout.trimEnd().split('\n');
    const validate = eventValidator();
    for (const line of lines) expect(validate(JSON.parse(line)), `${line}\n${JSON.stringify(validate.errors)}`).toBe(true);
    expect(JSON.parse(lines[0]!)).toMatchObject({ type: 'run-start', dry_run: true });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ type: 'run-end', exit_code: result.code });
  });
});
