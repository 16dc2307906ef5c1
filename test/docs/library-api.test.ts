/**
 * The library as a user's code sees it: everything imported from the package entry ('atlas-run',
 * which resolves to the built dist/ through the package's exports map), with its types checked by
 * `tsc --noEmit` and its behaviour checked against a sandbox started through the same entry.
 */
import { Chalk } from 'chalk';
import * as library from 'atlas-run';
import {
  ApiError,
  UsageError,
  WorkflowError,
  atlas,
  closeAtlas,
  createClient,
  createConsoleReporter,
  createJsonReporter,
  credentialsFromEnv,
  fanOutReporter,
  runWorkflow,
  startSandbox,
} from 'atlas-run';
import type { ApiClient, ClientOptions, Envelope, ItemEvent, Reporter, RunEvent, RunScope, RunSummary, RunWorkflowOptions, SandboxHandle, SandboxOptions, StepResult } from 'atlas-run';
import eventsSchema from 'atlas-run/schema/events.schema.json' with { type: 'json' };
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { section } from './markdown.js';
import { readReadme } from './readme-sections.js';

const WORKFLOW = {
  name: 'library status',
  vars: { group: { required: true } },
  steps: [
    { id: 'connections', list: 'connections', with: { group: '${{ vars.group }}', fields: ['id', 'schema', 'paused'] } },
    { id: 'paused', filter: '${{ steps.connections.items }}', where: 'item.paused' },
  ],
  outputs: { total: '${{ steps.connections.count }}', paused: '${{ steps.paused.items.map(c, c.schema) }}' },
};

let sandbox: SandboxHandle;
let client: ApiClient;
beforeAll(async () => {
  sandbox = await startSandbox({ rateLimit: false } satisfies SandboxOptions);
  client = createClient({ apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret, baseUrl: sandbox.url } satisfies ClientOptions);
});
afterAll(async () => {
  await client.close();
  await sandbox.stop();
});

describe("the package entry 'atlas-run'", () => {
  it('exports every function the README documents', () => {
    const table = section(readReadme(), 'Use as a library');
    // The first cell of each row of the export table: `runWorkflow(…)`, `ApiError`, `WorkflowError`, …
    const firstCells = table.split('\n').filter((line) => line.startsWith('| `')).map((line) => line.split(' | ')[0]!);
    const documented = firstCells.flatMap((cell) => [...cell.matchAll(/`(\w+)[(`]/g)].map((m) => m[1]!));
    expect(documented).toEqual(expect.arrayContaining(['runWorkflow', 'createClient', 'atlas', 'startSandbox', 'createConsoleReporter', 'createJsonReporter', 'fanOutReporter', 'credentialsFromEnv', 'ApiError']));
    for (const name of documented) expect(typeof (library as Record<string, unknown>)[name], name).toBe('function');
  });

  it('keeps the engine, loader, registry and journal internal', () => {
    for (const name of ['executeWorkflow', 'runLoadedWorkflow', 'loadWorkflow', 'stepRegistry', 'openRunJournal', 'resolveVars']) expect(library).not.toHaveProperty(name);
  });

  it('publishes the event schema', () => {
    expect(eventsSchema).toMatchObject({ $schema: expect.stringContaining('json-schema.org') });
  });

  it('has the types a script needs', () => {
    expectTypeOf(runWorkflow).parameter(0).toEqualTypeOf<string | Record<string, unknown>>();
    expectTypeOf(runWorkflow).parameter(1).toEqualTypeOf<RunWorkflowOptions>();
    expectTypeOf(runWorkflow).returns.resolves.toEqualTypeOf<RunSummary>();
    expectTypeOf<RunWorkflowOptions['client']>().toEqualTypeOf<ApiClient>();
    expectTypeOf<RunWorkflowOptions['reporter']>().toEqualTypeOf<Reporter | undefined>();
    expectTypeOf<RunWorkflowOptions['scope']>().toEqualTypeOf<RunScope | undefined>();
    expectTypeOf<RunSummary['steps']>().toEqualTypeOf<Record<string, StepResult>>();
    expectTypeOf(startSandbox).returns.resolves.toEqualTypeOf<SandboxHandle>();
    expectTypeOf(atlas<{ items: unknown[] }>).returns.resolves.toEqualTypeOf<Envelope<{ items: unknown[] }>>();
    expectTypeOf<Reporter>().toEqualTypeOf<(event: RunEvent) => void>();
    expectTypeOf<Extract<RunEvent, { type: 'item' }>>().toEqualTypeOf<ItemEvent>();
  });
});

