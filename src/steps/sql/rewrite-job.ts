import { basename, join, relative, resolve } from 'node:path';
import { InterruptedError, UsageError } from '../../errors.js';
import {
  parseMappingOverrides,
  readSqlFile,
  resolveInsideRoots,
  rewriteReadFile,
  isInsideRoot,
  type FileRewriteOutcome,
  type MappingOverrides,
  type SqlAmbiguity,
  type SqlChange,
  type SqlDialect,
  type SqlFileRead,
  type SqlUnmapped,
  type SqlWarning,
} from '../../sql/index.js';
import type { FileAccess } from '../define-step.js';
import { isPlanned } from '../resource-ref.js';
import type { ApiReads } from './api-reads.js';
import { expandSqlPaths } from './expand-paths.js';
import { inferDialect, type ConnectionHint } from './infer-dialect.js';
import { loadSqlMapping } from './load-mapping.js';

/** What to rewrite, and how: the inputs of the `rewrite-sql` step and the flags of `atlas-run rewrite-sql`. */
export interface SqlRewriteRequest {
  /** Files, directories or globs, relative to `files.baseDir`. */
  readonly patterns: readonly string[];
  /** Connections whose schema configs make the mapping (combined in order). */
  readonly connections: readonly ConnectionHint[];
  /** Default: the dialect of the connections' destination, else `ansi`. */
  readonly dialect?: SqlDialect;
  /** Override files (YAML), applied after the connections; later files win. */
  readonly mappingFiles?: readonly string[];
  /** Diff only; nothing is written. */
  readonly dryRun: boolean;
  /** Keep each rewritten file's previous content under this suffix (in place only). */
  readonly backupSuffix?: string;
  /** Write rewritten copies under this directory (keeping paths relative to `files.baseDir`) instead of in place. */
  readonly outputDir?: string;
}

export interface SqlRewriteEnv {
  readonly reads: ApiReads;
  readonly files: FileAccess;
  readonly signal?: AbortSignal;
}

/** One file's fate. Paths are relative to the base directory when inside it. */
export interface SqlFileReport {
  readonly path: string;
  /** `changed`: a dry run would write it; `written`; `unchanged`: nothing to write; `skipped`: not read (see `message`). */
  readonly status: 'changed' | 'written' | 'unchanged' | 'skipped';
  /** Where the result goes when not in place. */
  readonly output?: string;
  readonly backup?: string;
  /** Why a file was skipped. */
  readonly message?: string;
  readonly changes: readonly SqlChange[];
  readonly ambiguous: readonly SqlAmbiguity[];
  readonly unmapped: readonly SqlUnmapped[];
  readonly warnings: readonly SqlWarning[];
  /** Unified diff of the renames ('' when none). */
  readonly diff: string;
}

export interface SqlRewriteReport {
  readonly dialect: SqlDialect;
  /** Where the dialect came from (`given`, `destination snowflake of group …`, …). */
  readonly dialectReason: string;
  readonly files: readonly SqlFileReport[];
  /** Patterns that matched no file. */
  readonly unmatched: readonly string[];
  /** Things worth telling the user that are not about one file (e.g. a planned connection left out). */
  readonly notes: readonly string[];
}

const SUFFIX = /^[^/\\]+$/;

function checkRequest(request: SqlRewriteRequest): void {
  if (request.patterns.length === 0) throw new UsageError('which files? give SQL files, directories or globs', { hint: 'e.g. models/**/*.sql' });
  if (request.connections.length === 0 && (request.mappingFiles ?? []).length === 0) {
    throw new UsageError('nothing to map names from: give a connection or a mapping file');
  }
  if (request.backupSuffix !== undefined && !SUFFIX.test(request.backupSuffix)) {
    throw new UsageError(`backup suffix '${request.backupSuffix}' must be a non-empty file name ending, without slashes`, { hint: 'e.g. .bak' });
  }
  if (request.backupSuffix !== undefined && request.outputDir !== undefined) {
    throw new UsageError('a backup only applies when rewriting in place; with an output directory the originals are left untouched');
  }
}

/** `models/a.sql` for a file inside `baseDir`, the absolute path otherwise. */
export function displayPath(path: string, baseDir: string): string {
  return isInsideRoot(path, baseDir) ? relative(baseDir, path) || basename(path) : path;
}

/** Where a file's rewritten copy goes: the same relative path below `outputDir` (relative to the base, else to its root). */
function copyPath(path: string, outputDir: string, files: FileAccess): string {
  const base = [files.baseDir, ...files.roots].map((dir) => resolve(dir)).find((dir) => isInsideRoot(path, dir));
  return join(outputDir, base === undefined ? basename(path) : relative(base, path));
}

