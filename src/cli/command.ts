import type { CliIO } from './io.js';

/** One subcommand: its help text and what it does. Loaded lazily by `main`. */
export interface Command {
  /** Full `--help` text: usage line, description, options and examples. */
  help: string;
  /** Runs the command and resolves to the process exit code. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** An entry of the command table: enough to list it in `--help` without loading it. */
export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<Command>;
}
