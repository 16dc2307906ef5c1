import { describe, expect, it } from 'vitest';
import { stepRegistry } from '../../src/steps/registry.js';
import { runCli } from '../helpers/cli.js';
import { runInProcess } from '../helpers/cli-in-process.js';

describe('atlas-run steps', () => {
  it('lists every registered step type with its effect and summary', async () => {
    const result = await runCli(['steps']);
    expect(result.code).toBe(0);
    for (const step of stepRegistry.all()) {
      expect(result.stdout).toMatch(new RegExp(`^  ${step.type.replace('-', '\\-')} +${step.effect({})} +${step.summary.replace(/[()[\].*+?^$|\\]/g, '\\$&')}$`, 'm'));
    }
    expect(result.stdout).toContain('uses: other.yml');
  });

  it('shows one type: how it is written, each input with type, required, default and allowed values, outputs, effect and example', async () => {
    const result = await runCli(['steps', 'export']);
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/^export — write items to a CSV/);
    expect(out).toContain("Written: export: <format> (the value of 'export:' fills 'format')");
    expect(out).toContain('Also written at step level (instead of under with:): items, columns, file, template, header, footer.');
    expect(out).toContain('  format  one of: csv, json, ndjson, markdown, text, required\n');
    expect(out).toContain('  items  list, required\n      the rows to write');
    expect(out).toContain('  columns  map of name → expression (item, index bound)\n');
    expect(out).toContain('  template  text with ${{ }} per item (item, index bound)\n');
    expect(out).toContain('Effect: read (changes nothing in the account)');
    expect(out).toContain('  bytes  size of what was written, in bytes');
    expect(out).toContain(`Example:\n${exportExample()}`);
    const exec = await runCli(['steps', 'exec']);
    expect(exec.stdout).toContain('  timeout  string or number, default "10m"\n');
    expect(exec.stdout).toContain('Effect: write (may change the account)');
  });

  it('shows every registered type, and names the nearest type for a typo (exit 2)', async () => {
    for (const type of stepRegistry.names()) {
      const result = await inProcess(['steps', type]);
      expect(result.code, type).toBe(0);
      expect(result.stdout).toContain(`Example:\n  ${stepRegistry.get(type)!.example.split('\n')[0]}`);
    }
    const typo = await runCli(['steps', 'exprot']);
    expect(typo.code).toBe(2);
    expect(typo.stdout).toBe('');
    expect(typo.stderr).toBe("atlas-run: unknown step type 'exprot'\nhint: did you mean 'export'?\n");
  });
});

function exportExample(): string {
  return stepRegistry
    .get('export')!
    .example.split('\n')
    .map((line) => `  ${line}`)
    .join('\n');
}

/** `main` in this process (no spawn), for loops over many invocations. */
async function inProcess(args: string[]): Promise<{ code: number | null; stdout: string }> {
  const { code, stdout } = await runInProcess(args, { cwd: process.cwd(), env: {} });
  return { code, stdout };
}
