import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ItemEvent, PrintEvent, RunEvent } from '../../src/report/events.js';
import { execStep } from '../../src/steps/exec.js';
import { runYaml } from '../helpers/run-workflow.js';
import { useSandbox } from '../helpers/sandbox.js';
import { runCli } from '../helpers/cli.js';

const sandbox = useSandbox({ rateLimit: false });
const env = { PATH: process.env.PATH, HOME: process.env.HOME };

const items = (events: RunEvent[]): ItemEvent[] => events.filter((e): e is ItemEvent => e.type === 'item');
const prints = (events: RunEvent[]): string[] => events.filter((e): e is PrintEvent => e.type === 'print').map((e) => e.text);

describe('exec', () => {
  it('runs a script with vars as ATLAS_VAR_<name>, extra env, quoted args and stdin; outputs feed later steps', async () => {
    const { summary, events } = await runYaml(
      `name: exec
vars:
  group: { default: warehouse_legacy }
  tables: { type: list, default: [a, b] }
steps:
  - id: hello
    exec: 'echo "$ATLAS_VAR_group/$ATLAS_VAR_tables/$EXTRA/$COUNT"; echo to-stderr >&2; cat'
    env: { EXTRA: "\${{ vars.group + '_x' }}", COUNT: 3 }
    input: from stdin
  - id: quoted
    exec: printf '[%s]'
    args: ['a b', '$HOME', "it's", 2]
  - id: show
    print: \${{ steps.hello.stdout + steps.quoted.stdout }}
  - id: no_stdin
    exec: cat
`,
      sandbox,
      { env },
    );
    expect(items(events).map((e) => e.error ?? e.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(summary.steps.no_stdin!.outputs.stdout).toBe('');
    const outputs = summary.steps.hello!.outputs;
    expect(outputs.stdout).toBe('warehouse_legacy/["a","b"]/warehouse_legacy_x/3\nfrom stdin');
    expect(outputs.stderr).toBe('to-stderr\n');
    expect(outputs.exit_code).toBe(0);
    expect(summary.steps.quoted!.outputs.stdout).toBe("[a b][$HOME][it's][2]");
    expect(prints(events)).toEqual([`${outputs.stdout}[a b][$HOME][it's][2]`]);
    expect(sandbox.stats().writes.total).toBe(0);
  });

  it('parses stdout as JSON or lines, and prints it with show: true', async () => {
    const { summary, events } = await runYaml(
      `name: parse
steps:
  - id: json
    exec: echo '{"ids":["a","b"],"n":2}'
    parse: json
  - id: lines
    exec: printf 'one\\ntwo\\n'
    parse: lines
    with: { show: true }
  - id: count
    assert: size(steps.json.json.ids) == steps.json.json.n && steps.lines.lines == ['one', 'two']
`,
      sandbox,
      { env },
    );
    expect(summary.status).toBe('ok');
    expect(summary.steps.json!.outputs.json).toEqual({ ids: ['a', 'b'], n: 2 });
    expect(prints(events)).toEqual(['one\ntwo']);
  });

  it('fails the item with the exit code and the last stderr line, and on stdout that is not JSON', async () => {
    const { summary, events } = await runYaml(
      `name: failing
steps:
  - id: broken
    exec: 'echo first >&2; echo "relation \\"orders\\" does not exist" >&2; exit 3'
    continue_on_error: true
  - id: not_json
    exec: echo not json
    parse: json
`,
      sandbox,
      { env },
    );
    expect(summary.status).toBe('failed');
    const [broken, notJson] = items(events);
    expect(broken).toMatchObject({ step: 'broken', status: 'failed' });
    expect(broken!.error).toBe(`command 'echo first >&2; echo "relation \\"orders\\" does not exist"...' exited with code 3: relation "orders" does not exist`);
    expect(notJson!.error).toMatch(/^stdout is not JSON \(parse: json\): /);
  });

  it('stops a command at its timeout and when the run is interrupted', async () => {
    const started = Date.now();
    const timedOut = await runYaml(`name: slow\nsteps:\n  - id: slow\n    exec: sleep 5\n    timeout: 150ms\n`, sandbox, { env });
    expect(items(timedOut.events)[0]!.error).toBe("command 'sleep 5' timed out after 150ms");
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 150);
    const interrupted = await runYaml(`name: slow\nsteps:\n  - id: slow\n    exec: sleep 5\n`, sandbox, { env, signal: controller.signal });
    expect(items(interrupted.events)[0]!.error).toBe("command 'sleep 5' was stopped: the run was interrupted");
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('runs in a cwd inside the roots and refuses one outside them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-exec-'));
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'marker.txt'), 'here');
    const { summary, events } = await runYaml(
      `name: cwd
steps:
  - id: inside
    exec: cat marker.txt
    cwd: sub
  - id: outside
    exec: pwd
    cwd: ${tmpdir()}
`,
      sandbox,
      { env, dir },
    );
    expect(summary.steps.inside!.outputs.stdout).toBe('here');
    expect(items(events)[1]!.error).toMatch(/^cwd '.+' is outside the directories this run may use \(.+\); allow another with --root DIR$/);
  });

  it('does not run in a dry run unless read_only, and read_only lowers its effect to read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-exec-'));
    const { summary, events } = await runYaml(
      `name: dry
steps:
  - id: writes
    exec: touch wrote.txt
  - id: reads
    exec: echo harmless
    read_only: true
`.replace('    read_only: true', '    with: { read_only: true }'),
      sandbox,
      { env, dir, dryRun: true },
    );
    expect(summary.status).toBe('ok');
    expect(items(events).map((e) => [e.step, e.status])).toEqual([
      ['writes', 'skipped'],
      ['reads', 'ok'],
    ]);
    expect(summary.steps.reads!.outputs.stdout).toBe('harmless\n');
    expect(() => writeFileSync(join(dir, 'wrote.txt'), '', { flag: 'wx' })).not.toThrow();
    expect(execStep.effect({ command: 'x' })).toBe('write');
    expect(execStep.effect({ command: 'x', read_only: true })).toBe('read');
    expect(execStep.effect({ command: 'x', read_only: undefined })).toBe('write');
    expect(sandbox.stats().writes.total).toBe(0);
  });

  it('never shows a secret var it prints: the CLI masks it in human and --json output', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-exec-'));
    writeFileSync(
      join(dir, 'secret.yml'),
      `name: secret
vars:
  pg_password: { secret: true }
steps:
  - id: leak
    exec: 'echo "connecting with $ATLAS_VAR_pg_password"; echo "$ATLAS_VAR_pg_password" >&2; exit 4'
    show: true
    continue_on_error: true
`.replace('    show: true\n', '    with: { show: true }\n'),
    );
    const secret = 'hunter2-very-secret';
    for (const args of [['secret.yml', '--sandbox'], ['secret.yml', '--sandbox', '--json']]) {
      const result = await runCli(args, { cwd: dir, env: { ATLAS_VAR_pg_password: secret } });
      expect(result.stdout + result.stderr).not.toContain(secret);
      expect(result.stdout + result.stderr).toContain('exited with code 4: ******');
    }
    const journals = readdirSync(join(dir, '.atlas'), { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(journals.length).toBeGreaterThan(0);
    for (const entry of journals) expect(readFileSync(join(entry.parentPath, entry.name), 'utf8')).not.toContain(secret);
  });
});
