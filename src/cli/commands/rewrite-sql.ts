import type { ChalkInstance } from 'chalk';
import { resolve } from 'node:path';
import { createClient, type ApiClient } from '../../api/index.js';
import { UsageError } from '../../errors.js';
import { DEFAULT_MAX_SQL_BYTES, SQL_DIALECTS, isSqlDialect, paintDiff, type SqlDialect } from '../../sql/index.js';
import { mapMemo, memoisedReads, type ApiReads } from '../../steps/sql/api-reads.js';
import { runSqlRewrite, type SqlRewriteReport } from '../../steps/sql/rewrite-job.js';
import { changedFiles, fileLines, summaryLine, type ReportLine } from '../../steps/sql/rewrite-summary.js';
import { parseFlags } from '../args.js';
import { writeChunk } from '../call/json-output.js';
import { chalkFor } from '../color.js';
import type { Command } from '../command.js';
import type { CliIO } from '../io.js';
import { resolveTarget, type Target } from '../target.js';

const FLAGS = {
  connection: { type: 'string', short: 'c', multiple: true },
  dialect: { type: 'string' },
  mapping: { type: 'string', multiple: true },
  'dry-run': { type: 'boolean' },
  backup: { type: 'string' },
  out: { type: 'string' },
  root: { type: 'string', multiple: true },
  sandbox: { type: 'boolean' },
} as const;

const HELP = `Usage: atlas-run rewrite-sql --connection ID [options] FILES/GLOBS…

Rewrites SQL files from source names (schemas, tables, columns as the source spells them) to the
names Fivetran writes in the warehouse, from each connection's schema config and the column lists of
the tables the files use. Token-aware: strings, comments and dbt/Jinja blocks are never touched,
only whole identifiers are replaced, aliases and CTEs are followed, and a column shared by several
tables in scope is left alone and reported. A second run changes nothing.

Options:
  -c, --connection ID   connection whose schema config gives the names (repeatable: combined)
      --dialect D       ${SQL_DIALECTS.join(' | ')} (default: the destination's, else ansi)
      --mapping FILE    YAML overrides, schema → table → column (repeatable; later files win)
      --dry-run         print a unified diff (coloured on a terminal) and write nothing
      --backup SUFFIX   keep each rewritten file's old content as FILE+SUFFIX (e.g. .bak)
      --out DIR         write rewritten copies under DIR (same relative paths) instead of in place
      --root DIR        another directory files may be read from or written to (default: the current one)
      --sandbox         read from a fresh in-process sandbox instead of the real API
  -h, --help            show this help

Files are written atomically (temporary file + rename). Files larger than ${DEFAULT_MAX_SQL_BYTES / 1024 / 1024} MiB or not valid
UTF-8 are skipped with a message; paths outside the allowed directories are refused.
The diff goes to stdout; the report (renamed, ambiguous, unmapped names, with line:column) to stderr.
With only --mapping, nothing is read from the API (no credentials needed).

Credentials: FIVETRAN_API_KEY and FIVETRAN_API_SECRET; FIVETRAN_API_URL overrides the API root.

Exit codes: 0 done · 1 the API failed, a file could not be written or was skipped, or a pattern matched
nothing · 2 usage error

Examples:
  atlas-run rewrite-sql --connection humble_rain --dry-run 'models/**/*.sql'
  atlas-run rewrite-sql -c humble_rain -c balmy_summit --dialect snowflake --backup .bak queries/
  atlas-run rewrite-sql --mapping names.yml --out rewritten 'sql/*.sql'
`;

type RewriteFlags = ReturnType<typeof parseFlags<typeof FLAGS>>['flags'];

