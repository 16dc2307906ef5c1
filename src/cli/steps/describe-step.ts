import type { ChalkInstance } from 'chalk';
import type { Effect, InputSchema, StepDefinition } from '../../steps/define-step.js';

type AnyStep = StepDefinition<never, Record<string, unknown>>;

/** Outputs every step has besides its own; fan-out steps expose per-item outputs under `items`. */
const COMMON_OUTPUTS = 'every step also has `status`; with `foreach`, the outputs above are per item under `items`, next to count, ok, unchanged, skipped, failed and failures';

/** The table of step types: name, effect, summary. */
export function describeStepList(steps: readonly AnyStep[], chalk: ChalkInstance): string {
  const sorted = [...steps].sort((a, b) => a.type.localeCompare(b.type));
  const width = Math.max(...sorted.map((s) => s.type.length));
  const rows = sorted.map((s) => `  ${chalk.bold(s.type.padEnd(width))}  ${chalk.dim(effectOf(s).padEnd(6))}  ${s.summary}`);
  return `Step types (effect: what it may do to the account):

${rows.join('\n')}

A step may also be ${chalk.bold('uses: other.yml')}, which runs another workflow with its inputs as vars.
Details of one type, with its inputs and an example: atlas-run steps <type>
`;
}

/** Everything about one step type: how it is written, its inputs, outputs, effect and example. */
export function describeStep(step: AnyStep, chalk: ChalkInstance): string {
  const inline = step.inline?.length ? `\nAlso written at step level (instead of under with:): ${step.inline.join(', ')}.` : '';
  const inputs = Object.entries(step.inputs.properties).map(([name, schema]) => describeInput(name, schema, step, chalk));
  const outputs = Object.entries(step.outputs).map(([name, text]) => `  ${chalk.bold(name)}  ${text}`);
  const example = step.example.split('\n').map((line) => `  ${line}`).join('\n');
  return `${chalk.bold(step.type)} — ${step.summary}

Effect: ${describeEffect(step)}
Written: ${chalk.bold(`${step.type}: <${step.main}>`)} (the value of '${step.type}:' fills '${step.main}'); other inputs under with:.${inline}

Inputs:
${inputs.join('\n')}

Outputs:
${outputs.length > 0 ? `${outputs.join('\n')}\n` : ''}  ${chalk.dim(`(${COMMON_OUTPUTS})`)}

Example:
${example}
`;
}

function describeInput(name: string, schema: InputSchema, step: AnyStep, chalk: ChalkInstance): string {
  const facts = [typeOf(schema)];
  if ((step.inputs.required ?? []).includes(name)) facts.push('required');
  if (schema.default !== undefined) facts.push(`default ${JSON.stringify(schema.default)}`);
  const lines = [`  ${chalk.bold(name)}  ${chalk.dim(facts.join(', '))}`];
  if (schema.description) lines.push(`      ${schema.description}`);
  return lines.join('\n');
}

/** `string`, `list of string`, `one of: csv, json`, `expression (item, index)`… */
function typeOf(schema: InputSchema): string {
  switch (schema['x-atlas']) {
    case 'expression':
      return 'expression (item, index bound)';
    case 'expression-map':
      return 'map of name → expression (item, index bound)';
    case 'template':
      return 'text with ${{ }} per item (item, index bound)';
  }
  if (schema.enum) return `one of: ${schema.enum.map(String).join(', ')}`;
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(' or ');
  const types = schema.type === undefined ? ['any'] : ([] as string[]).concat(schema.type);
  return types.map((type) => (type === 'array' ? `list${schema.items ? ` of ${typeOf(schema.items)}` : ''}` : type === 'object' ? 'mapping' : type)).join(' or ');
}

const EFFECT_WORDS: Readonly<Record<Effect, string>> = {
  read: 'read (changes nothing in the account)',
  write: 'write (may change the account)',
  delete: 'delete (may delete from the account)',
};

/** The effect with no inputs known: what `--scope` needs unless the step's inputs lower it. */
function effectOf(step: AnyStep): Effect {
  return step.effect({});
}

function describeEffect(step: AnyStep): string {
  const effect = effectOf(step);
  const words = EFFECT_WORDS[effect];
  if (!step.destructive) return words;
  return `${words}; ${step.destructive({}) ? 'destructive: needs --yes or a confirmation' : 'destructive for some inputs (then needs --yes or a confirmation)'}`;
}
