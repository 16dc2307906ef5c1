/**
 * Secrets canary: random values planted as the API secret, as a password read with `secret()`, and
 * as a var declared secret. Every example workflow (dry run and real run), a workflow that pushes
 * secrets everywhere it can (creates, updates, print, a failing command, a failing assertion),
 * plan and apply, and the error paths (bad credentials, an API that echoes everything it receives
 * in 4xx and 5xx errors) run against it; then stdout, stderr, the journals, the plan files and
 * every file the runs wrote are searched. Each canary, in every encoding, must appear 0 times.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { startTestServer } from '../helpers/http-server.js';
import type { Reply, TestServer } from '../helpers/http-server.js';
import type { CliResult } from '../helpers/cli.js';
import { runInProcess } from '../helpers/cli-in-process.js';
import { useSandbox } from '../helpers/sandbox.js';
import { filesBelow, leaksIn, makeCanaries } from './support/canaries.js';

const WORKFLOWS = fileURLToPath(new URL('../../workflows/', import.meta.url));
const examples = readdirSync(WORKFLOWS).filter((name) => /\.ya?ml$/.test(name)).sort();

const canaries = makeCanaries();
const sandbox = useSandbox({ apiKey: canaries.apiKey, apiSecret: canaries.apiSecret, rateLimit: false, syncDurationMs: 20 });

/** A workflow that puts the secret var and a secret() value everywhere a run can show or keep them. */
const SECRETS_WORKFLOW = `name: secrets everywhere
vars:
  db_password: { type: string, secret: true, required: true, description: the database password }
steps:
  - id: by_var
    create: connection
    with:
      group: warehouse_new
      service: postgres
      paused: true
      config: { schema_prefix: canary_var, host: db.example.com, port: 5432, database: app, user: app }
      secrets: { password: "\${{ vars.db_password }}" }
  - id: by_ref
    create: connection
    with:
      group: warehouse_new
      service: postgres
      paused: true
      config: { schema_prefix: canary_ref, host: db.example.com, port: 5432, database: app, user: app }
      secrets: { password: "\${{ secret('CANARY_DB_PASSWORD') }}" }
  - id: rotate
    update: connection
    with: { id: "\${{ steps.by_var.id }}", config: { password: "\${{ secret('CANARY_DB_PASSWORD') }}" } }
  - id: shout
    print: "var \${{ vars.db_password }} ref \${{ secret('CANARY_DB_PASSWORD') }} url postgres://app:\${{ secret('CANARY_DB_PASSWORD') }}@db"
  - id: command
    exec: 'echo "out $ATLAS_VAR_db_password $PGPASSWORD"; echo "err $PGPASSWORD $ATLAS_VAR_db_password" >&2; exit 3'
    env: { PGPASSWORD: "\${{ secret('CANARY_DB_PASSWORD') }}" }
    continue_on_error: true
  - id: check
    assert: \${{ vars.db_password == 'something else' }}
    with: { message: "the password was \${{ vars.db_password }}" }
    continue_on_error: true
outputs:
  password: \${{ vars.db_password }}
`;

let work = '';
let journals = '';

beforeAll(() => {
  // A copy of workflows/ (runs write reports and backups next to them) with the secrets workflow added.
  work = mkdtempSync(join(tmpdir(), 'atlas-canary-'));
  journals = join(work, '.journals');
  cpSync(WORKFLOWS, work, { recursive: true });
  writeFileSync(join(work, 'secrets.yml'), SECRETS_WORKFLOW);
});

function env(apiUrl = sandbox.url, apiSecret = canaries.apiSecret): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NO_COLOR: '1',
    FIVETRAN_API_URL: apiUrl,
    FIVETRAN_API_KEY: canaries.apiKey,
    FIVETRAN_API_SECRET: apiSecret,
    CANARY_DB_PASSWORD: canaries.dbPassword,
    ATLAS_VAR_db_password: canaries.secretVar,
    ATLAS_JOURNAL_DIR: journals,
  };
}

/** The CLI in this process (one process start per run would cost minutes of CPU over this file). */
function runHere(args: string[], environment = env()): Promise<CliResult> {
  return runInProcess(args, { cwd: work, env: environment });
}

function expectNoLeak(run: { stdout: string; stderr: string }, label: string): void {
  expect([...leaksIn(run.stdout, `stdout of ${label}`, canaries), ...leaksIn(run.stderr, `stderr of ${label}`, canaries)]).toEqual([]);
}

/** Vars that make an example read the canary password: `password_env` names the variable holding it. */
function secretVarsOf(file: string): string[] {
  const vars = (parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as { vars?: Record<string, unknown> }).vars ?? {};
  return 'password_env' in vars ? ['--var', 'password_env=CANARY_DB_PASSWORD'] : [];
}

describe('every example workflow, with canary credentials', () => {
  it('has example workflows', () => {
    expect(examples.length).toBeGreaterThan(1);
  });

  it.each(examples)('%s: a dry run (--json) and a real run (--verbose) show no secret', async (file) => {
    const dry = await runHere([file, '--dry-run', '--json', '--yes', '--scope', 'delete', ...secretVarsOf(file)]);
    expect([0, 1], dry.stderr).toContain(dry.code);
    expectNoLeak(dry, `${file} --dry-run`);
    const real = await runHere([file, '--verbose', '--yes', '--scope', 'delete', ...secretVarsOf(file)]);
    expect([0, 1], real.stderr).toContain(real.code);
    expectNoLeak(real, file);
  });
});

