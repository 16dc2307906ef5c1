import { EvaluationError } from '@marcbachmann/cel-js';
import { toJson } from '../json-values.js';
import { spendWork } from '../runtime.js';
import { safeMatches } from '../safe-regex.js';
import { stringifyScalar } from '../stringify.js';
import { builtin, helper, overload } from './define.js';
import type { FunctionDefinition } from './define.js';

/** Text helpers. Case mapping is full Unicode (CEL's lowerAscii/upperAscii stay available). */
export const STRING_FUNCTIONS: readonly FunctionDefinition[] = [
  helper('lower', 'strings', 'lower(s: string) → string', 'Lower case; also s.lower().', [
    overload('lower(string): string', (s: string) => s.toLowerCase(), { method: true }),
  ]),
  helper('upper', 'strings', 'upper(s: string) → string', 'Upper case; also s.upper().', [
    overload('upper(string): string', (s: string) => s.toUpperCase(), { method: true }),
  ]),
  helper('trim', 'strings', 'trim(s: string) → string', 'Without leading and trailing white space; also s.trim().', [
    overload('trim(string): string', (s: string) => s.trim()),
  ]),
  helper('replace', 'strings', 'replace(s: string, old: string, new: string) → string', 'Every occurrence of the text `old` replaced (not a pattern); also s.replace(old, new).', [
    overload('replace(string, string, string): string', (s: string, old: string, replacement: string) => s.replaceAll(old, replacement), { method: true }),
  ]),
  helper('split', 'strings', 'split(s: string, separator: string) → list<string>', 'The pieces between separators; also s.split(separator).', [
    overload('split(string, string): list<string>', (s: string, separator: string) => s.split(separator)),
  ]),
  helper(
    'join',
    'strings',
    'join(list, separator: string) → string',
    'Elements joined with `separator`; numbers and bools are written as text. The method list.join(separator) is CEL\'s and needs strings.',
    [overload('join(list, string): string', joinValues)],
  ),
  builtin('startsWith', 'strings', 's.startsWith(prefix: string) → bool', 'Whether `s` begins with `prefix`.'),
  builtin('endsWith', 'strings', 's.endsWith(suffix: string) → bool', 'Whether `s` ends with `suffix`.'),
  builtin('contains', 'strings', 's.contains(text: string) → bool', 'Whether `text` occurs in `s`.'),
  helper(
    'matches',
    'strings',
    's.matches(pattern: string) → bool',
    'Whether the RE2 regular expression `pattern` matches anywhere in `s` (linear time); also matches(s, pattern).',
    [overload('matches(string, string): bool', safeMatches)],
  ),
  builtin('substring', 'strings', 's.substring(start: int[, end: int]) → string', 'Characters from `start` up to `end` (exclusive).'),
  builtin('indexOf', 'strings', 's.indexOf(text: string) → int', 'Position of the first `text` in `s`, or -1.'),
];

function joinValues(list: readonly unknown[], separator: string): string {
  const pieces: string[] = [];
  for (const element of list) {
    spendWork(1);
    const value = toJson(element);
    if (value !== null && typeof value === 'object') {
      throw new EvaluationError({ code: 'invalid_argument', message: 'join() needs a list of strings, numbers or bools, not of lists or maps' });
    }
    pieces.push(stringifyScalar(value));
  }
  return pieces.join(separator);
}
