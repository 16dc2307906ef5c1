/**
 * A command's output is kept in memory (it becomes the step's outputs), so a command that never
 * stops writing is stopped once it has written more than the limit, on stdout or stderr.
 */
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { runShell } from '../../src/steps/output/run-shell.js';

const run = (script: string, maxOutputBytes: number) =>
  runShell({ script, args: [], cwd: tmpdir(), env: { PATH: process.env.PATH ?? '' }, timeoutMs: 20_000, maxOutputBytes, signal: new AbortController().signal });

describe('the output of a command', () => {
  it('stops an endless writer on stdout, or on stderr, past the limit', async () => {
    for (const script of ['yes flood', 'yes flood >&2']) {
      const result = await run(script, 256 * 1024);
      expect(result).toMatchObject({ tooMuchOutput: true, timedOut: false, exitCode: null });
      expect(result.stdout.length + result.stderr.length).toBeLessThan(16 * 1024 * 1024);
    }
  });

  it('keeps output within the limit as it is', async () => {
    const result = await run('printf "%0.s." $(seq 1 1000)', 1000);
    expect(result).toMatchObject({ tooMuchOutput: false, exitCode: 0, stdout: '.'.repeat(1000) });
  });
});
