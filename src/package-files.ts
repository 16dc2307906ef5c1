import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The package's root folder: the nearest one above this module that holds package.json. Modules run
 * from src/ (tests), from dist/ (the library) and from dist/cli-bundle/ (the bundled CLI), so files of
 * the package are found from its root, never by a fixed number of `../`.
 */
function findPackageRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${start}`);
  }
}

export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

/** A file of the package, by its path from the package root (e.g. `schema/workflow.schema.json`). */
export function packagePath(relative: string): string {
  return join(PACKAGE_ROOT, relative);
}
