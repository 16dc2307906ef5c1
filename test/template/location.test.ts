import { describe, expect, it } from 'vitest';
import { advance, formatLocation } from '../../src/template/location.js';

const start = { file: 'w.yml', line: 3, column: 10 };

describe('advance', () => {
  it('moves along one line', () => {
    expect(advance(start, 'a + b', 4)).toEqual({ file: 'w.yml', line: 3, column: 14 });
  });

  it('counts lines and restarts columns after a newline', () => {
    expect(advance(start, 'a\n  b\nc', 4)).toEqual({ file: 'w.yml', line: 4, column: 3 });
    expect(advance(start, 'a\n  b\nc', 6)).toEqual({ file: 'w.yml', line: 5, column: 1 });
  });

  it('clamps offsets to the text', () => {
    expect(advance(start, 'ab', 99)).toEqual({ file: 'w.yml', line: 3, column: 12 });
    expect(advance(start, 'ab', -5)).toEqual(start);
  });

  it('formats file:line:col', () => {
    expect(formatLocation(start)).toBe('w.yml:3:10');
  });
});
