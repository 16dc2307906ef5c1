import { UsageError } from '../errors.js';
import { createClient } from './client.js';
import type { ApiClient, Envelope, HttpMethod } from './client-types.js';
import { credentialsFromEnv } from './credentials.js';

const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];

let defaultClient: ApiClient | undefined;

/**
 * The seed scripts' `atlas(method, endpoint, payload)`, kept for porting them: credentials from
 * FIVETRAN_API_KEY / FIVETRAN_API_SECRET / FIVETRAN_API_URL, a lazily created shared client, and the whole
 * `{code, message, data}` envelope back. Unlike the seed it throws typed errors instead of printing and
 * returning None.
 * @example const { data } = await atlas('PATCH', 'connectors/abc', { paused: true });
 */
export async function atlas<T = unknown>(method: string, endpoint: string, payload?: unknown): Promise<Envelope<T>> {
  const upper = method.toUpperCase();
  if (!(METHODS as readonly string[]).includes(upper)) {
    throw new UsageError(`unknown HTTP method '${method}'`, { hint: `use one of ${METHODS.join(', ')}` });
  }
  defaultClient ??= createClient(credentialsFromEnv(process.env));
  const response = await defaultClient.request<T>(upper as HttpMethod, endpoint, payload === undefined ? {} : { body: payload });
  return { code: response.code, ...(response.message === undefined ? {} : { message: response.message }), data: response.data };
}

/** Closes the client `atlas()` created, if any (lets short scripts exit without waiting for keep-alive). */
export async function closeAtlas(): Promise<void> {
  const client = defaultClient;
  defaultClient = undefined;
  await client?.close();
}
