/** `atlas-run validate FILE…`: the checks `run` makes before sending anything, and nothing else. */
import { dirname, resolve } from 'node:path';
import { UsageError, WorkflowError } from '../../errors.js';
import { stepRegistry } from '../../steps/registry.js';
import { loadWorkflow } from '../../workflow/load-workflow.js';
import { resolveVars } from '../../workflow/resolve-vars.js';
import type { VarSources } from '../../workflow/resolve-vars.js';
import type { Workflow } from '../../workflow/types.js';
import { keyValuePairs, parseFlags } from '../args.js';
import type { Command } from '../command.js';
import type { CliIO } from '../io.js';
import { formatIssue } from '../report-error.js';
import { readVarsFile } from '../vars-file.js';

const FLAGS = {
  var: { type: 'string', multiple: true },
  'vars-file': { type: 'string' },
  root: { type: 'string', multiple: true },
  quiet: { type: 'boolean', short: 'q' },
} as const;

const help = `Usage: atlas-run validate <workflow.yml>… [options]

Checks each workflow and every file it includes, exactly as 'run' does before sending anything:
YAML syntax, fields and their types, step types and their inputs, expressions, references to vars,
steps and outputs, and 'uses:' includes. Never contacts an API. Prints 'FILE: ok' per valid file and
every problem as file:line:col with the line and a hint.

Options:
  --var name=value     also resolve the vars with this value (repeatable), as 'run' would
  --vars-file FILE     also resolve the vars with this YAML file of values
  --root DIR           another directory includes may come from (repeatable)
  -q, --quiet          print nothing for valid files

Vars are only resolved when --var or --vars-file is given; then ATLAS_VAR_<name> and defaults count
too, and a missing required var is a problem. The same vars apply to every file.

Exit codes: 0 every file is valid · 2 a problem was found (or a bad option)

Examples:
  atlas-run validate workflows/*.yml
  atlas-run validate workflows/migrate.yml --var target_group=warehouse_new
`;

/** What one file's check found: nothing, or problems already formatted for stderr. */
interface FileVerdict {
  problems: number;
  text: string;
}

const validate: Command = {
  help,
  async run(args: string[], io: CliIO): Promise<number> {
    const { flags, positionals } = parseFlags(args, FLAGS, 'validate');
    if (positionals.length === 0) throw new UsageError('which workflow? give the path of one or more workflow files', { hint: 'atlas-run validate workflows/*.yml' });
    const cli = keyValuePairs(flags.var, '--var');
    const checkVars = flags.var !== undefined || flags['vars-file'] !== undefined;
    const vars: VarSources | undefined = checkVars
      ? { cli, ...(flags['vars-file'] ? { file: readVarsFile(flags['vars-file'], io.cwd) } : {}), env: io.env }
      : undefined;
    const extraRoots = (flags.root ?? []).map((root) => resolve(io.cwd, root));

    let problems = 0;
    let failedFiles = 0;
    for (const file of positionals) {
      const verdict = checkFile(file, io.cwd, extraRoots, vars);
      if (verdict.problems === 0) {
        if (!flags.quiet) io.stdout.write(`${file}: ok\n`);
        continue;
      }
      io.stderr.write(verdict.text);
      problems += verdict.problems;
      failedFiles += 1;
    }
    if (problems === 0) return 0;
    const files = positionals.length === 1 ? '' : ` in ${failedFiles} of ${positionals.length} files`;
    io.stderr.write(`${problems} problem${problems === 1 ? '' : 's'} found${files}.\n`);
    return 2;
  },
};

export default validate;

/** Loads one workflow (and its includes) with the real step registry, then resolves its vars when asked. */
function checkFile(file: string, cwd: string, extraRoots: readonly string[], vars: VarSources | undefined): FileVerdict {
  let workflow: Workflow;
  try {
    workflow = loadWorkflow(file, { types: stepRegistry, cwd, roots: [dirname(resolve(cwd, file)), ...extraRoots] });
  } catch (error) {
    if (error instanceof WorkflowError) return issuesVerdict(error);
    // A missing, oversized or non-UTF-8 file: one problem, and its hint says what to do.
    if (error instanceof UsageError) return { problems: 1, text: `${file}: ${error.message}\n${error.hint ? `  hint: ${error.hint}\n` : ''}` };
    throw error;
  }
  if (!vars) return { problems: 0, text: '' };
  try {
    resolveVars(workflow.vars, vars);
    return { problems: 0, text: '' };
  } catch (error) {
    if (error instanceof WorkflowError) return issuesVerdict(error);
    // resolveVars reports one problem per line; its hint is about sending, which validate never does.
    if (error instanceof UsageError) {
      const lines = error.message.split('\n');
      return { problems: lines.length, text: lines.map((line) => `${file}: ${line}\n`).join('') };
    }
    throw error;
  }
}

function issuesVerdict(error: WorkflowError): FileVerdict {
  return { problems: error.issues.length, text: error.issues.map(formatIssue).join('') };
}
