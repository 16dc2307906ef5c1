import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { UsageError } from '../../errors.js';
import { isInsideRoot } from '../../sql/index.js';

export interface ExpandPathsOptions {
  /** Relative patterns are resolved here. */
  readonly baseDir: string;
  /** A pattern whose fixed directory part lies outside these is refused before anything is read. */
  readonly roots: readonly string[];
  /** Matches inside these directories are left out (e.g. the output directory of an earlier run). */
  readonly exclude?: readonly string[];
  readonly signal?: AbortSignal;
}

export interface ExpandedPaths {
  /** Absolute paths in the order given (each pattern's matches sorted), without duplicates. */
  readonly paths: readonly string[];
  /** Patterns that matched no file. */
  readonly unmatched: readonly string[];
}

/** A directory given on its own stands for the SQL files below it. */
const DIRECTORY_PATTERN = '**/*.sql';

/** The fixed directory part of a glob: the segments before the first one with a wildcard. */
function globBase(pattern: string): string {
  const fixed: string[] = [];
  for (const segment of pattern.split('/')) {
    if (isDynamicPattern(segment)) break;
    fixed.push(segment);
  }
  return fixed.length === 0 ? '.' : fixed.join('/') || '/';
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then((info) => info.isDirectory(), () => false);
}

/**
 * Files named by paths or globs (`models/**\/*.sql`, a directory, a file). Literal paths are
 * returned even when missing, so reading them reports why. A path, or the fixed part of a glob,
 * outside the allowed directories is a UsageError: refused before anything is read or crawled.
 */
export async function expandSqlPaths(patterns: readonly string[], options: ExpandPathsOptions): Promise<ExpandedPaths> {
  const roots = await Promise.all(options.roots.map((root) => realpath(resolve(root)).catch(() => resolve(root))));
  const exclude = (options.exclude ?? []).map((dir) => resolve(options.baseDir, dir));
  const seen = new Set<string>();
  const paths: string[] = [];
  const unmatched: string[] = [];
  for (const pattern of patterns) {
    let matches: string[];
    const literal = resolve(options.baseDir, pattern);
    const dynamic = isDynamicPattern(pattern);
    const base = resolve(options.baseDir, dynamic ? globBase(pattern) : pattern);
    const realBase = await realpath(base).catch(() => base);
    if (!roots.some((root) => isInsideRoot(realBase, root))) {
      throw new UsageError(`refusing to read '${pattern}': ${base} is outside the allowed directories`, { hint: `allowed: ${options.roots.join(', ')}` });
    }
    if (!dynamic && !(await isDirectory(literal))) {
      matches = [literal];
    } else {
      const found = await glob(dynamic ? pattern : DIRECTORY_PATTERN, {
        cwd: dynamic ? options.baseDir : literal,
        absolute: true,
        onlyFiles: true,
        expandDirectories: false,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      matches = found.map((path) => resolve(path)).filter((path) => !exclude.some((dir) => isInsideRoot(path, dir))).sort();
    }
    if (matches.length === 0) unmatched.push(pattern);
    for (const path of matches) {
      if (seen.has(path)) continue;
      seen.add(path);
      paths.push(path);
    }
  }
  return { paths, unmatched };
}
