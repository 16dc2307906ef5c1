/** Output formats of the `export` step. */
export const EXPORT_FORMATS = ['csv', 'json', 'ndjson', 'markdown', 'text'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** How a format lays rows out: the text before the first row, each row, the text after the last. Every piece ends a line. */
export interface RowLayout<Row> {
  start(): string;
  row(row: Row): string;
  end(): string;
}

/**
 * A value as one cell of text: strings as they are, numbers and booleans as written, nothing for
 * null, lists and objects as JSON.
 */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}

/** RFC 4180 CSV: fields with a comma, quote, line break or edge space are quoted, quotes doubled. */
export function csvLayout(columns: readonly string[]): RowLayout<readonly unknown[]> {
  const line = (cells: readonly unknown[]): string => `${cells.map((cell) => csvField(cellText(cell))).join(',')}\n`;
  return { start: () => line(columns), row: line, end: () => '' };
}

function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A JSON array with one element per line, so big exports stay diff- and grep-friendly. */
export function jsonLayout(): RowLayout<unknown> {
  let first = true;
  return {
    start: () => '[',
    row(value) {
      const text = `${first ? '\n' : ',\n'}${JSON.stringify(value ?? null)}`;
      first = false;
      return text;
    },
    end: () => (first ? ']\n' : '\n]\n'),
  };
}

/** One JSON value per line. */
export function ndjsonLayout(): RowLayout<unknown> {
  return { start: () => '', row: (value) => `${JSON.stringify(value ?? null)}\n`, end: () => '' };
}

/**
 * A GitHub-flavoured Markdown table. With `widths` (known when the rows were measured first) columns
 * are padded so the table also reads well as plain text.
 */
export function markdownLayout(columns: readonly string[], widths?: readonly number[]): RowLayout<readonly unknown[]> {
  const pad = (text: string, index: number): string => (widths ? text.padEnd(widths[index] ?? 0) : text);
  const line = (cells: readonly string[]): string => `| ${cells.map(pad).join(' | ')} |\n`;
  return {
    start: () => line(columns.map(markdownCell)) + line(columns.map((_, i) => '-'.repeat(Math.max(3, widths?.[i] ?? 3)))),
    row: (cells) => line(cells.map((cell) => markdownCell(cellText(cell)))),
    end: () => '',
  };
}

/** Cell text that cannot break the table: pipes escaped, line breaks as `<br>`. */
export function markdownCell(text: string): string {
  return text.replaceAll('\\', '\\\\').replaceAll('|', '\\|').replace(/\r?\n/g, '<br>');
}

/** Width of each column of a Markdown table, header included (at least 3, the separator's minimum). */
export function markdownWidths(columns: readonly string[], rows: readonly (readonly unknown[])[]): number[] {
  const widths = columns.map((column) => Math.max(3, markdownCell(column).length));
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, markdownCell(cellText(cell)).length);
    });
  }
  return widths;
}

/** Free text: an optional header, one rendered block per item, an optional footer. */
export function textLayout(header: string | undefined, footer: string | undefined): RowLayout<string> {
  return { start: () => asLines(header), row: (text) => asLines(text), end: () => asLines(footer) };
}

function asLines(text: string | undefined): string {
  if (text === undefined || text === '') return '';
  return text.endsWith('\n') ? text : `${text}\n`;
}
