import type { ChalkInstance } from 'chalk';
import { formatDuration } from '../util/duration.js';
import type { ItemCounts, Reporter, RunEvent, StepEndEvent } from './events.js';

export interface ConsoleReporterOptions {
  /** Human output (progress, step lines, summary). */
  out: { write(text: string): unknown };
  /** Where `print` steps write (stdout, unless `--json` took it). */
  printOut: { write(text: string): unknown };
  chalk: ChalkInstance;
  /** `quiet`: only errors and the final line; `verbose`: every request and its timing. */
  level: 'quiet' | 'normal' | 'verbose';
}

/** Formats run events for people: a header, one line per step, failures in red, a summary table. */
export function createConsoleReporter(options: ConsoleReporterOptions): Reporter {
  const { out, printOut, chalk, level } = options;
  const requests = new Map<string, number>();
  const steps: StepEndEvent[] = [];
  const write = (line: string): void => {
    out.write(`${line}\n`);
  };
  return (event: RunEvent) => {
    switch (event.type) {
      case 'run-start':
        if (level === 'quiet') return;
        write(
          chalk.bold(`atlas-run · ${event.name}`) +
            chalk.dim(` (${event.workflow}) · target ${event.target} · scope ${event.scope}${event.dry_run ? ' · dry run: nothing will be written' : ''}${event.resumed_from ? ` · resuming ${event.resumed_from}` : ''}`),
        );
        return;
      case 'item':
        if (event.status === 'failed') write(chalk.red(`  ✗ ${event.step} [${event.key}] ${event.error ?? 'failed'}`));
        else if (level === 'verbose') write(chalk.dim(`  · ${event.step} [${event.key}] ${event.status}${event.detail ? ` ${event.detail}` : ''}`));
        return;
      case 'write-planned':
        if (level === 'quiet') return;
        write(chalk.cyan(`  would ${event.method} ${event.path}`) + (event.body === undefined ? '' : chalk.dim(` ${JSON.stringify(event.body)}`)));
        return;
      case 'message':
        if (event.level === 'error') write(chalk.red(`  ✗ ${event.step}: ${event.message}`));
        else if (event.level === 'warning') write(chalk.yellow(`  ! ${event.step}: ${event.message}`));
        else if (level !== 'quiet') write(chalk.dim(`  ${event.step}: ${event.message}`));
        return;
      case 'warning':
        write(chalk.yellow(`warning: ${event.message}`));
        return;
      case 'print':
        printOut.write(`${event.text}\n`);
        return;
      case 'request':
        if (event.step) requests.set(event.step, (requests.get(event.step) ?? 0) + 1);
        if (level === 'verbose') write(chalk.dim(`  ${event.method} ${event.path} → ${event.status ?? event.error ?? 'no answer'} ${Math.round(event.duration_ms)}ms`));
        return;
      case 'retry':
        if (level !== 'quiet') write(chalk.yellow(`  ↻ ${event.method} ${event.path}: ${event.reason}; retrying in ${formatDuration(event.delay_ms)}`));
        return;
      case 'rate-limit-wait':
        if (level !== 'quiet' && event.delay_ms >= 1000) write(chalk.yellow(`  … waiting ${formatDuration(event.delay_ms)} for the ${event.traffic_class} rate limit`));
        return;
      case 'step-start':
        return;
      case 'step-end':
        steps.push(event);
        if (level !== 'quiet') write(stepLine(event, requests.get(event.step) ?? 0, chalk));
        return;
      case 'run-end':
        if (level !== 'quiet') write(summaryTable(steps, requests, chalk));
        write(runLine(event, chalk));
        return;
    }
  };
}

function stepLine(event: StepEndEvent, requests: number, chalk: ChalkInstance): string {
  const mark = event.status === 'ok' ? chalk.green('✓') : event.status === 'failed' ? chalk.red('✗') : chalk.dim('○');
  const parts = [describeCounts(event.counts), formatDuration(event.duration_ms), `${requests} req`].filter(Boolean);
  return `${mark} ${chalk.bold(event.step)} ${chalk.dim(event.kind)}  ${parts.join(' · ')}${event.reason ? chalk.dim(` (${event.reason})`) : ''}`;
}

function describeCounts(counts: ItemCounts): string {
  return (['ok', 'unchanged', 'skipped', 'failed'] as const)
    .filter((k) => counts[k] > 0)
    .map((k) => `${counts[k]} ${k}`)
    .join(', ');
}

function summaryTable(steps: readonly StepEndEvent[], requests: ReadonlyMap<string, number>, chalk: ChalkInstance): string {
  const header = ['step', 'status', 'ok', 'unchanged', 'skipped', 'failed', 'time', 'requests'];
  const rows = steps.map((s) => [s.step, s.status, ...[s.counts.ok, s.counts.unchanged, s.counts.skipped, s.counts.failed].map(String), formatDuration(s.duration_ms), String(requests.get(s.step) ?? 0)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return ['', chalk.dim(line(header)), ...rows.map((r) => line(r)), ''].join('\n');
}

function runLine(event: Extract<RunEvent, { type: 'run-end' }>, chalk: ChalkInstance): string {
  const text = `${event.status} in ${formatDuration(event.duration_ms)} · ${describeCounts(event.counts) || 'nothing to do'} · ${event.requests} requests${event.writes_planned !== undefined ? ` · ${event.writes_planned} writes planned` : ''} · run ${event.run_id}`;
  return event.status === 'ok' ? chalk.green(text) : event.status === 'failed' ? chalk.red(text) : chalk.yellow(text);
}
