/** `atlas-run sandbox`: runs the local Fivetran API simulator until SIGINT/SIGTERM. */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AtlasError, UsageError } from '../../errors.js';
import { startSandbox } from '../../sandbox/index.js';
import type { SandboxHandle, SandboxOptions } from '../../sandbox/index.js';
import type { Command } from '../command.js';
import type { CliIO } from '../io.js';

const HELP = `Usage: atlas-run sandbox [options]

Runs a local, stateful simulator of the Fivetran REST API (basic auth key 'sandbox', secret
'sandbox'). Prints one line, 'listening on http://HOST:PORT/v1', once ready, and runs until
Ctrl-C (SIGINT) or SIGTERM.

Options:
  --host HOST              interface to listen on (default 127.0.0.1)
  --port N                 port, 0 for any free one (default 8787)
  --seed N                 seed of ids, generated data and faults (default 1)
  --groups N               at least N groups (named demo groups first)
  --connections N          at least N connections (e.g. 100000)
  --latency-ms N           delay every request by N ms
  --fail-rate P            answer a share P (0..1) of requests with 5xx
  --reset-rate P           drop the connection of a share P (0..1) of requests
  --rate-limit RPS         also limit all requests to RPS per second (429 + Retry-After)
  --legacy-paths MODE      404 (default, as Fivetran since 2026) or alias (/v1/connectors… work)
  --sync-duration-ms N     how long a simulated sync runs (default 2000)
  --state-file FILE        load state from FILE on start, save it there on exit
  -h, --help               show this help

Examples:
  atlas-run sandbox
  atlas-run sandbox --port 0 --connections 100000
  atlas-run sandbox --fail-rate 0.1 --latency-ms 50 --state-file .atlas/sandbox.json
`;

const OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  seed: { type: 'string' },
  groups: { type: 'string' },
  connections: { type: 'string' },
  'latency-ms': { type: 'string' },
  'fail-rate': { type: 'string' },
  'reset-rate': { type: 'string' },
  'rate-limit': { type: 'string' },
  'legacy-paths': { type: 'string' },
  'sync-duration-ms': { type: 'string' },
  'state-file': { type: 'string' },
} as const;

function integer(name: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}, got '${value}'`);
  return n;
}

function share(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !(n >= 0 && n <= 1)) throw new UsageError(`--${name} must be a number between 0 and 1, got '${value}'`);
  return n;
}

/** Turns the command line into sandbox options; UsageError on anything invalid. */
export function parseSandboxArgs(args: string[]): SandboxOptions {
  let values: Partial<Record<keyof typeof OPTIONS, string>>;
  try {
    ({ values } = parseArgs({ args, options: OPTIONS, allowPositionals: false, strict: true }));
  } catch (error) {
    throw new UsageError((error as Error).message, { hint: "see 'atlas-run sandbox --help'" });
  }
  const legacy = values['legacy-paths'];
  if (legacy !== undefined && legacy !== '404' && legacy !== 'alias') throw new UsageError(`--legacy-paths must be 404 or alias, got '${legacy}'`);
  const perSecond = integer('rate-limit', values['rate-limit'], 1);
  return {
    host: values.host ?? '127.0.0.1',
    port: integer('port', values.port) ?? 8787,
    seed: integer('seed', values.seed),
    groups: integer('groups', values.groups),
    connections: integer('connections', values.connections),
    latencyMs: integer('latency-ms', values['latency-ms']),
    failRate: share('fail-rate', values['fail-rate']),
    resetRate: share('reset-rate', values['reset-rate']),
    ...(perSecond === undefined ? {} : { rateLimit: { perSecond } }),
    legacyPaths: legacy,
    syncDurationMs: integer('sync-duration-ms', values['sync-duration-ms']),
    stateFile: values['state-file'],
  };
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

async function start(options: SandboxOptions): Promise<SandboxHandle> {
  try {
    return await startSandbox(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${options.port} is already in use`, { hint: 'pass --port 0 to pick a free port' });
    if (error instanceof RangeError || error instanceof SyntaxError) throw new UsageError(error.message);
    throw new AtlasError(`cannot start the sandbox: ${(error as Error).message}`, { cause: error });
  }
}

const command: Command = {
  help: HELP,
  async run(args: string[], io: CliIO): Promise<number> {
    const options = parseSandboxArgs(args);
    if (options.stateFile !== undefined) options.stateFile = resolve(io.cwd, options.stateFile);
    const sandbox = await start(options);
    io.stdout.write(`listening on ${sandbox.url}\n`);
    await untilAborted(io.signal);
    await sandbox.stop();
    return 0;
  },
};

export default command;
