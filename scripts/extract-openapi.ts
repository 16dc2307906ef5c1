/**
 * Builds src/openapi/fivetran.subset.json from Fivetran's full OpenAPI definition: only the operations
 * the sandbox serves, the component schemas they reach, `service` discriminators trimmed to the
 * services of the sandbox catalogue, descriptions and examples dropped, and the known quirks of the
 * definition normalised (each one is a function below, listed in src/openapi/README.md).
 *
 *   npx tsx scripts/extract-openapi.ts [--source openapi.json] [--check]
 *
 * `--check` writes nothing and exits 1 when the committed subset differs from what would be generated.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONNECTION_SERVICES, DESTINATION_SERVICES } from '../src/sandbox/catalogue/services.js';
import { SERVED_OPERATIONS } from '../src/sandbox/served-operations.js';

type Json = null | boolean | number | string | Json[] | JsonObject;
interface JsonObject {
  [key: string]: Json;
}

export const DEFAULT_SOURCE = '/work/shared/fivetran-api/openapi.json';
export const DEFAULT_LICENSE_SOURCE = '/work/shared/fivetran-api/openapi.LICENSE.txt';
export const SUBSET_PATH = fileURLToPath(new URL('../src/openapi/fivetran.subset.json', import.meta.url));
export const LICENSE_PATH = fileURLToPath(new URL('../src/openapi/openapi.LICENSE.txt', import.meta.url));

const SCHEMA_PREFIX = '#/components/schemas/';
/** Keys that carry prose or samples only; they would triple the file and mean nothing to a validator. */
const DROPPED_KEYS = new Set(['description', 'example', 'examples', 'summary', 'tags', 'externalDocs']);

export interface SubsetScope {
  /** `METHOD /v1/path` strings to keep. */
  operations: readonly string[];
  /** Service ids kept in `service` discriminator mappings. */
  services: ReadonlySet<string>;
}

/** The scope the sandbox needs: its served operations and its catalogue's services. */
export function sandboxScope(): SubsetScope {
  return {
    operations: SERVED_OPERATIONS,
    services: new Set([...CONNECTION_SERVICES.map((s) => s.id), ...DESTINATION_SERVICES.map((s) => s.id)]),
  };
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: Json | undefined, what: string): JsonObject {
  if (!isObject(value)) throw new Error(`expected an object at ${what}`);
  return value;
}

/**
 * Deep copy without prose keys. Inside a `properties` map the keys are field names, not prose:
 * a field called `description` (teams have one) must survive.
 */
function stripProse(value: Json, fieldNames = false): Json {
  if (Array.isArray(value)) return value.map((item) => stripProse(item));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (fieldNames || !DROPPED_KEYS.has(key)) out[key] = stripProse(child, !fieldNames && key === 'properties');
  }
  return out;
}

function collectRefs(value: Json, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) collectRefs(item, into);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (key === '$ref' && typeof child === 'string' && child.startsWith(SCHEMA_PREFIX)) into.add(child.slice(SCHEMA_PREFIX.length));
    else collectRefs(child, into);
  }
}

/** Keeps only discriminator mappings of services in scope. */
function trimDiscriminator(schema: JsonObject, services: ReadonlySet<string>): void {
  const discriminator = schema.discriminator;
  if (!isObject(discriminator) || !isObject(discriminator.mapping)) return;
  const mapping: JsonObject = {};
  for (const [service, target] of Object.entries(discriminator.mapping)) {
    if (services.has(service)) mapping[service] = target;
  }
  discriminator.mapping = mapping;
}

/** Discriminator mapping values are plain strings, not `$ref`s, so they are followed separately. */
function mappingTargets(schema: JsonObject): string[] {
  const discriminator = schema.discriminator;
  if (!isObject(discriminator) || !isObject(discriminator.mapping)) return [];
  return Object.values(discriminator.mapping)
    .filter((target): target is string => typeof target === 'string' && target.startsWith(SCHEMA_PREFIX))
    .map((target) => target.slice(SCHEMA_PREFIX.length));
}

function selectPaths(spec: JsonObject, operations: readonly string[]): JsonObject {
  const allPaths = asObject(spec.paths, 'paths');
  const paths: JsonObject = {};
  for (const operation of operations) {
    const [method, path] = operation.split(' ') as [string, string];
    const item = asObject(allPaths[path], `paths.${path}`);
    const op = item[method.toLowerCase()];
    if (!isObject(op)) throw new Error(`operation not in the definition: ${operation}`);
    const kept = isObject(paths[path]) ? (paths[path] as JsonObject) : (paths[path] = {});
    kept[method.toLowerCase()] = stripProse(op);
  }
  return paths;
}

function selectSchemas(spec: JsonObject, paths: JsonObject, services: ReadonlySet<string>): JsonObject {
  const all = asObject(asObject(spec.components, 'components').schemas, 'components.schemas');
  const schemas: JsonObject = {};
  const pending = new Set<string>();
  collectRefs(paths, pending);
  while (pending.size > 0) {
    const [name] = pending as Set<string> & [string];
    pending.delete(name);
    if (schemas[name] !== undefined) continue;
    const schema = stripProse(asObject(all[name], `components.schemas.${name}`)) as JsonObject;
    trimDiscriminator(schema, services);
    schemas[name] = schema;
    const refs = new Set<string>();
    collectRefs(schema, refs);
    for (const target of mappingTargets(schema)) refs.add(target);
    for (const ref of refs) if (schemas[ref] === undefined) pending.add(ref);
  }
  return sortKeys(schemas) as JsonObject;
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys(value[key] as Json);
  return out;
}

