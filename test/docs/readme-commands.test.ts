/**
 * The README's shell commands, run in order as a reader would type them, against a test sandbox.
 * Every `sh` block runs unless a `<!-- docs: not run: reason -->` comment precedes it; each command
 * must exit 0 unless its trailing comment says `# exit N`. The sandbox the tour starts on port 8787 is
 * this test's sandbox: its address is put in place of 127.0.0.1:8787. `<!-- docs: output -->` text
 * blocks must be exactly what the command before them printed; the GitHub Actions job's atlas-run
 * commands run too, with the sandbox's credentials as its secrets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { useSandbox } from '../helpers/sandbox.js';
import { DocsSession } from './docs-session.js';
import type { CommandResult } from './docs-session.js';
import { codeBlocks, shellCommands } from './markdown.js';
import type { CodeBlock, ShellCommand } from './markdown.js';
import { readReadme } from './readme-sections.js';

const TOUR_ADDRESS = '127.0.0.1:8787';

const sandbox = useSandbox({ rateLimit: false, syncDurationMs: 50 });
const blocks = codeBlocks(readReadme());
let session: DocsSession;
let last: { command: ShellCommand; result: CommandResult } | undefined;

beforeAll(() => {
  session = new DocsSession({});
  for (const block of blocks) {
    const file = /(?:^|\s)file=(\S+)/.exec(block.marker ?? '')?.[1];
    if (file) session.write(file, block.text);
  }
});
afterAll(() => session.close());

/** A command as the session runs it: the tour's sandbox address is the test sandbox. */
function localize(text: string): string {
  return text.replaceAll(TOUR_ADDRESS, new URL(sandbox.url).host);
}

async function runCommand(command: ShellCommand): Promise<void> {
  const result = await session.run(localize(command.text));
  last = { command, result };
  const where = `README.md:${command.line}: ${command.text}\n--- stdout\n${result.stdout.slice(-3000)}\n--- stderr\n${result.stderr.slice(-3000)}`;
  expect(result.code, where).toBe(command.expectedExit);
  expect(result.stderr, where).not.toMatch(/internal error/i);
}

/** The `run:` lines of a GitHub Actions job that call atlas-run, with the env each step sets. */
function actionsCommands(block: CodeBlock): { run: string; env: Record<string, string> }[] {
  const workflow = parse(block.text) as { jobs: Record<string, { steps: { run?: string; env?: Record<string, string> }[] }> };
  return Object.values(workflow.jobs).flatMap((job) =>
    job.steps.filter((step) => step.run?.includes('atlas-run')).map((step) => ({ run: step.run!, env: step.env ?? {} })),
  );
}

/** `${{ secrets.NAME }}` of the job, as the sandbox's values. */
function secretsFor(env: Record<string, string>): string {
  const secrets: Record<string, string> = { FIVETRAN_API_KEY: sandbox.apiKey, FIVETRAN_API_SECRET: sandbox.apiSecret };
  return Object.entries(env)
    .map(([name, value]) => `${name}='${value.replace(/\$\{\{\s*secrets\.(\w+)\s*\}\}/g, (_m, secret: string) => secrets[secret] ?? '')}'`)
    .join(' ');
}

describe('README commands, run in order against a sandbox', () => {
  const sandboxUrl = (): string => sandbox.url;
  for (const block of blocks) {
    if (block.lang === 'sh' && block.marker?.startsWith('not run:')) continue;
    if (block.lang === 'sh') {
      const commands = shellCommands(block);
      it(`README.md:${block.line}: ${commands.map((c) => c.text.split(' #')[0]).join(' · ')}`, async () => {
        for (const command of commands) await runCommand(command);
      });
    } else if (block.marker === 'output') {
      it(`README.md:${block.line}: is what the command before it printed`, () => {
        expect(last, 'an output block must follow a command').toBeDefined();
        expect(`${last!.result.stdout}${last!.result.stderr}`.trimEnd(), `README.md:${last!.command.line}`).toBe(block.text.trimEnd());
      });
    } else if (block.marker === 'github-actions') {
      it(`README.md:${block.line}: the GitHub Actions job's atlas-run commands succeed`, async () => {
        const commands = actionsCommands(block);
        expect(commands.length).toBeGreaterThan(0);
        for (const { run, env } of commands) {
          const prefix = `FIVETRAN_API_URL='${sandboxUrl()}' ${secretsFor(env)}`;
          for (const line of run.split('\n').filter((l) => l.trim() !== '')) {
            await runCommand({ text: `${prefix} ${line}`, line: block.line, expectedExit: 0 });
          }
        }
      });
    }
  }

  it('ran at least the tour', () => {
    const commands = blocks.filter((b) => b.lang === 'sh' && !b.marker?.startsWith('not run:')).flatMap(shellCommands);
    expect(commands.length).toBeGreaterThan(20);
    for (const block of blocks.filter((b) => b.lang === 'sh' && b.marker !== undefined)) {
      expect(block.marker, `README.md:${block.line}: a skipped block says why`).toMatch(/^not run: \S/);
    }
  });
});
