import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('atlas-run entry point', () => {
  it('prints the package version', async () => {
    const result = await runCli(['--version']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('rejects an unknown command with exit 2 and no stack trace', async () => {
    const result = await runCli(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("atlas-run: unknown command 'frobnicate'");
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
