import type { ChalkInstance } from 'chalk';
import { formatDuration } from '../util/duration.js';
import type { ItemCounts, RunEndEvent, StepEndEvent, StepStatus } from './events.js';

const COUNT_NAMES = ['ok', 'unchanged', 'skipped', 'failed'] as const;

/** `12 ok, 3 unchanged, 1 failed`: the non-zero counts. */
export function describeCounts(counts: ItemCounts): string {
  return COUNT_NAMES.filter((name) => counts[name] > 0)
    .map((name) => `${counts[name]} ${name}`)
    .join(', ');
}

function paintStatus(status: StepStatus, chalk: ChalkInstance): (text: string) => string {
  return status === 'ok' ? chalk.green : status === 'failed' ? chalk.red : status === 'interrupted' ? chalk.yellow : chalk.dim;
}

/** One finished step: `✓ copy create  40 ok, 2 unchanged · 3.1s · 84 req · created abc (when one item)`. */
export function stepLine(event: StepEndEvent, requests: number, detail: string | undefined, chalk: ChalkInstance): string {
  const mark = event.status === 'ok' ? chalk.green('✓') : event.status === 'failed' ? chalk.red('✗') : event.status === 'interrupted' ? chalk.yellow('◌') : chalk.dim('○');
  const depth = event.step.split('.').length - 1;
  const parts = [describeCounts(event.counts), detail, formatDuration(event.duration_ms), `${requests} req`].filter(Boolean);
  const reason = event.reason ? chalk.dim(` (${event.reason})`) : '';
  return `${'  '.repeat(depth)}${mark} ${chalk.bold(event.step)} ${chalk.dim(event.kind)}  ${parts.join(' · ')}${reason}`;
}

/** The table printed at the end of a run: one row per step with its counts, time and requests. */
export function summaryTable(steps: readonly StepEndEvent[], requests: ReadonlyMap<string, number>, chalk: ChalkInstance): string {
  const header = ['step', 'status', 'ok', 'unchanged', 'skipped', 'failed', 'time', 'requests'];
  const rows = steps.map((s) => [s.step, s.status, ...COUNT_NAMES.map((name) => String(s.counts[name])), formatDuration(s.duration_ms), String(requests.get(s.step) ?? 0)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const cells = (row: readonly string[]): string[] => row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)));
  const body = rows.map((row, index) => {
    const padded = cells(row);
    padded[1] = paintStatus(steps[index]!.status, chalk)(padded[1]!);
    return padded.join('  ');
  });
  return ['', chalk.dim(cells(header).join('  ')), ...body, ''].join('\n');
}

/** The last line of a run: status, time, counts, requests, run id. */
export function runLine(event: RunEndEvent, chalk: ChalkInstance): string {
  const planned = event.writes_planned !== undefined ? ` · ${event.writes_planned} writes planned` : '';
  const text = `${event.status} in ${formatDuration(event.duration_ms)} · ${describeCounts(event.counts) || 'nothing to do'} · ${event.requests} request${event.requests === 1 ? '' : 's'}${planned} · run ${event.run_id}`;
  return event.status === 'ok' ? chalk.green(text) : event.status === 'failed' ? chalk.red(text) : chalk.yellow(text);
}
