/**
 * Everything a run tells the outside world, as one discriminated union. The engine and the API
 * client emit these; reporters (console, NDJSON) and the journal only format or store them.
 * The `--json` output is exactly these objects plus `time`, one per line: docs/events.md documents every
 * field and schema/events.schema.json checks them (a test keeps the three in step).
 */

export type ItemStatus = 'ok' | 'unchanged' | 'skipped' | 'failed';
export type StepStatus = 'ok' | 'failed' | 'skipped' | 'interrupted';
export type RunStatus = 'ok' | 'failed' | 'interrupted';

export interface ItemCounts {
  ok: number;
  unchanged: number;
  skipped: number;
  failed: number;
}

export interface RunStartEvent {
  type: 'run-start';
  run_id: string;
  workflow: string;
  name: string;
  target: string;
  scope: string;
  dry_run: boolean;
  resumed_from?: string;
  steps: number;
}

export interface StepStartEvent {
  type: 'step-start';
  step: string;
  kind: string;
  /** Number of items for a fan-out step. */
  total?: number;
}

export interface ItemEvent {
  type: 'item';
  step: string;
  key: string;
  status: ItemStatus;
  duration_ms: number;
  /** True when the outcome was taken from the journal of an earlier run (`--resume`). */
  replayed?: boolean;
  /** One line on what happened (e.g. `created abc123`), already redacted. */
  detail?: string;
  error?: string;
}

export interface WritePlannedEvent {
  type: 'write-planned';
  step: string;
  key: string;
  method: string;
  path: string;
  body?: unknown;
  target: { kind: string; id?: string; key?: string };
}

export interface StepMessageEvent {
  type: 'message';
  step: string;
  level: 'info' | 'warning' | 'error';
  message: string;
}

/** Colours a `print` step may ask for; reporters map them to the terminal's. */
export const PRINT_COLORS = ['red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white', 'gray'] as const;
export type PrintColor = (typeof PRINT_COLORS)[number];

/** A piece of a printed line: `label` and `value` are shown in `color` (a status line is label/value pairs). */
export interface PrintSegment {
  label?: string;
  value: string;
  color?: PrintColor;
}

/** The plain text of one segment: `label: value`, or the value alone. */
export function segmentText(segment: PrintSegment): string {
  return segment.label === undefined ? segment.value : `${segment.label}: ${segment.value}`;
}

/** The plain line a list of segments reads as (segments are separated by one space). */
export function segmentsText(segments: readonly PrintSegment[]): string {
  return segments.map(segmentText).join(' ');
}

/** Output a workflow asked for (`print`, `export` to stdout). `text` is the whole plain line(s). */
export interface PrintEvent {
  type: 'print';
  step: string;
  text: string;
  /** The same text in pieces with colours, when the step asked for colour. */
  segments?: readonly PrintSegment[];
  /** Absent means `info`. */
  level?: 'info' | 'warning' | 'error';
}

export interface StepEndEvent {
  type: 'step-end';
  step: string;
  kind: string;
  status: StepStatus;
  duration_ms: number;
  counts: ItemCounts;
  /** Why a step did not run or failed. */
  reason?: string;
}

export interface RequestEvent {
  type: 'request';
  step?: string;
  method: string;
  path: string;
  status: number | null;
  duration_ms: number;
  attempt: number;
  error?: string;
}

export interface RetryEvent {
  type: 'retry';
  step?: string;
  method: string;
  path: string;
  attempt: number;
  delay_ms: number;
  reason: string;
}

export interface RateLimitWaitEvent {
  type: 'rate-limit-wait';
  step?: string;
  delay_ms: number;
  traffic_class: string;
}

export interface WarningEvent {
  type: 'warning';
  message: string;
}

export interface RunEndEvent {
  type: 'run-end';
  run_id: string;
  status: RunStatus;
  exit_code: number;
  duration_ms: number;
  counts: ItemCounts;
  requests: number;
  writes_planned?: number;
}

export type RunEvent =
  | RunStartEvent
  | StepStartEvent
  | ItemEvent
  | WritePlannedEvent
  | StepMessageEvent
  | PrintEvent
  | StepEndEvent
  | RequestEvent
  | RetryEvent
  | RateLimitWaitEvent
  | WarningEvent
  | RunEndEvent;

/** Anything that consumes events: console, NDJSON, a test collecting them. */
export type Reporter = (event: RunEvent) => void;

export function emptyCounts(): ItemCounts {
  return { ok: 0, unchanged: 0, skipped: 0, failed: 0 };
}
