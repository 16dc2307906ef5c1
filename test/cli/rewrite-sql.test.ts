import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox.js';

const sandbox = useSandbox({ rateLimit: false });
let workdir: string;

beforeEach(async () => {
  sandbox.reset();
  workdir = await mkdtemp(join(tmpdir(), 'atlas-rewrite-cli-'));
});

afterEach(async () => {
  await rm(workdir, { recursive: true, force: true });
});

const SAMPLE = 'select a.AccountNumber, o.IsDeleted\nfrom salesforce.Account a\njoin salesforce.Opportunity o on o.AccountId = a.Id;\n';
const REWRITTEN = 'select a.account_number, o.is_deleted\nfrom salesforce.Account a\njoin salesforce.Opportunity o on o.account_id = a.Id;\n';

function salesforceId(): string {
  const connection = sandbox.state().connections.find((c) => c.schema === 'salesforce');
  if (!connection) throw new Error('no seeded salesforce connection');
  return connection.id;
}

function rewrite(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  return runCli(['rewrite-sql', ...args], {
    cwd: workdir,
    env: { FIVETRAN_API_URL: sandbox.url, FIVETRAN_API_KEY: sandbox.apiKey, FIVETRAN_API_SECRET: sandbox.apiSecret, ...env },
  });
}

