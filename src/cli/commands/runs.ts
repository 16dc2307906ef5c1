/** `atlas-run runs [RUN]`: the runs the journal directory remembers, or one of them in detail. */
import { UsageError } from '../../errors.js';
import { journalDir, listRuns, readJournal, readRun, summarize } from '../../journal/index.js';
import type { JournalContents, JournalCounts, RunSummary } from '../../journal/index.js';
import { parseFlags, positiveInt } from '../args.js';
import type { Command } from '../command.js';
import type { CliIO } from '../io.js';

const FLAGS = {
  'journal-dir': { type: 'string' },
  limit: { type: 'string', short: 'n' },
  json: { type: 'boolean' },
} as const;

const help = `Usage: atlas-run runs [RUN] [options]

Lists recent runs, newest first: id, workflow, start time, status and item counts. Status is ok,
failed, interrupted, running (its process is alive), or unfinished (killed before it could finish:
resume it). With a run id, or 'last', shows that run with its failed items and how to resume it.

Options:
  --journal-dir DIR    where run journals are (default ATLAS_JOURNAL_DIR, else .atlas/runs)
  -n, --limit N        how many runs to list (default 20)
  --json               one JSON object per run (or the run's details) instead of a table

Examples:
  atlas-run runs
  atlas-run runs last
  atlas-run workflows/migrate.yml --resume 20261127-183512.001-4f2a
`;

const runs: Command = {
  help,
  async run(args: string[], io: CliIO): Promise<number> {
    const { flags, positionals } = parseFlags(args, FLAGS, 'runs');
    if (positionals.length > 1) throw new UsageError(`one run at a time, got ${positionals.length}`, { hint: 'atlas-run runs last' });
    const dir = journalDir(flags['journal-dir'], io.env, io.cwd);
    const limit = positiveInt(flags.limit, '--limit') ?? 20;
    const ref = positionals[0];
    if (ref !== undefined) {
      const journal = openRun(dir, ref);
      io.stdout.write(flags.json ? `${JSON.stringify(details(journal))}\n` : describeRun(journal));
      return 0;
    }
    const list = listRuns(dir, limit);
    if (flags.json) {
      for (const run of list) io.stdout.write(`${JSON.stringify(withoutFile(run))}\n`);
    } else if (list.length === 0) {
      io.stderr.write(`no runs in ${dir}\n`);
    } else {
      io.stdout.write(runTable(list));
    }
    return 0;
  },
};

export default runs;

function openRun(dir: string, ref: string): JournalContents {
  if (ref === 'last') {
    const [newest] = listRuns(dir, 1);
    if (!newest) throw new UsageError(`no runs in ${dir}`, { hint: 'every run except a dry run keeps a journal there' });
    return readJournal(newest.file);
  }
  return readRun(dir, ref);
}


const COLUMNS = ['RUN', 'WORKFLOW', 'STARTED', 'STATUS', 'OK', 'UNCHANGED', 'SKIPPED', 'FAILED', 'RESUMED FROM'] as const;
/** Numeric columns are right-aligned. */
const NUMERIC = new Set(['OK', 'UNCHANGED', 'SKIPPED', 'FAILED']);

function runTable(list: readonly RunSummary[]): string {
  const rows = list.map((run) => [
    run.id,
    run.workflow,
    localTime(run.started),
    run.status,
    String(run.counts.ok),
    String(run.counts.unchanged),
    String(run.counts.skipped),
    String(run.counts.failed),
    run.resumedFrom ?? '',
  ]);
  // The last column only when some run was a resume.
  const columns = list.some((run) => run.resumedFrom) ? COLUMNS : COLUMNS.slice(0, -1);
  const widths = columns.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]): string =>
    cells
      .slice(0, columns.length)
      .map((cell, i) => (NUMERIC.has(columns[i]!) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return `${[line(columns), ...rows.map(line)].join('\n')}\n`;
}

function describeRun(journal: JournalContents): string {
  const run = summarize(journal);
  const { header } = journal;
  const failures = failedItems(journal);
  const lines = [
    `run ${run.id} · ${header.workflow.name} (${header.workflow.file})`,
    `started ${localTime(run.started)} · status ${run.status} · target ${header.target} · scope ${header.scope}`,
    ...(run.resumedFrom ? [`resumed from ${run.resumedFrom}`] : []),
    `items: ${describeCounts(run.counts)}`,
    ...(failures.length > 0 ? ['failed items:', ...failures.map((f) => `  ${f.step} [${f.key}]: ${f.error ?? 'failed'}`)] : []),
    `journal: ${journal.file}`,
  ];
  if (run.status !== 'ok' && run.status !== 'running') lines.push(`resume with: atlas-run ${header.workflow.file} --resume ${run.id}`);
  return `${lines.join('\n')}\n`;
}

function details(journal: JournalContents): Record<string, unknown> {
  return { ...withoutFile(summarize(journal)), journal: journal.file, target: journal.header.target, scope: journal.header.scope, failures: failedItems(journal) };
}

/** Items whose last outcome is a failure. */
function failedItems(journal: JournalContents): { step: string; key: string; error?: string }[] {
  const latest = new Map<string, JournalContents['items'][number]>();
  for (const item of journal.items) latest.set(`${item.step}\u0000${item.key}`, item);
  return [...latest.values()].filter((item) => item.status === 'failed').map((item) => ({ step: item.step, key: item.key, ...(item.error ? { error: item.error } : {}) }));
}

function describeCounts(counts: JournalCounts): string {
  const parts = (['ok', 'unchanged', 'skipped', 'failed'] as const).filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${k}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

function withoutFile(run: RunSummary): Omit<RunSummary, 'file'> {
  const { file: _file, ...rest } = run;
  return rest;
}

/** `2026-11-27 18:35:12` in the local time zone: what people compare with their clock. */
function localTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
