import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { createConsoleReporter } from '../../src/report/console-reporter.js';
import type { ConsoleReporterOptions } from '../../src/report/console-reporter.js';
import type { RunEvent } from '../../src/report/events.js';
import { progressLine } from '../../src/report/progress-line.js';

const plain = new Chalk({ level: 0 });
const colour = new Chalk({ level: 1 });
const ESC = '\u001b';
const CLEAR = '\r\u001b[K';

function sink(): { write(text: string): void; text: string } {
  return {
    text: '',
    write(text: string) {
      this.text += text;
    },
  };
}

function reporter(options: Partial<ConsoleReporterOptions> = {}) {
  const out = sink();
  const report = createConsoleReporter({ out, printOut: out, chalk: plain, level: 'normal', ...options });
  return { out, report, play: (events: RunEvent[]) => events.forEach(report) };
}

const counts = (ok = 0, failed = 0, skipped = 0, unchanged = 0) => ({ ok, unchanged, skipped, failed });

const runStart: RunEvent = { type: 'run-start', run_id: '20260101-000000-abcd', workflow: 'workflows/status.yml', name: 'status', target: 'sandbox (http://127.0.0.1:1/v1)', scope: 'read', dry_run: false, steps: 2 };

/** A fan-out over three connections where one fails, then a print and the end of the run. */
const fanOutRun: RunEvent[] = [
  runStart,
  { type: 'step-start', step: 'list', kind: 'list' },
  { type: 'request', step: 'list', method: 'GET', path: '/v1/connections', status: 200, duration_ms: 12.4, attempt: 1 },
  { type: 'item', step: 'list', key: '-', status: 'ok', duration_ms: 13, detail: '3 connections' },
  { type: 'step-end', step: 'list', kind: 'list', status: 'ok', duration_ms: 13, counts: counts(1) },
  { type: 'step-start', step: 'pause', kind: 'update', total: 3 },
  { type: 'request', step: 'pause', method: 'PATCH', path: '/v1/connections/a', status: 200, duration_ms: 5, attempt: 1 },
  { type: 'item', step: 'pause', key: 'a', status: 'ok', duration_ms: 5 },
  { type: 'item', step: 'pause', key: 'b', status: 'unchanged', duration_ms: 0, detail: 'already paused' },
  { type: 'request', step: 'pause', method: 'PATCH', path: '/v1/connections/c', status: 404, duration_ms: 4, attempt: 1 },
  { type: 'item', step: 'pause', key: 'c', status: 'failed', duration_ms: 4, error: "PATCH /v1/connections/c → 404 NotFound_Connection: Connection with id 'c' not found" },
  { type: 'step-end', step: 'pause', kind: 'update', status: 'failed', duration_ms: 1500, counts: counts(1, 1, 0, 1) },
  { type: 'step-end', step: 'report', kind: 'export', status: 'skipped', duration_ms: 0, counts: counts(), reason: 'an earlier step failed' },
  { type: 'run-end', run_id: '20260101-000000-abcd', status: 'failed', exit_code: 1, duration_ms: 1600, counts: counts(2, 1, 0, 1), requests: 3 },
];

