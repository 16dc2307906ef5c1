import { UsageError } from '../errors.js';
import type { Query } from './client-types.js';
import { rewriteLegacyPath } from './legacy-paths.js';

/** Where one call goes: the full path as sent (`/v1/connections/abc`) and its query. */
export interface ResolvedEndpoint {
  /** Full path including the base URL's path, without query string. */
  path: string;
  /** Path relative to the API root, without leading slash (`connections/abc`): what traffic classes match on. */
  relative: string;
  query: Query;
  /** The legacy spelling that was rewritten, if any. */
  legacy?: string;
}

/**
 * Accepts `connections/ID`, `/connections/ID`, `/v1/connections/ID`, the full URL, a trailing slash and an
 * inline `?query` (explicit `query` wins), and rewrites legacy paths.
 */
export function resolveEndpoint(endpoint: string, baseUrl: URL, query: Query = {}): ResolvedEndpoint {
  const basePath = baseUrl.pathname.replace(/\/+$/, '');
  let text = endpoint.trim();
  if (/^https?:\/\//i.test(text)) {
    const url = new URL(text);
    if (url.origin !== baseUrl.origin) {
      throw new UsageError(`'${endpoint}' is not on ${baseUrl.origin}`, { hint: 'give the path only, e.g. connections/ID' });
    }
    text = url.pathname + url.search;
  }
  const [pathPart = '', search] = splitOnce(text, '?');
  let relative = pathPart.replace(/^\/+/, '').replace(/\/+$/, '');
  const baseRelative = basePath.replace(/^\//, '');
  if (baseRelative && (relative === baseRelative || relative.startsWith(`${baseRelative}/`))) {
    relative = relative.slice(baseRelative.length).replace(/^\/+/, '');
  }
  if (relative === '') throw new UsageError(`no endpoint in '${endpoint}'`, { hint: 'e.g. connections/ID or groups' });
  if (relative.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) {
    throw new UsageError(`malformed endpoint '${endpoint}'`, { hint: 'segments must not be empty, "." or ".."' });
  }
  const rewritten = rewriteLegacyPath(relative);
  const merged: Query = { ...parseSearch(search), ...query };
  return {
    path: `${basePath}/${rewritten.path}`,
    relative: rewritten.path,
    query: merged,
    ...(rewritten.legacy === undefined ? {} : { legacy: rewritten.legacy }),
  };
}

/** `?a=1&b=2` → `{a: '1', b: '2'}`. */
function parseSearch(search: string | undefined): Query {
  const out: Query = {};
  if (!search) return out;
  for (const [key, value] of new URLSearchParams(search)) out[key] = value;
  return out;
}

/** The query string for a request (`?a=1`), dropping undefined values; empty when there is nothing. */
export function formatQuery(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.append(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const index = text.indexOf(separator);
  return index === -1 ? [text, undefined] : [text.slice(0, index), text.slice(index + 1)];
}
