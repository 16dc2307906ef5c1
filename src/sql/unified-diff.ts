import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';

/** How to paint each kind of diff line; identity functions (the default) leave it plain. */
export interface DiffPainter {
  readonly header: (line: string) => string;
  readonly hunk: (line: string) => string;
  readonly added: (line: string) => string;
  readonly removed: (line: string) => string;
}

/**
 * A unified diff of one file (`--- a/path`, `+++ b/path`, hunks with 3 lines of context), or ''
 * when nothing changed. Line endings are kept as they are, so a CRLF file shows its `\r`.
 *
 * @example unifiedDiff('models/orders.sql', before, after)
 */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const name = path.replace(/\\/g, '/').replace(/^\/+/, ''); // `a/tmp/x.sql`, never `a//tmp/x.sql`
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context, headerOptions: FILE_HEADERS_ONLY });
}

/** Paints a unified diff line by line (the CLI passes chalk functions on a TTY). */
export function paintDiff(diff: string, painter: DiffPainter): string {
  return diff
    .split('\n')
    .map((line) => {
      if (line.startsWith('--- ') || line.startsWith('+++ ')) return painter.header(line);
      if (line.startsWith('@@')) return painter.hunk(line);
      if (line.startsWith('+')) return painter.added(line);
      if (line.startsWith('-')) return painter.removed(line);
      return line;
    })
    .join('\n');
}
