import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, paginate, parsePageRequest } from '../../../src/sandbox/pagination.js';

const query = (text: string): URLSearchParams => new URLSearchParams(text);

describe('cursor pagination', () => {
  it("encodes cursors like Fivetran's: URL-safe base64 of {\"skip\":n}", () => {
    expect(encodeCursor(2)).toBe('eyJza2lwIjoyfQ');
    expect(decodeCursor('eyJza2lwIjoyfQ')).toBe(2);
    expect(decodeCursor(encodeCursor(123_456))).toBe(123_456);
  });

  it('rejects cursors it did not issue', () => {
    for (const bad of ['@@@', 'bm90IGpzb24', Buffer.from('{"skip":-1}').toString('base64url'), Buffer.from('{"skip":"3"}').toString('base64url'), Buffer.from('[]').toString('base64url')]) {
      expect(decodeCursor(bad), bad).toBeUndefined();
    }
  });

  it('reads limit and cursor, treating an empty cursor as the first page', () => {
    expect(parsePageRequest(query(''))).toEqual({ skip: 0, limit: 100 });
    expect(parsePageRequest(query('cursor=&limit='))).toEqual({ skip: 0, limit: 100 });
    expect(parsePageRequest(query(`limit=1000&cursor=${encodeCursor(7)}`))).toEqual({ skip: 7, limit: 1000 });
  });

  it('answers 400 InvalidInput for limits outside 1..1000 and garbage cursors', () => {
    for (const bad of ['limit=0', 'limit=1001', 'limit=-5', 'limit=abc', 'limit=2.5', 'cursor=!!']) {
      expect(() => parsePageRequest(query(bad)), bad).toThrowError(expect.objectContaining({ status: 400, code: 'InvalidInput' }));
    }
  });

  it('slices pages and omits next_cursor on the last one', () => {
    const items = Array.from({ length: 5 }, (_, i) => i);
    expect(paginate(items, { skip: 0, limit: 2 }, (n) => n * 10)).toEqual({ items: [0, 10], next_cursor: encodeCursor(2) });
    expect(paginate(items, { skip: 4, limit: 2 }, (n) => n)).toEqual({ items: [4] });
    expect(paginate(items, { skip: 3, limit: 2 }, (n) => n)).toEqual({ items: [3, 4] });
    expect(paginate(items, { skip: 9, limit: 2 }, (n) => n)).toEqual({ items: [] });
  });
});
