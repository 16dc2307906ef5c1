import { mkdtemp, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/report/events.js';
import { runYaml, type YamlRun } from '../helpers/run-workflow.js';
import { useSandbox } from '../helpers/sandbox.js';
import { expectFailure, outputsOf, seeded, writesApplied } from './ops-support.js';

const sandbox = useSandbox({ rateLimit: false });

beforeEach(() => {
  sandbox.reset();
});

/** The seed's Salesforce query (USE-CASES.md, sql_writer): CamelCase columns through aliases. */
const SAMPLE = `select a.AccountNumber,
\ta.CreatedById,
    o.IsDeleted,
    a.Name -- 'AccountNumber' in a comment stays
from elijah_db.salesforce.account a
inner join elijah_db.salesforce.opportunity o on a.id = o.account_id
where a.Type = 'AccountNumber';
`;
const REWRITTEN = `select a.account_number,
\ta.created_by_id,
    o.is_deleted,
    a.Name -- 'AccountNumber' in a comment stays
from elijah_db.salesforce.account a
inner join elijah_db.salesforce.opportunity o on a.id = o.account_id
where a.Type = 'AccountNumber';
`;

const salesforceId = (): string => seeded(sandbox, 'salesforce').id;

function rewriteYaml(files: string, inputs: Record<string, string> = {}): string {
  const lines = Object.entries({ connection: salesforceId(), ...inputs }).map(([name, value]) => `      ${name}: ${value}`);
  return `name: rewrite
steps:
  - id: rewrite
    rewrite-sql: ${files}
    with:
${lines.join('\n')}
`;
}

/** Requests the sandbox answered on one route since the last reset. */
function routeCount(route: string): number {
  return Object.values(sandbox.stats().requests.byRoute[route] ?? {}).reduce((sum, n) => sum + n, 0);
}

const COLUMNS_ROUTE = 'GET /v1/connections/{connectionId}/schemas/{schema}/tables/{table}/columns';
const SCHEMAS_ROUTE = 'GET /v1/connections/{connectionId}/schemas';

function messages(run: YamlRun, kind: 'print' | 'message'): string[] {
  return run.events.flatMap((e: RunEvent) => (e.type === kind ? [e.type === 'print' ? e.text : e.message] : []));
}

describe('rewrite-sql step', () => {
  it('in a dry run shows the diff, writes nothing to disk or the API, and reads only what it needs', async () => {
    const run = await runYaml(rewriteYaml('q.sql', { dialect: 'snowflake' }), sandbox, { files: { 'q.sql': SAMPLE }, dryRun: true });
    expect(run.summary.status).toBe('ok');
    expect(await readFile(join(run.dir, 'q.sql'), 'utf8')).toBe(SAMPLE);
    expect((await readdir(run.dir)).sort()).toEqual(['q.sql', 'workflow.yml']);
    const outputs = outputsOf(run, 'rewrite');
    expect(outputs).toMatchObject({ changed: 1, dialect: 'snowflake', status: 'ok', unmapped: [] });
    expect(outputs.files).toEqual([
      expect.objectContaining({ path: 'q.sql', status: 'changed', ambiguous: [], unmapped: [], changes: expect.arrayContaining([{ line: 1, column: 10, from: 'AccountNumber', to: 'account_number', kind: 'column' }]) }),
    ]);
    expect(outputs.diff).toContain('\n-select a.AccountNumber,\n-\ta.CreatedById,\n-    o.IsDeleted,\n+select a.account_number,\n');
    expect(messages(run, 'print').join('\n')).toBe(String(outputs.diff).replace(/\n$/, ''));
    const colours = run.events.flatMap((e) => (e.type === 'print' ? [e.segments?.[0]?.color ?? null] : []));
    expect(colours.slice(0, 5)).toEqual([null, null, 'cyan', 'red', 'red']);
    expect(colours).toContain('green');
    expect(writesApplied(sandbox)).toBe(0);
    // One schema config and the column lists of the two tables the SQL uses, nothing else.
    expect(routeCount(SCHEMAS_ROUTE)).toBe(1);
    expect(routeCount(COLUMNS_ROUTE)).toBe(2);
    expect(sandbox.stats().requests.total).toBe(3);
  });

  it('with dry_run: true diffs only, even in a real run', async () => {
    const run = await runYaml(rewriteYaml('q.sql', { dialect: 'snowflake', dry_run: 'true' }), sandbox, { files: { 'q.sql': SAMPLE } });
    expect(outputsOf(run, 'rewrite')).toMatchObject({ changed: 1, files: [expect.objectContaining({ status: 'changed' })] });
    expect(await readFile(join(run.dir, 'q.sql'), 'utf8')).toBe(SAMPLE);
  });

  it('writes in place atomically with a backup, and a second run changes nothing', async () => {
    const first = await runYaml(rewriteYaml('"*.sql"', { backup: '.bak' }), sandbox, { files: { 'q.sql': SAMPLE } });
    expect(first.summary.status).toBe('ok');
    expect(await readFile(join(first.dir, 'q.sql'), 'utf8')).toBe(REWRITTEN);
    expect(await readFile(join(first.dir, 'q.sql.bak'), 'utf8')).toBe(SAMPLE);
    expect((await readdir(first.dir)).sort()).toEqual(['q.sql', 'q.sql.bak', 'workflow.yml']);
    expect(outputsOf(first, 'rewrite')).toMatchObject({ changed: 1, dialect: 'snowflake', files: [expect.objectContaining({ status: 'written', backup: 'q.sql.bak' })] });
    const written = await stat(join(first.dir, 'q.sql'));

    sandbox.reset();
    const again = await runYaml(rewriteYaml('"*.sql"'), sandbox, { dir: first.dir });
    expect(outputsOf(again, 'rewrite')).toMatchObject({ changed: 0, status: 'unchanged', detail: '1 file, nothing to rewrite' });
    expect(again.events).toContainEqual(expect.objectContaining({ type: 'item', step: 'rewrite', status: 'unchanged' }));
    expect((await stat(join(first.dir, 'q.sql'))).mtimeMs).toBe(written.mtimeMs);
    expect(writesApplied(sandbox)).toBe(0);
  });

  it('writes copies into an output directory, keeps the originals, and leaves its own copies out of the glob', async () => {
    const files = { 'q.sql': SAMPLE };
    const first = await runYaml(rewriteYaml('"**/*.sql"', { output: 'out/rewritten' }), sandbox, { files });
    expect(outputsOf(first, 'rewrite')).toMatchObject({ changed: 1, files: [expect.objectContaining({ path: 'q.sql', status: 'written', output: 'out/rewritten/q.sql' })] });
    expect(await readFile(join(first.dir, 'out', 'rewritten', 'q.sql'), 'utf8')).toBe(REWRITTEN);
    expect(await readFile(join(first.dir, 'q.sql'), 'utf8')).toBe(SAMPLE);

    const again = await runYaml(rewriteYaml('"**/*.sql"', { output: 'out/rewritten' }), sandbox, { dir: first.dir });
    expect(outputsOf(again, 'rewrite')).toMatchObject({ changed: 0, status: 'unchanged', files: [expect.objectContaining({ path: 'q.sql', status: 'unchanged' })] });
    expect(await readdir(join(first.dir, 'out', 'rewritten'))).toEqual(['q.sql']);
  });

  it('fails with the API error when the connection does not exist, having written nothing', async () => {
    const run = await runYaml(rewriteYaml('q.sql', { connection: 'no_such_connection', dialect: 'snowflake' }), sandbox, { files: { 'q.sql': SAMPLE } });
    expectFailure(run, 'rewrite', /GET \/v1\/connections\/no_such_connection\/schemas → 404/);
    expect(await readFile(join(run.dir, 'q.sql'), 'utf8')).toBe(SAMPLE);
  });

  it('refuses paths and globs outside the allowed directories before reading anything', async () => {
    for (const files of ['"../*.sql"', '/etc/passwd']) {
      const run = await runYaml(rewriteYaml(files), sandbox);
      expectFailure(run, 'rewrite', 'outside the allowed directories');
    }
    expect(sandbox.stats().requests.total).toBe(0);
  });

  it('skips a file that is not UTF-8 or leads out through a symlink, with a warning, and rewrites the rest', async () => {
    const run = await runYaml(rewriteYaml('"*.sql"', { dialect: 'snowflake' }), sandbox, {
      files: { 'a.sql': SAMPLE, 'b.sql': '\u0000' },
      dir: await withFiles(async (dir) => {
        await writeFile(join(dir, 'binary.sql'), Buffer.from([0xc3, 0x28]));
        const outside = await mkdtemp(join(tmpdir(), 'atlas-outside-'));
        await writeFile(join(outside, 'secret.sql'), SAMPLE);
        await symlink(join(outside, 'secret.sql'), join(dir, 'escape.sql'));
      }),
    });
    const outputs = outputsOf(run, 'rewrite');
    const files = outputs.files as { path: string; status: string; message?: string }[];
    expect(files.map((f) => [f.path, f.status])).toEqual([
      ['a.sql', 'written'],
      ['b.sql', 'unchanged'],
      ['binary.sql', 'skipped'],
      ['escape.sql', 'skipped'],
    ]);
    expect(files[2]?.message).toBe('not valid UTF-8, skipped');
    expect(files[3]?.message).toBe('outside the allowed directories, skipped');
    expect(messages(run, 'message')).toEqual(expect.arrayContaining(['binary.sql: skipped: not valid UTF-8, skipped']));
    expect(outputs.detail).toBe('rewrote 1 of 4 files (3 names); 2 skipped');
  });

  it('infers the dialect from the destination, and refuses connections whose warehouses differ', async () => {
    const quoted = 'select c."FirstName" from salesforce."Contact" c;\n';
    const run = await runYaml(rewriteYaml('q.sql'), sandbox, { files: { 'q.sql': quoted }, dryRun: true });
    expect(outputsOf(run, 'rewrite')).toMatchObject({ dialect: 'snowflake' });
    expect(outputsOf(run, 'rewrite').diff).toContain('+select c."FIRST_NAME" from salesforce."CONTACT" c;');

    const redshift = seeded(sandbox, 'linkedin_ads').id;
    const mixed = await runYaml(rewriteYaml('q.sql', { connection: `[${salesforceId()}, ${redshift}]` }), sandbox, { files: { 'q.sql': quoted } });
    expectFailure(mixed, 'rewrite', /different SQL dialects: snowflake \(destination snowflake of group \w+\), redshift \(destination redshift of group \w+\)/);
  });

  it('combines connections, and a mapping file overrides them', async () => {
    const erp = seeded(sandbox, 'erp_pg');
    const sql = 'select c.FirstName, a.AccountNumber, a.Industry\nfrom public.Customers c\njoin salesforce.Account a on a.Name = c.Email;\n';
    const overrides = 'schemas:\n  salesforce:\n    tables:\n      Account:\n        columns: { Industry: industry_code }\n';
    const run = await runYaml(rewriteYaml('q.sql', { connection: `[${salesforceId()}, { id: ${erp.id}, group_id: ${erp.group_id} }]`, mapping_file: 'names.yml' }), sandbox, {
      files: { 'q.sql': sql, 'names.yml': overrides },
    });
    expect(run.summary.status).toBe('ok');
    expect(await readFile(join(run.dir, 'q.sql'), 'utf8')).toBe(
      // `Customers` and `Account` already are the destination names as Snowflake folds them.
      'select c.first_name, a.account_number, a.industry_code\nfrom erp_pg_public.Customers c\njoin salesforce.Account a on a.Name = c.Email;\n',
    );
  });

  it('reports ambiguous and unmapped names once each, and leaves them alone', async () => {
    const sql = 'select FirstName, c.Nickname__c from salesforce.Contact c join salesforce."User" u on u.Id = c.CreatedById;\n';
    const run = await runYaml(rewriteYaml('"*.sql"', { dialect: 'snowflake' }), sandbox, { files: { 'a.sql': sql, 'b.sql': sql.replace('Nickname__c', 'NICKNAME__C') } });
    const outputs = outputsOf(run, 'rewrite');
    expect(outputs.unmapped).toEqual([{ name: 'Nickname__c', kind: 'column', table: 'salesforce.Contact', suggestion: 'nickname_c', files: ['a.sql', 'b.sql'] }]);
    const [a] = outputs.files as { ambiguous: { name: string; candidates: string[] }[] }[];
    expect(a?.ambiguous).toEqual([expect.objectContaining({ name: 'FirstName', candidates: ['salesforce.Contact AS c', 'salesforce.User AS u'] })]);
    expect(await readFile(join(run.dir, 'a.sql'), 'utf8')).toContain('select FirstName, c.Nickname__c from');
    expect(messages(run, 'message')).toEqual(expect.arrayContaining(['a.sql: 1 ambiguous, left alone: FirstName (1:8)', 'a.sql: 1 with no mapping: Nickname__c (1:21)']));
  });

  it('shares reads across steps of a run: a second step asks the API nothing', async () => {
    const yaml = `${rewriteYaml('a.sql', { dialect: 'snowflake' })}  - id: again
    rewrite-sql: b.sql
    connection: ${salesforceId()}
    dialect: snowflake
`;
    const run = await runYaml(yaml, sandbox, { files: { 'a.sql': SAMPLE, 'b.sql': SAMPLE } });
    expect(run.summary.status).toBe('ok');
    expect(outputsOf(run, 'again')).toMatchObject({ changed: 1 });
    expect(sandbox.stats().requests.total).toBe(3);
  });

  it('skips without calling the API when no file matches, saying so', async () => {
    const run = await runYaml(rewriteYaml('"models/**/*.sql"'), sandbox);
    expect(outputsOf(run, 'rewrite')).toMatchObject({ status: 'skipped', changed: 0, files: [], detail: 'no SQL files matched' });
    expect(messages(run, 'message')).toEqual(["no file matches 'models/**/*.sql'"]);
    expect(sandbox.stats().requests.total).toBe(0);
  });

  it('refuses a backup together with an output directory, and a mapping file with errors, naming the line', async () => {
    const both = await runYaml(rewriteYaml('q.sql', { backup: '.bak', output: 'out' }), sandbox, { files: { 'q.sql': SAMPLE } });
    expectFailure(both, 'rewrite', 'a backup only applies when rewriting in place');
    const bad = await runYaml(rewriteYaml('q.sql', { mapping_file: 'names.yml', dialect: 'snowflake' }), sandbox, { files: { 'q.sql': SAMPLE, 'names.yml': 'schemas:\n  salesforce:\n    tabels: {}\n' } });
    expectFailure(bad, 'rewrite', "names.yml:3:5: schema 'salesforce': unknown key 'tabels'");
    expect(await readFile(join(both.dir, 'q.sql'), 'utf8')).toBe(SAMPLE);
  });
});

/** A fresh temporary directory prepared by `prepare` (for files `runYaml` cannot write: bytes, symlinks). */
async function withFiles(prepare: (dir: string) => Promise<void>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'atlas-rewrite-'));
  await prepare(dir);
  return dir;
}
