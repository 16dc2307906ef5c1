import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { WorkflowError } from '../../src/errors.js';
import type { StepContext } from '../../src/steps/define-step.js';
import { readStep } from '../../src/steps/read.js';
import { runYaml } from '../helpers/run-workflow.js';
import { useSandbox } from '../helpers/sandbox.js';
import { expectFailure, outputsOf } from './resources/support.js';

const sandbox = useSandbox({ rateLimit: false });

beforeEach(() => sandbox.reset());

const readYaml = (file: string, extra = '') => `name: read
steps:
  - id: r
    read: ${file}
${extra ? `    with: { ${extra} }\n` : ''}`;

async function read(file: string, content: string, extra = ''): Promise<Awaited<ReturnType<typeof runYaml>>> {
  return runYaml(readYaml(file, extra), sandbox, { files: { [file]: content } });
}

/** Runs the handler alone with a chosen file access (size limits, roots) — it needs nothing else. */
function readWith(files: StepContext['files'], inputs: Parameters<typeof readStep.run>[1]): ReturnType<typeof readStep.run> {
  return readStep.run({ files } as StepContext, inputs);
}

describe('read', () => {
  it('reads CSV with a header into objects, quoted fields and CRLF included', async () => {
    const run = await read('s3.csv', 'schema_name,table_name,pattern\r\nlanding,orders,"orders_\\d{8}\\.csv"\r\nlanding,"items, all",x\r\n');
    expect(outputsOf(run, 'r')).toMatchObject({
      count: 2,
      items: [
        { schema_name: 'landing', table_name: 'orders', pattern: 'orders_\\d{8}\\.csv' },
        { schema_name: 'landing', table_name: 'items, all', pattern: 'x' },
      ],
    });
  });

  it('names the columns of a headerless CSV, and a row with the wrong number of fields is an error at its line', async () => {
    const run = await read('schemas.csv', 'hr_001\nhr_002\n\nhr_003\n', 'columns: [schema_prefix]');
    expect(outputsOf(run, 'r').items).toEqual([{ schema_prefix: 'hr_001' }, { schema_prefix: 'hr_002' }, { schema_prefix: 'hr_003' }]);

    const bad = await read('accounts.csv', 'id,name\n1,a\n2\n', '');
    expectFailure(bad, 'r', 'accounts.csv:3:1: Invalid Record Length: columns length is 2, got 1');
  });

  it('reads JSON (a list, or the list at a path), NDJSON and YAML', async () => {
    expect(outputsOf(await read('a.json', '[{"id": 1}, {"id": 2}]'), 'r').count).toBe(2);
    expect(outputsOf(await read('b.json', '{"data": {"items": ["x"]}}', 'path: data.items'), 'r').items).toEqual(['x']);
    expect(outputsOf(await read('c.ndjson', '{"a":1}\n\n{"a":2}\n'), 'r').items).toEqual([{ a: 1 }, { a: 2 }]);
    expect(outputsOf(await read('d.yml', '- name: one\n- name: two\n'), 'r').items).toEqual([{ name: 'one' }, { name: 'two' }]);
  });

  it('reads plain lines, skipping blank ones', async () => {
    expect(outputsOf(await read('ids.txt', 'abc\r\n\n  \ndef\n'), 'r').items).toEqual(['abc', 'def']);
  });

  it('points at the line and column of broken JSON, NDJSON and YAML, without quoting the file', async () => {
    expectFailure(await read('a.json', '[\n  {"id": 1},\n  {"id": }\n]'), 'r', "a.json:3:10: Unexpected token '}'");
    expectFailure(await read('b.ndjson', '{"a":1}\n{"a":2\n'), 'r', 'b.ndjson:2:7:');
    expectFailure(await read('c.yaml', 'items:\n  - a\n - b\n'), 'r', /^c\.yaml:3:\d+: /);
    const secretive = await read('s.json', '{"password": "hunter2-secret",,}');
    expect(String(outputsOf(secretive, 'r').error)).not.toContain('hunter2');
  });

  it('says what it expected when a document is not a list', async () => {
    expectFailure(await read('o.json', '{"a": 1}'), 'r', "o.json: expected a list, got a mapping; give 'path' to the list inside it");
    expectFailure(await read('o.json', '{"a": 1}', 'path: a'), 'r', "o.json: expected a list at 'a', got a number");
  });

  it('refuses files outside the workflow folder, missing files, and unknown formats', async () => {
    expectFailure(await runYaml(readYaml('../outside.csv'), sandbox), 'r', "refusing to read '../outside.csv': it is outside the folders this run may read");
    expectFailure(await runYaml(readYaml('missing.csv'), sandbox), 'r', "cannot read 'missing.csv': no such file");
    expectFailure(await read('data.bin', 'x'), 'r', "cannot tell the format of 'data.bin' from its name; set 'format'");
    expectFailure(await read('a.json', '[]', 'columns: [x]'), 'r', "input 'columns' applies to csv files only, not json");
    expect(outputsOf(await read('data.bin', 'x\ny', 'format: lines'), 'r').count).toBe(2);
  });

  it('follows symbolic links before checking the roots, and enforces the size limit', async () => {
    const base = mkdtempSync(join(tmpdir(), 'atlas-read-'));
    const root = join(base, 'root');
    mkdirSync(root);
    writeFileSync(join(base, 'secret.txt'), 'outside\n');
    symlinkSync(join(base, 'secret.txt'), join(root, 'link.txt'));
    writeFileSync(join(root, 'big.txt'), 'x'.repeat(2048));
    const access = { baseDir: root, roots: [root], maxReadBytes: 1024 };
    await expect(readWith(access, { file: 'link.txt' })).rejects.toThrow("refusing to read 'link.txt': it is outside the folders this run may read");
    await expect(readWith(access, { file: 'big.txt' })).rejects.toThrow("refusing to read 'big.txt': 2048 bytes is over the 1024-byte limit");
    await expect(readWith({ ...access, maxReadBytes: 4096 }, { file: 'big.txt' })).resolves.toMatchObject({ count: 1 });
    await expect(readWith(access, { file: 'bad.csv' })).rejects.toThrow("cannot read 'bad.csv'");
    writeFileSync(join(root, 'bad.csv'), 'a,b\n"x\n');
    const error = await readWith(access, { file: 'bad.csv' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowError);
    expect((error as WorkflowError).issues[0]).toMatchObject({ file: 'bad.csv', line: 2 });
  });
});
