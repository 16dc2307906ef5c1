import type { ChalkInstance } from 'chalk';
import { formatDuration } from '../util/duration.js';
import { printable } from '../util/printable.js';
import { emptyCounts } from './events.js';
import type { ItemEvent, Reporter, RunEvent, StepEndEvent } from './events.js';
import { LiveLine } from './live-line.js';
import { paintPrint } from './print-colors.js';
import { progressLine } from './progress-line.js';
import type { StepProgress } from './progress-line.js';
import { runLine, stepLine, summaryTable } from './summary-table.js';

type Output = { write(text: string): unknown };

export interface ConsoleReporterOptions {
  /** Human output (progress, step lines, summary). */
  out: Output;
  /** Where `print` steps write (stdout, unless `--json` took it). */
  printOut: Output;
  chalk: ChalkInstance;
  /** `quiet`: only errors, printed output and the final line; `verbose`: every item and request with its timing. */
  level: 'quiet' | 'normal' | 'verbose';
  /** Draw a live progress line on `out`; only when it is a terminal (it uses a carriage return and an erase). */
  live?: boolean;
  /** Width of the terminal (read at each redraw, so resizing works); default 80. */
  columns?: () => number;
  now?: () => number;
  /** Calls `tick` every `ms` until the returned function is called; default an unref'd setInterval. */
  every?: (ms: number, tick: () => void) => () => void;
}

/** Redraws caused by events are at most this frequent; the timer redraws as often when nothing happens. */
const REDRAW_MS = 100;

/**
 * Formats run events for people: a header, one line per step, failures in red with their item,
 * a live progress line for the running step on a terminal, and a summary table at the end.
 */
