import { InterruptedError, StepError } from '../errors.js';
import { parseDuration } from '../util/duration.js';
import { defineStep } from './define-step.js';
import type { StepContext } from './define-step.js';
import { directoryInsideRoots } from './output/file-paths.js';
import { runShell } from './output/run-shell.js';
import type { ShellResult } from './output/run-shell.js';

interface ExecInputs {
  command: string;
  args?: (string | number | boolean)[];
  env?: Record<string, string | number | boolean>;
  cwd?: string;
  timeout?: string | number;
  input?: string;
  parse?: 'text' | 'json' | 'lines';
  show?: boolean;
  read_only?: boolean;
}

interface ExecOutput {
  stdout: string;
  stderr: string;
  exit_code: number | null;
  json?: unknown;
  lines?: string[];
  outcome?: 'skipped';
  detail: string;
}

const DEFAULT_TIMEOUT = '10m';
/** Output a command may write (stdout and stderr together) before it is stopped: it is kept in memory as outputs. */
const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/** Runs a shell command (bash through zx, `set -eo pipefail` like GitHub Actions), output captured. */
export const execStep = defineStep<ExecInputs, ExecOutput>({
  type: 'exec',
  summary: 'run a shell command; vars reach it as ATLAS_VAR_<name>, its output becomes outputs',
  main: 'command',
  inline: ['args', 'env', 'cwd', 'timeout', 'input', 'parse'],
  inputs: {
    type: 'object',
    properties: {
      command: {
        type: 'string',
        minLength: 1,
        description: 'bash script to run; pass values through env or args rather than templating them into the script (they would be read as shell code)',
      },
      args: { type: 'array', items: { type: ['string', 'number', 'boolean'] }, description: 'arguments appended to the command, each quoted for the shell' },
      env: { type: 'object', additionalProperties: { type: ['string', 'number', 'boolean'] }, description: "extra environment variables (on top of the run's environment and ATLAS_VAR_<name> for every var)" },
      cwd: { type: 'string', description: "working directory, relative to the workflow's directory; must be inside the run's roots" },
      timeout: { type: ['string', 'number'], default: DEFAULT_TIMEOUT, description: 'how long the command may run (e.g. 30s, 5m; a number is seconds); then it is stopped and the step fails' },
      input: { type: 'string', description: "text given to the command's standard input" },
      parse: { type: 'string', enum: ['text', 'json', 'lines'], default: 'text', description: 'also read stdout as JSON (output `json`) or as lines (output `lines`)' },
      show: { type: 'boolean', default: false, description: 'print what the command wrote to stdout once it finishes' },
      read_only: { type: 'boolean', default: false, description: 'the command changes nothing: it then runs in dry runs and plans and is allowed under --scope read' },
    },
    required: ['command'],
    additionalProperties: false,
  },
  outputs: {
    stdout: "the command's standard output",
    stderr: "the command's standard error",
    exit_code: 'its exit code (0: the step fails otherwise)',
    json: 'stdout parsed as JSON (parse: json)',
    lines: 'stdout split into lines, without the last empty one (parse: lines)',
  },
  effect: (inputs) => (inputs.read_only === true ? 'read' : 'write'),
  example: `- id: dbt
  exec: dbt run --select "$MODELS"
  env:
    MODELS: \${{ join(steps.tables.items, ' ') }}
  timeout: 30m
  parse: lines`,
  async run(ctx, inputs) {
    const timeoutMs = readTimeout(inputs.timeout);
    if (ctx.dryRun && inputs.read_only !== true) {
      return { stdout: '', stderr: '', exit_code: null, outcome: 'skipped', detail: 'not run in a dry run (read_only: true lets a harmless command run)' };
    }
    const cwd = inputs.cwd === undefined ? ctx.files.baseDir : await directoryInsideRoots(ctx.files, inputs.cwd, 'cwd');
    const result = await runShell({
      script: inputs.command,
      args: (inputs.args ?? []).map(String),
      cwd,
      env: commandEnv(ctx, inputs.env),
      ...(inputs.input !== undefined ? { input: inputs.input } : {}),
      timeoutMs,
      maxOutputBytes: MAX_OUTPUT_BYTES,
      signal: ctx.signal,
    });
    refuseFailure(result, inputs.command, inputs.timeout ?? DEFAULT_TIMEOUT);
    if (inputs.show && result.stdout !== '') ctx.say({ kind: 'print', text: result.stdout.replace(/\r?\n$/, '') });
    return {
      stdout: result.stdout,
      stderr: result.stderr,
      exit_code: result.exitCode,
      ...parsed(result.stdout, inputs.parse ?? 'text'),
      detail: `exit 0 in ${result.durationMs} ms`,
    };
  },
});

function readTimeout(value: string | number | undefined): number {
  const ms = parseDuration(value ?? DEFAULT_TIMEOUT);
  if (ms === undefined || ms <= 0) throw new StepError(`timeout must be a duration such as 30s or 5m, got '${String(value)}'`);
  return ms;
}

/** The run's environment, then every var as ATLAS_VAR_<name> (lists and objects as JSON), then `env:`. */
function commandEnv(ctx: StepContext, extra: Readonly<Record<string, string | number | boolean>> | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(ctx.env)) if (value !== undefined) env[name] = value;
  for (const [name, value] of Object.entries(ctx.vars)) {
    if (value !== undefined && value !== null) env[`ATLAS_VAR_${name}`] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  for (const [name, value] of Object.entries(extra ?? {})) env[name] = String(value);
  return env;
}

function refuseFailure(result: ShellResult, command: string, timeout: string | number): void {
  const what = `command '${firstLine(command)}'`;
  if (result.timedOut) throw new StepError(`${what} timed out after ${typeof timeout === 'number' ? `${timeout}s` : timeout}`);
  if (result.tooMuchOutput) throw new StepError(`${what} wrote more than ${MAX_OUTPUT_BYTES} bytes of output and was stopped`);
  if (result.interrupted) throw new InterruptedError(`${what} was stopped: the run was interrupted`);
  if (result.exitCode === 0) return;
  const cause = result.exitCode === null ? `was killed by ${result.signal ?? 'a signal'}` : `exited with code ${result.exitCode}`;
  const last = lastLine(result.stderr);
  throw new StepError(`${what} ${cause}${last ? `: ${last}` : ''}`);
}

function parsed(stdout: string, parse: 'text' | 'json' | 'lines'): { json?: unknown; lines?: string[] } {
  if (parse === 'lines') return { lines: stdout === '' ? [] : stdout.replace(/\r?\n$/, '').split(/\r?\n/) };
  if (parse !== 'json') return {};
  try {
    return { json: JSON.parse(stdout) as unknown };
  } catch (error) {
    throw new StepError(`stdout is not JSON (parse: json): ${error instanceof Error ? error.message : String(error)}`);
  }
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 57)}...` : line;
}

function lastLine(text: string): string | undefined {
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const last = lines[lines.length - 1];
  return last && last.length > 300 ? `${last.slice(0, 297)}...` : last;
}
