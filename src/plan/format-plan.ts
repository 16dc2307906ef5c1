import type { ChalkInstance } from 'chalk';
import type { PlanFile, PlannedWrite } from './plan-types.js';

export interface FormatPlanOptions {
  chalk: ChalkInstance;
  /** List every write with its diff (otherwise only the counts and the estimate). */
  details: boolean;
}

/** A plan for people: counts per step and method, each write with its diff, and what it will cost. */
export function formatPlan(plan: PlanFile, options: FormatPlanOptions): string {
  const { chalk } = options;
  const lines = [chalk.bold(`Plan · ${plan.workflow.name}`) + chalk.dim(` (${plan.workflow.file}) · target ${plan.target} · scope ${plan.scope}`)];
  if (plan.writes.length === 0) lines.push('', 'No writes: the account is already as the workflow wants it.');
  else lines.push('', countsTable(plan.writes));
  if (options.details && plan.writes.length > 0) lines.push('', ...plan.writes.flatMap((write) => describeWrite(write, chalk)));
  lines.push('', ...estimateLines(plan));
  if (plan.problems.length > 0) {
    lines.push('', chalk.red('Problems (apply refuses this plan until they are fixed):'), ...plan.problems.map((p) => chalk.red(`  - ${p}`)));
  }
  return `${lines.join('\n')}\n`;
}

const METHODS = ['POST', 'PATCH', 'PUT', 'DELETE'] as const;

/** Writes per step and per method, with a total row. */
function countsTable(writes: readonly PlannedWrite[]): string {
  const steps = [...new Set(writes.map((w) => w.step))];
  const methods = METHODS.filter((m) => writes.some((w) => w.method === m));
  const row = (name: string, subset: readonly PlannedWrite[]): string[] => [name, String(subset.length), ...methods.map((m) => String(subset.filter((w) => w.method === m).length || ''))];
  const rows = [...steps.map((step) => row(step, writes.filter((w) => w.step === step))), row('total', writes)];
  const header = ['step', 'writes', ...methods];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]): string => `  ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

function describeWrite(write: PlannedWrite, chalk: ChalkInstance): string[] {
  const what = `${write.change} ${write.target.kind}${write.target.id ?? write.target.key ? ` ${write.target.id ?? write.target.key}` : ''}`;
  const item = write.key === '-' ? write.step : `${write.step} [${write.key}]`;
  const head = `#${write.seq} ${chalk.bold(what)}  ${chalk.cyan(`${write.method} ${write.path}`)}  ${chalk.dim(item)}`;
  return [head, ...diffLines(write).map((line) => `     ${colour(line, chalk)}`)];
}

/** `+ body` for a create, `~ field: old → new` for an update, `- object` for a delete, the body of an action. */
function diffLines(write: PlannedWrite): string[] {
  switch (write.change) {
    case 'create':
      return write.body === undefined ? [] : [`+ ${json(write.body)}`];
    case 'delete':
      return write.target.before === undefined ? [] : [`- ${json(write.target.before)}`];
    case 'update': {
      const changes = leaves(write.changes ?? write.body);
      if (changes.length === 0) return write.body === undefined ? [] : [`~ ${json(write.body)}`];
      return changes.map(([path, value]) => `~ ${path}: ${write.target.before === undefined ? '' : `${json(at(write.target.before, path))} → `}${json(value)}`);
    }
    case 'action':
      return write.body === undefined ? [] : [`  ${json(write.body)}`];
  }
}

function colour(line: string, chalk: ChalkInstance): string {
  if (line.startsWith('+')) return chalk.green(line);
  if (line.startsWith('-')) return chalk.red(line);
  if (line.startsWith('~')) return chalk.yellow(line);
  return chalk.dim(line);
}

function estimateLines(plan: PlanFile): string[] {
  const e = plan.estimate;
  const lines = [`API calls: a run makes about ${e.run} (${e.reads} reads + ${e.writes} writes); apply makes about ${e.apply} (${e.apply - e.writes} drift checks + ${e.writes} writes).`];
  if (e.hourlyRemaining === undefined) {
    lines.push('Hourly budget: unknown (the API sent no X-Rate-Limit-Remaining).');
  } else {
    const of = e.hourlyLimit === undefined ? '' : ` of ${e.hourlyLimit}`;
    const verdict = e.apply <= e.hourlyRemaining ? 'enough for apply' : `apply needs ${e.apply - e.hourlyRemaining} more: expect rate-limit waits`;
    lines.push(`Hourly budget: ${e.hourlyRemaining}${of} requests left (X-Rate-Limit-Remaining): ${verdict}.`);
  }
  return lines;
}

/** Leaf paths and values of a changes object (`config.schema_prefix`); arrays count as leaves. */
function leaves(value: unknown, path = ''): [string, unknown][] {
  if (value && typeof value === 'object' && !Array.isArray(value) && !isRef(value)) {
    return Object.entries(value).flatMap(([key, inner]) => leaves(inner, path ? `${path}.${key}` : key));
  }
  return path ? [[path, value]] : [];
}

function at(object: unknown, path: string): unknown {
  let node = object;
  for (const part of path.split('.')) {
    if (!node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

function isRef(value: object): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === '$secret' || keys[0] === '$concat');
}

function json(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}
