/** `atlas-run plan FILE [--out plan.json]`: every write a workflow would make, for review, without making any. */
import { dirname, resolve } from 'node:path';
import { Pool } from 'undici';
import { createClient } from '../../api/index.js';
import { UsageError } from '../../errors.js';
import { newRunId } from '../../engine/run-workflow.js';
import { stepsBeyondScope } from '../../engine/scope-check.js';
import { formatPlan, makePlan, rateLimitObserver, writePlanFile } from '../../plan/index.js';
import type { HourlyBudget } from '../../plan/index.js';
import { createRedactor } from '../../redact.js';
import { createConsoleReporter } from '../../report/console-reporter.js';
import { stepRegistry } from '../../steps/registry.js';
import { VERSION } from '../../version.js';
import { loadWorkflow } from '../../workflow/load-workflow.js';
import { resolveVars, secretVarValues } from '../../workflow/resolve-vars.js';
import { keyValuePairs, parseFlags, positiveInt, readScope } from '../args.js';
import { clientEventsTo } from '../client-events.js';
import { chalkFor } from '../color.js';
import type { Command } from '../command.js';
import type { CliIO } from '../io.js';
import { resolveTarget } from '../target.js';
import { readVarsFile } from '../vars-file.js';

const FLAGS = {
  out: { type: 'string', short: 'o' },
  var: { type: 'string', multiple: true },
  'vars-file': { type: 'string' },
  sandbox: { type: 'boolean' },
  scope: { type: 'string' },
  root: { type: 'string', multiple: true },
  concurrency: { type: 'string' },
  summary: { type: 'boolean' },
  json: { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
} as const;

const help = `Usage: atlas-run plan <workflow.yml> [--out plan.json] [options]

Runs the workflow in recording mode: every read is performed, no write is sent. Prints the writes
it would make, counted per step and per method, each with its diff (a create shows its body, an
update only the fields that change, a delete the object), and the API calls a run and an apply
would take against the account's hourly budget (X-Rate-Limit-Remaining of the last answer).
With --out, saves the plan for 'atlas-run apply', which sends exactly those writes.

Secrets never enter a plan: a value read with secret('NAME') is stored as {"$secret": "NAME"} and
read from the environment by apply; a secret var as ATLAS_VAR_<name>.

Options:
  -o, --out FILE       write the plan (JSON) to FILE
  --var name=value     set a workflow var (repeatable)
  --vars-file FILE     YAML file of var values
  --sandbox            plan against a fresh in-process sandbox (to try a workflow out)
  --scope S            read | write | delete: refuse steps that would do more (default FIVETRAN_SCOPE or write)
  --root DIR           another directory steps and includes may read (repeatable)
  --concurrency N      cap on in-flight requests (default: the workflow's concurrency, else 8)
  --summary            counts and estimate only, not every write
  --json               print the plan itself (JSON) on stdout instead of the text
  -v, --verbose        also show each step's progress while planning

Exit codes: 0 planned · 1 a step failed while planning (no plan saved) · 2 invalid input

Examples:
  atlas-run plan workflows/migrate.yml --var target_group=warehouse_new --out plan.json
  atlas-run apply plan.json
`;

const plan: Command = {
  help,
  async run(args: string[], io: CliIO): Promise<number> {
    const { flags, positionals } = parseFlags(args, FLAGS, 'plan');
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'which workflow? give the path of a workflow file' : `one workflow at a time, got ${positionals.length}`, { hint: 'atlas-run plan workflows/migrate.yml --out plan.json' });
    const file = positionals[0]!;
    const scope = readScope(flags.scope ?? io.env.FIVETRAN_SCOPE);
    const concurrency = positiveInt(flags.concurrency, '--concurrency');
    const roots = [dirname(resolve(io.cwd, file)), ...(flags.root ?? []).map((root) => resolve(io.cwd, root))];
    const workflow = loadWorkflow(file, { types: stepRegistry, cwd: io.cwd, roots });
    const vars = resolveVars(workflow.vars, { cli: keyValuePairs(flags.var, '--var'), ...(flags['vars-file'] ? { file: readVarsFile(flags['vars-file'], io.cwd) } : {}), env: io.env });
    const beyond = stepsBeyondScope(workflow, scope);
    if (beyond.length > 0) {
      throw new UsageError(beyond.map((f) => `step '${f.step}' (${f.kind}) needs --scope ${f.effect}; this plan's scope is ${scope}`).join('\n'), { hint: 'raise --scope (or FIVETRAN_SCOPE) if that is intended' });
    }

    const redactor = createRedactor();

    for (const value of secretVarValues(workflow.vars, vars.values)) redactor.add(value);
    const chalk = chalkFor(io.stderr, io.env);
    const safe = { write: (text: string) => io.stderr.write(redactor.redactText(text)) };
    const report = createConsoleReporter({ out: safe, printOut: safe, chalk, level: flags.verbose ? 'normal' : 'quiet' });
    const target = await resolveTarget({ ...(flags.sandbox ? { sandbox: true } : {}) }, io);
    if (!target.sandbox) redactor.add(target.apiSecret);
    const budget: HourlyBudget = {};
    const maxInFlight = concurrency ?? workflow.concurrency ?? 8;
    const pool = new Pool(new URL(target.baseUrl).origin, { connections: maxInFlight });
    const client = createClient({
      apiKey: target.apiKey,
      apiSecret: target.apiSecret,
      baseUrl: target.baseUrl,
      maxInFlight,
      dispatcher: pool.compose(rateLimitObserver(budget)),
      onEvent: clientEventsTo(report),
    });
    try {
      const { plan: made, summary } = await makePlan({
        workflow,
        vars: vars.values,
        client,
        budget,
        redactor,
        report,
        runId: newRunId(),
        env: io.env,
        files: { baseDir: dirname(resolve(io.cwd, file)), roots: [...new Set([io.cwd, ...roots])], maxReadBytes: 64 * 1024 * 1024 },
        signal: io.signal,
        target: target.label,
        scope,
        toolVersion: VERSION,
      });
      if (summary.status !== 'ok') {
        io.stderr.write(`atlas-run: planning ${summary.status === 'interrupted' ? 'was interrupted' : 'failed'}; no plan ${flags.out ? 'saved' : 'made'}\n`);
        return summary.exitCode;
      }
      if (flags.json) io.stdout.write(`${JSON.stringify(made, null, 2)}\n`);
      else io.stdout.write(formatPlan(made, { chalk: chalkFor(io.stdout, io.env), details: !flags.summary }));
      if (flags.out) {
        writePlanFile(resolve(io.cwd, flags.out), made);
        io.stderr.write(`Plan saved to ${flags.out}; send it with: atlas-run apply ${flags.out}\n`);
      }
      return 0;
    } finally {
      await client.close();
      await pool.close();
      await target.sandbox?.stop();
    }
  },
};

export default plan;


