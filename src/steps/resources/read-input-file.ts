import { readFile, realpath, stat } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { StepError } from '../../errors.js';
import type { FileAccess } from '../define-step.js';

/** Decodes UTF-8, failing on bytes that are not; a leading byte-order mark is dropped. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** True when `path` is `root` or below it. */
function within(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}

/** The real path of an existing file, or a StepError saying it is missing. */
async function existing(path: string, shown: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new StepError(`cannot read '${shown}': ${code === 'ENOENT' ? 'no such file' : code ?? 'unreadable'}`, { cause: error });
  }
}

/**
 * Reads a text file a workflow names: resolved against the workflow's directory, refused outside
 * the allowed roots (symbolic links followed first) or above the size limit.
 */
export async function readInputFile(file: string, access: FileAccess): Promise<string> {
  const refuse = (): never => {
    throw new StepError(`refusing to read '${file}': it is outside the folders this run may read (${access.roots.join(', ')})`);
  };
  // Checked as written first, so nothing is said about files outside; then again once links are followed.
  const written = resolve(access.baseDir, file);
  const realRoots = await Promise.all(access.roots.map((root) => realpath(root).catch(() => resolve(root))));
  if (![...access.roots.map((root) => resolve(root)), ...realRoots].some((root) => within(written, root))) refuse();
  const path = await existing(written, file);
  if (!realRoots.some((root) => within(path, root))) refuse();
  const info = await stat(path);
  if (!info.isFile()) throw new StepError(`cannot read '${file}': not a file`);
  if (info.size > access.maxReadBytes) {
    throw new StepError(`refusing to read '${file}': ${info.size} bytes is over the ${access.maxReadBytes}-byte limit`);
  }
  const bytes = await readFile(path);
  try {
    // Strict: a file in another encoding must not turn into names full of U+FFFD sent to the API.
    return STRICT_UTF8.decode(bytes);
  } catch (error) {
    throw new StepError(`cannot read '${file}': it is not valid UTF-8; save it as UTF-8`, { cause: error });
  }
}
