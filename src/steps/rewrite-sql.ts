import type { PrintColor } from '../report/events.js';
import { SQL_DIALECTS, type SqlAmbiguity, type SqlChange, type SqlDialect, type SqlUnmapped, type SqlWarning } from '../sql/index.js';
import { defineStep, type StepContext, type StepOutcome } from './define-step.js';
import { refId, refObject, type ResourceRef } from './resource-ref.js';
import { memoisedReads } from './sql/api-reads.js';
import type { ConnectionHint } from './sql/infer-dialect.js';
import { runSqlRewrite, type SqlFileReport, type SqlRewriteReport } from './sql/rewrite-job.js';
import { changedFiles, collectUnmapped, summaryLine, type UnmappedName } from './sql/rewrite-summary.js';

interface RewriteSqlInputs {
  files: string | string[];
  connection?: ResourceRef | ResourceRef[];
  dialect?: SqlDialect;
  mapping_file?: string | string[];
  dry_run?: boolean;
  backup?: string;
  output?: string;
}

/** A file's entry in the step's `files` output (the combined diff is in `diff`). */
interface FileOutput {
  path: string;
  status: SqlFileReport['status'];
  output?: string;
  backup?: string;
  message?: string;
  changes: readonly SqlChange[];
  ambiguous: readonly SqlAmbiguity[];
  unmapped: readonly SqlUnmapped[];
  warnings: readonly SqlWarning[];
}

interface RewriteSqlOutput {
  [name: string]: unknown;
  files: FileOutput[];
  changed: number;
  unmapped: UnmappedName[];
  diff: string;
  dialect: SqlDialect;
  outcome: StepOutcome;
  detail: string;
}

