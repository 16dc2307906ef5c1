/** `atlas-run apply plan.json`: sends exactly the writes of a reviewed plan, if nothing drifted since. */
import type { ChalkInstance } from 'chalk';
import { resolve } from 'node:path';
import { createClient } from '../../api/index.js';
import { UsageError } from '../../errors.js';
import type { RunScope } from '../../engine/scope-check.js';
import { applyBlockers, applyPlan, readPlanFile, secretNames } from '../../plan/index.js';
import type { ApplyResult, DriftReport, PlanFile, WriteOutcome } from '../../plan/index.js';
import { createRedactor } from '../../redact.js';
import { parseFlags, readScope } from '../args.js';
import { chalkFor } from '../color.js';
import type { Command } from '../command.js';
import type { CliIO } from '../io.js';
import { resolveTarget } from '../target.js';

const FLAGS = {
  force: { type: 'boolean' },
  scope: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

const help = `Usage: atlas-run apply <plan.json> [--force] [options]

Sends the writes of a plan made by 'atlas-run plan --out', exactly and in order. First it reads back
every object the plan will change and compares it with what was read at plan time (status fields
aside), and checks that what it would create does not exist yet; if anything drifted it lists the
objects and refuses, unless --force. Ids of objects the plan creates replace their planned ids in
later writes; secret references are read from the environment. A write whose answer was lost is
looked up (or re-sent once when that is harmless), never blindly re-sent. A failure stops the apply.

Credentials come from FIVETRAN_API_KEY / FIVETRAN_API_SECRET (FIVETRAN_API_URL for another API root).

Options:
  --force              apply although objects drifted, or the plan was made against another API root
  --scope S            read | write | delete: refuse a plan that does more (default FIVETRAN_SCOPE or write)
  -q, --quiet          only drift, errors and the final line

Exit codes: 0 every write sent · 1 drift found (nothing sent) or a write failed · 2 unusable plan (nothing sent) · 130 interrupted

Examples:
  atlas-run plan workflows/migrate.yml --out plan.json && atlas-run apply plan.json
  PG_PASSWORD=… atlas-run apply plan.json --force
`;

const apply: Command = {
  help,
  async run(args: string[], io: CliIO): Promise<number> {
    const { flags, positionals } = parseFlags(args, FLAGS, 'apply');
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'which plan? give the path of a plan file' : `one plan at a time, got ${positionals.length}`, { hint: 'atlas-run apply plan.json' });
    const file = positionals[0]!;
    const plan = readPlanFile(resolve(io.cwd, file), file);
    checkScope(plan, readScope(flags.scope ?? io.env.FIVETRAN_SCOPE));
    const target = await resolveTarget({}, io);
    const blockers = applyBlockers(plan, { env: io.env, baseUrl: target.baseUrl, force: flags.force ?? false });
    if (blockers.length > 0) throw new UsageError(`cannot apply ${file}:\n${blockers.map((b) => `  - ${b}`).join('\n')}`, { hint: 'nothing was sent' });

    const redactor = createRedactor();
    redactor.add(target.apiSecret);
    // The secrets the plan's bodies read from the environment: an API error quoting a body back must not print them.
    for (const name of new Set(plan.writes.flatMap((write) => secretNames(write.body)))) redactor.add(io.env[name]);
    const out = (text: string): void => void io.stdout.write(redactor.redactText(text));
    const chalk = chalkFor(io.stdout, io.env);
    const quiet = flags.quiet ?? false;
    out(`${chalk.bold(`apply ${file}`)}${chalk.dim(` · ${plan.workflow.name} · ${plan.writes.length} write${plan.writes.length === 1 ? '' : 's'} · target ${target.label}`)}\n`);
    const client = createClient({ apiKey: target.apiKey, apiSecret: target.apiSecret, baseUrl: target.baseUrl });
    const started = Date.now();
    try {
      const result = await applyPlan(plan, {
        client,
        env: io.env,
        force: flags.force ?? false,
        signal: io.signal,
        onDrift: (report) => out(driftText(report, flags.force ?? false, chalk)),
        onWrite: (outcome) => {
          if (!quiet) out(`${outcomeLine(outcome, chalk)}\n`);
        },
      });
      out(`${finalLine(result, client.stats().requests, Date.now() - started, chalk)}\n`);
      return result.status === 'ok' ? 0 : result.status === 'interrupted' ? 130 : 1;
    } finally {
      await client.close();
    }
  },
};

