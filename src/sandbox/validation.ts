/**
 * Request-body checks shared by handlers: JSON object bodies, Fivetran's tolerance for string
 * booleans (`"true"`, sent by the seed scripts), and validation against the definition's request
 * schema with the first issue as a Fivetran-style 400.
 */
import { subsetValidator } from '../openapi/validator.js';
import { invalidInput } from './http/problem.js';
import type { JsonObject } from './state/types.js';

/** Boolean fields that clients are known to send as strings (CONTRACT §7.6). */
const BOOLEAN_FIELDS = [
  'paused',
  'pause_after_trial',
  'run_setup_tests',
  'trust_certificates',
  'trust_fingerprints',
  'is_historical_sync',
  'daylight_saving_time_enabled',
  'force',
];

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The body as an object; an absent body counts as `{}` unless `required`. */
export function objectBody(body: unknown, required = false): JsonObject {
  if (body === undefined) {
    if (required) throw invalidInput('Request body is required');
    return {};
  }
  if (!isJsonObject(body)) throw invalidInput('Request body must be a JSON object');
  return body;
}

/** Turns exactly `"true"`/`"false"` into booleans on the known fields, unless strict. */
export function coerceBooleans(body: JsonObject, strict: boolean): JsonObject {
  if (strict) return body;
  let out: JsonObject | undefined;
  for (const field of BOOLEAN_FIELDS) {
    const value = body[field];
    if (value === 'true' || value === 'false') {
      out ??= { ...body };
      out[field] = value === 'true';
    }
  }
  return out ?? body;
}

/** Throws 400 `InvalidInput` with the first problem of the body for `METHOD specTemplate`. */
export function assertValidBody(method: string, specTemplate: string, body: unknown): void {
  const issues = subsetValidator().validateRequest(method, specTemplate, body);
  const first = issues[0];
  if (first) throw invalidInput(first.message);
}

/** Top-level `null` values mean "not given" (the definition lets optional fields be null). */
export function withoutNulls(body: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(body)) if (value !== null) out[key] = value;
  return out;
}
