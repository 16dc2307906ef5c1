import { UsageError } from '../errors.js';
import { FIVETRAN_BASE_URL } from './client.js';

/** The key pair and API root a client needs. */
export interface Credentials {
  apiKey: string;
  apiSecret: string;
  baseUrl: string;
}

/**
 * Reads FIVETRAN_API_KEY, FIVETRAN_API_SECRET and FIVETRAN_API_URL (default Fivetran's API).
 * Throws a UsageError naming what is missing; the secret's value never appears in it.
 */
export function credentialsFromEnv(env: Readonly<Record<string, string | undefined>>): Credentials {
  const apiKey = env.FIVETRAN_API_KEY?.trim() ?? '';
  const apiSecret = env.FIVETRAN_API_SECRET?.trim() ?? '';
  const missing = [apiKey ? undefined : 'FIVETRAN_API_KEY', apiSecret ? undefined : 'FIVETRAN_API_SECRET'].filter(Boolean);
  if (missing.length > 0) {
    throw new UsageError(`missing credentials: ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set`, {
      hint: 'export FIVETRAN_API_KEY and FIVETRAN_API_SECRET, or add --sandbox to run against the local simulator',
    });
  }
  const raw = env.FIVETRAN_API_URL?.trim() || FIVETRAN_BASE_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`FIVETRAN_API_URL is not a URL: '${raw}'`, { hint: `e.g. ${FIVETRAN_BASE_URL}` });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UsageError(`FIVETRAN_API_URL must be http(s), got '${url.protocol}'`, { hint: `e.g. ${FIVETRAN_BASE_URL}` });
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new UsageError('FIVETRAN_API_URL must be a plain API root without query, fragment or user info', { hint: `e.g. ${FIVETRAN_BASE_URL}` });
  }
  return { apiKey, apiSecret, baseUrl: url.href.replace(/\/+$/, '') };
}
