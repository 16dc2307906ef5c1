/** Content negotiation: which `Accept` and `Content-Type` values the sandbox answers. */

/**
 * Fivetran's `application/json;version=2`, plain `application/json`, wildcards and a missing header
 * all get JSON; an Accept that rules JSON out (e.g. `text/html` alone) gets 406.
 */
export function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((part) => {
    const type = (part.split(';')[0] ?? '').trim().toLowerCase();
    return type === 'application/json' || type === '*/*' || type === 'application/*' || type.endsWith('+json');
  });
}

/** A body must be sent as JSON; a missing Content-Type is tolerated (curl -d without -H). */
export function isJsonContentType(contentType: string | undefined): boolean {
  if (contentType === undefined) return true;
  const type = (contentType.split(';')[0] ?? '').trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}
