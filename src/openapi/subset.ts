import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { packagePath } from '../package-files.js';
// Type-only and elided at run time: it puts the JSON in tsc's program so the build copies it to dist/.
import type {} from './fivetran.subset.json';

/** A JSON Schema object as found in the OpenAPI document (kept loose: it is data, not code). */
export type JsonSchema = { [keyword: string]: unknown };

export interface MediaType {
  schema?: JsonSchema;
}

export interface OpenApiResponse {
  content?: Record<string, MediaType>;
}

export interface OpenApiOperation {
  operationId?: string;
  requestBody?: { content?: Record<string, MediaType> };
  responses: Record<string, OpenApiResponse>;
}

export interface OpenApiSubset {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema> };
}

let cached: OpenApiSubset | undefined;

/**
 * The committed subset of Fivetran's OpenAPI definition (src/openapi/fivetran.subset.json), parsed
 * once on first use. Loaded with `require` because JSON modules print an experimental warning on
 * some Node 20 releases.
 */
export function loadSubset(): OpenApiSubset {
  cached ??= createRequire(import.meta.url)(subsetFile()) as OpenApiSubset;
  return cached;
}

/** Next to this module (src/ and the library in dist/), else where the build puts it (for the bundled CLI). */
function subsetFile(): string {
  const beside = fileURLToPath(new URL('./fivetran.subset.json', import.meta.url));
  return existsSync(beside) ? beside : packagePath('dist/openapi/fivetran.subset.json');
}

/** Name of the component a `#/components/schemas/X` reference points to. */
export function refName(ref: unknown): string | undefined {
  const prefix = '#/components/schemas/';
  return typeof ref === 'string' && ref.startsWith(prefix) ? ref.slice(prefix.length) : undefined;
}