describe('runWorkflow through the package entry', () => {
  it('runs a workflow object and hands back its outputs, events to every reporter', async () => {
    let ndjson = '';
    let human = '';
    const items: ItemEvent[] = [];
    const reporter = fanOutReporter(
      createJsonReporter({ write: (text: string) => (ndjson += text) }),
      createConsoleReporter({ out: { write: (text: string) => (human += text) }, printOut: { write: () => true }, chalk: new Chalk({ level: 0 }), level: 'normal' }),
      (event) => {
        if (event.type === 'item') items.push(event);
      },
    );
    const summary = await runWorkflow(WORKFLOW, { client, vars: { group: 'warehouse_legacy' }, reporter, scope: 'read' });

    const state = sandbox.state();
    const group = state.groups.find((g) => g.name === 'warehouse_legacy')!;
    const connections = state.connections.filter((c) => c.group_id === group.id);
    expect(summary.status).toBe('ok');
    expect(summary.exitCode).toBe(0);
    expect(summary.outputs).toEqual({ total: connections.length, paused: connections.filter((c) => c.paused).map((c) => c.schema) });
    const events = ndjson.trimEnd().split('\n').map((line) => JSON.parse(line) as { type: string });
    expect(events[0]!.type).toBe('run-start');
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'ok', exit_code: 0 });
    expect(items.map((i) => i.step)).toEqual(['connections', 'paused']);
    expect(human).toContain('library status');
    expect(human).toMatch(/\bok\b/);
  });

  it('refuses an invalid workflow with a WorkflowError before sending anything', async () => {
    const before = sandbox.stats().requests.total;
    const invalid = { name: 'bad', steps: [{ id: 'x', list: 'conections' }] };
    await expect(runWorkflow(invalid, { client })).rejects.toBeInstanceOf(WorkflowError);
    await expect(runWorkflow(WORKFLOW, { client, vars: { grup: 'x' } })).rejects.toBeInstanceOf(UsageError);
    const write = { name: 'pause', steps: [{ id: 'p', update: 'connection', with: { id: 'balmy_summit', paused: true } }] };
    await expect(runWorkflow(write, { client, scope: 'read' })).rejects.toThrow(/needs scope write/);
    expect(sandbox.stats().requests.total).toBe(before);
  });

  it('never hands a secret var or a secret() value to the reporter', async () => {
    const events: RunEvent[] = [];
    const workflow = {
      name: 'secrets',
      vars: { token: { secret: true, required: true } },
      steps: [
        { id: 'show', print: "token ${{ vars.token }}, password ${{ secret('LIBRARY_TEST_PASSWORD') }}" },
        { id: 'fail', assert: 'false', with: { message: "bad ${{ secret('LIBRARY_TEST_PASSWORD') }}" } },
      ],
    };
    const summary = await runWorkflow(workflow, { client, vars: { token: 'tok-123456' }, env: { LIBRARY_TEST_PASSWORD: 'pw-abcdef' }, reporter: (event) => events.push(event) });
    expect(summary.status).toBe('failed');
    const printed = events.find((e) => e.type === 'print');
    expect(printed).toMatchObject({ text: 'token ******, password ******' });
    expect(JSON.stringify(events)).not.toMatch(/tok-123456|pw-abcdef/);
  });

  it('reports a failed step in the summary instead of throwing', async () => {
    const summary = await runWorkflow(WORKFLOW, { client, vars: { group: 'no_such_group' } });
    expect(summary.status).toBe('failed');
    expect(summary.exitCode).toBe(1);
    expect(summary.steps.connections!.outputs.error).toMatch(/no_such_group/);
  });
});

describe('atlas() through the package entry', () => {
  const saved = { ...process.env };
  afterAll(async () => {
    await closeAtlas();
    for (const name of ['FIVETRAN_API_URL', 'FIVETRAN_API_KEY', 'FIVETRAN_API_SECRET']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('sends one call with the credentials of the environment and throws typed errors', async () => {
    Object.assign(process.env, { FIVETRAN_API_URL: sandbox.url, FIVETRAN_API_KEY: sandbox.apiKey, FIVETRAN_API_SECRET: sandbox.apiSecret });
    expect(credentialsFromEnv(process.env).baseUrl).toBe(sandbox.url);
    const groups = await atlas<{ items: { name: string }[] }>('GET', 'groups');
    expect(groups.code).toBe('Success');
    expect(groups.data!.items.map((g) => g.name)).toEqual(sandbox.state().groups.map((g) => g.name));
    const missing = await atlas('GET', 'connections/no_such_connection').catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ApiError);
    expect((missing as ApiError).isNotFound).toBe(true);
  });
});
