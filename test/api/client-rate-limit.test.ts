import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClient, sleep, type ApiClient, type ClientEvent } from '../../src/api/index.js';
import { fail, ok, startTestServer, type TestServer } from '../helpers/http-server.js';

let server: TestServer;
let api: ApiClient | undefined;

beforeEach(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  await api?.close();
  await server.close();
});

/** Time that runs 5× faster than the wall clock, so one-second windows pass in 200 ms. */
function fastTime(): { now: () => number; sleep: (ms: number, signal?: AbortSignal) => Promise<void> } {
  const start = Date.now();
  return { now: () => start + (Date.now() - start) * 5, sleep: (ms, signal) => sleep(ms / 5, signal) };
}

describe('client and limiter together', () => {
  it('keeps concurrent calls from every view within the per-second budget and reports the waits', async () => {
    const time = fastTime();
    server.handle(() => ok({}));
    const events: ClientEvent[] = [];
    // Sent times are taken as each attempt leaves the limiter (network jitter would blur server-side times);
    // the slack (20 real ms) absorbs the synchronous work of earlier sends between a grant and its event.
    const sent: number[] = [];
    const onEvent = (event: ClientEvent): void => {
      events.push(event);
      if (event.type === 'send') sent.push(time.now());
    };
    api = createClient({ apiKey: 'k', apiSecret: 'secret', baseUrl: server.baseUrl, rateLimit: { perSecond: 5 }, ...time, onEvent });
    const views = [api.withTags({ step: 'a' }), api.withTags({ step: 'b' })];
    await Promise.all(Array.from({ length: 12 }, (_, i) => views[i % 2]!.get(`connections/c${i}`)));
    expect(server.requests).toHaveLength(12);
    for (let i = 0; i + 5 < sent.length; i++) expect(sent[i + 5]! - sent[i]!).toBeGreaterThanOrEqual(900);
    const waits = events.filter((e) => e.type === 'rate-limit-wait');
    expect(waits.length).toBeGreaterThanOrEqual(7);
    expect(waits.every((e) => e.type === 'rate-limit-wait' && e.trafficClass === 'all')).toBe(true);
  });

  it('recovers from a burst of 429s from a server that takes only 3 at a time, failing nothing', async () => {
    let active = 0;
    let rejected = 0;
    server.handle(async () => {
      if (active >= 3) {
        rejected++;
        return fail(429, 'TooManyRequests', 'slow down');
      }
      active++;
      await sleep(5);
      active--;
      return ok({});
    });
    api = createClient({ apiKey: 'k', apiSecret: 'secret', baseUrl: server.baseUrl, maxInFlight: 12, retry: { baseDelayMs: 5, maxDelayMs: 20, rateLimitAttempts: 50 } });
    const client = api;
    const results = await Promise.allSettled(Array.from({ length: 60 }, (_, i) => client.patch(`connections/c${i}`, { paused: true })));
    expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect(client.stats()).toMatchObject({ requests: 60 + rejected, rateLimited: rejected, failures: 0 });
    // A fixed 12 in flight against 3 slots would lose about 9 of every 12; adaptation keeps it far lower.
    expect(rejected).toBeLessThan(60);
  });
});
