import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSubset, DEFAULT_SOURCE, generate, LICENSE_PATH, SUBSET_PATH } from '../../scripts/extract-openapi.js';
import { loadSubset, refName } from '../../src/openapi/subset.js';
import { SERVED_OPERATIONS } from '../../src/sandbox/served-operations.js';
import { CONNECTION_SERVICES, DESTINATION_SERVICES } from '../../src/sandbox/catalogue/services.js';

/** A miniature definition with each quirk the generator normalises. */
function fixture(): Parameters<typeof buildSubset>[0] {
  return {
    openapi: '3.0.1',
    paths: {
      '/v1/things': {
        post: {
          description: 'dropped',
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/NewThing' } } } },
          responses: { '201': { content: { 'application/json': { schema: { $ref: '#/components/schemas/Config' } } } } },
        },
        get: { responses: {} },
      },
      '/v1/unserved': { get: { responses: {} } },
    },
    components: {
      schemas: {
        NewThing: {
          required: ['service'],
          type: 'object',
          properties: {
            service: { type: 'string' },
            sync_frequency: { type: 'integer', enum: ['1', '360'], example: 360 },
            update_method: { type: 'object', enum: ['WAL', 'QUERY'] },
            scope: { type: 'array', items: { type: 'string' }, enum: ['A', 'B'] },
          },
          discriminator: { propertyName: 'service', mapping: { kept: '#/components/schemas/KeptThing', other: '#/components/schemas/OtherThing' } },
        },
        KeptThing: { allOf: [{ $ref: '#/components/schemas/NewThing' }] },
        OtherThing: { allOf: [{ $ref: '#/components/schemas/NewThing' }] },
        Config: { required: ['schemas'], type: 'object', properties: { schemas: { title: 'Schemas', type: 'object', properties: { schema: { $ref: '#/components/schemas/Leaf' } } } } },
        Leaf: { type: 'object', properties: { name: { type: 'string' } } },
        Unused: { type: 'object' },
      },
    },
  };
}

describe('extract-openapi generator', () => {
  const subset = buildSubset(fixture(), { operations: ['POST /v1/things'], services: new Set(['kept']) });
  const schemas = (subset.components as { schemas: Record<string, Record<string, unknown>> }).schemas;
  const newThing = schemas.NewThing as { properties: Record<string, Record<string, unknown>>; discriminator: { mapping: object } };

  it('keeps only served operations and the schemas they reach, without prose', () => {
    expect(Object.keys(subset.paths as object)).toEqual(['/v1/things']);
    expect(Object.keys((subset.paths as Record<string, object>)['/v1/things'] as object)).toEqual(['post']);
    expect(Object.keys(schemas).sort()).toEqual(['Config', 'KeptThing', 'Leaf', 'NewThing']);
    expect(JSON.stringify(subset)).not.toMatch(/"(description|example)"/);
  });

  it('trims discriminator mappings to the services in scope', () => {
    expect(newThing.discriminator.mapping).toEqual({ kept: '#/components/schemas/KeptThing' });
  });

  it('normalises integer enums, object-typed string enums, array enums and placeholder maps', () => {
    expect(newThing.properties.sync_frequency?.enum).toEqual([1, 360, null]);
    expect(newThing.properties.update_method).toMatchObject({ type: 'string', enum: ['WAL', 'QUERY', null] });
    expect(newThing.properties.scope).toMatchObject({ items: { type: 'string', enum: ['A', 'B'] } });
    expect(newThing.properties.scope?.enum).toBeUndefined();
    const config = schemas.Config as { properties: { schemas: Record<string, unknown> } };
    expect(config.properties.schemas.properties).toBeUndefined();
    expect(config.properties.schemas.additionalProperties).toEqual({ $ref: '#/components/schemas/Leaf' });
  });

  it('lets optional typed properties be null but not required ones', () => {
    expect(newThing.properties.service?.nullable).toBeUndefined();
    expect((schemas.Leaf as { properties: { name: { nullable?: boolean } } }).properties.name.nullable).toBe(true);
  });
});

describe('committed subset', () => {
  const subset = loadSubset();

  it('has every operation the sandbox serves', () => {
    for (const operation of SERVED_OPERATIONS) {
      const [method, path] = operation.split(' ') as [string, string];
      expect(subset.paths[path]?.[method.toLowerCase()], operation).toBeDefined();
    }
  });

  it('resolves every $ref and maps every catalogue service', () => {
    const text = JSON.stringify(subset);
    for (const [, ref] of text.matchAll(/"(#\/components\/schemas\/[^"]+)"/g)) {
      expect(subset.components.schemas[refName(ref) as string], ref).toBeDefined();
    }
    const mapping = (name: string): Record<string, string> =>
      (subset.components.schemas[name]?.discriminator as { mapping: Record<string, string> }).mapping;
    expect(Object.keys(mapping('NewConnectorRequestV1')).sort()).toEqual(CONNECTION_SERVICES.map((s) => s.id).sort());
    expect(Object.keys(mapping('NewDestinationRequest')).sort()).toEqual(DESTINATION_SERVICES.map((s) => s.id).sort());
  });

  // CI has no copy of the full definition: the check is skipped there, and says so.
  it.skipIf(!existsSync(DEFAULT_SOURCE))('is what the generator produces from the full definition (when /work/shared is present)', () => {
    const { subset: expected, license } = generate();
    expect(readFileSync(SUBSET_PATH, 'utf8') === expected).toBe(true);
    expect(readFileSync(LICENSE_PATH, 'utf8')).toBe(license);
  });
});
