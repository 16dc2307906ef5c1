import { randomBytes } from 'node:crypto';
import { copyFile, lstat, mkdir, open, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { AtlasError, UsageError } from '../errors.js';

/** Files larger than this are skipped unless the caller says otherwise (SQL files are small; 10 MiB is generous). */
export const DEFAULT_MAX_SQL_BYTES = 10 * 1024 * 1024;

export type SqlFileSkipReason = 'outside-roots' | 'not-a-file' | 'too-large' | 'not-utf8' | 'unreadable';

export type SqlFileRead =
  | { readonly ok: true; readonly path: string; readonly text: string }
  | { readonly ok: false; readonly path: string; readonly reason: SqlFileSkipReason; readonly message: string };

export interface ReadSqlFileOptions {
  /** Directories the file must be inside (after resolving symlinks). */
  readonly roots: readonly string[];
  readonly maxBytes?: number;
}

export interface WriteFileAtomicOptions {
  readonly roots: readonly string[];
  /** Keep the previous content next to the file under this suffix (e.g. `.bak`); null or absent: no backup. */
  readonly backupSuffix?: string | null;
}

export interface AtomicWriteResult {
  /** The path written, with symlinks resolved. */
  readonly path: string;
  readonly backupPath: string | null;
}

/** Whether `path` is `root` or inside it. Both must be absolute and already resolved. */
export function isInsideRoot(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

async function realRoots(roots: readonly string[]): Promise<string[]> {
  return Promise.all(roots.map(async (root) => realpath(resolve(root)).catch(() => resolve(root))));
}

/** The real path of `path` (or, for a file that does not exist yet, of its directory plus its name). */
async function realTarget(path: string): Promise<{ real: string; exists: boolean }> {
  const absolute = resolve(path);
  try {
    return { real: await realpath(absolute), exists: true };
  } catch {
    return { real: join(await realpath(dirname(absolute)), basename(absolute)), exists: false };
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Reads a SQL file as text, or says why it was skipped: outside the roots, not a regular file,
 * over the size limit, or not valid UTF-8. A byte-order mark is kept so writing back is exact.
 */
export async function readSqlFile(path: string, options: ReadSqlFileOptions): Promise<SqlFileRead> {
  const skip = (reason: SqlFileSkipReason, message: string): SqlFileRead => ({ ok: false, path, reason, message });
  let real: string;
  try {
    real = await realpath(resolve(path));
  } catch (error) {
    return skip('unreadable', `${path}: cannot read (${errorText(error)})`);
  }
  const roots = await realRoots(options.roots);
  if (!roots.some((root) => isInsideRoot(real, root))) return skip('outside-roots', `${path}: outside the allowed directories, skipped`);
  const info = await stat(real);
  if (!info.isFile()) return skip('not-a-file', `${path}: not a regular file, skipped`);
  const limit = options.maxBytes ?? DEFAULT_MAX_SQL_BYTES;
  if (info.size > limit) return skip('too-large', `${path}: ${info.size} bytes is over the ${limit}-byte limit, skipped`);
  const bytes = await readFile(real);
  try {
    return { ok: true, path, text: STRICT_UTF8.decode(bytes) };
  } catch {
    return skip('not-utf8', `${path}: not valid UTF-8, skipped`);
  }
}

/**
 * Replaces a file's content atomically: the text goes to a temporary file in the same directory,
 * is flushed to disk, takes the old file's permissions, and is renamed over the target, so a
 * reader sees the old or the new file, never half of one. Refuses targets outside `roots`.
 */
export async function writeFileAtomic(path: string, text: string, options: WriteFileAtomicOptions): Promise<AtomicWriteResult> {
  const { real, exists } = await realTarget(path).catch((error: unknown) => {
    throw new AtlasError(`cannot write ${path}: ${errorText(error)}`, { cause: error });
  });
  const roots = await realRoots(options.roots);
  if (!roots.some((root) => isInsideRoot(real, root))) {
    throw new UsageError(`refusing to write ${path}: it is outside the allowed directories`, { hint: `allowed: ${options.roots.join(', ')}` });
  }
  const temp = join(dirname(real), `.${basename(real)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const mode = exists ? (await lstat(real)).mode & 0o7777 : null;
    // A new file gets the usual umask-filtered permissions; a replaced one keeps its own.
    const handle = await open(temp, 'wx', mode === null ? 0o666 : 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      if (mode !== null) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    let backupPath: string | null = null;
    if (exists && options.backupSuffix) {
      backupPath = real + options.backupSuffix;
      await copyFile(real, backupPath);
    }
    await rename(temp, real);
    return { path: real, backupPath };
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw new AtlasError(`cannot write ${path}: ${errorText(error)}`, { cause: error });
  }
}

/** The nearest directory at or above `path` that exists, with symlinks resolved, and the part below it. */
async function existingAncestor(path: string): Promise<{ real: string; rest: string }> {
  let current = resolve(path);
  for (;;) {
    try {
      return { real: await realpath(current), rest: relative(current, resolve(path)) };
    } catch {
      const parent = dirname(current);
      if (parent === current) throw new AtlasError(`cannot create ${path}: no existing parent directory`);
      current = parent;
    }
  }
}

/**
 * The real path `path` has or would have (symlinks of its nearest existing ancestor resolved),
 * or a UsageError when that is outside `roots`; `action` names what was refused.
 */
export async function resolveInsideRoots(path: string, roots: readonly string[], action = 'use'): Promise<string> {
  const { real, rest } = await existingAncestor(path);
  const target = join(real, rest);
  const allowed = await realRoots(roots);
  if (!allowed.some((root) => isInsideRoot(target, root))) {
    throw new UsageError(`refusing to ${action} ${path}: it is outside the allowed directories`, { hint: `allowed: ${roots.join(', ')}` });
  }
  return target;
}

/** Creates `dir` and its missing parents, refusing (UsageError) when it would land outside `roots`, even through a symlink. */
export async function ensureDirectoryInside(dir: string, roots: readonly string[]): Promise<void> {
  const target = await resolveInsideRoots(dir, roots, 'create');
  await mkdir(target, { recursive: true }).catch((error: unknown) => {
    throw new AtlasError(`cannot create ${dir}: ${errorText(error)}`, { cause: error });
  });
}
