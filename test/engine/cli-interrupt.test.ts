import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ItemEvent, RunEndEvent, RunEvent } from '../../src/report/events.js';
import { BIN } from '../helpers/cli.js';
import { useSandbox } from '../helpers/sandbox.js';

// Each request takes 100 ms, so the run is still fanning out when the test presses Ctrl-C.
const sandbox = useSandbox({ rateLimit: false, latencyMs: 100 });

const PAUSE_ALL = `name: pause all
steps:
  - id: all
    list: connections
  - id: pause
    foreach: \${{ steps.all.items.filter(c, !c.paused) }}
    concurrency: 2
    update: connection
    with: { id: "\${{ item }}", paused: true }
  - id: after
    list: groups
`;

/** Runs the built CLI with --json and sends SIGINT once the first item of `step` is reported. */
function runAndInterrupt(cwd: string, step: string): Promise<{ code: number | null; events: RunEvent[]; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'wf.yml', '--json'], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', FIVETRAN_API_URL: sandbox.url, FIVETRAN_API_KEY: sandbox.apiKey, FIVETRAN_API_SECRET: sandbox.apiSecret },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const events: RunEvent[] = [];
    let pending = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines.filter(Boolean)) {
        const event = JSON.parse(line) as RunEvent;
        events.push(event);
        if (!interrupted && event.type === 'item' && event.step === step) {
          interrupted = true;
          child.kill('SIGINT');
        }
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, events, stderr }));
  });
}

describe('Ctrl-C through the built CLI', () => {
  it('finishes the writes in flight, starts nothing new, reports the run interrupted and exits 130', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'atlas-sigint-'));
    writeFileSync(join(cwd, 'wf.yml'), PAUSE_ALL);
    const candidates = sandbox.state().connections.filter((c) => !c.paused).length;

    const { code, events, stderr } = await runAndInterrupt(cwd, 'pause');

    const items = events.filter((e): e is ItemEvent => e.type === 'item' && e.step === 'pause');
    expect(items.length).toBeGreaterThanOrEqual(1);
    expect(items.length).toBeLessThan(candidates);
    expect(items.every((e) => e.status === 'ok')).toBe(true);
    // Every write that was started was sent and answered; none was cut off or started afterwards.
    expect(sandbox.stats().writes.byKind.connection_updated).toBe(items.length);
    expect(events).toContainEqual(expect.objectContaining({ type: 'step-end', step: 'pause', status: 'interrupted' }));
    expect(events).toContainEqual(expect.objectContaining({ type: 'step-end', step: 'after', status: 'interrupted' }));
    expect(events.at(-1)).toMatchObject<Partial<RunEndEvent>>({ type: 'run-end', status: 'interrupted', exit_code: 130 });
    expect(code).toBe(130);
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
