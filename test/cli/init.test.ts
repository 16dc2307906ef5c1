import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildWorkflowSchema } from '../../scripts/generate-workflow-schema.js';
import { stepRegistry } from '../../src/steps/registry.js';
import { loadWorkflow } from '../../src/workflow/load-workflow.js';
import { runCli } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox.js';

// Seeded syncs last the whole file: a sync ending between the run and the state read would change a status line.
const sandbox = useSandbox({ rateLimit: false, syncDurationMs: 600_000 });
const SCHEMA = new URL('../../schema/workflow.schema.json', import.meta.url);

describe('atlas-run init', () => {
  it('writes workflow.yml whose $schema line points at the published schema, valid for it and for the loader', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-init-'));
    const result = await runCli(['init'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('wrote workflow.yml\ntry it: atlas-run workflow.yml --sandbox\n');
    const file = join(dir, 'workflow.yml');
    const text = readFileSync(file, 'utf8');
    const schemaLine = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text);
    expect(schemaLine).not.toBeNull();
    expect(resolve(dirname(file), schemaLine![1]!)).toBe(resolve(SCHEMA.pathname));
    // The registry's schema: test/workflow/schema.test.ts keeps the published file equal to it.
    const validate = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true }).compile(buildWorkflowSchema(stepRegistry.all()));
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
    const workflow = loadWorkflow(file, { types: stepRegistry, cwd: dir });
    expect(workflow.steps.map((s) => s.type)).toEqual(['list', 'print', 'export']);
    expect(text).toContain('#   atlas-run workflow.yml --sandbox');
  });

  it('runs as written: one status line and one CSV row per connection of the group', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-init-'));
    expect((await runCli(['init', 'status'], { cwd: dir })).code).toBe(0);
    const env = { FIVETRAN_API_URL: sandbox.url, FIVETRAN_API_KEY: sandbox.apiKey, FIVETRAN_API_SECRET: sandbox.apiSecret };
    const result = await runCli(['status.yml'], { cwd: dir, env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const state = sandbox.state();
    const group = state.groups.find((g) => g.name === 'warehouse_legacy')!;
    const connections = state.connections.filter((c) => c.group_id === group.id);
    expect(connections.length).toBeGreaterThan(0);
    const statusLines = result.stdout.split('\n').filter((line) => line.startsWith('Type: '));
    expect(statusLines.sort()).toEqual(connections.map((c) => `Type: ${c.service} Status: ${c.status.sync_state} Frequency: ${c.sync_frequency}`).sort());
    const csv = readFileSync(join(dir, 'connection-status.csv'), 'utf8').trimEnd().split('\n');
    expect(csv[0]).toBe('id,schema,service,state,paused');
    expect(csv.slice(1).map((row) => row.split(',')[0]).sort()).toEqual(connections.map((c) => c.id).sort());
    expect(sandbox.stats().writes.total).toBe(0);
  });

  it('never overwrites a file, and takes a name with or without .yml', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-init-'));
    expect((await runCli(['init', 'nightly.yaml'], { cwd: dir })).code).toBe(0);
    expect(existsSync(join(dir, 'nightly.yaml'))).toBe(true);
    const before = readFileSync(join(dir, 'nightly.yaml'), 'utf8');
    const again = await runCli(['init', 'nightly.yaml'], { cwd: dir });
    expect(again.code).toBe(2);
    expect(again.stderr).toBe("atlas-run: 'nightly.yaml' already exists; nothing was written\nhint: give another name: atlas-run init <name>\n");
    expect(readFileSync(join(dir, 'nightly.yaml'), 'utf8')).toBe(before);
    const missing = await runCli(['init', 'no/such/dir/x'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("atlas-run: directory 'no/such/dir' does not exist");
  });
});
