import { InvalidResponseError, type RequestTarget } from '../errors.js';
import type { ApiResponse, Envelope } from './client-types.js';

/** Why a body is not a usable `{code, message, data}` envelope, or the envelope itself. */
export type EnvelopeResult = { ok: true; envelope: Envelope } | { ok: false; reason: string };

/**
 * Reads a response body as Fivetran's envelope. An empty body is an envelope without data (some DELETEs);
 * anything that is not a JSON object is refused with a reason that names what came instead.
 */
export function parseEnvelope(text: string, contentType: string | undefined): EnvelopeResult {
  if (text.trim() === '') return { ok: true, envelope: { code: '' } };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: `expected JSON, got ${contentType ? contentType.split(';')[0] : 'a body without content type'} (${text.length} bytes)` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, reason: `expected a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'null' : typeof value}` };
  }
  const record = value as Record<string, unknown>;
  const envelope: Envelope = { code: typeof record.code === 'string' ? record.code : '' };
  if (typeof record.message === 'string') envelope.message = record.message;
  if ('data' in record) envelope.data = record.data;
  return { ok: true, envelope };
}

/**
 * The `data` of an answer that must carry an object (every Fivetran GET does), or an InvalidResponseError:
 * a 200 without `data`, or with a string or a list, must not reach code that reads fields from it.
 */
export function requireObjectData<T>(response: ApiResponse<T>, target: RequestTarget): T {
  const data: unknown = response.data;
  if (data !== null && typeof data === 'object' && !Array.isArray(data)) return response.data;
  const got = data === undefined ? 'no data' : data === null ? 'data null' : Array.isArray(data) ? 'data that is a list' : `data that is a ${typeof data}`;
  throw new InvalidResponseError({ ...target, status: response.status, reason: `expected data to be an object, got ${got}` });
}
