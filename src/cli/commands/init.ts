import { existsSync, writeFileSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { UsageError } from '../../errors.js';
import { packagePath } from '../../package-files.js';
import { parseFlags } from '../args.js';
import type { Command } from '../command.js';
import type { CliIO } from '../io.js';
import { starterWorkflow } from '../init/starter-workflow.js';

/** The published workflow schema, found from this file (dist/cli/commands or src/cli/commands). */
const SCHEMA_FILE = packagePath('schema/workflow.schema.json');

const help = `Usage: atlas-run init [name]

Writes <name>.yml (default workflow.yml) in the current directory: a commented starter workflow that
lists a group's connections, prints their status and exports them to CSV. It never overwrites a file.
Its first line points editors with the YAML language server at atlas-run's schema, for completion
and checks as you type.

Examples:
  atlas-run init
  atlas-run init nightly-status
  atlas-run nightly-status.yml --sandbox
`;

const init: Command = {
  help,
  async run(args: string[], io: CliIO): Promise<number> {
    const { positionals } = parseFlags(args, {}, 'init');
    if (positionals.length > 1) throw new UsageError(`one name at a time, got ${positionals.length}`, { hint: 'atlas-run init nightly-status' });
    const given = positionals[0] ?? 'workflow';
    const file = resolve(io.cwd, /\.ya?ml$/i.test(given) ? given : `${given}.yml`);
    const shown = relative(io.cwd, file) || basename(file);
    if (!existsSync(dirname(file))) throw new UsageError(`directory '${dirname(shown)}' does not exist`, { hint: 'create it first, or give a name in an existing directory' });
    const text = starterWorkflow(basename(file), schemaReference(file));
    try {
      // `wx`: never overwrite, even if the file appeared since the check above.
      writeFileSync(file, text, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UsageError(`'${shown}' already exists; nothing was written`, { hint: 'give another name: atlas-run init <name>' });
      throw error;
    }
    io.stdout.write(`wrote ${shown}\ntry it: atlas-run ${shown} --sandbox\n`);
    return 0;
  },
};

export default init;

/** The schema's path relative to the new file (what yaml-language-server resolves `$schema=` against). */
function schemaReference(file: string): string {
  return relative(dirname(file), SCHEMA_FILE).split(sep).join('/');
}