/** Calls `visit` on every schema object nested anywhere under `value`. */
function walkSchemas(value: Json, visit: (schema: JsonObject) => void): void {
  if (Array.isArray(value)) {
    for (const item of value) walkSchemas(item, visit);
    return;
  }
  if (!isObject(value)) return;
  visit(value);
  for (const child of Object.values(value)) walkSchemas(child, visit);
}

// ---- Normalisations of known quirks (src/openapi/README.md lists each) ----

/** 1. `sync_frequency` (and any integer) declared with a string enum: a strict validator would reject 360. */
function integerEnums(schema: JsonObject): void {
  if (schema.type === 'integer' && Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string')) {
    schema.enum = schema.enum.map((v) => Number(v));
  }
}

/** 2. `type: object` with a string enum (postgres `update_method`, `connection_type`…): the values are strings. */
function stringEnums(schema: JsonObject): void {
  if (schema.type === 'object' && Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string')) {
    schema.type = 'string';
  }
}

/**
 * 3. Maps drawn as one placeholder property (`schemas.schema`, `tables.table`, `columns.column`, resync
 * `scope.schema`): the keys are real schema/table/column names, so the placeholder becomes
 * `additionalProperties`, which validates every entry instead of none.
 */
function placeholderMaps(schema: JsonObject): void {
  const properties = schema.properties;
  if (!isObject(properties) || schema.required !== undefined) return;
  const keys = Object.keys(properties);
  if (keys.length !== 1 || !['schema', 'table', 'column'].includes(keys[0] as string)) return;
  const only = properties[keys[0] as string] as JsonObject;
  const titled = ['Schemas', 'Tables', 'Columns'].includes(String(schema.title)) || only.title === 'Schema name';
  if (!titled) return;
  delete schema.properties;
  schema.type = 'object';
  schema.additionalProperties = only;
}

/**
 * 4. Optional properties may be null: the live API sends `succeeded_at: null`, `failed_at: null`,
 * `private_link_id: null`… although the definition never says `nullable`. Only typed properties get
 * it (ajv needs a `type` next to `nullable`); an enum also gains `null`.
 */
function nullableOptionals(schema: JsonObject): void {
  const properties = schema.properties;
  if (!isObject(properties)) return;
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  for (const [name, property] of Object.entries(properties)) {
    if (required.has(name) || !isObject(property) || typeof property.type !== 'string') continue;
    property.nullable = true;
    if (Array.isArray(property.enum) && !property.enum.includes(null)) property.enum = [...property.enum, null];
  }
}

/** 5. An `enum` put on an array (RoleResponse `scope`) instead of on its items. */
function arrayEnums(schema: JsonObject): void {
  if (schema.type === 'array' && Array.isArray(schema.enum) && isObject(schema.items)) {
    schema.items.enum = schema.enum;
    delete schema.enum;
  }
}

function normaliseSchemas(schemas: JsonObject, paths: JsonObject): void {
  for (const root of [schemas, paths]) {
    walkSchemas(root, (schema) => {
      integerEnums(schema);
      stringEnums(schema);
      arrayEnums(schema);
      placeholderMaps(schema);
    });
  }
  walkSchemas(schemas, nullableOptionals);
  walkSchemas(paths, nullableOptionals);
  fixNamedSchemas(schemas);
}

/** The object at `path` under `root`, or undefined when any step is missing or not an object. */
function dig(root: JsonObject, ...path: string[]): JsonObject | undefined {
  let node: Json | undefined = root;
  for (const key of path) node = isObject(node) ? node[key] : undefined;
  return isObject(node) ? node : undefined;
}

/** Quirks of individual schemas, fixed by name (each only when the schema is in the subset). */
function fixNamedSchemas(schemas: JsonObject): void {
  // 6. Destination `setup_status` is enumerated upper case, but the live API answers lower case
  //    (`incomplete` in GO's e2e tests); accept both spellings.
  for (const name of ['DestinationResponse', 'DestinationExtendedResponse']) {
    const status = dig(schemas, name, 'properties', 'setup_status');
    if (!status || !Array.isArray(status.enum)) continue;
    const values = status.enum.filter((v): v is string => typeof v === 'string');
    status.enum = [...new Set([...values, ...values.map((v) => v.toLowerCase())]), null];
  }
  // 7. UpdateDestinationRequest requires `time_zone_offset`, which a PATCH of other fields omits (CONTRACT §6.8).
  const updateDestination = dig(schemas, 'UpdateDestinationRequest');
  if (updateDestination) delete updateDestination.required;
  // 8. List items declare `config` as a map of objects, but config values are strings, numbers, booleans.
  const listConfig = dig(schemas, 'ConnectorResponse', 'properties', 'config');
  if (listConfig) listConfig.additionalProperties = {};
  // 9. File connectors also run in single-table mode (`schema` + `table`: S24, the seed scripts), not
  //    only merge mode (`schema` + `table_group_name`); either key satisfies the naming format.
  const tableGroup = dig(schemas, 'schema_format_schema_table_group', 'properties', 'config');
  if (tableGroup) {
    tableGroup.required = ['schema'];
    tableGroup.anyOf = [{ required: ['table_group_name'] }, { required: ['table'] }];
    const properties = dig(tableGroup, 'properties');
    if (properties) properties.table = { type: 'string', nullable: true };
  }
}

