import type { ChalkInstance } from 'chalk';
import { segmentText } from './events.js';
import type { PrintColor, PrintEvent } from './events.js';

/** The text of a print event as the terminal shows it: segments in their colours, warnings yellow, errors red. */
export function paintPrint(event: PrintEvent, chalk: ChalkInstance): string {
  if (event.segments) return event.segments.map((segment) => paintColor(segment.color, chalk)(segmentText(segment))).join(' ');
  if (event.level === 'error') return chalk.red(event.text);
  if (event.level === 'warning') return chalk.yellow(event.text);
  return event.text;
}

function paintColor(color: PrintColor | undefined, chalk: ChalkInstance): (text: string) => string {
  return color === undefined ? (text) => text : chalk[color];
}
