import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatJson } from '../../src/cli/call/json-output.js';
import { runCli, type CliResult } from '../helpers/cli.js';
import { runInProcess } from '../helpers/cli-in-process.js';
import { fail, ok, startTestServer, type RecordedRequest, type TestServer } from '../helpers/http-server.js';

const SECRET = 'call-secret-Zq81x';
const PASSWORD = 'pg-password-77aa';
let server: TestServer;
let workdir: string;

function env(extra: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { FIVETRAN_API_KEY: 'key', FIVETRAN_API_SECRET: SECRET, FIVETRAN_API_URL: server.baseUrl, ...extra };
}

function call(args: string[], options: { env?: Record<string, string | undefined>; input?: string } = {}): Promise<CliResult> {
  return runCli(['call', ...args], { env: options.env ?? env(), cwd: workdir, ...(options.input === undefined ? {} : { input: options.input }) });
}

/** Runs `main` in this process (fast, for the table of usage errors); same streams and exit code as the bin. */
function callInProcess(args: string[], environment: Record<string, string | undefined>): Promise<CliResult> {
  return runInProcess(['call', ...args], { cwd: workdir, env: environment });
}

function expectNoSecrets(result: CliResult): void {
  for (const text of [result.stdout, result.stderr]) {
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(Buffer.from(`key:${SECRET}`).toString('base64'));
    expect(text).not.toContain(PASSWORD);
  }
}

beforeAll(async () => {
  workdir = await mkdtemp(join(tmpdir(), 'atlas-call-'));
});

afterAll(async () => {
  await rm(workdir, { recursive: true, force: true });
});

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  await server.close();
});

