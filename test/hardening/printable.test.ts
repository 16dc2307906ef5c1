import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { printable } from '../../src/util/printable.js';

describe('printable', () => {
  it('spells out the control characters a terminal acts on, keeps tabs, newlines and other text', () => {
    expect(printable('a\u001b[2J\u001b]0;t\u0007\r\u0000\u007f\u009b\tb\nc é ✓')).toBe('a\\x1B[2J\\x1B]0;t\\x07\\x0D\\x00\\x7F\\x9B\tb\nc é ✓');
  });

  it('leaves nothing a terminal would act on, and changes nothing twice', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const shown = printable(text);
        const acted = [...shown].filter((char) => {
          const code = char.charCodeAt(0);
          return (code < 0x20 && char !== '\t' && char !== '\n') || (code >= 0x7f && code <= 0x9f);
        });
        expect(acted).toEqual([]);
        expect(printable(shown)).toBe(shown);
      }),
    );
  });
});
