import type { SqlFileReport, SqlRewriteReport } from './rewrite-job.js';

/** An identifier that looks like a source name but has no mapping, once per table however often it appears. */
export interface UnmappedName {
  readonly name: string;
  readonly kind: 'table' | 'column';
  /** The table (`schema.table`, source names) or schema it was looked up in. */
  readonly table: string;
  /** Fivetran's standard spelling of the name, as a hint (never applied). */
  readonly suggestion: string | null;
  /** Files it appears in. */
  readonly files: readonly string[];
}

/** Every unmapped name of the run, deduplicated (case-insensitively, as unquoted names compare). */
export function collectUnmapped(files: readonly SqlFileReport[]): UnmappedName[] {
  const byKey = new Map<string, { name: string; kind: 'table' | 'column'; table: string; suggestion: string | null; files: string[] }>();
  for (const file of files) {
    for (const entry of file.unmapped) {
      const key = JSON.stringify([entry.kind, entry.table, entry.name.toLowerCase()]);
      const known = byKey.get(key);
      if (!known) byKey.set(key, { name: entry.name, kind: entry.kind, table: entry.table, suggestion: entry.suggestion, files: [file.path] });
      else if (!known.files.includes(file.path)) known.files.push(file.path);
    }
  }
  return [...byKey.values()];
}

/** Files that were, or in a dry run would be, written. */
export function changedFiles(files: readonly SqlFileReport[]): SqlFileReport[] {
  return files.filter((file) => file.status === 'changed' || file.status === 'written');
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** One line on the whole run, e.g. `rewrote 2 of 3 files (14 names); 1 ambiguous left alone; 2 unmapped`. */
export function summaryLine(report: SqlRewriteReport, dryRun: boolean): string {
  const { files } = report;
  if (files.length === 0) return 'no SQL files matched';
  const changed = changedFiles(files);
  const renames = changed.reduce((sum, file) => sum + file.changes.length, 0);
  const skipped = files.filter((file) => file.status === 'skipped').length;
  const ambiguous = files.reduce((sum, file) => sum + file.ambiguous.length, 0);
  const unmapped = collectUnmapped(files).length;
  const parts = [
    changed.length === 0
      ? `${plural(files.length - skipped, 'file')}, nothing to rewrite`
      : `${dryRun ? 'would rewrite' : 'rewrote'} ${changed.length} of ${plural(files.length, 'file')} (${plural(renames, 'name')})`,
    ...(skipped > 0 ? [`${skipped} skipped`] : []),
    ...(ambiguous > 0 ? [`${ambiguous} ambiguous left alone`] : []),
    ...(unmapped > 0 ? [`${unmapped} unmapped`] : []),
  ];
  return parts.join('; ');
}

/** One line of a file's report, tagged so a terminal can colour it. */
export interface ReportLine {
  readonly kind: 'file' | 'skipped' | 'renamed' | 'ambiguous' | 'unmapped' | 'warning';
  readonly text: string;
}

/** Human lines for one file: each rename, ambiguity, unmapped name and warning with its line:column. */
export function fileLines(file: SqlFileReport): ReportLine[] {
  if (file.status === 'skipped') return [{ kind: 'skipped', text: `${file.path}: skipped: ${file.message ?? 'not read'}` }];
  const where = (at: { line: number; column: number }): string => `${at.line}:${at.column}`.padEnd(8);
  const target = file.output ? ` → ${file.output}` : '';
  const head =
    file.changes.length === 0 && file.status === 'unchanged'
      ? `${file.path}: nothing to rename${target}`
      : `${file.path}: ${plural(file.changes.length, 'rename')}${target}${file.backup ? ` (backup ${file.backup})` : ''}`;
  return [
    { kind: 'file', text: head },
    ...file.changes.map((c) => ({ kind: 'renamed' as const, text: `  renamed    ${where(c)} ${c.from} → ${c.to}` })),
    ...file.ambiguous.map((a) => ({ kind: 'ambiguous' as const, text: `  ambiguous  ${where(a)} ${a.name}: ${a.reason} (${a.candidates.join(', ')}); left alone` })),
    ...file.unmapped.map((u) => ({
      kind: 'unmapped' as const,
      text: `  unmapped   ${where(u)} ${u.name} (${u.kind} of ${u.table})${u.suggestion ? `; Fivetran's naming would be ${u.suggestion}` : ''}`,
    })),
    ...file.warnings.map((w) => ({ kind: 'warning' as const, text: `  warning    ${where(w)} ${w.message}` })),
  ];
}
