import { dirname, resolve } from 'node:path';
import { createClient } from '../../api/index.js';
import { UsageError } from '../../errors.js';
import { destructiveSteps, stepsBeyondScope, type RunScope } from '../../engine/scope-check.js';
import { newRunId, runLoadedWorkflow } from '../../engine/run-workflow.js';
import { journalDir, openRunJournal } from '../../journal/index.js';
import type { RunJournalFile } from '../../journal/index.js';
import { createRedactor } from '../../redact.js';
import { createConsoleReporter } from '../../report/console-reporter.js';
import { createJsonReporter, fanOutReporter } from '../../report/json-reporter.js';
import type { Reporter } from '../../report/events.js';
import { stepRegistry } from '../../steps/registry.js';
import { loadWorkflow } from '../../workflow/load-workflow.js';
import { resolveVars, secretVarValues } from '../../workflow/resolve-vars.js';
import type { Workflow } from '../../workflow/types.js';
import { VERSION } from '../../version.js';
import { keyValuePairs, parseFlags, positiveInt, readScope } from '../args.js';
import { chalkFor } from '../color.js';
import { clientEventsTo } from '../client-events.js';
import type { Command } from '../command.js';
import { canAsk, terminalConfirm } from '../confirm.js';
import type { CliIO } from '../io.js';
import { resolveTarget } from '../target.js';
import { readVarsFile } from '../vars-file.js';

const FLAGS = {
  var: { type: 'string', multiple: true },
  'vars-file': { type: 'string' },
  sandbox: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  scope: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean', short: 'v' },
  concurrency: { type: 'string' },
  'rate-limit': { type: 'string' },
  root: { type: 'string', multiple: true },
  resume: { type: 'string' },
  force: { type: 'boolean' },
  'journal-dir': { type: 'string' },
} as const;

const help = `Usage: atlas-run run <workflow.yml> [options]
       atlas-run <workflow.yml> [options]

Validates the workflow (nothing is sent if it is invalid), then runs its steps in order.

Options:
  --var name=value     set a workflow var (repeatable); wins over every other source
  --vars-file FILE     YAML file of var values
  --sandbox            run against a fresh in-process sandbox instead of FIVETRAN_API_* credentials
  --dry-run            perform reads, print every write instead of sending it
  -y, --yes            allow destructive steps (delete, resync, forced sync) without asking
  --scope S            read | write | delete: refuse steps that would do more (default FIVETRAN_SCOPE or write)
  --concurrency N      cap on in-flight requests (default: the workflow's concurrency, else 8)
  --rate-limit R       at most R requests per second
  --root DIR           another directory steps and includes may read or write (repeatable)
  --resume RUN         finish an earlier run (a run id, or 'last' for this workflow's newest): items it
                       finished are replayed from its journal, failed and pending ones run
  --force              resume although the workflow, its vars or the target changed
  --journal-dir DIR    where run journals go (default ATLAS_JOURNAL_DIR, else .atlas/runs)
  --json               newline-delimited JSON events on stdout; human output goes to stderr
  -q, --quiet          only errors, printed output and the final line
  -v, --verbose        every request with its status and timing (credentials never shown)

Vars are taken from --var, then --vars-file, then ATLAS_VAR_<name>, then the workflow's default.

Every run except a dry run keeps a journal (DIR/<run-id>/journal.jsonl); 'atlas-run runs' lists them.

Exit codes: 0 all ok · 1 a step failed · 2 invalid input (nothing sent) · 130 interrupted

Examples:
  atlas-run workflows/migrate.yml --sandbox
  atlas-run workflows/migrate.yml --var target_group=warehouse_new --dry-run
  atlas-run workflows/migrate.yml --resume last
  atlas-run run workflows/delete-connections.yml --var group=old --yes --scope delete
`;