describe('atlas-run call: requests', () => {
  it('PATCH connectors/ID paused=True sends {"paused": true} to /v1/connections/ID and prints the envelope', async () => {
    server.enqueue(ok({ id: 'brisk_lantern', paused: true }));
    const result = await call(['PATCH', 'connectors/brisk_lantern', 'paused=True']);
    expect(result.code).toBe(0);
    const [request] = server.requests;
    expect([request?.method, request?.path, request?.body]).toEqual(['PATCH', '/v1/connections/brisk_lantern', '{"paused":true}']);
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from(`key:${SECRET}`).toString('base64')}`);
    expect(result.stdout).toBe('{"code":"Success","data":{"id":"brisk_lantern","paused":true}}\n');
    expect(result.stderr).toContain("warning: legacy path 'connectors/brisk_lantern' rewritten to 'connections/brisk_lantern'");
  });

  it('builds nested bodies and query parameters from items and --query', async () => {
    server.enqueue(ok({}));
    const result = await call(['post', 'connections', 'service=postgres', 'group_id=g1', 'config.port=5432', 'config.password=' + PASSWORD, 'run_setup_tests:=false', 'x==1', '--query', 'y=2']);
    expect(result.code).toBe(0);
    const request = server.requests[0] as RecordedRequest;
    expect(JSON.parse(request.body)).toEqual({ service: 'postgres', group_id: 'g1', config: { port: 5432, password: PASSWORD }, run_setup_tests: false });
    expect(request.url).toBe('/v1/connections?x=1&y=2');
    expect(request.headers['content-type']).toBe('application/json');
    expectNoSecrets(result);
  });

  it.each([
    ['inline JSON', ['--data', '{"name":"analytics"}'], undefined],
    ['a file', ['--data', '@group.json'], undefined],
    ['stdin', ['--data', '-'], '{"name":"analytics"}'],
  ])('takes the whole body from --data (%s)', async (_label, flags, input) => {
    await writeFile(join(workdir, 'group.json'), '{"name":"analytics"}');
    server.enqueue(ok({ id: 'g1' }, 201));
    const result = await call(['POST', 'groups', ...flags], input === undefined ? {} : { input });
    expect(result.code).toBe(0);
    expect(server.requests[0]?.body).toBe('{"name":"analytics"}');
  });

  it('--all streams every item of every page, one JSON per line when piped', async () => {
    server.handle((request) => {
      const skip = Number(request.query.get('cursor') ?? 0);
      const items = Array.from({ length: Math.min(1000, 2300 - skip) }, (_, i) => ({ id: `c${skip + i}` }));
      return ok({ items, ...(skip + 1000 < 2300 ? { next_cursor: String(skip + 1000) } : {}) });
    });
    const result = await call(['GET', 'groups/g1/connections', '--all']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2300);
    expect(JSON.parse(lines[2299]!)).toEqual({ id: 'c2299' });
    expect(server.requests.map((r) => r.query.get('limit'))).toEqual(['1000', '1000', '1000']);
  });

  it('--verbose prints the request with credentials and passwords masked, and its timing', async () => {
    server.enqueue(ok({ id: 'c1' }));
    const result = await call(['PATCH', 'connections/c1', `config.password=${PASSWORD}`, '-v']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`> PATCH ${server.baseUrl}/connections/c1`);
    expect(result.stderr).toContain('> authorization: Basic ******');
    expect(result.stderr).toContain('> {"config":{"password":"******"}}');
    expect(result.stderr).toMatch(/< 200 PATCH \/v1\/connections\/c1 in \d+ ms/);
    expectNoSecrets(result);
  });

  it('colours output when FORCE_COLOR is set and not when NO_COLOR is', async () => {
    server.handle(() => ok({ paused: true }));
    const coloured = await call(['GET', 'connections/c1'], { env: env({ FORCE_COLOR: '1', NO_COLOR: undefined }) });
    expect(coloured.stdout).toContain('\u001b[');
    const plain = await call(['GET', 'connections/c1'], { env: env({ NO_COLOR: '1' }) });
    expect(plain.stdout).not.toContain('\u001b[');
    expect(stripVTControlCharacters(plain.stdout)).toBe(stripVTControlCharacters(coloured.stdout));
  });
});

describe('atlas-run call: exit codes', () => {
  it('exits 1 naming method, path, status, code and message when the API fails', async () => {
    server.enqueue(fail(404, 'NotFound_Connection', "Connection with id 'abc' not found"));
    const result = await call(['PATCH', 'connections/abc', 'paused=true']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe("atlas-run: PATCH /v1/connections/abc → 404 NotFound_Connection: Connection with id 'abc' not found\n");
    expect(result.stdout).toBe('');
  });

  it('exits 1 on a network failure', async () => {
    const closed = await startTestServer();
    await closed.close();
    const result = await call(['GET', 'groups'], { env: env({ FIVETRAN_API_URL: closed.baseUrl }) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('GET /v1/groups → network error: connection refused');
  });

  it('exits 1 without re-sending a POST the server failed on', async () => {
    server.handle(() => fail(500));
    const result = await call(['POST', 'connections', 'service=postgres', `config.password=${PASSWORD}`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('POST /v1/connections → 500; not re-sent because the POST may have been applied');
    expect(server.requests).toHaveLength(1);
    expectNoSecrets(result);
  });

  it.each<[string, string[], Record<string, string | undefined> | undefined, RegExp]>([
    ['an unknown method', ['FETCH', 'groups'], undefined, /unknown method 'FETCH'/],
    ['a misspelt method', ['PATH', 'groups'], undefined, /did you mean 'PATCH'\?/],
    ['a malformed item', ['PATCH', 'connections/c1', 'paused'], undefined, /malformed item 'paused'/],
    ['invalid JSON after :=', ['PATCH', 'connections/c1', `config:={"password": ${PASSWORD}`], undefined, /item 'config:=…' is not valid JSON/],
    ['conflicting body sources', ['PATCH', 'connections/c1', 'paused=true', '--data', '{}'], undefined, /conflicting body sources/],
    ['a body on GET', ['GET', 'groups', 'name=x'], undefined, /GET sends no body/],
    ['--all on a write', ['POST', 'groups', '--all'], undefined, /--all pages through a list/],
    ['invalid --data', ['POST', 'groups', '--data', `{"password": ${PASSWORD}}`], undefined, /--data is not valid JSON/],
    ['a missing --data file', ['POST', 'groups', '--data', '@nope.json'], undefined, /cannot read --data file 'nope.json' \(ENOENT\)/],
    ['an unknown flag', ['GET', 'groups', '--verbos'], undefined, /unknown option '--verbos'[\s\S]*did you mean '--verbose'/],
    ['a flag without its value', ['POST', 'groups', '--data'], undefined, /option '--data' needs a value/],
    ['--query without =', ['GET', 'groups', '--query', 'limit'], undefined, /--query expects name=value, got 'limit'/],
    ['a query parameter given twice', ['GET', 'groups', 'limit==1', '--query', 'limit=2'], undefined, /query parameter 'limit' is given twice/],
    ['a missing endpoint', ['GET'], undefined, /missing ENDPOINT/],
    ['the removed Metadata API', ['GET', 'metadata/connectors/c1/columns'], undefined, /removed source Metadata API[\s\S]*connections\/c1\/schemas/],
    ['missing credentials', ['GET', 'groups'], { FIVETRAN_API_KEY: undefined, FIVETRAN_API_SECRET: undefined }, /FIVETRAN_API_KEY and FIVETRAN_API_SECRET are not set\nhint: .*--sandbox/],
    ['a bad API URL', ['GET', 'groups'], { FIVETRAN_API_URL: 'ftp://example.com' }, /FIVETRAN_API_URL must be http\(s\)/],
  ])('exits 2 with a hint and sends nothing on %s (in-process)', async (_label, args, extraEnv, message) => {
    const result = await callInProcess(args, extraEnv ? env(extraEnv) : env());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/\nhint: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(server.requests).toHaveLength(0);
    expectNoSecrets(result);
  });

  it.each([
    [['FETCH', 'groups'], {}, /unknown method 'FETCH'/],
    [['PATCH', 'connections/c1', 'paused'], {}, /malformed item 'paused'/],
    [['GET', 'groups'], { FIVETRAN_API_KEY: undefined, FIVETRAN_API_SECRET: undefined }, /not set\nhint: /],
  ])('the real binary exits 2 too: %j', async (args, extraEnv, message) => {
    const result = await call(args, { env: env(extraEnv) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(server.requests).toHaveLength(0);
  });

  it('prints help with examples', async () => {
    const result = await call(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('atlas-run call PATCH connectors/brisk_lantern paused=True');
  });
});

describe('atlas-run call --sandbox', () => {
  it('talks to a fresh in-process sandbox without credentials', async () => {
    const listed = await call(['GET', 'groups', '--sandbox'], { env: { FIVETRAN_API_KEY: undefined, FIVETRAN_API_SECRET: undefined } });
    expect(listed.code).toBe(0);
    const envelope = JSON.parse(listed.stdout) as { code: string; data: { items: Array<{ id: string }> } };
    expect(envelope.code).toBe('Success');
    expect(envelope.data.items.length).toBeGreaterThan(0);
    const id = envelope.data.items[0]!.id;
    const patched = await call(['PATCH', `groups/${id}`, 'name=renamed_by_call', '--sandbox'], { env: {} });
    expect(patched.code).toBe(0);
    expect(JSON.parse(patched.stdout)).toMatchObject({ code: 'Success', data: { id, name: 'renamed_by_call' } });
  });

  it('exits 1 with the sandbox error for an unknown connection', async () => {
    const result = await call(['GET', 'connections/does_not_exist', '--sandbox'], { env: {} });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^atlas-run: GET \/v1\/connections\/does_not_exist → 404 NotFound_Connection/);
  });
});

describe('JSON output', () => {
  it('is exactly JSON.stringify, compact or indented, once colours are stripped', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), fc.boolean(), (value, pretty, color) => {
        const text = stripVTControlCharacters(formatJson(value, { pretty, color }));
        return text === (pretty ? JSON.stringify(value, null, 2) : JSON.stringify(value));
      }),
      { numRuns: 500 },
    );
  });
});
