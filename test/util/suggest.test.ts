import { describe, expect, it } from 'vitest';
import { closest, editDistance, suggestionHint } from '../../src/util/suggest.js';

describe('did-you-mean suggestions', () => {
  it('counts a swap of neighbouring letters as one edit', () => {
    expect(editDistance('wehn', 'when')).toBe(1);
    expect(editDistance('fitler', 'filter')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
  });

  it('still counts insertions, deletions and substitutions', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('steps', 'steps')).toBe(0);
  });

  it('suggests the nearest candidate only when it is a plausible typo', () => {
    expect(closest('wehn', ['when', 'with', 'where'])).toBe('when');
    expect(suggestionHint('retyr', ['retry', 'key'])).toBe("did you mean 'retry'?");
    expect(suggestionHint('zzz', ['retry', 'key'])).toBe('expected one of: retry, key');
  });
});

describe('abbreviations', () => {
  it('suggests the one candidate a short form of three letters or more begins', () => {
    expect(closest('int', ['string', 'integer', 'number'])).toBe('integer');
    expect(closest('bool', ['string', 'boolean'])).toBe('boolean');
  });

  it('does not guess between several candidates or from two letters', () => {
    expect(closest('con', ['connection', 'concurrency'])).toBeUndefined();
    expect(closest('in', ['integer'])).toBeUndefined();
  });
});
