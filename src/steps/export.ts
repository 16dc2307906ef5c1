import { relative } from 'node:path';
import { StepError } from '../errors.js';
import type { Evaluator, StepContext } from './define-step.js';
import { defineStep } from './define-step.js';
import { columnsFromExpressions, cellsOf, recordOf, scalarColumns } from './output/export-rows.js';
import type { Column } from './output/export-rows.js';
import { newFileInsideRoots } from './output/file-paths.js';
import { EXPORT_FORMATS, cellText, csvLayout, jsonLayout, markdownLayout, markdownWidths, ndjsonLayout, textLayout } from './output/row-layouts.js';
import type { ExportFormat, RowLayout } from './output/row-layouts.js';
import { ChunkedWriter, atomicFileSink, printSink } from './output/text-sink.js';

interface ExportInputs {
  format: ExportFormat;
  items: unknown[];
  columns?: Record<string, Evaluator>;
  file?: string;
  template?: Evaluator;
  header?: string;
  footer?: string;
}

interface ExportOutput {
  file: string | null;
  count: number;
  bytes: number;
  detail: string;
}

/** Markdown tables up to this many rows are measured first so their columns line up. */
const ALIGNED_MARKDOWN_ROWS = 1000;

/** Writes items as CSV, JSON, NDJSON, a Markdown table or templated text, to a file or to the output. */
export const exportStep = defineStep<ExportInputs, ExportOutput>({
  type: 'export',
  summary: 'write items to a CSV, JSON, NDJSON, Markdown or text file (or to the output)',
  main: 'format',
  inline: ['items', 'columns', 'file', 'template', 'header', 'footer'],
  inputs: {
    type: 'object',
    properties: {
      format: { type: 'string', enum: EXPORT_FORMATS, description: 'csv, json (an array), ndjson (one object per line), markdown (a table) or text (`template` per item)' },
      items: { type: 'array', description: 'the rows to write, usually `${{ steps.<id>.items }}`' },
      columns: {
        type: 'object',
        'x-atlas': 'expression-map',
        description: 'column name → expression with `item` and `index` bound; default: the top-level fields holding plain values (json and ndjson: the whole items)',
      },
      file: { type: 'string', description: "path relative to the workflow's directory (missing directories inside the run's roots are created), replaced atomically; default: print to the output" },
      template: { type: 'string', 'x-atlas': 'template', description: 'text format: the text written per item, with `${{ item.* }}` and `${{ index }}`' },
      header: { type: 'string', description: 'text format: written once before the items' },
      footer: { type: 'string', description: 'text format: written once after the items' },
    },
    required: ['format', 'items'],
    additionalProperties: false,
  },
  outputs: {
    file: 'absolute path of the file written (null when printed)',
    count: 'how many items were written',
    bytes: 'size of what was written, in bytes',
  },
  effect: () => 'read',
  example: `- id: report
  export: csv
  items: \${{ steps.connections.items }}
  columns:
    id: item.id
    service: item.service
    state: item.status.sync_state
  file: status.csv`,
  async run(ctx, inputs) {
    refuseMisplacedTextInputs(inputs);
    const target = inputs.file === undefined ? undefined : await newFileInsideRoots(ctx.files, inputs.file, 'file');
    const sink = target === undefined ? printSink(ctx) : await atomicFileSink(target);
    const writer = new ChunkedWriter(sink);
    try {
      await writeItems(writer, inputs);
      await writer.flush();
      await sink.finish();
    } catch (error) {
      await sink.abort();
      throw error;
    }
    const count = inputs.items.length;
    const where = target === undefined ? 'to the output' : `to ${displayPath(ctx, target)}`;
    return { file: target ?? null, count, bytes: writer.bytes, detail: `wrote ${count} item${count === 1 ? '' : 's'} ${where} (${writer.bytes} bytes)` };
  },
});

function refuseMisplacedTextInputs(inputs: ExportInputs): void {
  if (inputs.format === 'text') return;
  const given = (['template', 'header', 'footer'] as const).filter((name) => inputs[name] !== undefined);
  if (given.length > 0) throw new StepError(`${given.join(', ')} only appl${given.length === 1 ? 'ies' : 'y'} to format text, not ${inputs.format}`);
}

/** Streams every item through the format's layout; nothing holds the whole output at once. */
async function writeItems(writer: ChunkedWriter, inputs: ExportInputs): Promise<void> {
  const { format, items } = inputs;
  const explicit = inputs.columns ? columnsFromExpressions(inputs.columns) : undefined;
  switch (format) {
    case 'csv': {
      const columns = explicit ?? scalarColumns(items);
      return writeRows(writer, csvLayout(columns.map((c) => c.name)), items, (item, index) => cellsOf(columns, item, index));
    }
    case 'markdown':
      return writeMarkdown(writer, explicit ?? scalarColumns(items), items);
    case 'json':
    case 'ndjson': {
      const layout = format === 'json' ? jsonLayout() : ndjsonLayout();
      return writeRows(writer, layout, items, (item, index) => (explicit ? recordOf(explicit, item, index) : item));
    }
    case 'text':
      return writeRows(writer, textLayout(inputs.header, inputs.footer), items, (item, index) => textOf(inputs, explicit, item, index));
  }
}

async function writeRows<Row>(writer: ChunkedWriter, layout: RowLayout<Row>, items: readonly unknown[], rowOf: (item: unknown, index: number) => Row): Promise<void> {
  await writer.add(layout.start());
  for (let index = 0; index < items.length; index++) {
    const full = writer.add(layout.row(rowAt(rowOf, items, index)));
    if (full) await full;
  }
  await writer.add(layout.end());
}

/** A row, with a failure (e.g. a column expression on an item lacking the field) naming the item. */
function rowAt<Row>(rowOf: (item: unknown, index: number) => Row, items: readonly unknown[], index: number): Row {
  try {
    return rowOf(items[index], index);
  } catch (error) {
    throw new StepError(`item ${index}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

async function writeMarkdown(writer: ChunkedWriter, columns: readonly Column[], items: readonly unknown[]): Promise<void> {
  const names = columns.map((c) => c.name);
  if (items.length > ALIGNED_MARKDOWN_ROWS) return writeRows(writer, markdownLayout(names), items, (item, index) => cellsOf(columns, item, index));
  const rows = items.map((_, index) => rowAt((item, i) => cellsOf(columns, item, i), items, index));
  return writeRows(writer, markdownLayout(names, markdownWidths(names, rows)), rows, (row) => row as unknown[]);
}

/** A text item: its template, else its columns separated by tabs, else the item itself (strings as they are). */
function textOf(inputs: ExportInputs, columns: readonly Column[] | undefined, item: unknown, index: number): string {
  if (inputs.template) return cellText(inputs.template({ item, index }));
  if (columns) return cellsOf(columns, item, index).map(cellText).join('\t');
  return cellText(item);
}

function displayPath(ctx: StepContext, target: string): string {
  const rel = relative(ctx.files.baseDir, target);
  return rel.startsWith('..') ? target : rel;
}
