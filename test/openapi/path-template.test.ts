import { describe, expect, it } from 'vitest';
import { PathTemplates, splitPath } from '../../src/openapi/path-template.js';

function router(): PathTemplates<string> {
  const r = new PathTemplates<string>();
  r.add('GET', '/v1/users/{userId}', 'get-user');
  r.add('DELETE', '/v1/users/{id}', 'delete-user');
  r.add('POST', '/v1/connections/{connectionId}/schemas/reload', 'reload');
  r.add('PATCH', '/v1/connections/{connectionId}/schemas/{schemaName}', 'patch-schema');
  r.add('POST', '/v1/connections/{connectionId}/schemas/tables/resync', 'table-resync');
  r.add('PATCH', '/v1/connections/{connectionId}/schemas/{schemaName}/tables/{tableName}', 'patch-table');
  return r;
}

describe('PathTemplates', () => {
  it('matches parameters with the names of the matched template', () => {
    expect(router().match('GET', ['v1', 'users', 'u1'])).toEqual({ kind: 'found', template: '/v1/users/{userId}', params: { userId: 'u1' }, value: 'get-user' });
    expect(router().match('delete', ['v1', 'users', 'u1'])).toMatchObject({ template: '/v1/users/{id}', params: { id: 'u1' } });
  });

  it('prefers literals, but a literal without the method does not hide a parameter route', () => {
    expect(router().match('POST', ['v1', 'connections', 'c', 'schemas', 'reload'])).toMatchObject({ value: 'reload' });
    expect(router().match('PATCH', ['v1', 'connections', 'c', 'schemas', 'reload'])).toMatchObject({ value: 'patch-schema', params: { schemaName: 'reload' } });
    expect(router().match('PATCH', ['v1', 'connections', 'c', 'schemas', 'tables', 'tables', 'resync'])).toMatchObject({
      value: 'patch-table',
      params: { schemaName: 'tables', tableName: 'resync' },
    });
    expect(router().match('PATCH', ['v1', 'connections', 'c', 'schemas', 'tables', 'resync'])).toEqual({ kind: 'method-not-allowed', allowed: ['POST'] });
  });

  it('tells not found from method not allowed, listing the allowed methods', () => {
    expect(router().match('GET', ['v1', 'nothing'])).toEqual({ kind: 'not-found' });
    expect(router().match('PUT', ['v1', 'users', 'u1'])).toEqual({ kind: 'method-not-allowed', allowed: ['GET', 'DELETE'] });
  });

  it('rejects duplicate registrations', () => {
    expect(() => router().add('GET', '/v1/users/{other}', 'x')).toThrow(/duplicate route/);
  });
});

describe('splitPath', () => {
  it('ignores trailing and doubled slashes and decodes each segment', () => {
    expect(splitPath('/v1/groups/')).toEqual(['v1', 'groups']);
    expect(splitPath('/v1/connections/c/schemas/My%20Schema%2Fx')).toEqual(['v1', 'connections', 'c', 'schemas', 'My Schema/x']);
  });

  it('returns undefined for broken percent-encoding', () => {
    expect(splitPath('/v1/%E0%A4%A')).toBeUndefined();
  });
});