async function readOverrides(paths: readonly string[], files: FileAccess): Promise<MappingOverrides[]> {
  const overrides: MappingOverrides[] = [];
  for (const given of paths) {
    const read = await readSqlFile(resolve(files.baseDir, given), { roots: files.roots, maxBytes: files.maxReadBytes });
    // The reader words its reasons for SQL files, which are skipped; a bad mapping file stops the run.
    if (!read.ok) throw new UsageError(`mapping file ${read.message.replace(/, skipped$/, '')}`);
    overrides.push(parseMappingOverrides(read.text, given));
  }
  return overrides;
}

async function chooseDialect(env: SqlRewriteEnv, request: SqlRewriteRequest, connections: readonly ConnectionHint[]): Promise<{ dialect: SqlDialect; reason: string }> {
  if (request.dialect !== undefined) return { dialect: request.dialect, reason: 'given' };
  if (connections.length === 0) return { dialect: 'ansi', reason: 'default (no connection to infer it from)' };
  const inferred = await inferDialect(env.reads, connections);
  if ('conflict' in inferred) throw new UsageError(`the connections write to warehouses with different SQL dialects: ${inferred.conflict}`, { hint: 'set the dialect explicitly' });
  return inferred;
}

function fileReport(outcome: FileRewriteOutcome, baseDir: string): SqlFileReport {
  const path = displayPath(outcome.path, baseDir);
  if (outcome.status === 'skipped') {
    // The reader names the file by its absolute path; the report already names it.
    const message = outcome.message.startsWith(`${outcome.path}: `) ? outcome.message.slice(outcome.path.length + 2) : outcome.message;
    return { path, status: 'skipped', message, changes: [], ambiguous: [], unmapped: [], warnings: [], diff: '' };
  }
  const { result } = outcome;
  return {
    path,
    status: outcome.status,
    ...(outcome.outputPath === outcome.path ? {} : { output: displayPath(outcome.outputPath, baseDir) }),
    ...(outcome.backupPath ? { backup: displayPath(outcome.backupPath, baseDir) } : {}),
    changes: result.changes,
    ambiguous: result.ambiguous,
    unmapped: result.unmapped,
    warnings: result.warnings,
    diff: outcome.diff,
  };
}

/**
 * Rewrites SQL files from source names to destination names: expands the patterns (before any
 * API call, so a typo costs nothing), reads the files, builds the mapping from the connections'
 * schema configs (column lists only for tables the files use) and override files, then diffs
 * (dry run) or writes each file atomically.
 */
export async function runSqlRewrite(env: SqlRewriteEnv, request: SqlRewriteRequest): Promise<SqlRewriteReport> {
  checkRequest(request);
  const { files } = env;
  const outputDir = request.outputDir === undefined ? undefined : resolve(files.baseDir, request.outputDir);
  if (outputDir !== undefined) await resolveInsideRoots(outputDir, files.roots, 'write to');
  const expanded = await expandSqlPaths(request.patterns, { baseDir: files.baseDir, roots: files.roots, ...(outputDir ? { exclude: [outputDir] } : {}), ...(env.signal ? { signal: env.signal } : {}) });
  const notes: string[] = [];
  const connections = request.connections.filter((connection) => {
    if (!isPlanned(connection.id)) return true;
    notes.push(`connection ${connection.id} does not exist yet (dry run): its names are not in the mapping`);
    return false;
  });
  const base = { files: [], unmatched: expanded.unmatched, notes };
  if (expanded.paths.length === 0) return { dialect: request.dialect ?? 'ansi', dialectReason: request.dialect ? 'given' : 'not needed', ...base };

  const reads: SqlFileRead[] = [];
  for (const path of expanded.paths) reads.push(await readSqlFile(path, { roots: files.roots, maxBytes: files.maxReadBytes }));
  const overrides = await readOverrides(request.mappingFiles ?? [], files);
  const { dialect, reason } = await chooseDialect(env, request, connections);
  const texts = reads.flatMap((read) => (read.ok ? [read.text] : []));
  const mapping = await loadSqlMapping(env.reads, { connectionIds: connections.map((c) => c.id), overrides, texts, dialect });

  const options = {
    dialect,
    roots: files.roots,
    dryRun: request.dryRun,
    ...(request.backupSuffix === undefined ? {} : { backupSuffix: request.backupSuffix }),
    ...(outputDir === undefined ? {} : { outputPath: (path: string) => copyPath(path, outputDir, files) }),
    displayPath: (path: string) => displayPath(path, files.baseDir),
  };
  const reports: SqlFileReport[] = [];
  for (const read of reads) {
    if (env.signal?.aborted) throw new InterruptedError(`interrupted after ${reports.length} of ${reads.length} files; the rest were not touched`);
    const outcome: FileRewriteOutcome = read.ok ? await rewriteReadFile(read, mapping, options) : { status: 'skipped', path: read.path, reason: read.reason, message: read.message };
    reports.push(fileReport(outcome, files.baseDir));
  }
  return { dialect, dialectReason: reason, ...base, files: reports };
}
