import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SqlDialect } from './dialects.js';
import { ensureDirectoryInside, readSqlFile, writeFileAtomic, type SqlFileSkipReason } from './files.js';
import type { SqlMapping } from './mapping.js';
import { rewriteSql, type RewriteSqlResult } from './rewrite-sql.js';
import { unifiedDiff } from './unified-diff.js';

export interface RewriteFilesOptions {
  readonly dialect?: SqlDialect;
  /** Directories every input and output must be inside. */
  readonly roots: readonly string[];
  /** Compute diffs and reports without writing anything. */
  readonly dryRun?: boolean;
  /** Keep the previous content under this suffix (e.g. `.bak`) when writing in place. */
  readonly backupSuffix?: string | null;
  readonly maxBytes?: number;
  /** Where to write each file's result; default: in place. Missing directories are created (inside the roots only). */
  readonly outputPath?: (inputPath: string) => string;
  /** How a file is named in its diff header (e.g. relative to the project); default: the path as given. */
  readonly displayPath?: (inputPath: string) => string;
}

export type FileRewriteOutcome =
  | { readonly status: 'skipped'; readonly path: string; readonly reason: SqlFileSkipReason; readonly message: string }
  | {
      /** `changed`: a dry run found something to write; `written`: it was written; `unchanged`: nothing to write. */
      readonly status: 'changed' | 'written' | 'unchanged';
      readonly path: string;
      /** Where the result was (or, in a dry run, would be) written. */
      readonly outputPath: string;
      readonly backupPath: string | null;
      /** Unified diff of the edits; '' when there are none. */
      readonly diff: string;
      readonly result: RewriteSqlResult;
    };

/** The text already at `path`, or null when there is none (a copy not written yet). */
async function currentText(path: string): Promise<string | null> {
  return readFile(path, 'utf8').catch(() => null);
}

/**
 * Rewrites one file whose text was already read: diff (dry run) or atomic write. In place, a file
 * with no edits is not written; to another output path, it is written unless that file already
 * holds exactly the result, so a second run writes nothing.
 */
export async function rewriteReadFile(file: { readonly path: string; readonly text: string }, mapping: SqlMapping, options: RewriteFilesOptions): Promise<FileRewriteOutcome> {
  const { path, text } = file;
  const result = rewriteSql(text, mapping, options.dialect === undefined ? {} : { dialect: options.dialect });
  const outputPath = options.outputPath?.(path) ?? path;
  const diff = unifiedDiff(options.displayPath?.(path) ?? path, text, result.output);
  const inPlace = outputPath === path;
  const needed = inPlace ? diff !== '' : (await currentText(outputPath)) !== result.output;
  if (!needed) return { status: 'unchanged', path, outputPath, backupPath: null, diff, result };
  if (options.dryRun) return { status: 'changed', path, outputPath, backupPath: null, diff, result };
  if (!inPlace) await ensureDirectoryInside(dirname(outputPath), options.roots);
  const written = await writeFileAtomic(outputPath, result.output, { roots: options.roots, backupSuffix: inPlace ? (options.backupSuffix ?? null) : null });
  return { status: 'written', path, outputPath, backupPath: written.backupPath, diff, result };
}

/**
 * Rewrites files one by one: read (skipping files outside the roots, too large or not UTF-8),
 * rewrite, then either diff (dry run) or write atomically (see {@link rewriteReadFile}).
 */
export async function rewriteSqlFiles(paths: readonly string[], mapping: SqlMapping, options: RewriteFilesOptions): Promise<FileRewriteOutcome[]> {
  const outcomes: FileRewriteOutcome[] = [];
  for (const path of paths) {
    const read = await readSqlFile(path, { roots: options.roots, ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }) });
    outcomes.push(read.ok ? await rewriteReadFile(read, mapping, options) : { status: 'skipped', path, reason: read.reason, message: read.message });
  }
  return outcomes;
}
