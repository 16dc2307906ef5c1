import { describe, expect, it } from 'vitest';
import { resolveEndpoint, rewriteLegacyPath } from '../../src/api/index.js';
import { UsageError } from '../../src/errors.js';

const base = new URL('https://api.fivetran.com/v1');

describe('rewriteLegacyPath', () => {
  it.each([
    ['connectors', 'connections'],
    ['connectors/abc', 'connections/abc'],
    ['connectors/abc/schemas/public/tables/orders', 'connections/abc/schemas/public/tables/orders'],
    ['groups/g1/connectors', 'groups/g1/connections'],
    ['teams/t1/connectors/c1', 'teams/t1/connections/c1'],
    ['users/u1/connectors', 'users/u1/connections'],
    ['metadata/connectors', 'metadata/connector-types'],
    ['metadata/connectors/postgres', 'metadata/connector-types/postgres'],
  ])('%s → %s', (legacy, current) => {
    expect(rewriteLegacyPath(legacy)).toEqual({ path: current, legacy });
  });

  it.each(['connections/abc', 'groups/g1/connections', 'metadata/connector-types', 'groups/connectors', 'destinations/d1'])('%s is left alone', (path) => {
    expect(rewriteLegacyPath(path)).toEqual({ path });
  });

  it.each(['schemas', 'tables', 'columns'])('metadata/connectors/ID/%s is a usage error pointing at the schema config', (kind) => {
    expect(() => rewriteLegacyPath(`metadata/connectors/abc/${kind}`)).toThrow(UsageError);
  });
});

describe('resolveEndpoint', () => {
  it.each(['connections/abc', '/connections/abc', '/v1/connections/abc', 'v1/connections/abc/', 'https://api.fivetran.com/v1/connections/abc'])('%s → /v1/connections/abc', (endpoint) => {
    expect(resolveEndpoint(endpoint, base)).toMatchObject({ path: '/v1/connections/abc', relative: 'connections/abc' });
  });

  it('keeps an inline query, explicit query winning', () => {
    expect(resolveEndpoint('connections?limit=5&cursor=', base, { limit: 10 }).query).toEqual({ limit: 10, cursor: '' });
  });

  it.each(['', '/', '/v1', 'connections//x', 'connections/../groups', 'https://evil.example.com/v1/groups'])('%j is refused', (endpoint) => {
    expect(() => resolveEndpoint(endpoint, base)).toThrow(UsageError);
  });

  it('works with a base URL at the root', () => {
    expect(resolveEndpoint('groups', new URL('http://127.0.0.1:8080'))).toMatchObject({ path: '/groups' });
  });
});
