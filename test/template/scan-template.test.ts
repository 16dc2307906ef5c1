import { describe, expect, it } from 'vitest';
import { mentionsTemplate, scanTemplate } from '../../src/template/scan-template.js';

describe('scanTemplate', () => {
  it('splits text and expressions, with the offset of each trimmed expression', () => {
    expect(scanTemplate('a ${{ x }} b${{y}}')).toEqual({
      segments: [
        { kind: 'text', text: 'a ' },
        { kind: 'expression', source: 'x', offset: 6 },
        { kind: 'text', text: ' b' },
        { kind: 'expression', source: 'y', offset: 15 },
      ],
    });
  });

  it('merges an escaped ${{ into the surrounding text', () => {
    expect(scanTemplate('a $${{ b }} c')).toEqual({ segments: [{ kind: 'text', text: 'a ${{ b }} c' }] });
  });

  it.each([
    ["${{ {'a': 1} }}", "{'a': 1}"],
    ["${{ '}}' }}", "'}}'"],
    ['${{ "}}\\"}}" }}', '"}}\\"}}"'],
    ["${{ r'\\' }}", "r'\\'"],
    ['${{ """}}""" }}', '"""}}"""'],
  ])('finds the end of %j', (text, source) => {
    expect(scanTemplate(text)).toEqual({ segments: [{ kind: 'expression', source, offset: 4 }] });
  });

  it.each(['${{ x', "${{ 'x }}", '${{ {x }}', '${{ """x }}', "${{ 'x\n' }}"])('reports %j as not closed, at its start', (text) => {
    expect(scanTemplate(`ab${text}`)).toEqual({ error: { offset: 2, reason: "'${{' is not closed by '}}' (or a string inside it is not closed)" } });
  });

  it('tells which strings need scanning', () => {
    expect(mentionsTemplate('plain {{ x }}')).toBe(false);
    expect(mentionsTemplate('$${{ x }}')).toBe(true);
  });
});
