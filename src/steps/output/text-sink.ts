import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { StepContext } from '../define-step.js';

/** Where exported text goes, chunk by chunk: a file replaced atomically, or the run's printed output. */
export interface TextSink {
  write(chunk: string): Promise<void>;
  /** Makes the output visible (renames the file into place). */
  finish(): Promise<void>;
  /** Drops what was written (removes the temporary file). */
  abort(): Promise<void>;
}

/**
 * Writes to a temporary file next to `target` and renames it over `target` on `finish`, so readers
 * never see half a file and a failed export leaves the old one in place.
 */
export async function atomicFileSink(target: string): Promise<TextSink> {
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.tmp`);
  const handle = await open(temporary, 'wx');
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await handle.close();
  };
  return {
    // FileHandle.writeFile writes the whole chunk from the current position, looping over short writes.
    write: (chunk) => handle.writeFile(chunk, 'utf8'),
    async finish() {
      await handle.sync();
      await close();
      await rename(temporary, target);
    },
    async abort() {
      await close().catch(() => undefined);
      await unlink(temporary).catch(() => undefined);
    },
  };
}

/** Sends each chunk as a `print` event (how `export` writes to stdout); chunks end at line ends. */
export function printSink(ctx: Pick<StepContext, 'say'>): TextSink {
  return {
    async write(chunk) {
      if (chunk !== '') ctx.say({ kind: 'print', text: chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk });
    },
    finish: async () => undefined,
    abort: async () => undefined,
  };
}

/** Gathers small pieces into chunks of about `limit` characters before handing them to a sink. */
export class ChunkedWriter {
  private parts: string[] = [];
  private size = 0;
  /** UTF-8 bytes handed to the sink so far. */
  bytes = 0;

  constructor(
    private readonly sink: TextSink,
    private readonly limit = 64 * 1024,
  ) {}

  /** Keeps `text`; only when a chunk is full is there a write to wait for (a promise), so rows cost no await each. */
  add(text: string): Promise<void> | undefined {
    this.parts.push(text);
    this.size += text.length;
    return this.size >= this.limit ? this.flush() : undefined;
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const chunk = this.parts.join('');
    this.parts = [];
    this.size = 0;
    this.bytes += Buffer.byteLength(chunk);
    await this.sink.write(chunk);
  }
}
