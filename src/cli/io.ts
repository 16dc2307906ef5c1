import type { Readable, Writable } from 'node:stream';

/** A terminal-ish output stream: a Writable that may know it is a TTY and how wide it is. */
export type OutputStream = Writable & { isTTY?: boolean; columns?: number };

/** Everything a command touches outside itself, so tests can run `main` in-process. */
export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
  stdin: Readable & { isTTY?: boolean };
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborted on the first SIGINT/SIGTERM: commands stop starting work and finish cleanly. */
  signal: AbortSignal;
}

/** The IO of the real process, with SIGINT/SIGTERM turned into an abort signal. */
export function processIO(): CliIO {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    if (controller.signal.aborted) process.exit(signal === 'SIGINT' ? 130 : 143);
    controller.abort(signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // A reader that goes away (`atlas-run … | head`) must not crash a run half-way: later output is dropped.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    signal: controller.signal,
  };
}
