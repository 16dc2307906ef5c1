import type { SqlDialect } from './dialects.js';
import { readSqlFile, writeFileAtomic, type SqlFileSkipReason } from './files.js';
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
  /** Where to write each file's result; default: in place. */
  readonly outputPath?: (inputPath: string) => string;
}

export type FileRewriteOutcome =
  | { readonly status: 'skipped'; readonly path: string; readonly reason: SqlFileSkipReason; readonly message: string }
  | {
      /** `changed`: a dry run found edits; `written`: edits were written; `unchanged`: nothing to rename. */
      readonly status: 'changed' | 'written' | 'unchanged';
      readonly path: string;
      /** Where the result was (or, in a dry run, would be) written. */
      readonly outputPath: string;
      readonly backupPath: string | null;
      /** Unified diff of the edits; '' when unchanged. */
      readonly diff: string;
      readonly result: RewriteSqlResult;
    };

/**
 * Rewrites files one by one: read (skipping files outside the roots, too large or not UTF-8),
 * rewrite, then either diff (dry run) or write atomically. A file with no edits is not written,
 * unless it goes to a different output path.
 */
export async function rewriteSqlFiles(paths: readonly string[], mapping: SqlMapping, options: RewriteFilesOptions): Promise<FileRewriteOutcome[]> {
  const outcomes: FileRewriteOutcome[] = [];
  for (const path of paths) {
    const read = await readSqlFile(path, { roots: options.roots, ...(options.maxBytes === undefined ? {} : { maxBytes: options.maxBytes }) });
    if (!read.ok) {
      outcomes.push({ status: 'skipped', path, reason: read.reason, message: read.message });
      continue;
    }
    const result = rewriteSql(read.text, mapping, options.dialect === undefined ? {} : { dialect: options.dialect });
    const outputPath = options.outputPath?.(path) ?? path;
    const diff = unifiedDiff(path, read.text, result.output);
    const mustWrite = !options.dryRun && (diff !== '' || outputPath !== path);
    if (!mustWrite) {
      outcomes.push({ status: diff === '' ? 'unchanged' : 'changed', path, outputPath, backupPath: null, diff, result });
      continue;
    }
    const written = await writeFileAtomic(outputPath, result.output, {
      roots: options.roots,
      backupSuffix: outputPath === path ? (options.backupSuffix ?? null) : null,
    });
    outcomes.push({ status: diff === '' ? 'unchanged' : 'written', path, outputPath, backupPath: written.backupPath, diff, result });
  }
  return outcomes;
}