const command: Command = {
  help: HELP,
  async run(args, io) {
    const { flags, positionals } = parseFlags(args, FLAGS, 'rewrite-sql');
    const dialect = readDialect(flags.dialect);
    const connections = flags.connection ?? [];
    if (positionals.length === 0) throw new UsageError('which files? give SQL files, directories or globs', { hint: "e.g. atlas-run rewrite-sql --connection ID 'models/**/*.sql'" });
    if (connections.length === 0 && !flags.mapping) throw new UsageError('nothing to map names from: give --connection ID (or --mapping FILE)');
    const target = connections.length > 0 ? await resolveTarget({ ...(flags.sandbox ? { sandbox: true } : {}) }, io) : undefined;
    const client = target ? clientFor(target) : undefined;
    try {
      const report = await runSqlRewrite(
        { reads: client ? memoisedReads(client, mapMemo(), io.signal) : offlineReads(), files: fileAccess(flags, io), signal: io.signal },
        {
          patterns: positionals,
          connections: connections.map((id) => ({ id })),
          ...(dialect ? { dialect } : {}),
          mappingFiles: flags.mapping ?? [],
          dryRun: flags['dry-run'] ?? false,
          ...(flags.backup === undefined ? {} : { backupSuffix: flags.backup }),
          ...(flags.out === undefined ? {} : { outputDir: flags.out }),
        },
      );
      await printReport(report, flags['dry-run'] ?? false, io);
      return report.unmatched.length > 0 || report.files.some((file) => file.status === 'skipped') ? 1 : 0;
    } finally {
      await client?.close();
      await target?.sandbox?.stop();
    }
  },
};

export default command;

function readDialect(value: string | undefined): SqlDialect | undefined {
  if (value === undefined) return undefined;
  if (isSqlDialect(value)) return value;
  throw new UsageError(`unknown dialect '${value}'`, { hint: `expected one of ${SQL_DIALECTS.join(', ')}` });
}

function clientFor(target: Target): ApiClient {
  return createClient({ apiKey: target.apiKey, apiSecret: target.apiSecret, baseUrl: target.baseUrl });
}

/** Reads for a run given only mapping files: nothing may reach the API, and nothing does. */
function offlineReads(): ApiReads {
  return {
    read: () => Promise.reject(new UsageError('this needs the Fivetran API: give --connection ID')),
  };
}

function fileAccess(flags: RewriteFlags, io: CliIO): { baseDir: string; roots: string[]; maxReadBytes: number } {
  return { baseDir: io.cwd, roots: [io.cwd, ...(flags.root ?? []).map((root) => resolve(io.cwd, root))], maxReadBytes: DEFAULT_MAX_SQL_BYTES };
}

/** The diff on stdout (dry run), the report on stderr: `> change.patch` captures a clean patch. */
async function printReport(report: SqlRewriteReport, dryRun: boolean, io: CliIO): Promise<void> {
  if (dryRun) {
    const chalk = chalkFor(io.stdout, io.env);
    const painter = { header: chalk.bold, hunk: chalk.cyan, added: chalk.green, removed: chalk.red };
    for (const file of changedFiles(report.files)) await writeChunk(io.stdout, paintDiff(file.diff, painter));
  }
  const chalk = chalkFor(io.stderr, io.env);
  const lines = [
    ...report.notes.map((note) => chalk.yellow(`warning: ${note}`)),
    ...report.unmatched.map((pattern) => chalk.yellow(`warning: no file matches '${pattern}'`)),
    ...(report.files.length > 0 ? [chalk.dim(`dialect ${report.dialect} (${report.dialectReason})`)] : []),
    ...report.files.filter((file) => file.status !== 'unchanged' || file.ambiguous.length + file.unmapped.length + file.warnings.length > 0).flatMap((file) => paintLines(fileLines(file), chalk)),
    summaryLine(report, dryRun),
  ];
  await writeChunk(io.stderr, `${lines.join('\n')}\n`);
}

/** Colours a file's report lines by what they say. */
function paintLines(lines: readonly ReportLine[], chalk: ChalkInstance): string[] {
  const paint: Record<ReportLine['kind'], (text: string) => string> = {
    file: chalk.bold,
    skipped: chalk.red,
    renamed: chalk.green,
    ambiguous: chalk.yellow,
    unmapped: chalk.yellow,
    warning: chalk.yellow,
  };
  return lines.map((line) => paint[line.kind](line.text));
}
