import { PRINT_COLORS, segmentsText } from '../report/events.js';
import type { PrintColor, PrintSegment } from '../report/events.js';
import { defineStep } from './define-step.js';
import { cellText } from './output/row-layouts.js';

interface PrintInputs {
  message?: string;
  color?: PrintColor;
  fields?: Record<string, unknown>;
  level?: 'info' | 'warning' | 'error';
}

/** Field labels take these colours in turn, like the seed's status line (Type, Status, Frequency). */
const FIELD_COLORS: readonly PrintColor[] = ['magenta', 'blue', 'yellow', 'cyan', 'green'];

/** Prints a line: a message, and/or `label: value` fields coloured in turn (reporters do the colouring). */
export const printStep = defineStep<PrintInputs, { text: string }>({
  type: 'print',
  summary: 'print a line: a message, or label: value fields coloured like a status line',
  main: 'message',
  inline: ['fields', 'color', 'level'],
  inputs: {
    type: 'object',
    properties: {
      message: { type: 'string', description: 'the text to print (templates allowed)' },
      fields: {
        type: 'object',
        description: 'label → value, printed after the message as `label: value`, each pair in its own colour',
      },
      color: { type: 'string', enum: PRINT_COLORS, description: 'colour of the whole line (default: the message plain, fields in turn)' },
      level: { type: 'string', enum: ['info', 'warning', 'error'], default: 'info', description: 'warning and error lines are yellow and red unless a colour is given' },
    },
    additionalProperties: false,
  },
  outputs: { text: 'the line printed, without colour' },
  effect: () => 'read',
  example: `- id: status
  foreach: \${{ steps.connections.items }}
  print:
  fields:
    Type: \${{ item.service }}
    Status: \${{ item.status.sync_state }}
    Frequency: \${{ item.sync_frequency }}`,
  async run(ctx, inputs) {
    const segments = printSegments(inputs);
    const text = segmentsText(segments);
    const coloured = segments.some((segment) => segment.color !== undefined);
    ctx.say({ kind: 'print', text, ...(coloured ? { segments } : {}), ...(inputs.level && inputs.level !== 'info' ? { level: inputs.level } : {}) });
    return { text };
  },
});

/** The message (if any) then one segment per field; a given colour applies to all of them. */
export function printSegments(inputs: PrintInputs): PrintSegment[] {
  const segments: PrintSegment[] = [];
  if (inputs.message !== undefined || !inputs.fields) segments.push({ value: inputs.message ?? '', ...(inputs.color ? { color: inputs.color } : {}) });
  Object.entries(inputs.fields ?? {}).forEach(([label, value], index) => {
    segments.push({ label, value: cellText(value), color: inputs.color ?? FIELD_COLORS[index % FIELD_COLORS.length]! });
  });
  return segments;
}