describe('atlas-run rewrite-sql', () => {
  it('--dry-run prints the diff on stdout and the report on stderr, and writes nothing', async () => {
    await writeFile(join(workdir, 'q.sql'), SAMPLE);
    const result = await rewrite(['--connection', salesforceId(), '--dry-run', 'q.sql']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      '--- a/q.sql\n+++ b/q.sql\n@@ -1,3 +1,3 @@\n-select a.AccountNumber, o.IsDeleted\n+select a.account_number, o.is_deleted\n from salesforce.Account a\n' +
        '-join salesforce.Opportunity o on o.AccountId = a.Id;\n+join salesforce.Opportunity o on o.account_id = a.Id;\n',
    );
    expect(result.stderr).toContain('dialect snowflake (destination snowflake of group');
    expect(result.stderr).toContain('q.sql: 3 renames\n  renamed    1:10     AccountNumber → account_number\n');
    expect(result.stderr).toContain('would rewrite 1 of 1 file (3 names)');
    expect(await readFile(join(workdir, 'q.sql'), 'utf8')).toBe(SAMPLE);
    expect(sandbox.stats().writes.total).toBe(0);
  });

  it('colours the diff when asked to (a terminal, or FORCE_COLOR)', async () => {
    await writeFile(join(workdir, 'q.sql'), SAMPLE);
    const result = await rewrite(['-c', salesforceId(), '--dialect', 'snowflake', '--dry-run', 'q.sql'], { NO_COLOR: undefined, FORCE_COLOR: '1' });
    expect(result.stdout).toContain('\u001b[32m+select a.account_number, o.is_deleted\u001b[39m');
    expect(result.stdout).toContain('\u001b[31m-select a.AccountNumber, o.IsDeleted\u001b[39m');
  });

  it('rewrites in place with a backup; a second run changes nothing', async () => {
    await writeFile(join(workdir, 'q.sql'), SAMPLE);
    const first = await rewrite(['-c', salesforceId(), '--backup', '.orig', '*.sql']);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toContain('q.sql: 3 renames (backup q.sql.orig)');
    expect(first.stderr).toContain('rewrote 1 of 1 file (3 names)');
    expect(await readFile(join(workdir, 'q.sql'), 'utf8')).toBe(REWRITTEN);
    expect(await readFile(join(workdir, 'q.sql.orig'), 'utf8')).toBe(SAMPLE);
    const written = await stat(join(workdir, 'q.sql'));

    const again = await rewrite(['-c', salesforceId(), 'q.sql']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('1 file, nothing to rewrite');
    expect((await stat(join(workdir, 'q.sql'))).mtimeMs).toBe(written.mtimeMs);
    expect((await readdir(workdir)).sort()).toEqual(['q.sql', 'q.sql.orig']);
    expect(sandbox.stats().writes.total).toBe(0);
  });

  it('--out writes rewritten copies and leaves the originals alone', async () => {
    await writeFile(join(workdir, 'q.sql'), SAMPLE);
    const result = await rewrite(['-c', salesforceId(), '--out', 'rewritten', '.']);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('q.sql: 3 renames → rewritten/q.sql');
    expect(await readFile(join(workdir, 'rewritten', 'q.sql'), 'utf8')).toBe(REWRITTEN);
    expect(await readFile(join(workdir, 'q.sql'), 'utf8')).toBe(SAMPLE);
  });

  it('works from a mapping file alone, without credentials or any request', async () => {
    await writeFile(join(workdir, 'q.sql'), 'select Amount from Sales.Deals;\n');
    await writeFile(join(workdir, 'names.yml'), 'schemas:\n  Sales:\n    destination: crm_sales\n    tables:\n      Deals:\n        destination: deal_facts\n        columns: { Amount: amount_usd }\n');
    const result = await rewrite(['--mapping', 'names.yml', '--dialect', 'postgres', 'q.sql'], { FIVETRAN_API_KEY: undefined, FIVETRAN_API_SECRET: undefined });
    expect(result.code).toBe(0);
    expect(await readFile(join(workdir, 'q.sql'), 'utf8')).toBe('select amount_usd from crm_sales.deal_facts;\n');
    expect(sandbox.stats().requests.total).toBe(0);
  });

  it('exits 1 with the API error when the connection does not exist', async () => {
    await writeFile(join(workdir, 'q.sql'), SAMPLE);
    const result = await rewrite(['-c', 'no_such_connection', '--dialect', 'snowflake', 'q.sql']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^atlas-run: GET \/v1\/connections\/no_such_connection\/schemas → 404 NotFound/m);
    expect(await readFile(join(workdir, 'q.sql'), 'utf8')).toBe(SAMPLE);
  });

  it('exits 1 when a file is skipped or a pattern matches nothing, after doing the rest', async () => {
    await writeFile(join(workdir, 'q.sql'), SAMPLE);
    await writeFile(join(workdir, 'latin1.sql'), Buffer.from('select 1 -- caf\xe9\n', 'latin1'));
    const result = await rewrite(['-c', salesforceId(), 'q.sql', 'latin1.sql', 'models/**/*.sql']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("warning: no file matches 'models/**/*.sql'");
    expect(result.stderr).toContain('latin1.sql: skipped: not valid UTF-8, skipped');
    expect(result.stderr).toContain('rewrote 1 of 2 files (3 names); 1 skipped');
    expect(await readFile(join(workdir, 'q.sql'), 'utf8')).toBe(REWRITTEN);
  });

  it.each([
    [[], 'which files?'],
    [['q.sql'], 'nothing to map names from'],
    [['-c', 'x', '--dialect', 'tsql', 'q.sql'], "unknown dialect 'tsql'"],
    [['-c', 'x', '--dialekt', 'snowflake', 'q.sql'], "unknown option '--dialekt'"],
    [['-c', 'x', '../outside.sql'], 'outside the allowed directories'],
    [['-c', 'x', '--out', '/tmp/elsewhere-atlas', 'q.sql'], 'refusing to write to /tmp/elsewhere-atlas'],
  ])('usage error %j: exit 2, nothing sent', async (args, message) => {
    const result = await rewrite(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(sandbox.stats().requests.total).toBe(0);
  });

  it('is listed in the help', async () => {
    const help = await runCli(['rewrite-sql', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: atlas-run rewrite-sql --connection ID [options] FILES/GLOBS…');
    expect((await runCli(['--help'])).stdout).toMatch(/rewrite-sql\s+rewrite SQL files from source names to destination names/);
  });
});

describe('workflows/rewrite-sql.yml', () => {
  const WORKFLOW = fileURLToPath(new URL('../../workflows/rewrite-sql.yml', import.meta.url));
  const SAMPLES = fileURLToPath(new URL('../../workflows/sql/', import.meta.url));

  it('rewrites the sample SQL against the sandbox Salesforce connection into copies, leaving the samples as they are', async () => {
    const names = (await readdir(SAMPLES)).filter((name) => name.endsWith('.sql')).sort();
    const before = await Promise.all(names.map((name) => readFile(join(SAMPLES, name), 'utf8')));
    const out = join(workdir, 'out');
    const run = (extra: string[] = []) =>
      runCli(['run', WORKFLOW, '--var', `connection=${salesforceId()}`, '--var', `out_dir=${out}`, ...extra], {
        cwd: workdir,
        env: { FIVETRAN_API_URL: sandbox.url, FIVETRAN_API_KEY: sandbox.apiKey, FIVETRAN_API_SECRET: sandbox.apiSecret },
      });

    const result = await run();
    expect(result.code, result.stderr).toBe(0);
    expect(await readdir(join(out, 'sql'))).toEqual(names);
    // The seed's sample: CamelCase columns renamed through their aliases; the column Salesforce has no
    // such field for in the sandbox stays as written (reported unmapped).
    expect(await readFile(join(out, 'sql', 'account_sample.sql'), 'utf8')).toBe(
      'select a.account_number,\n\ta.created_by_id,\n    o.is_deleted,\n\to.Expected_Revenue__c,\n    a.Name\n' +
        'from elijah_db.salesforce.account a\ninner join elijah_db.salesforce.opportunity o on a.id = o.account_id\nlimit 10;\n',
    );
    const pipeline = await readFile(join(out, 'sql', 'open_pipeline.sql'), 'utf8');
    expect(pipeline).toContain("    select o.account_id, o.stage_name, o.Amount, o.close_date\n    from {{ source('salesforce', 'Opportunity') }} o\n");
    expect(pipeline).toContain("-- (Opportunity.AccountId, StageName…); 'AccountId' in this comment stays as it is.");
    expect(pipeline).toContain('join open_opportunities oo on oo.account_id = a.Id\n');
    const owners = await readFile(join(out, 'sql', 'contact_owners.sql'), 'utf8');
    expect(owners).toContain('    c."FIRST_NAME" as contact_first_name,\n');
    expect(owners).toContain('from salesforce."CONTACT" c\njoin salesforce."USER" u on u.Id = c.created_by_id\n');
    expect(owners).toContain("where FirstName <> 'Test'");
    expect(result.stdout).toContain('rewrite: sql/contact_owners.sql: 1 ambiguous, left alone: FirstName (11:7)');
    expect(await Promise.all(names.map((name) => readFile(join(SAMPLES, name), 'utf8')))).toEqual(before);

    const again = await run(['--verbose']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('3 files, nothing to rewrite; 1 ambiguous left alone; 2 unmapped');
    expect(sandbox.stats().writes.total).toBe(0);
  });
});
