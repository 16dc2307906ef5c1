/** Each fault mode over real HTTP: 5xx (half after the write), dropped connections, latency, slow answers. */
import { Agent, request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import type { SandboxHandle, SandboxOptions } from '../../src/sandbox/index.js';
import { call } from './support.js';

const started: SandboxHandle[] = [];
afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
});

async function sandboxWith(options: SandboxOptions): Promise<SandboxHandle & { authorization: string }> {
  const handle = await startSandbox({ data: 'empty', groups: 1, rateLimit: false, ...options });
  started.push(handle);
  return Object.assign(handle, { authorization: `Basic ${Buffer.from('sandbox:sandbox').toString('base64')}` });
}

async function onlyGroupId(sb: SandboxHandle): Promise<string> {
  return sb.state().groups[0]?.id as string;
}

describe('failRate', () => {
  it('answers 5xx JSON, and half of the failed writes were applied anyway', async () => {
    const sb = await sandboxWith({ failRate: 1 });
    const group = await onlyGroupId(sb);
    const answers = [];
    for (let i = 0; i < 10; i++) {
      answers.push(await call(sb, 'POST', '/connections', { body: { service: 'stripe', group_id: group, config: { schema: `stripe_${i}` } } }));
    }
    expect(answers.every((a) => [500, 503].includes(a.status))).toBe(true);
    expect(answers.every((a) => ['InternalServerError', 'ServiceUnavailable'].includes(String(a.json.code)))).toBe(true);
    expect(sb.state().connections).toHaveLength(5);
    expect(sb.stats()).toMatchObject({ faults: { failedBeforeWrite: 5, failedAfterWrite: 5 }, writes: { total: 5 } });
    const read = await call(sb, 'GET', '/groups');
    expect([500, 503]).toContain(read.status);
  });

  it('is deterministic for a seed', async () => {
    const statuses = async (): Promise<number[]> => {
      const sb = await sandboxWith({ failRate: 0.3, seed: 11 });
      const out: number[] = [];
      for (let i = 0; i < 20; i++) out.push((await call(sb, 'GET', '/groups')).status);
      return out;
    };
    const first = await statuses();
    expect(first.filter((s) => s !== 200).length).toBeGreaterThan(0);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(await statuses()).toEqual(first);
  });
});

describe('resetRate', () => {
  it('drops the connection; half of the dropped writes were applied', async () => {
    const sb = await sandboxWith({ resetRate: 1 });
    const group = await onlyGroupId(sb);
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i++) {
      try {
        await call(sb, 'POST', '/connections', { body: { service: 'stripe', group_id: group, config: { schema: `reset_${i}` } } });
        outcomes.push('answered');
      } catch (error) {
        outcomes.push((error as { code?: string }).code ?? 'error');
      }
    }
    expect(outcomes.every((o) => o === 'UND_ERR_SOCKET' || o === 'ECONNRESET')).toBe(true);
    expect(sb.state().connections).toHaveLength(3);
    expect(sb.stats().faults).toMatchObject({ resetBeforeWrite: 3, resetAfterWrite: 3 });
    expect(sb.stats().requests.byStatus.reset).toBe(6);
  });
});

describe('latency and slow responses', () => {
  it('delays every request by latencyMs ± jitterMs', async () => {
    const sb = await sandboxWith({ latencyMs: 60, jitterMs: 20 });
    for (let i = 0; i < 3; i++) {
      const begin = performance.now();
      expect((await call(sb, 'GET', '/groups')).status).toBe(200);
      expect(performance.now() - begin).toBeGreaterThanOrEqual(38);
    }
  });

  it('answers slow requests after slowMs, past a client timeout, with the write applied', async () => {
    const sb = await sandboxWith({ slowRate: 1, slowMs: 5_000 });
    const group = await onlyGroupId(sb);
    const agent = new Agent({ headersTimeout: 200 });
    const attempt = request(`${sb.url}/connections`, {
      method: 'POST',
      dispatcher: agent,
      headers: { authorization: sb.authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'stripe', group_id: group, config: { schema: 'slow_one' } }),
    });
    await expect(attempt).rejects.toMatchObject({ code: 'UND_ERR_HEADERS_TIMEOUT' });
    expect(sb.state().connections.map((c) => c.schema)).toEqual(['slow_one']);
    expect(sb.stats().faults.slow).toBe(1);
    await agent.close();
  });

  it('stops promptly even while slow answers are pending', async () => {
    const sb = await sandboxWith({ slowRate: 1, slowMs: 60_000 });
    const pending = call(sb, 'GET', '/groups').catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const begin = performance.now();
    await sb.stop();
    expect(performance.now() - begin).toBeLessThan(2_000);
    expect(await pending).toBeInstanceOf(Error);
  });
});