const stringOrList = (description: string) => ({
  description,
  anyOf: [
    { type: 'string', minLength: 1 },
    { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
  ],
}) as const;

const connectionRef = { anyOf: [{ type: 'string', minLength: 1 }, { type: 'object', required: ['id'] }] } as const;

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

function connectionHint(ref: ResourceRef): ConnectionHint {
  const id = refId(ref, 'connection');
  const groupId = refObject(ref)?.['group_id'];
  return typeof groupId === 'string' ? { id, groupId } : { id };
}

const MAX_NAMED = 5;

/** `Name (3:5), Id (7:9), … and 4 more`. */
function nameList(entries: readonly { name: string; line: number; column: number }[]): string {
  const shown = entries.slice(0, MAX_NAMED).map((e) => `${e.name} (${e.line}:${e.column})`);
  return entries.length > MAX_NAMED ? `${shown.join(', ')} and ${entries.length - MAX_NAMED} more` : shown.join(', ');
}

/** Tells the user what needs their eye: skipped files, names left alone, and (dry run) the diffs. */
function tell(ctx: StepContext, report: SqlRewriteReport, dryRun: boolean): void {
  for (const note of report.notes) ctx.say({ kind: 'warning', message: note });
  if (report.files.length > 0 && report.dialect === 'ansi' && report.dialectReason !== 'given') {
    ctx.say({ kind: 'warning', message: `using the ansi dialect (${report.dialectReason}); set dialect: for quoting and case rules of a particular warehouse` });
  }
  for (const pattern of report.unmatched) ctx.say({ kind: 'warning', message: `no file matches '${pattern}'` });
  for (const file of report.files) {
    if (file.status === 'skipped') ctx.say({ kind: 'warning', message: `${file.path}: skipped: ${file.message ?? 'not read'}` });
    if (file.ambiguous.length > 0) ctx.say({ kind: 'warning', message: `${file.path}: ${file.ambiguous.length} ambiguous, left alone: ${nameList(file.ambiguous)}` });
    if (file.unmapped.length > 0) ctx.say({ kind: 'warning', message: `${file.path}: ${file.unmapped.length} with no mapping: ${nameList(file.unmapped)}` });
    for (const warning of file.warnings) ctx.say({ kind: 'warning', message: `${file.path}:${warning.line}:${warning.column}: ${warning.message}` });
  }
  if (dryRun) for (const file of changedFiles(report.files)) printDiff(ctx, file.diff);
}

/** Colour of a unified diff line; the reporter paints it (and `--json` gets the plain text). */
function diffLineColor(line: string): PrintColor | undefined {
  if (line.startsWith('--- ') || line.startsWith('+++ ')) return undefined;
  if (line.startsWith('@@')) return 'cyan';
  if (line.startsWith('+')) return 'green';
  if (line.startsWith('-')) return 'red';
  return undefined;
}

/** One print per diff line, so each can carry its colour. */
function printDiff(ctx: StepContext, diff: string): void {
  for (const line of diff.replace(/\n$/, '').split('\n')) {
    const color = diffLineColor(line);
    ctx.say({ kind: 'print', text: line, ...(color ? { segments: [{ value: line, color }] } : {}) });
  }
}

function fileOutput(file: SqlFileReport): FileOutput {
  const { diff: _diff, ...rest } = file;
  return rest;
}

/** Renames source identifiers in SQL files to the names Fivetran writes in the warehouse. */
export const rewriteSqlStep = defineStep<RewriteSqlInputs, RewriteSqlOutput>({
  type: 'rewrite-sql',
  summary: 'rewrite SQL files from source names to destination names, from connections’ schema configs',
  main: 'files',
  inline: ['connection', 'dialect'],
  inputs: {
    type: 'object',
    properties: {
      files: stringOrList('SQL files, directories or globs (e.g. `models/**/*.sql`), relative to the workflow; paths outside the allowed roots are refused'),
      connection: {
        description: 'connection id or object whose schema config gives the names; a list combines several',
        anyOf: [...connectionRef.anyOf, { type: 'array', items: connectionRef, minItems: 1 }],
      },
      dialect: { type: 'string', enum: SQL_DIALECTS, description: 'SQL dialect of the files; default: that of the connections’ destination, else ansi' },
      mapping_file: stringOrList('YAML file(s) of name overrides (schema → table → column), applied after the connections'),
      dry_run: { type: 'boolean', default: false, description: 'only show the diff; the run’s --dry-run means the same' },
      backup: { type: 'string', minLength: 1, description: 'keep each rewritten file’s old content next to it with this suffix, e.g. `.bak` (in place only)' },
      output: { type: 'string', minLength: 1, description: 'write rewritten copies into this directory (same relative paths) instead of in place' },
    },
    required: ['files'],
    additionalProperties: false,
  },
  outputs: {
    files: 'per file: path, status (changed, written, unchanged, skipped), output, backup, message, changes, ambiguous, unmapped, warnings',
    changed: 'how many files were (in a dry run: would be) written',
    unmapped: 'names that look like source names but have no mapping, once each: name, kind, table, suggestion, files',
    diff: 'unified diff of every rename (what would be written, in a dry run)',
    dialect: 'the SQL dialect used',
  },
  // Files are local: as far as the account goes this only reads.
  effect: () => 'read',
  example: `- id: rewrite
  rewrite-sql: models/**/*.sql
  connection: \${{ vars.connection }}
  dialect: snowflake
  with:
    mapping_file: mapping-overrides.yml
    backup: .bak`,
  async run(ctx, inputs) {
    const dryRun = inputs.dry_run === true || ctx.dryRun;
    const report = await runSqlRewrite(
      { reads: memoisedReads(ctx.client, (key, load) => ctx.memo(key, load), ctx.signal), files: ctx.files, signal: ctx.signal },
      {
        patterns: asList(inputs.files),
        connections: asList(inputs.connection).map(connectionHint),
        ...(inputs.dialect === undefined ? {} : { dialect: inputs.dialect }),
        mappingFiles: asList(inputs.mapping_file),
        dryRun,
        ...(inputs.backup === undefined ? {} : { backupSuffix: inputs.backup }),
        ...(inputs.output === undefined ? {} : { outputDir: inputs.output }),
      },
    );
    tell(ctx, report, dryRun);
    const changed = changedFiles(report.files);
    const read = report.files.some((file) => file.status !== 'skipped');
    return {
      files: report.files.map(fileOutput),
      changed: changed.length,
      unmapped: collectUnmapped(report.files),
      diff: changed.map((file) => file.diff).join(''),
      dialect: report.dialect,
      outcome: changed.length > 0 ? 'ok' : read ? 'unchanged' : 'skipped',
      detail: summaryLine(report, dryRun),
    };
  },
});
