/**
 * The README sections generated from the code, so they cannot fall behind it: the expression functions
 * (from FUNCTIONS), the step types (from the registry) and each recipe's vars (from the workflow file).
 * `npx tsx test/docs/update-readme.ts` rewrites them; test/docs/readme-reference.test.ts fails when they
 * differ from what this renders.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTIONS } from '../../src/template/index.js';
import type { FunctionGroup } from '../../src/template/index.js';
import { stepRegistry } from '../../src/steps/registry.js';
import { loadWorkflow } from '../../src/workflow/load-workflow.js';
import { REPO } from './docs-session.js';

export const README = join(REPO, 'README.md');

/** Text of a generated section, by its name: `functions`, `step-types`, or `vars workflows/<file>.yml`. */
export function renderSection(name: string): string {
  if (name === 'functions') return functionTable();
  if (name === 'step-types') return stepTypeTable();
  const vars = /^vars (workflows\/[\w.-]+\.ya?ml)$/.exec(name);
  if (vars) return varsTable(vars[1]!);
  throw new Error(`unknown generated section '${name}'`);
}

const GROUP_ORDER: readonly FunctionGroup[] = ['secrets and environment', 'absent values', 'conversion', 'time', 'strings', 'lists and maps'];

function functionTable(): string {
  const rows = GROUP_ORDER.flatMap((group) =>
    Object.values(FUNCTIONS)
      .filter((doc) => doc.group === group)
      .map((doc) => `| ${group} | \`${cell(doc.signature)}\` | ${cell(doc.description)} |`),
  );
  return ['| group | function | what it gives |', '|---|---|---|', ...rows, ''].join('\n');
}

function stepTypeTable(): string {
  const rows = [...stepRegistry.all()]
    .sort((a, b) => a.type.localeCompare(b.type))
    .map((step) => `| \`${step.type}\` | ${step.effect({})}${step.destructive?.({}) ? ', destructive' : ''} | ${cell(step.summary)} |`);
  return ['| type | effect (at most) | what it does |', '|---|---|---|', ...rows, ''].join('\n');
}

function varsTable(file: string): string {
  const workflow = loadWorkflow(join(REPO, file), { types: stepRegistry, cwd: REPO });
  if (workflow.vars.length === 0) return 'No vars.\n';
  const rows = workflow.vars.map((v) => {
    const value = v.required ? 'required' : v.hasDefault ? `\`${cell(JSON.stringify(v.default))}\`` : '—';
    return `| \`${v.name}\` | ${value} | ${cell(v.description ?? '')}${v.secret ? ' (secret)' : ''} |`;
  });
  return ['| var | default | meaning |', '|---|---|---|', ...rows, ''].join('\n');
}

/** Text safe inside a Markdown table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** The README as it is on disk. */
export function readReadme(): string {
  return readFileSync(README, 'utf8');
}
