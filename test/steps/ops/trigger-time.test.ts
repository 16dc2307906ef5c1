import { describe, expect, it } from 'vitest';
import { isAtOrAfter, triggerTime } from '../../../src/steps/ops/trigger-time.js';

const at = (iso: string) => Date.parse(iso);

describe('triggerTime', () => {
  it('is our clock when nothing else is known', () => {
    expect(triggerTime({ localNow: at('2026-03-01T10:00:00.250Z'), lastFinishes: [null, undefined] })).toBe('2026-03-01T10:00:00.250Z');
  });

  it('never runs ahead of the server clock (ours may be fast)', () => {
    const clock = { localNow: at('2026-03-01T10:00:30.000Z'), serverDate: 'Sun, 01 Mar 2026 10:00:00 GMT', lastFinishes: [] };
    expect(triggerTime(clock)).toBe('2026-03-01T10:00:00.000Z');
  });

  it('keeps our clock when the server runs ahead, and ignores an unreadable Date', () => {
    expect(triggerTime({ localNow: at('2026-03-01T10:00:00.000Z'), serverDate: 'Sun, 01 Mar 2026 10:05:00 GMT', lastFinishes: [] })).toBe('2026-03-01T10:00:00.000Z');
    expect(triggerTime({ localNow: at('2026-03-01T10:00:00.000Z'), serverDate: 'soon', lastFinishes: [] })).toBe('2026-03-01T10:00:00.000Z');
  });

  it('lands past every finish seen before the trigger, microseconds included', () => {
    const clock = { localNow: at('2026-03-01T10:00:00.000Z'), lastFinishes: ['2026-03-01T10:00:04.514002Z', '2026-03-01T09:00:00Z'] };
    const since = triggerTime(clock);
    expect(since).toBe('2026-03-01T10:00:04.515Z');
    expect(isAtOrAfter('2026-03-01T10:00:04.514002Z', at(since))).toBe(false);
    expect(isAtOrAfter('2026-03-01T10:00:04.515Z', at(since))).toBe(true);
  });

  it('isAtOrAfter is false for missing or unreadable times', () => {
    expect(isAtOrAfter(null, 0)).toBe(false);
    expect(isAtOrAfter('not a time', 0)).toBe(false);
  });
});
