import { readFileSync } from 'node:fs';
import { packagePath } from './package-files.js';

/** The package version, read once from package.json. */
export const VERSION: string = (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version;

/** `atlas-run/<semver> (node/<ver>)`, the User-Agent CONTRACT.md §1.2 recommends. */
export const USER_AGENT = `atlas-run/${VERSION} (node/${process.versions.node})`;