export default apply;

function checkScope(plan: PlanFile, scope: RunScope): void {
  const deletes = plan.writes.filter((w) => w.method === 'DELETE').length;
  if (scope === 'read' && plan.writes.length > 0) throw new UsageError(`the plan makes ${plan.writes.length} write${plan.writes.length === 1 ? '' : 's'}; this apply's scope is read`, { hint: 'nothing was sent; raise --scope (or FIVETRAN_SCOPE) if that is intended' });
  if (scope === 'write' && deletes > 0) throw new UsageError(`the plan deletes ${deletes} object${deletes === 1 ? '' : 's'}; this apply's scope is write`, { hint: 'nothing was sent; --scope delete if that is intended' });
}


function driftText(report: DriftReport, force: boolean, chalk: ChalkInstance): string {
  const unchecked = report.unchecked.length > 0 ? chalk.dim(` (${report.unchecked.length} write${report.unchecked.length === 1 ? '' : 's'} cannot be checked: ${report.unchecked.map((s) => `#${s}`).join(', ')})`) : '';
  if (report.findings.length === 0) return `checked ${report.checked} object${report.checked === 1 ? '' : 's'}: nothing drifted since the plan${unchecked}\n`;
  const lines = report.findings.map((f) => `  - ${f.message} (write${f.seqs.length === 1 ? '' : 's'} ${f.seqs.map((s) => `#${s}`).join(', ')})`);
  const head = force ? chalk.yellow(`drift in ${report.findings.length} object${report.findings.length === 1 ? '' : 's'}, applying anyway (--force):`) : chalk.red(`drift in ${report.findings.length} object${report.findings.length === 1 ? '' : 's'} since the plan; nothing was sent:`);
  return `${[head, ...lines].join('\n')}\n${unchecked ? `${unchecked}\n` : ''}`;
}

function outcomeLine(outcome: WriteOutcome, chalk: ChalkInstance): string {
  const { write } = outcome;
  const what = `#${write.seq} ${write.method} ${write.path}`;
  const notes: Record<WriteOutcome['result'], string> = {
    sent: '',
    created: ` → created ${outcome.id ?? ''}`,
    reconciled: ` → answer lost; found ${outcome.id ? `it (${outcome.id})` : 'it done'}, not sent again`,
    exists: ` → already existed (${outcome.id ?? '?'}), adopted`,
    gone: ' → already gone',
  };
  const mark = outcome.result === 'sent' || outcome.result === 'created' ? chalk.green('✓') : chalk.yellow('✓');
  return `${mark} ${what}${chalk.dim(` [${write.step}${write.key === '-' ? '' : ` · ${write.key}`}]`)}${notes[outcome.result]}`;
}

function finalLine(result: ApplyResult, requests: number, ms: number, chalk: ChalkInstance): string {
  const sent = result.outcomes.length;
  const reconciled = result.outcomes.filter((o) => o.result !== 'sent' && o.result !== 'created').length;
  const tail = `${requests} request${requests === 1 ? '' : 's'} · ${(ms / 1000).toFixed(1)}s`;
  switch (result.status) {
    case 'ok':
      return chalk.green(`applied: ${sent} write${sent === 1 ? '' : 's'}${reconciled ? ` (${reconciled} settled by lookup)` : ''} · ${tail}`);
    case 'refused':
      return chalk.red(`refused: the account changed since the plan; plan again, or --force · ${tail}`);
    case 'interrupted':
      return chalk.yellow(`interrupted: ${sent} sent, ${result.notSent} not sent · ${tail}`);
    case 'failed': {
      const failure = result.failure!;
      return chalk.red(`failed at #${failure.write.seq} ${failure.write.method} ${failure.write.path}: ${failure.error}\n${sent} sent before it, ${result.notSent} not sent · ${tail}`);
    }
  }
}
