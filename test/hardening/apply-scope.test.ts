/**
 * A saved plan is checked against the scope of the apply before anything is sent: writes need
 * --scope write, deletes --scope delete (exit 2, nothing sent otherwise).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliResult } from '../helpers/cli.js';
import { runInProcess } from '../helpers/cli-in-process.js';
import { useSandbox } from '../helpers/sandbox.js';

const sandbox = useSandbox({ rateLimit: false });

async function runHere(args: string[], cwd: string): Promise<Omit<CliResult, 'signal'>> {
  const env = { FIVETRAN_API_URL: sandbox.url, FIVETRAN_API_KEY: sandbox.apiKey, FIVETRAN_API_SECRET: sandbox.apiSecret, ATLAS_JOURNAL_DIR: join(cwd, 'journal') };
  const { code, stdout, stderr } = await runInProcess(args, { cwd, env });
  return { code, stdout, stderr };
}

describe('apply within its scope', () => {
  it('refuses a plan of writes under --scope read and a plan of deletes under --scope write, sending nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-apply-scope-'));
    const connection = sandbox.state().connections[0]!;
    writeFileSync(join(dir, 'pause.yml'), `name: pause\nsteps:\n  - id: pause\n    update: connection\n    with: { id: ${connection.id}, paused: ${!connection.paused} }\n`);
    writeFileSync(join(dir, 'remove.yml'), `name: remove\nsteps:\n  - id: remove\n    delete: connection\n    with: { id: ${connection.id} }\n`);
    expect((await runHere(['plan', 'pause.yml', '--out', 'pause.json'], dir)).code).toBe(0);
    expect((await runHere(['plan', 'remove.yml', '--scope', 'delete', '--out', 'remove.json'], dir)).code).toBe(0);
    const writesBefore = sandbox.stats().writes.total;

    const read = await runHere(['apply', 'pause.json', '--scope', 'read'], dir);
    expect(read).toEqual({ code: 2, stdout: '', stderr: "atlas-run: the plan makes 1 write; this apply's scope is read\nhint: nothing was sent; raise --scope (or FIVETRAN_SCOPE) if that is intended\n" });
    const write = await runHere(['apply', 'remove.json'], dir);
    expect(write).toEqual({ code: 2, stdout: '', stderr: "atlas-run: the plan deletes 1 object; this apply's scope is write\nhint: nothing was sent; --scope delete if that is intended\n" });
    expect(sandbox.stats().writes.total).toBe(writesBefore);
    expect(sandbox.state().connections.some((c) => c.id === connection.id)).toBe(true);
  });
});