describe('console reporter', () => {
  it('prints a header, one line per step, failures with their item, a summary table and the final line', () => {
    const { out, play } = reporter();
    play(fanOutRun);
    expect(out.text).toBe(
      [
        'atlas-run · status (workflows/status.yml) · target sandbox (http://127.0.0.1:1/v1) · scope read',
        '✓ list list  1 ok · 3 connections · 13ms · 1 req',
        "  ✗ pause [c] PATCH /v1/connections/c → 404 NotFound_Connection: Connection with id 'c' not found",
        '✗ pause update  1 ok, 1 unchanged, 1 failed · 1.5s · 2 req',
        '○ report export  0ms · 0 req (an earlier step failed)',
        '',
        'step    status   ok  unchanged  skipped  failed  time  requests',
        'list    ok        1          0        0       0  13ms         1',
        'pause   failed    1          1        0       1  1.5s         2',
        'report  skipped   0          0        0       0   0ms         0',
        '',
        'failed in 1.6s · 2 ok, 1 unchanged, 1 failed · 3 requests · run 20260101-000000-abcd',
        '',
      ].join('\n'),
    );
  });

  it('colours failures red, warnings yellow, the final line by status, and print segments in their colours', () => {
    const { out, play } = reporter({ chalk: colour });
    play([
      ...fanOutRun.slice(0, -1),
      { type: 'message', step: 'pause', level: 'warning', message: 'connection b is paused' },
      { type: 'print', step: 'status', text: 'Type: postgres Status: scheduled', segments: [{ label: 'Type', value: 'postgres', color: 'magenta' }, { label: 'Status', value: 'scheduled', color: 'blue' }] },
      { type: 'print', step: 'warn', text: 'careful', level: 'error' },
      fanOutRun.at(-1)!,
    ]);
    expect(out.text).toContain(`${ESC}[31m  ✗ pause [c] PATCH`);
    expect(out.text).toContain(`${ESC}[33m  ! pause: connection b is paused${ESC}[39m`);
    expect(out.text).toContain(`${ESC}[35mType: postgres${ESC}[39m ${ESC}[34mStatus: scheduled${ESC}[39m\n`);
    expect(out.text).toContain(`${ESC}[31mcareful${ESC}[39m\n`);
    expect(out.text).toContain(`${ESC}[31mfailed in 1.6s`);
  });

  it('--quiet keeps errors, printed output and the final line only', () => {
    const { out, play } = reporter({ level: 'quiet' });
    play([...fanOutRun.slice(0, -1), { type: 'warning', message: 'slow answers' }, { type: 'print', step: 'p', text: 'printed' }, fanOutRun.at(-1)!]);
    expect(out.text.split('\n')).toEqual([
      "  ✗ pause [c] PATCH /v1/connections/c → 404 NotFound_Connection: Connection with id 'c' not found",
      'printed',
      'failed in 1.6s · 2 ok, 1 unchanged, 1 failed · 3 requests · run 20260101-000000-abcd',
      '',
    ]);
  });

  it('--verbose adds every request with its status and time, and every item', () => {
    const { out, play } = reporter({ level: 'verbose' });
    play(fanOutRun);
    expect(out.text).toContain('  GET /v1/connections → 200 12ms\n');
    expect(out.text).toContain('  PATCH /v1/connections/c → 404 4ms\n');
    expect(out.text).toContain('  · pause [b] unchanged already paused 0ms\n');
  });

  it('without a terminal writes no control sequence at all, even for waits and retries', () => {
    const { out, play } = reporter();
    play([
      ...fanOutRun.slice(0, 6),
      { type: 'rate-limit-wait', step: 'pause', delay_ms: 12_000, traffic_class: 'standard' },
      { type: 'retry', step: 'pause', method: 'PATCH', path: '/v1/connections/a', attempt: 1, delay_ms: 500, reason: '503 Service Unavailable' },
      ...fanOutRun.slice(6),
    ]);
    expect(out.text).not.toContain(ESC);
    expect(out.text).not.toContain('\r');
    expect(out.text).toContain('  … waiting 12.0s for the standard rate limit\n');
    expect(out.text).toContain('  ↻ PATCH /v1/connections/a: 503 Service Unavailable; retrying in 500ms\n');
  });

  it('shows the steps of an include run per item only with --verbose, and counts their requests for the top step', () => {
    const nested: RunEvent[] = [
      { type: 'step-start', step: 'copy', kind: 'uses', total: 1 },
      { type: 'step-start', step: 'copy[a].create', kind: 'create' },
      { type: 'request', step: 'copy[a].create', method: 'POST', path: '/v1/connections', status: 201, duration_ms: 3, attempt: 1 },
      { type: 'item', step: 'copy[a].create', key: '-', status: 'ok', duration_ms: 3 },
      { type: 'step-end', step: 'copy[a].create', kind: 'create', status: 'ok', duration_ms: 3, counts: counts(1) },
      { type: 'item', step: 'copy', key: 'a', status: 'ok', duration_ms: 4 },
      { type: 'step-end', step: 'copy', kind: 'uses', status: 'ok', duration_ms: 4, counts: counts(1) },
    ];
    const normal = reporter();
    normal.play(nested);
    expect(normal.out.text).toBe('✓ copy uses  1 ok · 4ms · 1 req\n');
    const verbose = reporter({ level: 'verbose' });
    verbose.play(nested);
    expect(verbose.out.text).toContain('✓ copy[a].create create  1 ok · 3ms · 1 req\n');
  });
});

