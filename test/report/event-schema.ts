import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import formats from 'ajv-formats';

/** The published schema of `--json` lines (schema/events.schema.json). */
export const EVENT_SCHEMA = JSON.parse(readFileSync(new URL('../../schema/events.schema.json', import.meta.url), 'utf8')) as {
  oneOf: { title: string; properties: Record<string, unknown>; required: string[] }[];
};

/** A strict validator for one `--json` line (already parsed). */
export function eventValidator(): ValidateFunction {
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
  formats.default(ajv);
  return ajv.compile(EVENT_SCHEMA);
}
