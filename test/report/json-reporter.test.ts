import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../src/report/events.js';
import { createJsonReporter, fanOutReporter } from '../../src/report/json-reporter.js';
import { EVENT_SCHEMA, eventValidator } from './event-schema.js';

type Full<K extends RunEvent['type']> = Required<Extract<RunEvent, { type: K }>>;

const counts = { ok: 3, unchanged: 1, skipped: 0, failed: 1 };

/** One event of every type with every optional field set: the compiler refuses this table if a type or field is missing. */
const EVERY_EVENT: { [K in RunEvent['type']]: Full<K> } = {
  'run-start': { type: 'run-start', run_id: 'r1', workflow: 'w.yml', name: 'w', target: 'api.fivetran.com', scope: 'write', dry_run: true, resumed_from: 'r0', steps: 2 },
  'step-start': { type: 'step-start', step: 'copy', kind: 'create', total: 3 },
  item: { type: 'item', step: 'copy', key: 'abc', status: 'failed', duration_ms: 12.5, replayed: false, detail: 'created x', error: 'boom\n  hint: try' },
  'write-planned': { type: 'write-planned', step: 'copy', key: 'abc', method: 'POST', path: 'connections', body: { config: { password: '******' } }, target: { kind: 'connection', id: 'x', key: 'g/s' } },
  message: { type: 'message', step: 'copy', level: 'warning', message: 'paused' },
  print: { type: 'print', step: 'status', text: 'Type: pg', segments: [{ label: 'Type', value: 'pg', color: 'magenta' }], level: 'error' },
  'step-end': { type: 'step-end', step: 'copy', kind: 'create', status: 'failed', duration_ms: 40, counts, reason: 'an earlier step failed' },
  request: { type: 'request', step: 'copy', method: 'GET', path: '/v1/groups', status: null, duration_ms: 3, attempt: 2, error: 'ECONNRESET' },
  retry: { type: 'retry', step: 'copy', method: 'GET', path: '/v1/groups', attempt: 1, delay_ms: 500, reason: '503' },
  'rate-limit-wait': { type: 'rate-limit-wait', step: 'copy', delay_ms: 12_000, traffic_class: 'standard' },
  warning: { type: 'warning', message: 'deprecated path' },
  'run-end': { type: 'run-end', run_id: 'r1', status: 'failed', exit_code: 1, duration_ms: 50, counts, requests: 7, writes_planned: 2 },
};

function lines(events: readonly RunEvent[]): unknown[] {
  let text = '';
  const report = createJsonReporter({ write: (chunk: string) => (text += chunk) }, () => Date.UTC(2026, 10, 27, 18, 35, 12, 345));
  events.forEach(report);
  expect(text.endsWith('\n')).toBe(true);
  return text.trimEnd().split('\n').map((line) => JSON.parse(line) as unknown);
}

describe('JSON reporter', () => {
  it('writes every event as one line with its time first, valid against the published schema', () => {
    const validate = eventValidator();
    const parsed = lines(Object.values(EVERY_EVENT));
    expect(parsed).toHaveLength(Object.keys(EVERY_EVENT).length);
    for (const event of parsed) {
      expect(Object.keys(event as object)[0]).toBe('time');
      expect((event as { time: string }).time).toBe('2026-11-27T18:35:12.345Z');
      expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('documents exactly the fields each event has: the schema lists them all and requires the non-optional ones', () => {
    for (const [type, sample] of Object.entries(EVERY_EVENT)) {
      const entry = EVENT_SCHEMA.oneOf.find((e) => e.title === type)!;
      expect(entry, type).toBeDefined();
      expect(Object.keys(entry.properties).sort()).toEqual([...Object.keys(sample), 'time'].sort());
    }
    expect(EVENT_SCHEMA.oneOf.map((e) => e.title).sort()).toEqual(Object.keys(EVERY_EVENT).sort());
    const validate = eventValidator();
    const minimal: RunEvent[] = [
      { type: 'step-start', step: 's', kind: 'list' },
      { type: 'item', step: 's', key: '-', status: 'ok', duration_ms: 0 },
      { type: 'print', step: 's', text: '' },
      { type: 'rate-limit-wait', delay_ms: 1, traffic_class: 'standard' },
      { type: 'run-end', run_id: 'r', status: 'ok', exit_code: 0, duration_ms: 1, counts, requests: 0 },
    ];
    for (const event of lines(minimal)) expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
  });

  it('refuses what is not a documented event: unknown types, missing or extra fields, wrong values', () => {
    const validate = eventValidator();
    const time = '2026-11-27T18:35:12.345Z';
    expect(validate({ time, type: 'step-begin', step: 's', kind: 'k' })).toBe(false);
    expect(validate({ time, type: 'item', step: 's', key: '-', status: 'ok' })).toBe(false);
    expect(validate({ time, type: 'warning', message: 'm', extra: 1 })).toBe(false);
    expect(validate({ time, type: 'item', step: 's', key: '-', status: 'done', duration_ms: 1 })).toBe(false);
    expect(validate({ time: 'yesterday', type: 'warning', message: 'm' })).toBe(false);
  });

  it('docs/events.md has a section for every event listing each of its fields', () => {
    const docs = readFileSync(new URL('../../docs/events.md', import.meta.url), 'utf8');
    const sections = new Map(docs.split(/^## /m).slice(1).map((section) => [section.slice(0, section.indexOf('\n')).replaceAll('`', '').trim(), section]));
    for (const entry of EVENT_SCHEMA.oneOf) {
      const section = sections.get(entry.title);
      expect(section, `section for ${entry.title}`).toBeDefined();
      for (const field of Object.keys(entry.properties)) {
        if (field === 'type' || field === 'time') continue;
        expect(section, `${entry.title}.${field}`).toMatch(new RegExp(`^\\| \`${field}\` \\|`, 'm'));
      }
    }
    expect([...sections.keys()].sort()).toEqual(EVENT_SCHEMA.oneOf.map((e) => e.title).sort());
  });

  it('fans events out to every reporter in order', () => {
    const seen: string[] = [];
    const both = fanOutReporter(
      (e) => seen.push(`a:${e.type}`),
      (e) => seen.push(`b:${e.type}`),
    );
    both(EVERY_EVENT.warning);
    expect(seen).toEqual(['a:warning', 'b:warning']);
  });
});