const run: Command = {
  help,
  async run(args: string[], io: CliIO): Promise<number> {
    const { flags, positionals } = parseFlags(args, FLAGS, 'run');
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'which workflow? give the path of a workflow file' : `one workflow at a time, got ${positionals.length}`, { hint: 'atlas-run workflows/migrate.yml --sandbox' });
    const file = positionals[0]!;
    const scope = readScope(flags.scope ?? io.env.FIVETRAN_SCOPE);
    const concurrency = positiveInt(flags.concurrency, '--concurrency');
    const rateLimit = positiveInt(flags['rate-limit'], '--rate-limit');
    const roots = [dirname(resolve(io.cwd, file)), ...(flags.root ?? []).map((root) => resolve(io.cwd, root))];

    const workflow = loadWorkflow(file, { types: stepRegistry, cwd: io.cwd, roots });
    const vars = resolveVars(workflow.vars, { cli: keyValuePairs(flags.var, '--var'), ...(flags['vars-file'] ? { file: readVarsFile(flags['vars-file'], io.cwd) } : {}), env: io.env });

    refuseBeforeSending(workflow, vars.values, scope, flags, io);
    const redactor = createRedactor();
    for (const value of secretVarValues(workflow.vars, vars.values)) redactor.add(value);
    const report = reporterFor(flags, io, redactor.redactText.bind(redactor));
    const target = await resolveTarget({ ...(flags.sandbox ? { sandbox: true } : {}) }, io);
    // The in-process sandbox's credentials are public defaults (`sandbox`); masking them would mask the word itself.
    if (!target.sandbox) redactor.add(target.apiSecret);
    const runId = newRunId();
    let journal: RunJournalFile | undefined;
    try {
      journal = flags['dry-run']
        ? undefined
        : openRunJournal({
            dir: journalDir(flags['journal-dir'], io.env, io.cwd),
            runId,
            ...(flags.resume !== undefined ? { resume: flags.resume } : {}),
            force: flags.force ?? false,
            workflow: { file: workflow.file, path: resolve(io.cwd, file), name: workflow.name, checksum: workflow.checksum },
            vars: vars.values,
            toolVersion: VERSION,
            target: target.label,
            scope,
            redact: (value) => redactor.redactValue(value),
          });
    } catch (error) {
      // A refused resume must stop an in-process sandbox, or it would keep the process alive.
      await target.sandbox?.stop();
      throw error;
    }
    const client = createClient({
      apiKey: target.apiKey,
      apiSecret: target.apiSecret,
      baseUrl: target.baseUrl,
      maxInFlight: concurrency ?? workflow.concurrency ?? 8,
      ...(rateLimit ? { rateLimit: { perSecond: rateLimit } } : {}),
      onEvent: clientEventsTo(report),
    });
    try {
      const summary = await runLoadedWorkflow(
        workflow,
        {
          client,
          vars: vars.values,
          report,
          runId,
          ...(journal ? { journal } : {}),
          dryRun: flags['dry-run'] ?? false,
          yes: flags.yes ?? false,
          ...(canAsk(io) ? { confirm: terminalConfirm(io) } : {}),
          signal: io.signal,
          env: io.env,
          files: { baseDir: dirname(resolve(io.cwd, file)), roots: [...new Set([io.cwd, ...roots])], maxReadBytes: 64 * 1024 * 1024 },
          onSecret: (value) => redactor.add(value),
          ...(concurrency ? { defaultConcurrency: concurrency } : {}),
        },
        { target: target.label, scope, ...(journal?.header.resumed_from ? { resumedFrom: journal.header.resumed_from } : {}) },
      );
      journal?.finish(summary.status, summary.counts);
      if (journal && summary.status !== 'ok') io.stderr.write(`to finish this run later: atlas-run ${file} --resume ${runId}\n`);
      return summary.exitCode;
    } finally {
      journal?.close();
      await client.close();
      await target.sandbox?.stop();
    }
  },
};

export default run;

type RunFlags = { json?: boolean; quiet?: boolean; verbose?: boolean };

/**
 * Everything refused before a request is sent: steps beyond the scope, destructive steps without
 * --yes when nobody can be asked, and --resume with --dry-run.
 */
function refuseBeforeSending(
  workflow: Workflow,
  vars: Readonly<Record<string, unknown>>,
  scope: RunScope,
  flags: { 'dry-run'?: boolean; yes?: boolean; resume?: string },
  io: CliIO,
): void {
  const beyond = stepsBeyondScope(workflow, scope);
  if (beyond.length > 0) {
    throw new UsageError(beyond.map((f) => `step '${f.step}' (${f.kind}) needs --scope ${f.effect}; this run's scope is ${scope}`).join('\n'), { hint: 'nothing was sent; raise --scope (or FIVETRAN_SCOPE) if that is intended' });
  }
  const destructive = flags['dry-run'] || flags.yes ? [] : destructiveSteps(workflow, vars);
  if (destructive.length > 0 && !canAsk(io)) {
    throw new UsageError(destructive.map((f) => `step '${f.step}' (${f.kind}) is destructive`).join('\n'), { hint: 'nothing was sent; rerun with --yes to allow it, or from a terminal to confirm' });
  }
  if (flags.resume !== undefined && flags['dry-run']) throw new UsageError('--resume and --dry-run cannot be combined', { hint: 'resume for real, or dry-run the workflow from the start' });
}

/** Human output on stdout, or on stderr when `--json` puts events on stdout. Secrets are cut from both. */
function reporterFor(flags: RunFlags, io: CliIO, redact: (text: string) => string): Reporter {
  const human = flags.json ? io.stderr : io.stdout;
  const safe = (stream: { write(text: string): unknown }) => ({ write: (text: string) => stream.write(redact(text)) });
  const level = flags.quiet ? 'quiet' : flags.verbose ? 'verbose' : 'normal';
  const out = safe(human);
  // The live progress line redraws with control sequences: only on a terminal.
  const live = human.isTTY === true && level !== 'quiet';
  const console = createConsoleReporter({ out, printOut: out, chalk: chalkFor(human, io.env), level, live, columns: () => human.columns || 80 });
  return flags.json ? fanOutReporter(createJsonReporter(safe(io.stdout)), console) : console;
}


