/** Where something starts in an input file: 1-based line and column, like editors and compilers print. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * The location `offset` characters into `text`, given that `text` starts at `start`.
 * Exact for single-line text; after a newline the column counts from the start of that line of `text`
 * (a YAML block scalar's indentation is not part of its value, so it cannot be added back here).
 * @example advance({ file: 'w.yml', line: 3, column: 10 }, 'a + b', 4) // { file: 'w.yml', line: 3, column: 14 }
 */
export function advance(start: SourceLocation, text: string, offset: number): SourceLocation {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lastNewline = before.lastIndexOf('\n');
  if (lastNewline < 0) return { file: start.file, line: start.line, column: start.column + before.length };
  let newlines = 0;
  for (const char of before) if (char === '\n') newlines++;
  return { file: start.file, line: start.line + newlines, column: before.length - lastNewline };
}

/** `file:line:col`, the prefix of every located message. */
export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}
