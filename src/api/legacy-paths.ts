import { UsageError } from '../errors.js';

/** A path relative to the API root, after rewriting a legacy spelling. */
export interface RewrittenPath {
  path: string;
  /** The legacy spelling it replaced, when it was one. */
  legacy?: string;
}

const SOURCE_METADATA = /^metadata\/connectors\/([^/]+)\/(schemas|tables|columns)$/;

/**
 * Maps the pre-2025 `connectors` vocabulary to today's paths (CONTRACT.md §5): the real API now answers 404
 * on the old ones, while the seed scripts and many users still type them. `path` has no leading slash.
 * @example rewriteLegacyPath('groups/g1/connectors') // { path: 'groups/g1/connections', legacy: 'groups/g1/connectors' }
 */
export function rewriteLegacyPath(path: string): RewrittenPath {
  const removed = SOURCE_METADATA.exec(path);
  if (removed) {
    throw new UsageError(`'${path}' is the removed source Metadata API`, {
      hint: `read the schema config with 'GET connections/${removed[1]}/schemas' instead`,
    });
  }
  const segments = path.split('/');
  const rewritten = rewriteSegments(segments);
  return rewritten === undefined ? { path } : { path: rewritten.join('/'), legacy: path };
}

function rewriteSegments(segments: string[]): string[] | undefined {
  const [first, second, third] = segments;
  if (first === 'connectors') return ['connections', ...segments.slice(1)];
  if (first === 'metadata' && second === 'connectors') return ['metadata', 'connector-types', ...segments.slice(2)];
  if ((first === 'groups' || first === 'teams' || first === 'users') && second !== undefined && third === 'connectors') {
    return [first, second, 'connections', ...segments.slice(3)];
  }
  return undefined;
}
