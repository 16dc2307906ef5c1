import { mkdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { StepError } from '../../errors.js';
import type { FileAccess } from '../define-step.js';

/**
 * The absolute path of a file a step will write (`path` relative to the workflow's directory),
 * refused unless its directory, symlinks resolved, lies inside one of the run's roots.
 * @example await fileInsideRoots(ctx.files, 'out/status.csv', 'file') // '/work/flows/out/status.csv'
 */
export async function fileInsideRoots(files: FileAccess, path: string, input: string): Promise<string> {
  const absolute = resolve(files.baseDir, path);
  const directory = await realDirectory(dirname(absolute), input, path);
  const target = join(directory, basename(absolute));
  await refuseOutsideRoots(files, target, input, path);
  const existing = await stat(target).catch(() => undefined);
  if (existing?.isDirectory()) throw new StepError(`${input} '${path}' is a directory; give a file name`);
  return target;
}

/**
 * As {@link fileInsideRoots}, first creating the file's missing directories (e.g. `out/` on a fresh
 * clone) when they would lie inside the roots; nothing is created outside them.
 */
export async function newFileInsideRoots(files: FileAccess, path: string, input: string): Promise<string> {
  const directory = dirname(resolve(files.baseDir, path));
  const { real, missing } = await existingAncestor(directory);
  if (missing.length > 0) {
    const target = join(real, ...missing);
    await refuseOutsideRoots(files, target, input, path);
    await mkdir(target, { recursive: true });
  }
  return fileInsideRoots(files, path, input);
}

/** The nearest existing ancestor of `directory` (symlinks resolved) and the names below it that do not exist yet. */
async function existingAncestor(directory: string): Promise<{ real: string; missing: string[] }> {
  const missing: string[] = [];
  let current = directory;
  for (;;) {
    const real = await realpath(current).catch(() => undefined);
    if (real !== undefined || dirname(current) === current) return { real: real ?? current, missing };
    missing.unshift(basename(current));
    current = dirname(current);
  }
}

/** The real path of a directory a step works in (e.g. a command's `cwd`), refused outside the roots. */
export async function directoryInsideRoots(files: FileAccess, path: string, input: string): Promise<string> {
  const directory = await realDirectory(resolve(files.baseDir, path), input, path);
  await refuseOutsideRoots(files, directory, input, path);
  return directory;
}

async function realDirectory(directory: string, input: string, given: string): Promise<string> {
  try {
    const real = await realpath(directory);
    if ((await stat(real)).isDirectory()) return real;
  } catch {
    // Reported below with the path as the user wrote it.
  }
  throw new StepError(`${input} '${given}': directory '${directory}' does not exist`);
}

async function refuseOutsideRoots(files: FileAccess, target: string, input: string, given: string): Promise<void> {
  const roots = await Promise.all(files.roots.map((root) => realpath(root).catch(() => resolve(root))));
  if (roots.some((root) => isInside(target, root))) return;
  throw new StepError(`${input} '${given}' is outside the directories this run may use (${roots.join(', ')}); allow another with --root DIR`);
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
