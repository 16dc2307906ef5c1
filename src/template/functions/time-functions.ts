import { EvaluationError } from '@marcbachmann/cel-js';
import { currentRuntime } from '../runtime.js';
import { builtin, helper, overload } from './define.js';
import type { FunctionDefinition } from './define.js';

const TIMESTAMP = 'google.protobuf.Timestamp';
const DAY_MS = 86_400_000;
/** CEL's timestamp range: years 0001 to 9999. */
const MIN_TIME = -62_135_596_800_000;
const MAX_TIME = 253_402_300_799_999;
const MAX_FORMAT_LENGTH = 64;
const FORMAT_TOKENS = /YYYY|YY|MM|DD|HH|mm|ss/g;

/** The clock (injectable through the evaluation options) and just enough date work for file patterns. */
export const TIME_FUNCTIONS: readonly FunctionDefinition[] = [
  helper('now', 'time', 'now() → timestamp', 'The current time, from the run\'s clock.', [
    overload(`now(): ${TIMESTAMP}`, () => currentRuntime().now()),
  ]),
  helper('today', 'time', 'today() → timestamp', 'Midnight UTC at the start of the current day; for a local date use format_date(now(), pattern, time_zone).', [
    overload(`today(): ${TIMESTAMP}`, () => startOfUtcDay(currentRuntime().now())),
  ]),
  helper('add_days', 'time', 'add_days(t: timestamp, days: int) → timestamp', '`t` moved by whole days (negative goes back); also t.add_days(days).', [
    overload(`add_days(${TIMESTAMP}, int): ${TIMESTAMP}`, addDays, { method: true }),
  ]),
  helper(
    'format_date',
    'time',
    'format_date(t: timestamp, pattern: string[, time_zone: string]) → string',
    'Formats `t` with YYYY, YY, MM, DD, HH, mm, ss (other characters kept), in UTC or an IANA time zone; also t.format_date(…).',
    [
      overload(`format_date(${TIMESTAMP}, string): string`, (t: Date, pattern: string) => formatDate(t, pattern, undefined), { method: true }),
      overload(`format_date(${TIMESTAMP}, string, string): string`, formatDate, { method: true }),
    ],
  ),
  builtin('timestamp', 'time', 'timestamp(text: string) → timestamp', 'A timestamp from RFC 3339 text, e.g. timestamp(run.started_at).'),
  builtin('duration', 'time', 'duration(text: string) → duration', 'A duration like "36h", "90m" or "1.5s"; add it to or subtract it from a timestamp.'),
];

function startOfUtcDay(date: Date): Date {
  return new Date(Math.floor(date.getTime() / DAY_MS) * DAY_MS);
}

function addDays(date: Date, days: bigint): Date {
  const time = date.getTime() + Number(days) * DAY_MS;
  if (!(time >= MIN_TIME && time <= MAX_TIME)) {
    throw new EvaluationError({ code: 'invalid_timestamp', message: 'add_days() would leave the years 0001 to 9999' });
  }
  return new Date(time);
}

/**
 * `format_date(tomorrow, 'MMDDYY')` → `010225`. Tokens are replaced left to right; anything else,
 * including regex syntax, passes through, but building patterns by concatenation reads better.
 */
function formatDate(date: Date, pattern: string, timeZone: string | undefined): string {
  if (pattern.length > MAX_FORMAT_LENGTH) {
    throw new EvaluationError({ code: 'invalid_argument', message: `format_date() pattern is longer than ${MAX_FORMAT_LENGTH} characters` });
  }
  const parts = timeZone === undefined ? utcParts(date) : zonedParts(date, timeZone);
  return pattern.replace(FORMAT_TOKENS, (token) => parts[token as keyof DateParts]);
}

interface DateParts {
  YYYY: string;
  YY: string;
  MM: string;
  DD: string;
  HH: string;
  mm: string;
  ss: string;
}

function utcParts(date: Date): DateParts {
  return partsOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds());
}

function partsOf(year: number, month: number, day: number, hour: number, minute: number, second: number): DateParts {
  const two = (n: number): string => String(n).padStart(2, '0');
  const fullYear = String(year).padStart(4, '0');
  return { YYYY: fullYear, YY: fullYear.slice(-2), MM: two(month), DD: two(day), HH: two(hour), mm: two(minute), ss: two(second) };
}

/** Formatters per time zone; names come from expressions, so the cache is bounded. */
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();
const ZONE_CACHE_SIZE = 32;

function zonedParts(date: Date, timeZone: string): DateParts {
  const values: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of zoneFormatter(timeZone).formatToParts(date)) values[part.type] = Number(part.value);
  return partsOf(values.year!, values.month!, values.day!, values.hour!, values.minute!, values.second!);
}

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = zoneFormatters.get(timeZone);
  if (formatter) return formatter;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    throw new EvaluationError({ code: 'invalid_argument', message: `unknown time zone '${timeZone}'` });
  }
  if (zoneFormatters.size >= ZONE_CACHE_SIZE) zoneFormatters.clear();
  zoneFormatters.set(timeZone, formatter);
  return formatter;
}