describe('live progress line', () => {
  function liveReporter(width = 120) {
    let clock = 0;
    const ticks: (() => void)[] = [];
    let stopped = 0;
    const every = (_ms: number, tick: () => void) => {
      ticks.push(tick);
      return () => void (stopped += 1);
    };
    const r = reporter({ live: true, now: () => clock, every, columns: () => width });
    return { ...r, advance: (ms: number) => (clock += ms), tick: () => ticks.forEach((t) => t()), stopped: () => stopped };
  }

  const start: RunEvent = { type: 'step-start', step: 'pause', kind: 'update', total: 10 };
  const item = (key: string, status: 'ok' | 'failed' = 'ok'): RunEvent => ({ type: 'item', step: 'pause', key, status, duration_ms: 1, ...(status === 'failed' ? { error: 'boom' } : {}) });

  it('draws done/total, counts, rate and ETA in place, throttled, and clears itself before other lines', () => {
    const live = liveReporter();
    live.report(start);
    expect(live.out.text).toBe(`${CLEAR}⠋ pause update ──────────────────── 0/10`);
    live.out.text = '';
    live.report(item('a'));
    expect(live.out.text).toBe('');
    live.advance(2000);
    live.report(item('b'));
    expect(live.out.text).toBe(`${CLEAR}⠋ pause update ━━━━──────────────── 2/10 · 2 ok · 1.0/s · ETA 8.0s`);
    live.out.text = '';
    live.report(item('c', 'failed'));
    expect(live.out.text).toBe(`${CLEAR}  ✗ pause [c] boom\n${CLEAR}⠋ pause update ━━━━━━────────────── 3/10 · 2 ok · 1 failed · 1.5/s · ETA 4.7s`);
  });

  it('shows a rate-limit wait counting down on the line instead of printing it, and animates on the timer', () => {
    const live = liveReporter();
    live.report(start);
    live.report({ type: 'rate-limit-wait', step: 'pause', delay_ms: 12_000, traffic_class: 'standard' });
    expect(live.out.text.endsWith('0/10 · waiting 12s for the standard rate limit')).toBe(true);
    live.advance(3000);
    live.out.text = '';
    live.tick();
    expect(live.out.text).toBe(`${CLEAR}⠙ pause update ──────────────────── 0/10 · waiting 9s for the standard rate limit`);
    live.advance(9000);
    live.tick();
    expect(live.out.text.endsWith('0/10')).toBe(true);
  });

  it('shows a single step with its elapsed time, and clears the line and stops the timer when the step ends', () => {
    const live = liveReporter();
    live.report({ type: 'step-start', step: 'wait_sync', kind: 'wait' });
    live.advance(65_000);
    live.tick();
    expect(live.out.text.endsWith(`${CLEAR}⠙ wait_sync wait · 1m 05s`)).toBe(true);
    live.out.text = '';
    live.report({ type: 'step-end', step: 'wait_sync', kind: 'wait', status: 'ok', duration_ms: 65_000, counts: counts(1) });
    expect(live.out.text).toBe(`${CLEAR}✓ wait_sync wait  1 ok · 1m 05s · 0 req\n`);
    expect(live.stopped()).toBe(1);
  });

  it('cuts the line to the terminal width so a carriage return can redraw it', () => {
    const line = progressLine({ step: 'a_rather_long_step_name', kind: 'update', total: 1000, counts: counts(400, 3), startedAt: 0, waitUntil: 60_000, waitReason: 'the standard rate limit' }, 10_000, 0, 40, plain);
    expect([...line].length).toBe(39);
    expect(line.endsWith('…')).toBe(true);
    const wide = progressLine({ step: 's', kind: 'k', total: 4, counts: counts(4), startedAt: 0 }, 2000, 0, 200, plain);
    expect(wide).toBe('⠋ s k ━━━━━━━━━━━━━━━━━━━━ 4/4 · 4 ok · 2.0/s');
  });
});
