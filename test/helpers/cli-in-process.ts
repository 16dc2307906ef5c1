import { Readable, Writable } from 'node:stream';
import type { CliIO } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import type { CliResult } from './cli.js';

export interface InProcessOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  stdin?: string;
}

/** `main(argv, io)` in this process with captured output: the same code as the bin, without a process start. */
export async function runInProcess(args: string[], options: InProcessOptions): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void): Writable =>
    new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  const io: CliIO = {
    stdout: sink((text) => (stdout += text)),
    stderr: sink((text) => (stderr += text)),
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    env: { NO_COLOR: '1', ...options.env },
    cwd: options.cwd,
    signal: new AbortController().signal,
  };
  const code = await main(args, io);
  return { code, signal: null, stdout, stderr };
}
