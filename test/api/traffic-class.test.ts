import { describe, expect, it } from 'vitest';
import { classifyRequest, resolveBudgets, type HttpMethod } from '../../src/api/index.js';
import { UsageError } from '../../src/errors.js';

describe('classifyRequest (CONTRACT.md §4.1)', () => {
  it.each<[HttpMethod, string, unknown, string[]]>([
    ['GET', 'connections', undefined, ['all']],
    ['PATCH', 'connections/c1', { paused: true }, ['all', 'source', 'setup-test']],
    ['PATCH', 'connections/c1', { paused: true, run_setup_tests: false }, ['all']],
    ['POST', 'connections', { service: 'postgres' }, ['all', 'source', 'setup-test']],
    ['POST', 'destinations', { run_setup_tests: 'false' }, ['all']],
    ['POST', 'connections/c1/test', {}, ['all', 'source', 'setup-test']],
    ['POST', 'destinations/d1/test', {}, ['all', 'source', 'setup-test']],
    ['POST', 'connections/c1/schemas/reload', {}, ['all', 'source']],
    ['GET', 'connections/c1/schemas/public/tables/orders/columns', undefined, ['all', 'source']],
    ['PATCH', 'connections/c1/schemas', {}, ['all']],
    ['POST', 'connections/c1/sync', {}, ['all']],
    ['POST', 'users', { email: 'a@b.c' }, ['all', 'user-create']],
    ['POST', 'private-links', {}, ['all', 'private-link-create']],
    ['POST', 'groups', { name: 'g' }, ['all']],
  ])('%s %s %j → %j', (method, path, body, classes) => {
    expect(classifyRequest(method, path, body)).toEqual(classes);
  });
});

describe('resolveBudgets', () => {
  it('has no budgets off Fivetran unless configured', () => {
    expect(resolveBudgets(undefined, false)).toEqual([]);
    expect(resolveBudgets({ perSecond: 200 }, false)).toEqual([{ trafficClass: 'all', limit: 200, windowMs: 1000 }]);
  });

  it("uses Fivetran's documented limits against Fivetran, with overrides on top", () => {
    const budgets = resolveBudgets({ perHour: 500, classes: { 'setup-test': { perHour: 50 }, 'private-link-create': false } }, true);
    expect(budgets).toEqual(
      expect.arrayContaining([
        { trafficClass: 'all', limit: 500, windowMs: 3_600_000 },
        { trafficClass: 'source', limit: 500, windowMs: 60_000 },
        { trafficClass: 'setup-test', limit: 250, windowMs: 60_000 },
        { trafficClass: 'setup-test', limit: 50, windowMs: 3_600_000 },
      ]),
    );
    expect(budgets.some((b) => b.trafficClass === 'private-link-create')).toBe(false);
    expect(resolveBudgets(false, true)).toEqual([]);
  });

  it('refuses a limit that is not a positive integer', () => {
    expect(() => resolveBudgets({ perSecond: 0 }, false)).toThrow(UsageError);
    expect(() => resolveBudgets({ classes: { source: { perMinute: 2.5 } } }, false)).toThrow(UsageError);
  });
});
