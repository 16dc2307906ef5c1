import { StepError } from '../errors.js';
import { defineStep } from './define-step.js';
import { FORMATS, formatOf, parseItems } from './resources/parse-items.js';
import type { ItemFormat } from './resources/parse-items.js';
import { readInputFile } from './resources/read-input-file.js';

interface ReadInputs {
  file: string;
  format?: ItemFormat;
  header?: boolean;
  columns?: string[];
  delimiter?: string;
  path?: string;
}

/** Loads items from a data file next to the workflow (CSV, JSON, NDJSON, YAML or plain lines). */
export const readStep = defineStep<ReadInputs, { items: unknown[]; count: number }>({
  type: 'read',
  summary: 'load items from a CSV, JSON, NDJSON, YAML or plain-lines file',
  main: 'file',
  inputs: {
    type: 'object',
    properties: {
      file: { type: 'string', minLength: 1, description: "path relative to the workflow's folder" },
      format: { type: 'string', enum: FORMATS, description: 'csv, json, ndjson, yaml or lines; default from the extension (.csv .tsv .json .ndjson .jsonl .yaml .yml .txt)' },
      header: { type: 'boolean', description: 'csv: the first row names the columns (default true, or false when `columns` is given)' },
      columns: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, description: 'csv: column names, for files without a header row' },
      delimiter: { type: 'string', minLength: 1, description: "csv: field separator (default ',', tab for .tsv)" },
      path: { type: 'string', minLength: 1, description: "json or yaml: dotted path to the list inside the document, e.g. 'data.items'" },
    },
    required: ['file'],
    additionalProperties: false,
  },
  outputs: { items: 'the rows (CSV rows as objects keyed by column), values or lines', count: 'how many' },
  effect: () => 'read',
  example: `- id: prefixes
  read: schemas.csv
  with: { columns: [schema_prefix] }`,
  async run(ctx, inputs) {
    const format = inputs.format ?? formatOf(inputs.file);
    if (!format) throw new StepError(`cannot tell the format of '${inputs.file}' from its name; set 'format' (${FORMATS.join(', ')})`);
    const csvOnly = (['header', 'columns', 'delimiter'] as const).filter((name) => inputs[name] !== undefined);
    if (format !== 'csv' && csvOnly.length > 0) throw new StepError(`input '${csvOnly[0]}' applies to csv files only, not ${format}`);
    if (inputs.path !== undefined && format !== 'json' && format !== 'yaml') throw new StepError(`input 'path' applies to json and yaml files only, not ${format}`);
    const text = await readInputFile(inputs.file, ctx.files);
    const items = parseItems(text, {
      file: inputs.file,
      format,
      ...(inputs.header === undefined ? {} : { header: inputs.header }),
      ...(inputs.columns === undefined ? {} : { columns: inputs.columns }),
      ...(inputs.delimiter === undefined ? {} : { delimiter: inputs.delimiter }),
      ...(inputs.path === undefined ? {} : { path: inputs.path }),
    });
    return { items, count: items.length };
  },
});