/** Operation-level quirks: success statuses and envelopes (each only when the operation is kept). */
function fixOperations(paths: JsonObject): void {
  const envelope = (ref: string): JsonObject => ({
    content: {
      'application/json': {
        schema: {
          required: ['code', 'data'],
          properties: { code: { type: 'string' }, message: { type: 'string', nullable: true }, data: { $ref: ref } },
        },
      },
    },
  });
  for (const owner of ['/v1/connections/{connectionId}', '/v1/destinations/{destinationId}']) {
    // 10. Approving a certificate answers 201 (GO expects it and its live e2e passes), the definition says 200.
    const certificates = dig(paths, `${owner}/certificates`, 'post', 'responses');
    if (certificates?.['200'] !== undefined) {
      certificates['201'] = certificates['200'];
      delete certificates['200'];
    }
    // 11. Approving a fingerprint: the 201 body is declared without the `{code, data}` envelope every
    //     other operation has, next to a body-less 200.
    const fingerprints = dig(paths, `${owner}/fingerprints`, 'post', 'responses');
    if (fingerprints) {
      fingerprints['201'] = envelope(`${SCHEMA_PREFIX}FingerprintDetailsResponse`);
      delete fingerprints['200'];
    }
  }
}

/** The whole transformation: a pure function of the full definition and the scope. */
export function buildSubset(spec: JsonObject, scope: SubsetScope): JsonObject {
  const paths = selectPaths(spec, scope.operations);
  const schemas = selectSchemas(spec, paths, scope.services);
  fixOperations(paths);
  normaliseSchemas(schemas, paths);
  return {
    openapi: spec.openapi ?? '3.0.1',
    info: {
      title: 'Fivetran REST API v1 (subset served by the atlas-run sandbox)',
      version: 'v1',
      'x-generated-by': 'scripts/extract-openapi.ts',
      'x-source': 'fivetran/fivetran-mcp fivetran-open-api-definition.json (MIT, see openapi.LICENSE.txt)',
    },
    servers: [{ url: 'https://api.fivetran.com' }],
    paths: sortKeys(paths),
    components: { schemas, securitySchemes: { basicAuth: { type: 'http', scheme: 'basic' } } },
    security: [{ basicAuth: [] }],
  };
}

/** The exact text written to disk, so `--check` and the test compare bytes. */
export function renderSubset(subset: JsonObject): string {
  return `${JSON.stringify(subset, null, 1)}\n`;
}

/** The license notice kept next to the subset. */
export function renderLicense(sourceLicense: string): string {
  return `${sourceLicense.trimEnd()}\n\nfivetran.subset.json is derived from that definition by scripts/extract-openapi.ts\n(a subset, with descriptions removed and the quirks listed in README.md normalised).\n\nMIT License\n\nCopyright (c) 2026 Fivetran\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software and\nassociated documentation files (the "Software"), to deal in the Software without restriction,\nincluding without limitation the rights to use, copy, modify, merge, publish, distribute,\nsublicense, and/or sell copies of the Software, and to permit persons to whom the Software is\nfurnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in all copies or\nsubstantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT\nNOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND\nNONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,\nDAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT\nOF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.\n`;
}

/** Reads the full definition and returns the subset text and license text it produces. */
export function generate(source = DEFAULT_SOURCE, licenseSource = DEFAULT_LICENSE_SOURCE): { subset: string; license: string } {
  const spec = JSON.parse(readFileSync(source, 'utf8')) as JsonObject;
  return {
    subset: renderSubset(buildSubset(spec, sandboxScope())),
    license: renderLicense(readFileSync(licenseSource, 'utf8')),
  };
}

function main(argv: readonly string[]): number {
  const sourceIndex = argv.indexOf('--source');
  const source = sourceIndex >= 0 ? argv[sourceIndex + 1] : undefined;
  const { subset, license } = generate(source ?? DEFAULT_SOURCE);
  if (argv.includes('--check')) {
    const same = readFileSync(SUBSET_PATH, 'utf8') === subset && readFileSync(LICENSE_PATH, 'utf8') === license;
    process.stdout.write(same ? 'subset is up to date\n' : 'subset is stale: run npx tsx scripts/extract-openapi.ts\n');
    return same ? 0 : 1;
  }
  writeFileSync(SUBSET_PATH, subset);
  writeFileSync(LICENSE_PATH, license);
  process.stdout.write(`wrote ${SUBSET_PATH} (${subset.length} bytes)\n`);
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main(process.argv.slice(2));