describe('a workflow that puts secrets everywhere it can', () => {
  it('shows none of them: on the console, in --json with every request, in a dry run', async () => {
    const console = await runHere(['secrets.yml', '--yes']);
    expect(console.code, console.stderr).toBe(0);
    expect(console.stdout).toContain('var ****** ref ****** url postgres://app:******@db');
    expectNoLeak(console, 'secrets.yml');

    const json = await runHere(['secrets.yml', '--json', '--verbose', '--yes']);
    expect(json.code, json.stderr).toBe(0);
    expect(json.stdout).toContain('"type":"request"');
    expectNoLeak(json, 'secrets.yml --json --verbose');

    const dry = await runHere(['secrets.yml', '--dry-run', '--json', '--var', `db_password=${canaries.secretVar}`]);
    expect(dry.code, dry.stderr).toBe(0);
    expectNoLeak(dry, 'secrets.yml --dry-run');
  });

  it('keeps them out of a plan, which apply fills from the environment', async () => {
    const plan = await runHere(['plan', 'secrets.yml', '--out', 'canary-plan.json']);
    expect(plan.code, plan.stderr).toBe(0);
    expectNoLeak(plan, 'plan');
    const saved = readFileSync(join(work, 'canary-plan.json'), 'utf8');
    expect(saved).toContain('"$secret"');
    expect(leaksIn(saved, 'the plan file', canaries)).toEqual([]);

    const apply = await runHere(['apply', 'canary-plan.json', '--force']);
    expectNoLeak(apply, 'apply');
    const printed = await runHere(['plan', 'secrets.yml', '--json']);
    expectNoLeak(printed, 'plan --json');
  });

  it('lists the runs without them', async () => {
    const runs = await runHere(['runs', '--json']);
    expect(runs.code, runs.stderr).toBe(0);
    expectNoLeak(runs, 'runs');
  });
});

describe('error paths, through the built CLI', () => {
  let echo: TestServer;
  beforeAll(async () => {
    // An API that reads pass through to the sandbox and that rejects every write, echoing back the
    // credential it was sent (raw and decoded) and the whole body: 400 for POST, 500 for PATCH.
    echo = await startTestServer(async (request): Promise<Reply> => {
      const authorization = String(request.headers.authorization ?? '');
      if (request.method === 'GET') {
        const answer = await fetch(`${sandbox.origin}${request.url}`, { headers: { authorization, accept: 'application/json;version=2' } });
        return { status: answer.status, body: await answer.text(), headers: { 'content-type': 'application/json' } };
      }
      const decoded = Buffer.from(authorization.replace(/^Basic /, ''), 'base64').toString('utf8');
      const message = `rejected ${authorization} (${decoded}) ${request.body}`;
      return { status: request.method === 'PATCH' ? 500 : 400, json: { code: 'InvalidInput', message, data: { echo: request.body } }, headers: { 'retry-after': '0' } };
    });
  });
  afterAll(async () => {
    await echo.close();
  });

  const spawned = (args: string[], environment: Record<string, string>) => runCli(args, { cwd: work, env: environment });

  it('bad credentials: call and a run answered 401', async () => {
    const wrong = env(sandbox.url, `${canaries.apiSecret}-but-wrong`);
    const call = await spawned(['call', 'GET', 'groups'], wrong);
    expect(call.code).toBe(1);
    expect(call.stderr).toContain('401');
    expectNoLeak(call, 'call with a wrong secret');
    const run = await spawned(['secrets.yml', '--yes'], wrong);
    expect(run.code).toBe(1);
    expectNoLeak(run, 'a run with a wrong secret');
  });

  it('an API echoing credentials and bodies in 4xx and 5xx errors', async () => {
    const run = await spawned(['secrets.yml', '--yes', '--json', '--verbose'], env(echo.baseUrl));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('rejected Basic ******');
    expectNoLeak(run, 'a run against an echoing API');
    const human = await spawned(['secrets.yml', '--yes'], env(echo.baseUrl));
    expectNoLeak(human, 'the same, for people');
    const call = await spawned(['call', 'POST', 'connections', `config.password=${canaries.dbPassword}`, 'group_id=g', 'service=postgres', '--verbose'], env(echo.baseUrl));
    expect(call.code).toBe(1);
    expectNoLeak(call, 'call against an echoing API');
    const patch = await spawned(['call', 'PATCH', 'connections/c1', '--data', JSON.stringify({ config: { password: canaries.dbPassword } })], env(echo.baseUrl));
    expect(patch.code).toBe(1);
    expectNoLeak(patch, 'a PATCH answered 500');
    // The plan's secret references are filled from the environment; the API quotes the filled body back.
    const apply = await spawned(['apply', 'canary-plan.json', '--force'], env(echo.baseUrl));
    expect(apply.code).toBe(1);
    expect(apply.stdout).toContain('rejected Basic ******');
    expectNoLeak(apply, 'apply against an echoing API');
  });
});

describe('what the runs left behind', () => {
  it('journals, the plan, reports, backups and rewritten SQL hold no canary', () => {
    const files = filesBelow(work);
    const journalFiles = files.filter((file) => file.path.startsWith(journals) && file.path.endsWith('journal.jsonl'));
    expect(journalFiles.length).toBeGreaterThan(examples.length);
    expect(files.some((file) => file.path.endsWith('canary-plan.json'))).toBe(true);
    expect(files.flatMap((file) => leaksIn(file.text, file.path, canaries))).toEqual([]);
  });
});
