import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { colorEnabled } from '../../src/cli/color.js';
import { BIN, runCli } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox.js';
import { eventValidator } from '../report/event-schema.js';

const sandbox = useSandbox({ rateLimit: false, failRate: 0.15, seed: 7 });
const ESC = '\u001b';

/** A fan-out slow enough (one short command per connection) for the live line to redraw a few times. */
const FAN_OUT = `name: fan-out
steps:
  - id: connections
    list: connections
    with: { group: warehouse_legacy }
  - id: check
    foreach: \${{ steps.connections.items }}
    concurrency: 4
    exec: sleep 0.02
  - id: status
    foreach: \${{ steps.connections.items }}
    print:
    fields:
      Type: \${{ item.service }}
      Status: \${{ item.status.sync_state }}
`;

function workflowDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-tty-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Runs the CLI inside a real pseudo-terminal (util-linux `script`) and returns everything the terminal received. */
function runInTerminal(args: readonly string[], cwd: string): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', TERM: 'xterm-256color' };
    const child = spawn('script', ['-qfec', `stty cols 120 rows 40; exec ${command}`, '/dev/null'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
    child.stdin.end();
  });
}

const ANSI = new RegExp(`${ESC}\\[[0-9;]*[A-Za-z]`, 'g');
const stripAnsi = (text: string): string => text.replace(ANSI, '');

/** What the terminal shows at the end: each line as left after carriage returns and erases (colours dropped). */
function finalScreen(output: string): string {
  return output
    .replace(/\r\n/g, '\n')
    .split('\n')
    .map((line) => stripAnsi(line.slice(line.lastIndexOf('\r') + 1)))
    .join('\n');
}

describe('the console on a terminal and through pipes', () => {
  it('in a pseudo-terminal: redraws a progress line in place for the fan-out, then step lines, coloured output and the summary', async () => {
    const dir = workflowDir({ 'fan-out.yml': FAN_OUT });
    const { code, output } = await runInTerminal(['fan-out.yml', '--sandbox'], dir);
    expect(code, output).toBe(0);
    const frames = output.split('\r\u001b[K').map(stripAnsi);
    const progress = frames.filter((frame) => /^⠋|^[⠙⠹⠸⠼⠴⠦⠧⠇⠏] check exec sleep 0\.02 [━─]{20} \d+\/16/.test(frame));
    expect(progress.length, output).toBeGreaterThanOrEqual(2);
    expect(progress.some((frame) => /[━─]{20} [1-9]\d*\/\d+ · [1-9]\d* ok/.test(frame)), output).toBe(true);
    const screen = finalScreen(output);
    expect(screen).toMatch(/\n✓ check exec sleep 0\.02 {2}16 ok · /);
    expect(screen).toMatch(/\nstep +status +ok +unchanged +skipped +failed +time +requests\n/);
    expect(screen).toMatch(/\nok in .* · run \d{8}-\d{6}\.\d{3}-[0-9a-f]{4}/);
    expect(output).toContain(`${ESC}[35mType: `);
    expect(output).toContain(`${ESC}[32m✓${ESC}[39m`);
  });

  it('through pipes: the same run has no control sequence and no carriage return', async () => {
    const dir = workflowDir({ 'fan-out.yml': FAN_OUT });
    const result = await runCli(['fan-out.yml', '--sandbox'], { cwd: dir, env: { NO_COLOR: undefined } });
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).not.toContain(ESC);
    expect(result.stdout + result.stderr).not.toContain('\r');
    expect(result.stdout).toMatch(/^Type: \S+ Status: \S+$/m);
    expect(result.stdout).toMatch(/\n✓ check exec sleep 0\.02 {2}16 ok · /);
  });

  it('--json: every stdout line is a documented event (retries, rate-limit waits, prints, failures, planned writes); people get stderr', async () => {
    const dir = workflowDir({
      'busy.yml': `name: busy
steps:
  - id: connections
    list: connections
    with: { limit: 10 }
  - id: details
    foreach: \${{ steps.connections.items }}
    concurrency: 4
    request: GET connections/\${{ item.id }}
  - id: status
    foreach: \${{ steps.connections.items }}
    print:
    fields:
      Type: \${{ item.service }}
      Status: \${{ item.status.sync_state }}
  - id: table
    export: markdown
    items: \${{ steps.connections.items }}
    columns: { id: item.id, paused: item.paused }
  - id: rename
    request: PATCH connections/\${{ steps.connections.items[0].id }}
    with: { body: { paused: true } }
  - id: broken
    foreach: \${{ steps.connections.count }}
    print: never printed
`,
    });
    const env = { FIVETRAN_API_URL: sandbox.url, FIVETRAN_API_KEY: sandbox.apiKey, FIVETRAN_API_SECRET: sandbox.apiSecret };
    const validate = eventValidator();
    // A dry run: reads with retries and rate-limit waits, the PATCH only planned; \`broken\` fails the run.
    const result = await runCli(['busy.yml', '--json', '--dry-run', '--scope', 'delete', '--rate-limit', '10'], { cwd: dir, env });
    expect(result.code, result.stderr).toBe(1);
    const lines = result.stdout.trimEnd().split('\n');
    const seen = new Set<string>();
    for (const line of lines) {
      const event = JSON.parse(line) as { type: string };
      expect(validate(event), `${line}\n${JSON.stringify(validate.errors)}`).toBe(true);
      seen.add(event.type);
    }
    expect(JSON.parse(lines[0]!)).toMatchObject({ type: 'run-start', name: 'busy', dry_run: true });
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ type: 'run-end', status: 'failed', writes_planned: 1 });
    expect(result.stderr).toContain('atlas-run · busy');
    expect(result.stderr).toContain("✗ broken: busy.yml:24:18: foreach must give a list, got number in 'steps.connections.count'");
    expect(result.stderr).not.toMatch(/^\{"time"/m);
    expect(sandbox.stats().writes.total).toBe(0);
    expect([...seen].sort()).toEqual(['item', 'message', 'print', 'rate-limit-wait', 'request', 'retry', 'run-end', 'run-start', 'step-end', 'step-start', 'write-planned'].sort());
  });
});

describe('colour detection', () => {
  const tty = { isTTY: true } as never;
  const pipe = { isTTY: false } as never;

  it('colours a terminal unless NO_COLOR is set; FORCE_COLOR wins either way', () => {
    expect(colorEnabled(tty, {})).toBe(true);
    expect(colorEnabled(pipe, {})).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: '1' })).toBe(false);
    expect(colorEnabled(tty, { NO_COLOR: '' })).toBe(true);
    expect(colorEnabled(pipe, { FORCE_COLOR: '1' })).toBe(true);
    expect(colorEnabled(tty, { FORCE_COLOR: '0', NO_COLOR: undefined })).toBe(false);
    expect(colorEnabled(pipe, { FORCE_COLOR: 'true', NO_COLOR: '1' })).toBe(true);
    expect(colorEnabled(tty, { FORCE_COLOR: 'false' })).toBe(false);
  });
});
