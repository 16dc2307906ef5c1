/** Carriage return, then erase to the end of the line: the only control sequences the live line uses. */
const CLEAR = '\r\u001b[K';

/**
 * One line at the bottom of a terminal, redrawn in place. Anything else written to the terminal
 * goes through {@link LiveLine.print}, which clears the line first, so lines never interleave.
 */
export class LiveLine {
  private shown = false;

  constructor(private readonly out: { write(text: string): unknown }) {}

  draw(text: string): void {
    this.out.write(`${CLEAR}${text}`);
    this.shown = true;
  }

  clear(): void {
    if (!this.shown) return;
    this.out.write(CLEAR);
    this.shown = false;
  }

  /** Clears the live line, then writes `text` to `stream` (which may be another stream on the same terminal). */
  print(stream: { write(text: string): unknown }, text: string): void {
    this.clear();
    stream.write(text);
  }
}
