/**
 * The concurrency caps hold end to end: the real CLI fans out over 60 connections against a sandbox
 * that takes ~15 ms per request, and the sandbox's own count of requests in flight never goes above
 * the cap that applies — and does reach it, so the cap is what limits the run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox.js';

const CONNECTIONS = 60;
const sandbox = useSandbox({ rateLimit: false, connections: CONNECTIONS, latencyMs: 15, jitterMs: 5 });

beforeEach(() => sandbox.reset());

function fanOut(options: { workflowCap?: number; stepCap?: number }): string {
  return `name: read every connection
${options.workflowCap ? `concurrency: ${options.workflowCap}\n` : ''}steps:
  - id: all
    list: connections
  - id: each
    foreach: \${{ steps.all.items }}
${options.stepCap ? `    concurrency: ${options.stepCap}\n` : ''}    get: connection
    with: { id: "\${{ item }}" }
`;
}

async function run(workflow: string, ...flags: string[]): Promise<void> {
  const cwd = mkdtempSync(join(tmpdir(), 'atlas-concurrency-'));
  writeFileSync(join(cwd, 'wf.yml'), workflow);
  const result = await runCli(['wf.yml', '--quiet', ...flags], {
    cwd,
    env: { FIVETRAN_API_URL: sandbox.url, FIVETRAN_API_KEY: sandbox.apiKey, FIVETRAN_API_SECRET: sandbox.apiSecret },
  });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  // Every connection was read once by the fan-out: the cap slowed the run, it did not drop work.
  expect(sandbox.stats().requests.byRoute['GET /v1/connections/{connectionId}']).toEqual({ 200: sandbox.state().connections.length });
}

describe('concurrency caps, measured at the sandbox', () => {
  it('the workflow concurrency caps requests in flight across the run, over a wider step', async () => {
    await run(fanOut({ workflowCap: 4, stepCap: 16 }));
    expect(sandbox.stats().peakInFlight).toBe(4);
  });

  it('a step concurrency below the workflow cap limits that step', async () => {
    await run(fanOut({ stepCap: 3 }));
    expect(sandbox.stats().peakInFlight).toBe(3);
  });

  it('--concurrency overrides the workflow cap', async () => {
    await run(fanOut({ workflowCap: 6 }), '--concurrency', '2');
    expect(sandbox.stats().peakInFlight).toBe(2);
  });
});
