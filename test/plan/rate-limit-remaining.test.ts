import { Pool } from 'undici';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/api/index.js';
import { rateLimitObserver } from '../../src/plan/rate-limit-remaining.js';
import type { HourlyBudget } from '../../src/plan/rate-limit-remaining.js';
import { useSandbox } from '../helpers/sandbox.js';

const sandbox = useSandbox({ rateLimit: { perHour: 5000 } });

describe('rateLimitObserver', () => {
  it('keeps the X-Rate-Limit headers of the latest answer, without changing what the client gets', async () => {
    const budget: HourlyBudget = {};
    const pool = new Pool(sandbox.origin, { connections: 2 });
    const client = createClient({ apiKey: sandbox.apiKey, apiSecret: sandbox.apiSecret, baseUrl: sandbox.url, dispatcher: pool.compose(rateLimitObserver(budget)) });
    try {
      const groups = await client.get<{ items: unknown[] }>('groups');
      expect(groups.items.length).toBeGreaterThan(0);
      expect(budget.limit).toBe(5000);
      const first = budget.remaining!;
      expect(first).toBeLessThan(5000);
      await client.get('groups');
      expect(budget.remaining).toBe(first - 1);
      await expect(client.get('groups/nope')).rejects.toMatchObject({ status: 404 });
      expect(budget.remaining).toBe(first - 2);
    } finally {
      await client.close();
      await pool.close();
    }
  });
});
