/** One shell command to run. */
export interface ShellCommand {
  /** Bash script, run as written. */
  script: string;
  /** Appended to the script, each quoted by zx. */
  args: readonly string[];
  cwd: string;
  /** The whole environment of the child (nothing else is inherited). */
  env: Readonly<Record<string, string>>;
  input?: string;
  timeoutMs: number;
  /** Output (stdout and stderr together) kept at most; past it the command is stopped. */
  maxOutputBytes: number;
  signal: AbortSignal;
}

export interface ShellResult {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
  timedOut: boolean;
  interrupted: boolean;
  /** Stopped for writing more than `maxOutputBytes`. */
  tooMuchOutput: boolean;
}

/**
 * Runs a script with zx's `$`, never throwing for the command's own failure: the result says how it
 * ended (exit code, signal, timeout, interruption) and the caller decides.
 */
export async function runShell(command: ShellCommand): Promise<ShellResult> {
  const controller = new AbortController();
  let timedOut = false;
  let tooMuchOutput = false;
  let outputBytes = 0;
  // The output is held in memory (it becomes the step's outputs): a command that never stops writing is stopped.
  const count = (chunk: Buffer | string): void => {
    outputBytes += chunk.length;
    if (outputBytes <= command.maxOutputBytes || tooMuchOutput) return;
    tooMuchOutput = true;
    controller.abort();
  };
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, command.timeoutMs);
  const onAbort = (): void => controller.abort();
  command.signal.addEventListener('abort', onAbort, { once: true });
  const started = Date.now();
  try {
    // A template whose literal part is the script runs it as written; `args` are the one interpolation zx quotes.
    const pieces = command.args.length > 0 ? [`${command.script} `, ''] : [command.script];
    // zx takes ~0.4 s to load: only runs that actually execute a command pay for it.
    const { $ } = await import('zx');
    const shell = $({
      cwd: command.cwd,
      env: { ...command.env },
      // Without input the command gets no stdin at all: a prompt must fail, not wait unseen on the user's terminal.
      ...(command.input !== undefined ? { input: command.input } : { stdio: ['ignore', 'pipe', 'pipe'] as const }),
      signal: controller.signal,
      prefix: 'set -eo pipefail;',
      quiet: true,
      verbose: false,
      nothrow: true,
    });
    const template = Object.assign(pieces, { raw: [...pieces] });
    const running = command.args.length > 0 ? shell(template, [...command.args]) : shell(template);
    running.stdout.on('data', count);
    running.stderr.on('data', count);
    const output = await running;
    return {
      exitCode: output.exitCode,
      signal: output.signal,
      stdout: output.stdout,
      stderr: output.stderr,
      durationMs: Date.now() - started,
      timedOut,
      interrupted: command.signal.aborted && !timedOut,
      tooMuchOutput,
    };
  } finally {
    clearTimeout(timer);
    command.signal.removeEventListener('abort', onAbort);
  }
}
