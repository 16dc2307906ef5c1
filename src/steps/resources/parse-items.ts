/**
 * Items from the text of a data file — CSV, JSON, NDJSON, YAML or plain lines — with every problem
 * reported as `file:line:col` so the user can open the file at the bad row.
 */
import { CsvError, parse as parseCsv } from 'csv-parse/sync';
import { StepError, WorkflowError } from '../../errors.js';
import { YamlSource } from '../../workflow/yaml-source.js';

export const FORMATS = ['csv', 'json', 'ndjson', 'yaml', 'lines'] as const;
export type ItemFormat = (typeof FORMATS)[number];

export interface ParseOptions {
  /** Shown in messages. */
  file: string;
  format: ItemFormat;
  /** CSV: the first row names the columns (default true unless `columns` is given). */
  header?: boolean;
  /** CSV: column names, for files without a header row (or to rename the header's). */
  columns?: readonly string[];
  delimiter?: string;
  /** JSON and YAML: dotted path to the list inside the document. */
  path?: string;
}

const EXTENSIONS: Readonly<Record<string, ItemFormat>> = {
  csv: 'csv',
  tsv: 'csv',
  json: 'json',
  ndjson: 'ndjson',
  jsonl: 'ndjson',
  yaml: 'yaml',
  yml: 'yaml',
  txt: 'lines',
  lst: 'lines',
};

/** The format a file name implies, e.g. `yaml` for `groups.yml`; undefined when unknown. */
export function formatOf(file: string): ItemFormat | undefined {
  const match = /\.([A-Za-z0-9]+)$/.exec(file);
  return match ? EXTENSIONS[match[1]!.toLowerCase()] : undefined;
}

function failAt(file: string, line: number, column: number, message: string): never {
  throw new WorkflowError([{ file, line, column, message }]);
}

/** Parses a file's text into items. */
export function parseItems(text: string, options: ParseOptions): unknown[] {
  switch (options.format) {
    case 'csv':
      return parseCsvItems(text, options);
    case 'json':
      return listAt(parseJson(text, options.file, 1), options);
    case 'yaml':
      return listAt(parseYamlText(text, options.file), options);
    case 'ndjson':
      return lines(text).flatMap(({ line, content }) => (content.trim() === '' ? [] : [parseJson(content, options.file, line)]));
    case 'lines':
      return lines(text)
        .map(({ content }) => content)
        .filter((content) => content.trim() !== '');
  }
}

function lines(text: string): { line: number; content: string }[] {
  return text.split('\n').map((content, index) => ({ line: index + 1, content: content.replace(/\r$/, '') }));
}

function parseCsvItems(text: string, options: ParseOptions): unknown[] {
  const header = options.header ?? options.columns === undefined;
  try {
    return parseCsv(text, {
      columns: options.columns ? [...options.columns] : header ? (names: string[]) => checkedHeader(names, options.file) : false,
      from_line: options.columns && header ? 2 : 1,
      delimiter: options.delimiter ?? (options.file.toLowerCase().endsWith('.tsv') ? '\t' : ','),
      record_delimiter: ['\r\n', '\n'],
      skip_empty_lines: true,
    }) as unknown[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const { bytes, lines } = error as CsvError & { bytes?: number; lines?: number };
    // The parser's own line count takes each CR of a CRLF inside quotes as a line of its own, so the
    // line comes from its byte offset: the end of the record for a wrong field count, else the start
    // of the record it could not read.
    const recordEnd = error.code.startsWith('CSV_RECORD_INCONSISTENT');
    const line = bytes === undefined ? (lines ?? 1) : lineAtByte(text, Math.max(0, recordEnd ? bytes - 1 : bytes));
    return failAt(options.file, line, 1, error.message.replace(/ on line \d+$| at line \d+.*$/, ''));
  }
}

/** The 1-based line on which the UTF-8 byte `offset` of `text` lies. */
function lineAtByte(text: string, offset: number): number {
  const before = Buffer.from(text, 'utf8').subarray(0, offset);
  let line = 1;
  for (const byte of before) if (byte === 0x0a) line += 1;
  return line;
}

/** The header row's names: each must be given and given once, or a row would silently lose a field. */
function checkedHeader(names: string[], file: string): string[] {
  const empty = names.indexOf('');
  if (empty >= 0) return failAt(file, 1, 1, `column ${empty + 1} of the header has no name`);
  const twice = names.findIndex((name, index) => names.indexOf(name) !== index);
  if (twice >= 0) return failAt(file, 1, 1, `column '${names[twice]}' appears twice in the header (columns ${names.indexOf(names[twice]!) + 1} and ${twice + 1})`);
  return names;
}

/** JSON.parse, with the error's position turned into a line and column (counted from `firstLine`). */
function parseJson(text: string, file: string, firstLine: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const before = text.slice(0, jsonErrorOffset(text, message)).split('\n');
    // V8 quotes the text around the error: keep it out, the file may hold secrets.
    const reason = message.replace(/ in JSON at position \d+.*$/s, '').replace(/, ".*" is not valid JSON$/s, '');
    return failAt(file, firstLine + before.length - 1, before[before.length - 1]!.length + 1, reason);
  }
}

/** Where JSON.parse gave up: the position V8 names, else the shortest prefix that fails for a reason other than ending early. */
function jsonErrorOffset(text: string, message: string): number {
  const named = /position (\d+)/.exec(message);
  if (named) return Math.min(Number(named[1]), text.length);
  let fine = 0;
  let failing = text.length;
  while (failing - fine > 1) {
    const middle = (fine + failing) >> 1;
    if (failsBeforeEnd(text.slice(0, middle))) failing = middle;
    else fine = middle;
  }
  return failing - 1;
}

function failsBeforeEnd(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return false;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/end of JSON|Unterminated/.test(message)) return false;
    const position = /position (\d+)/.exec(message);
    return !position || Number(position[1]) < prefix.length;
  }
}

/**
 * The same guarded reader as workflows and vars files: duplicate keys, unknown tags, alias bombs and
 * runaway nesting are located problems, and nothing is written to the process's warning stream.
 */
function parseYamlText(text: string, file: string): unknown {
  const parsed = YamlSource.parse(file, text);
  if (!parsed.source) throw new WorkflowError(parsed.issues);
  return parsed.source.value;
}

/** The list a JSON or YAML document holds (at `path` when given). */
function listAt(document: unknown, options: ParseOptions): unknown[] {
  let value = document;
  for (const part of options.path ? options.path.split('.') : []) {
    value = value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, part) ? (value as Record<string, unknown>)[part] : undefined;
  }
  if (Array.isArray(value)) return value;
  const where = options.path ? ` at '${options.path}'` : '';
  const got = value === undefined ? 'nothing' : value === null ? 'null' : typeof value === 'object' ? 'a mapping' : `a ${typeof value}`;
  const hint = !options.path && typeof value === 'object' && value !== null ? "; give 'path' to the list inside it" : '';
  throw new StepError(`${options.file}: expected a list${where}, got ${got}${hint}`);
}
