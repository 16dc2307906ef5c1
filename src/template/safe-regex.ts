import { EvaluationError } from '@marcbachmann/cel-js';
import { RE2JS } from 're2js';
import { MAX_PATTERN_LENGTH } from './limits.js';
import { spendWork } from './runtime.js';

/** Compiled patterns, most recently used last; a runbook uses a handful, a hostile one cannot grow this. */
const compiled = new Map<string, RE2JS>();
const CACHE_SIZE = 64;

/**
 * CEL's `matches`: does `pattern` (RE2 syntax) match anywhere in `text`? Runs on RE2, whose time is
 * linear in the input, so no pattern can backtrack for hours the way JavaScript's RegExp can.
 * @example safeMatches('report_010125-123456.csv', '_\\d{6}-\\d{6}\\.csv$') // true
 */
export function safeMatches(text: string, pattern: string): boolean {
  spendWork(1 + (text.length >> 8));
  return compile(pattern).test(text);
}

function compile(pattern: string): RE2JS {
  const cached = compiled.get(pattern);
  if (cached) {
    compiled.delete(pattern);
    compiled.set(pattern, cached);
    return cached;
  }
  if (pattern.length > MAX_PATTERN_LENGTH) {
    throw new EvaluationError({ code: 'invalid_regular_expression', message: `regular expression is longer than ${MAX_PATTERN_LENGTH} characters` });
  }
  let regex: RE2JS;
  try {
    regex = RE2JS.compile(pattern);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new EvaluationError({ code: 'invalid_regular_expression', message: `invalid regular expression: ${detail}` });
  }
  compiled.set(pattern, regex);
  if (compiled.size > CACHE_SIZE) compiled.delete(compiled.keys().next().value!);
  return regex;
}
