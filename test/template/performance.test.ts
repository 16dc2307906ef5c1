import { describe, expect, it } from 'vitest';
import { compileCondition, compileTemplate } from '../../src/template/index.js';

/**
 * The engine evaluates `where:` once per item over lists of up to 100,000 items. Measured on a quiet
 * 2-core machine: about 0.25 s for the filter and 0.5 s for rendering (3 to 6 times that while other
 * test files share the cores); the bounds are generous so a loaded CI does not fail on timing alone.
 */
const ITEMS = Array.from({ length: 100_000 }, (_, i) => ({
  id: `conn_${i}`,
  service: i % 3 === 0 ? 's3' : 'postgres',
  paused: i % 5 === 0,
  sync_frequency: 360,
  schema: `schema_${i}`,
}));

function elapsed(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

describe('per-item evaluation over 100,000 items', () => {
  const vars = { source_group: 'warehouse', target_group: 'warehouse_v2', suffix: '_v2' };
  const steps = { source: { items: ITEMS } };
  const run = { id: 'run-1', started_at: '2025-01-01T00:00:00.000Z' };

  it('a where filter takes well under a second', () => {
    const where = compileCondition("item.service in ['postgres', 'sql_server'] && !item.paused && item.sync_frequency >= 60");
    let kept = 0;
    const ms = elapsed(() => {
      for (let index = 0; index < ITEMS.length; index++) if (where.evaluate({ vars, steps, run, item: ITEMS[index], index })) kept++;
    });
    expect(kept).toBe(53_333);
    expect(ms, `where over 100k items took ${ms.toFixed(0)} ms`).toBeLessThan(5000);
  });

  it('rendering a with: block per item stays in the same range', () => {
    const inputs = compileTemplate({ from: '${{ item.id }}', group: '${{ vars.target_group }}', schema: '${{ item.schema }}${{ vars.suffix }}', paused: true });
    let last: unknown;
    const ms = elapsed(() => {
      for (let index = 0; index < ITEMS.length; index++) last = inputs.render({ vars, steps, run, item: ITEMS[index], index });
    });
    expect(last).toEqual({ from: 'conn_99999', group: 'warehouse_v2', schema: 'schema_99999_v2', paused: true });
    expect(ms, `rendering 100k items took ${ms.toFixed(0)} ms`).toBeLessThan(10_000);
  });
});
