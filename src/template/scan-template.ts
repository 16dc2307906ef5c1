/**
 * Finds the `${{ … }}` expressions in a string. The closing `}}` is the first one outside CEL string
 * literals and outside `{ }` map literals, so `${{ {'a': {'b': 1}} }}` and `${{ x + '}}' }}` work.
 * `$${{` writes a literal `${{`.
 */

export type Segment =
  | { readonly kind: 'text'; readonly text: string }
  /** `offset`: where `source` (trimmed) starts in the scanned string. */
  | { readonly kind: 'expression'; readonly source: string; readonly offset: number };

export type ScanResult =
  | { readonly segments: readonly Segment[] }
  | { readonly error: { readonly offset: number; readonly reason: string } };

const OPEN = '${{';

/** True when `text` may hold an expression (or an escaped `$${{`), i.e. when it needs scanning. */
export function mentionsTemplate(text: string): boolean {
  return text.includes(OPEN);
}

/** Splits `text` into literal text and expressions, in order; adjacent literal text is merged. */
export function scanTemplate(text: string): ScanResult {
  const segments: Segment[] = [];
  let literal = '';
  let position = 0;
  for (;;) {
    const open = text.indexOf(OPEN, position);
    if (open < 0) break;
    if (text[open - 1] === '$') {
      literal += `${text.slice(position, open - 1)}${OPEN}`;
      position = open + OPEN.length;
      continue;
    }
    const start = open + OPEN.length;
    const close = findClose(text, start);
    if (close < 0) return { error: { offset: open, reason: "'${{' is not closed by '}}' (or a string inside it is not closed)" } };
    literal += text.slice(position, open);
    if (literal) segments.push({ kind: 'text', text: literal });
    literal = '';
    const raw = text.slice(start, close);
    segments.push({ kind: 'expression', source: raw.trim(), offset: start + raw.length - raw.trimStart().length });
    position = close + 2;
  }
  literal += text.slice(position);
  if (literal) segments.push({ kind: 'text', text: literal });
  return { segments };
}

/** Index of the `}}` that ends an expression starting at `from`, or -1. */
function findClose(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (char === '"' || char === "'") {
      i = endOfString(text, i);
      if (i < 0) return -1;
    } else if (char === '{') {
      depth++;
    } else if (char === '}') {
      if (depth > 0) depth--;
      else if (text[i + 1] === '}') return i;
    }
  }
  return -1;
}

/** Index of the quote closing the CEL string literal opening at `start`, or -1. */
function endOfString(text: string, start: number): number {
  const quote = text[start]!;
  const raw = text[start - 1] === 'r' || text[start - 1] === 'R';
  const triple = quote.repeat(3);
  if (text.startsWith(triple, start)) {
    const end = text.indexOf(triple, start + 3);
    return end < 0 ? -1 : end + 2;
  }
  for (let i = start + 1; i < text.length; i++) {
    const char = text[i];
    if (char === '\\' && !raw) i++;
    else if (char === quote) return i;
    else if (char === '\n') return -1;
  }
  return -1;
}
