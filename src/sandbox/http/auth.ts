/** HTTP Basic auth against the configured key and secret, compared in constant time. */
import { timingSafeEqual } from 'node:crypto';

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A checker for `Authorization` headers; anything but Basic with the right pair is refused. */
export function basicAuthChecker(apiKey: string, apiSecret: string): (header: string | undefined) => boolean {
  const expected = `Basic ${Buffer.from(`${apiKey}:${apiSecret}`).toString('base64')}`;
  return (header) => {
    if (header === undefined) return false;
    if (header === expected) return true;
    const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(header);
    if (!match) return false;
    const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    return sameText(decoded.slice(0, colon), apiKey) && sameText(decoded.slice(colon + 1), apiSecret);
  };
}
