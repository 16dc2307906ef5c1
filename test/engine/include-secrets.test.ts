import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/index.js';
import { runWorkflow } from '../../src/library.js';
import { useSandbox } from '../helpers/sandbox.js';

const sandbox = useSandbox({ rateLimit: false });

describe('secret vars of an included workflow', () => {
  it('are masked in what is reported, whatever value the caller hands over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-include-secret-'));
    writeFileSync(join(dir, 'inner.yml'), `name: inner
vars:
  password: { secret: true, required: true }
steps:
  - id: show
    print: "password is \${{ vars.password }}"
`);
    writeFileSync(join(dir, 'outer.yml'), `name: outer
steps:
  - id: inner
    uses: ./inner.yml
    with: { password: literal-canary-4711 }
`);
    const client = createClient({ apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret, baseUrl: sandbox.url });
    const events: unknown[] = [];
    try {
      const summary = await runWorkflow(join(dir, 'outer.yml'), { client, cwd: dir, reporter: (event) => events.push(event) });
      expect(summary.status).toBe('ok');
    } finally {
      await client.close();
    }
    const text = JSON.stringify(events);
    expect(text).toContain('password is ******');
    expect(text).not.toContain('literal-canary-4711');
  });
});
