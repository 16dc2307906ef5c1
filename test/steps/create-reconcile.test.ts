import { beforeEach, describe, expect, it } from 'vitest';
import { runYaml } from '../helpers/run-workflow.js';
import { useSandbox } from '../helpers/sandbox.js';
import type { SandboxFixture } from '../helpers/sandbox.js';
import { itemOutputs } from './resources/support.js';

/** Writes fail (5xx) or lose their connection, half of them after being applied. */
const faulty = useSandbox({ rateLimit: false, failRate: 0.1, resetRate: 0.05, seed: 11 });

beforeEach(() => faulty.reset());

const NAMES = Array.from({ length: 120 }, (_, i) => `log_${String(i).padStart(3, '0')}`);

const bulk = (concurrency: number) => `name: bulk
steps:
  - id: names
    read: names.txt
  - id: make
    create: connection
    foreach: \${{ steps.names.items }}
    concurrency: ${concurrency}
    max_failures: 100%
    with: { group: warehouse_new, service: fivetran_log, config: { schema: "\${{ item }}" } }
`;

const files = { 'names.txt': `${NAMES.join('\n')}\n` };

/** Schema name → how many connections of the group carry it. */
function counts(sandbox: SandboxFixture): Map<string, number> {
  const group = sandbox.state().groups.find((g) => g.name === 'warehouse_new')!;
  const result = new Map<string, number>();
  for (const c of sandbox.state().connections.filter((c) => c.group_id === group.id)) result.set(c.schema, (result.get(c.schema) ?? 0) + 1);
  return result;
}

describe('create under failing writes', () => {
  it('adopts creates whose answer was lost and re-sends only after a lookup found nothing: zero duplicates', async () => {
    const run = await runYaml(bulk(1), faulty, { files });
    const stats = faulty.stats();
    // The faults this test is about did happen.
    expect(stats.faults.failedAfterWrite + stats.faults.resetAfterWrite).toBeGreaterThan(3);
    expect(stats.faults.failedBeforeWrite + stats.faults.resetBeforeWrite).toBeGreaterThan(3);
    expect(run.summary.status).toBe('ok');
    const made = counts(faulty);
    expect(NAMES.every((name) => made.get(name) === 1)).toBe(true);
    expect([...made.values()].every((n) => n === 1)).toBe(true);
    const adopted = itemOutputs(run, 'make').filter((o) => String(o.detail).includes('reconciled'));
    expect(adopted.length).toBeGreaterThan(0);
    expect(run.events.some((e) => e.type === 'message' && e.level === 'warning' && e.message.includes('adopted, not sent again'))).toBe(true);
  });

  it('concurrent creates under faults never duplicate, and re-runs finish what failed', async () => {
    const missing = (): string[] => NAMES.filter((name) => counts(faulty).get(name) !== 1);
    let runs = 0;
    while (missing().length > 0 && runs < 5) {
      runs += 1;
      const run = await runYaml(bulk(8), faulty, { files });
      expect([...counts(faulty).values()].every((n) => n === 1)).toBe(true);
      // Nothing goes missing silently: every name still absent is an item reported as failed.
      expect(run.summary.steps.make!.outputs.failed).toBeGreaterThanOrEqual(missing().length);
    }
    expect(missing()).toEqual([]);
    expect(counts(faulty).size).toBe(NAMES.length);
  });
});