export function createConsoleReporter(options: ConsoleReporterOptions): Reporter {
  const { out, printOut, chalk, level } = options;
  const now = options.now ?? Date.now;
  const live = options.live ? new LiveLine(out) : undefined;
  const requests = new Map<string, number>();
  const details = new Map<string, string>();
  const finished: StepEndEvent[] = [];
  const running = new Map<string, StepProgress>();
  let frame = 0;
  let lastDraw = -Infinity;
  let stopTimer: (() => void) | undefined;

  const current = (): StepProgress | undefined => [...running.values()].pop();
  const redraw = (force: boolean): void => {
    if (!live || (!force && now() - lastDraw < REDRAW_MS)) return;
    const progress = current();
    if (!progress) return;
    lastDraw = now();
    live.draw(progressLine(progress, lastDraw, frame, options.columns?.() ?? 80, chalk));
  };
  const emit = (stream: Output, text: string): void => {
    if (live) live.print(stream, text);
    else stream.write(text);
    redraw(true);
  };
  const write = (line: string): void => emit(out, `${line}\n`);
  const startTimer = (): void => {
    if (!live || stopTimer) return;
    const every = options.every ?? defaultEvery;
    stopTimer = every(REDRAW_MS * 2, () => {
      frame += 1;
      redraw(true);
    });
  };
  const stopLive = (): void => {
    stopTimer?.();
    stopTimer = undefined;
    live?.clear();
  };
  const waitFor = (step: string | undefined, delayMs: number, reason: string): boolean => {
    const progress = (step === undefined ? undefined : (running.get(step) ?? running.get(topLevel(step)))) ?? current();
    if (!live || !progress) return false;
    progress.waitUntil = now() + delayMs;
    progress.waitReason = reason;
    redraw(true);
    return true;
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
      case 'step-start':
        if (!live || isInsideFanOut(event.step)) return;
        running.set(event.step, { step: event.step, kind: event.kind, ...(event.total !== undefined ? { total: event.total } : {}), counts: emptyCounts(), startedAt: now() });
        startTimer();
        redraw(true);
        return;
      case 'item':
        onItem(event);
        return;
      case 'write-planned':
        if (level === 'quiet') return;
        write(chalk.cyan(`  would ${event.method} ${event.path}`) + (event.body === undefined ? '' : chalk.dim(` ${JSON.stringify(event.body)}`)));
        return;
      case 'message':
        if (event.level === 'error') write(chalk.red(`  ✗ ${event.step}: ${indent(event.message)}`));
        else if (event.level === 'warning' && level !== 'quiet') write(chalk.yellow(`  ! ${event.step}: ${indent(event.message)}`));
        else if (level !== 'quiet') write(chalk.dim(`  ${event.step}: ${printable(event.message)}`));
        return;
      case 'warning':
        if (level !== 'quiet') write(chalk.yellow(`warning: ${printable(event.message)}`));
        return;
      case 'print':
        emit(printOut, `${paintPrint(event, chalk)}\n`);
        return;
      case 'request':
        if (event.step) countRequest(event.step);
        if (level === 'verbose') {
          const attempt = event.attempt > 1 ? ` (attempt ${event.attempt})` : '';
          write(chalk.dim(`  ${event.method} ${event.path} → ${event.status ?? event.error ?? 'no answer'} ${Math.round(event.duration_ms)}ms${attempt}`));
        }
        return;
      case 'retry':
        if (waitFor(event.step, event.delay_ms, `a retry (${event.reason})`) && level !== 'verbose') return;
        if (level !== 'quiet') write(chalk.yellow(`  ↻ ${event.method} ${event.path}: ${event.reason}; retrying in ${formatDuration(event.delay_ms)}`));
        return;
      case 'rate-limit-wait':
        if (waitFor(event.step, event.delay_ms, `the ${event.traffic_class} rate limit`)) return;
        if (level !== 'quiet' && event.delay_ms >= 1000) write(chalk.yellow(`  … waiting ${formatDuration(event.delay_ms)} for the ${event.traffic_class} rate limit`));
        return;
      case 'step-end':
        onStepEnd(event);
        return;
      case 'run-end':
        running.clear();
        stopLive();
        if (level !== 'quiet' && finished.length > 0) write(summaryTable(finished, requests, chalk));
        write(runLine(event, chalk));
        return;
    }
  };

  /** A request counts for its step and, when run by an include, for the top-level step too (the summary's rows). */
  function countRequest(step: string): void {
    for (const name of new Set([step, topLevel(step)])) requests.set(name, (requests.get(name) ?? 0) + 1);
  }

  function onItem(event: ItemEvent): void {
    const progress = running.get(event.step);
    if (progress) progress.counts[event.status] += 1;
    if (event.key === '-' && event.detail) details.set(event.step, event.detail);
    if (event.status === 'failed') {
      write(chalk.red(`  ✗ ${event.step}${event.key === '-' ? ':' : ` [${event.key}]`} ${indent(event.error ?? 'failed')}`));
    } else if (level === 'verbose') {
      write(chalk.dim(`  · ${event.step} [${event.key}] ${event.status}${event.detail ? ` ${event.detail}` : ''} ${Math.round(event.duration_ms)}ms`));
    } else {
      redraw(false);
    }
  }

  function onStepEnd(event: StepEndEvent): void {
    running.delete(event.step);
    if (running.size === 0) stopLive();
    // Steps of an include run once per item of a fan-out: their lines would drown the run, so only --verbose shows them.
    if (isInsideFanOut(event.step) && level !== 'verbose') return;
    if (!isInsideFanOut(event.step)) finished.push(event);
    if (level !== 'quiet') write(stepLine(event, requests.get(event.step) ?? 0, details.get(event.step), chalk));
  }
}

/** Paths of steps run by an include inside a fan-out look like `copy[abc].patch`. */
function isInsideFanOut(step: string): boolean {
  return step.includes('[');
}

/** The top-level step a step path belongs to (`copy[abc].patch` → `copy`). */
function topLevel(step: string): string {
  return step.split(/[[.]/)[0]!;
}

/**
 * Continuation lines of a message (hints, excerpts) indented under its first line. Messages quote
 * API answers and files: their control characters are spelled out, never sent to the terminal.
 */
function indent(text: string): string {
  return printable(text).replace(/\n/g, '\n    ');
}

function defaultEvery(ms: number, tick: () => void): () => void {
  const timer = setInterval(tick, ms);
  timer.unref();
  return () => clearInterval(timer);
}
