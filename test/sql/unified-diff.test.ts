import { describe, expect, it } from 'vitest';
import { paintDiff, unifiedDiff } from '../../src/sql/index.js';

describe('unifiedDiff', () => {
  it('is empty when nothing changed', () => {
    expect(unifiedDiff('a.sql', 'select 1', 'select 1')).toBe('');
  });

  it('shows hunks with three lines of context, keeps CR characters, and marks a missing final newline', () => {
    const before = ['l1', 'l2', 'l3', 'l4', 'select Id', 'l6', 'l7', 'l8', 'l9'].join('\r\n');
    const after = before.replace('select Id', 'select id');
    expect(unifiedDiff('models\\x.sql', before, after)).toBe(
      '--- a/models/x.sql\n+++ b/models/x.sql\n@@ -2,7 +2,7 @@\n l2\r\n l3\r\n l4\r\n-select Id\r\n+select id\r\n l6\r\n l7\r\n l8\r\n',
    );
    expect(unifiedDiff('y.sql', 'a', 'b')).toBe('--- a/y.sql\n+++ b/y.sql\n@@ -1,1 +1,1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n');
  });
});

describe('paintDiff', () => {
  it('paints headers, hunk lines, additions and removals; context stays plain', () => {
    const painter = { header: (l: string) => `H[${l}]`, hunk: (l: string) => `@[${l}]`, added: (l: string) => `+[${l}]`, removed: (l: string) => `-[${l}]` };
    expect(paintDiff('--- a/x\n+++ b/x\n@@ -1 +1 @@\n ctx\n-old\n+new\n', painter)).toBe('H[--- a/x]\nH[+++ b/x]\n@[@@ -1 +1 @@]\n ctx\n-[-old]\n+[+new]\n');
  });
});
