/**
 * `atlas-run --help` and every `atlas-run <command> --help` show examples that work with this
 * repository, and agree with the README: every option the README passes to a command is one its help
 * lists.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { COMMANDS, main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';
import { REPO } from './docs-session.js';
import { codeBlocks, shellCommands } from './markdown.js';
import { readReadme } from './readme-sections.js';

/** Runs `atlas-run ARGS` in-process and returns what it printed on stdout. */
async function help(args: string[]): Promise<string> {
  let out = '';
  const stdout = new PassThrough();
  stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  const io: CliIO = { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env: { NO_COLOR: '1' }, cwd: REPO, signal: new AbortController().signal };
  expect(await main(args, io)).toBe(0);
  return out;
}

/** The lines under `Examples:` up to the end of the text. */
function examples(text: string): string[] {
  const at = text.indexOf('\nExamples:\n');
  return at < 0 ? [] : text.slice(at + '\nExamples:\n'.length).split('\n').map((line) => line.trim()).filter(Boolean);
}

const names = ['', ...COMMANDS.map((c) => c.name)];

describe('help texts', () => {
  it.each(names)('atlas-run %s --help has examples that start with atlas-run and name files that exist', async (name) => {
    const text = await help(name ? [name, '--help'] : ['--help']);
    const lines = examples(text);
    expect(lines.length, `atlas-run ${name} --help has no Examples: section`).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toMatch(/^(PG_PASSWORD=… )?atlas-run /);
      for (const [file] of line.matchAll(/workflows\/[\w.-]+\.ya?ml/g)) expect(existsSync(join(REPO, file)), `${line}: ${file}`).toBe(true);
    }
  });

  it('the global help lists every command', async () => {
    const text = await help(['--help']);
    for (const command of COMMANDS) expect(text).toContain(`  ${command.name} `);
  });
});

describe('README commands and the help texts', () => {
  const invocations = codeBlocks(readReadme())
    .filter((b) => b.lang === 'sh')
    .flatMap(shellCommands)
    .flatMap((command) => [...command.text.split(/\s#\s/)[0]!.matchAll(/(?:^|[|&;]\s*|\s)(?:npx )?atlas-run ([^|&;]+)/g)].map((m) => ({ line: command.line, args: m[1]!.trim().split(/\s+/) })));

  it('are many', () => {
    expect(invocations.length).toBeGreaterThan(30);
  });

  it('use only options the command documents', async () => {
    const texts = new Map<string, string>();
    const problems: string[] = [];
    for (const { line, args } of invocations) {
      const first = args[0] ?? '';
      const command = COMMANDS.some((c) => c.name === first) ? first : 'run';
      if (!texts.has(command)) texts.set(command, await help([command, '--help']));
      for (const option of args.filter((arg) => arg.startsWith('-'))) {
        const flag = option.split('=')[0]!;
        if (!new RegExp(`(^|[\\s,])${flag}([\\s,=]|$)`, 'm').test(texts.get(command)!)) problems.push(`README.md:${line}: atlas-run ${command} ${flag}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
