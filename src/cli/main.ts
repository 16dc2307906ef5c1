import { UsageError } from '../errors.js';
import { VERSION } from '../version.js';
import { suggestionHint } from '../util/suggest.js';
import type { CommandEntry } from './command.js';
import type { CliIO } from './io.js';
import { reportError } from './report-error.js';

/** Every subcommand, loaded only when used so `--help` stays fast. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'run', summary: 'validate and run a workflow file', load: async () => (await import('./commands/run.js')).default },
  { name: 'validate', summary: 'check workflow files without contacting any API', load: async () => (await import('./commands/validate.js')).default },
  { name: 'steps', summary: 'list the step types, or show one with its inputs and an example', load: async () => (await import('./commands/steps.js')).default },
  { name: 'init', summary: 'write a commented starter workflow', load: async () => (await import('./commands/init.js')).default },
  { name: 'call', summary: 'send one request to the Fivetran API', load: async () => (await import('./commands/call.js')).default },
  { name: 'sandbox', summary: 'run the local Fivetran API simulator', load: async () => (await import('./commands/sandbox.js')).default },
  { name: 'rewrite-sql', summary: 'rewrite SQL files from source names to destination names', load: async () => (await import('./commands/rewrite-sql.js')).default },
  { name: 'plan', summary: 'show every write a workflow would make, and save it for apply', load: async () => (await import('./commands/plan.js')).default },
  { name: 'apply', summary: 'send exactly the writes of a saved plan, if nothing drifted since', load: async () => (await import('./commands/apply.js')).default },
  { name: 'runs', summary: 'list recent runs from their journals (resume one with --resume)', load: async () => (await import('./commands/runs.js')).default },
];

function globalHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length), 8);
  const list = COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n');
  return `atlas-run ${VERSION} — automate the Fivetran REST API

Usage:
  atlas-run <command> [options]
  atlas-run <workflow.yml> [options]     same as 'atlas-run run <workflow.yml>'

Commands:
${list}

Options:
  -h, --help       show help (also 'atlas-run <command> --help')
  -V, --version    print the version

Credentials come from FIVETRAN_API_KEY and FIVETRAN_API_SECRET; --sandbox runs against a local simulator.

Examples:
  atlas-run workflows/migrate.yml --sandbox
  atlas-run validate workflows/*.yml
  atlas-run call GET groups
  atlas-run steps create
  atlas-run plan workflows/pause-broken.yml --out plan.json && atlas-run apply plan.json
`;
}

/** The CLI: parses the first word, dispatches to a subcommand, maps errors to exit codes. */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    const [first, ...rest] = argv;
    if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
      io.stdout.write(globalHelp());
      return first === undefined ? 2 : 0;
    }
    if (first === '--version' || first === '-V') {
      io.stdout.write(`${VERSION}\n`);
      return 0;
    }
    const entry = COMMANDS.find((c) => c.name === first);
    if (entry) return await dispatch(entry, rest, io);
    const run = COMMANDS.find((c) => c.name === 'run');
    if (run && /\.ya?ml$/i.test(first)) return await dispatch(run, argv.slice(), io);
    throw new UsageError(`unknown command '${first}'`, {
      hint: suggestionHint(first, COMMANDS.map((c) => c.name)),
    });
  } catch (error) {
    return reportError(error, io.stderr, io.env);
  }
}

async function dispatch(entry: CommandEntry, args: string[], io: CliIO): Promise<number> {
  const command = await entry.load();
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(command.help);
    return 0;
  }
  return command.run(args, io);
}
