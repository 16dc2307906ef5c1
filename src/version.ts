import { readFileSync } from 'node:fs';

/** The package version, read once from package.json (works from src/ under vitest and from dist/). */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** `atlas-run/<semver> (node/<ver>)`, the User-Agent CONTRACT.md §1.2 recommends. */
export const USER_AGENT = `atlas-run/${VERSION} (node/${process.versions.node})`;
