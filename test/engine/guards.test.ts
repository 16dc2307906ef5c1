/**
 * What stops a run before it touches the account: destructive steps need --yes (or a confirmation),
 * and steps beyond the run's scope are refused by name. Nothing is sent in either case.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox.js';
import { itemEvents, runEngine } from './support/run-engine.js';

const sandbox = useSandbox({ rateLimit: false });

beforeEach(() => sandbox.reset());

const DELETE_TWO = `name: delete webhooks
steps:
  - id: drop
    foreach: [hook_a, hook_b]
    request: DELETE webhooks/\${{ item }}
`;

function deletes(): number {
  return sandbox.stats().requests.byMethod.DELETE ?? 0;
}

describe('destructive confirmation in the engine', () => {
  it('refuses a destructive step without yes or a way to ask, naming the step and its items', async () => {
    const { summary, events } = await runEngine(DELETE_TWO, sandbox, { yes: false });
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'message', step: 'drop', level: 'error', message: "step 'drop' would run request on 2 items (hook_a, hook_b); rerun with --yes to allow it" }),
    );
    expect(summary.steps.drop!.status).toBe('failed');
    expect(deletes()).toBe(0);
  });

  it('asks once with every affected item, and a no sends nothing', async () => {
    const asked: unknown[] = [];
    const { events } = await runEngine(DELETE_TWO, sandbox, {
      confirm: (request) => {
        asked.push(request);
        return Promise.resolve(false);
      },
    });
    expect(asked).toEqual([{ step: 'drop', action: 'request', items: ['hook_a', 'hook_b'] }]);
    expect(events).toContainEqual(expect.objectContaining({ type: 'message', step: 'drop', message: "step 'drop' not confirmed: request on 2 items declined" }));
    expect(deletes()).toBe(0);
  });

  it('goes on after a yes, and with yes: true without asking', async () => {
    const confirmed = await runEngine(DELETE_TWO, sandbox, { confirm: () => Promise.resolve(true) });
    expect(itemEvents(confirmed.events, 'drop')).toHaveLength(2);
    expect(deletes()).toBe(2);
    const allowed = await runEngine(DELETE_TWO, sandbox, { yes: true });
    expect(itemEvents(allowed.events, 'drop')).toHaveLength(2);
    expect(deletes()).toBe(4);
  });

  it('sends nothing in a dry run and needs no confirmation there', async () => {
    const { events } = await runEngine(DELETE_TWO, sandbox, { dryRun: true });
    expect(events.filter((e) => e.type === 'write-planned').map((e) => e.type === 'write-planned' && `${e.method} ${e.path}`)).toEqual(['DELETE webhooks/hook_a', 'DELETE webhooks/hook_b']);
    expect(deletes()).toBe(0);
  });
});

describe('guards of atlas-run FILE (built CLI)', () => {
  function workflowDir(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-guards-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }
  const env = (): Record<string, string> => ({ FIVETRAN_API_URL: sandbox.url, FIVETRAN_API_KEY: sandbox.apiKey, FIVETRAN_API_SECRET: sandbox.apiSecret });

  it('refuses a destructive step without --yes when it cannot ask (exit 2, nothing sent)', async () => {
    const cwd = workflowDir({ 'wf.yml': DELETE_TWO });
    const result = await runCli(['wf.yml', '--scope', 'delete'], { cwd, env: env() });
    expect(result.stderr).toBe("atlas-run: step 'drop' (request) is destructive\nhint: nothing was sent; rerun with --yes to allow it, or from a terminal to confirm\n");
    expect(result.code).toBe(2);
    expect(sandbox.stats().requests.total).toBe(0);
  });

  it('refuses a step beyond --scope, naming it even inside an include (exit 2, nothing sent)', async () => {
    const cwd = workflowDir({
      'wf.yml': `name: scoped
steps:
  - id: look
    request: GET groups
  - id: inner
    uses: ./kick.yml
`,
      'kick.yml': `name: kick
steps:
  - id: kick
    sync: some_connection
`,
    });
    const result = await runCli(['wf.yml', '--scope', 'read'], { cwd, env: env() });
    expect(result.stderr).toBe("atlas-run: step 'inner.kick' (sync some_connection) needs --scope write; this run's scope is read\nhint: nothing was sent; raise --scope (or FIVETRAN_SCOPE) if that is intended\n");
    expect(result.code).toBe(2);
    const fromEnv = await runCli(['wf.yml'], { cwd, env: { ...env(), FIVETRAN_SCOPE: 'read' } });
    expect(fromEnv.code).toBe(2);
    expect(fromEnv.stderr).toContain("step 'inner.kick' (sync some_connection) needs --scope write");
    expect(sandbox.stats().requests.total).toBe(0);
  });
});
