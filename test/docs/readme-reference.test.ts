import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/main.js';
import { stepRegistry } from '../../src/steps/registry.js';
import { FUNCTIONS } from '../../src/template/index.js';
import { COMMON_OUTPUTS, FANOUT_OUTPUTS } from '../../src/workflow/check-references.js';
import { RETRY_FIELDS, STEP_FIELDS, WORKFLOW_FIELDS } from '../../src/workflow/parse-structure.js';
import { DECLARATION_FIELDS } from '../../src/workflow/vars.js';
import { REPO } from './docs-session.js';
import { codeBlocks, generatedSections, section } from './markdown.js';
import { readReadme, renderSection } from './readme-sections.js';

const readme = readReadme();
const language = section(readme, 'The workflow language');
const recipes = section(readme, 'Recipes');
const workflowFiles = readdirSync(join(REPO, 'workflows'))
  .filter((name) => /\.ya?ml$/.test(name))
  .sort();

/** Whether the text names `name` as code: `name`, `name:` or inside a larger code span such as `retry: 3`. */
function namesAsCode(text: string, name: string): boolean {
  return [...text.matchAll(/`([^`\n]+)`/g)].some((m) => new RegExp(`(^|[^\\w-])${name}($|[^\\w-])`).test(m[1]!));
}

describe('README sections generated from the code', () => {
  const sections = generatedSections(readme);

  it.each(sections.map((s) => [s.name, s.content] as const))('%s is what the code says (else run `npx tsx test/docs/update-readme.ts`)', (name, content) => {
    expect(content).toBe(renderSection(name));
  });

  it('include the function table, the step types and the vars of every recipe', () => {
    expect(sections.map((s) => s.name).sort()).toEqual(['functions', 'step-types', ...workflowFiles.map((f) => `vars workflows/${f}`)].sort());
  });

  it('list every expression function and every step type', () => {
    const functions = sections.find((s) => s.name === 'functions')!.content;
    for (const doc of Object.values(FUNCTIONS)) expect(functions).toContain(`\`${doc.signature.replace(/\|/g, '\\|')}\``);
    const types = sections.find((s) => s.name === 'step-types')!.content;
    for (const type of stepRegistry.names()) expect(types).toContain(`| \`${type}\` |`);
  });
});

describe('README language reference', () => {
  it.each([
    ['workflow field', WORKFLOW_FIELDS],
    ['step field', STEP_FIELDS],
    ['var declaration field', DECLARATION_FIELDS],
    ['retry field', RETRY_FIELDS],
    ['fan-out output', FANOUT_OUTPUTS],
    ['step output', COMMON_OUTPUTS],
  ] as const)('documents every %s', (_what, names) => {
    const missing = names.filter((name) => !namesAsCode(language, name));
    expect(missing).toEqual([]);
  });

  it('names every context an expression can read', () => {
    for (const name of ['vars.<name>', 'steps.<id>.<output>', 'item', 'index', 'result', 'run.id', 'run.started_at']) expect(language).toContain(`\`${name}\``);
  });
});

describe('README recipes', () => {
  it('exist, one per example workflow, each with its vars and a command that runs it', () => {
    expect(workflowFiles.length).toBeGreaterThan(0);
    const commands = codeBlocks(recipes)
      .filter((b) => b.lang === 'sh')
      .map((b) => b.text)
      .join('\n');
    const missing = workflowFiles.filter((file) => {
      const heading = new RegExp(`^### .*\`workflows/${file.replace('.', '\\.')}\``, 'm');
      return !heading.test(recipes) || !recipes.includes(`<!-- generated: vars workflows/${file} -->`) || !commands.includes(`workflows/${file}`);
    });
    expect(missing, 'every workflows/*.yml needs a "### … `workflows/FILE`" recipe with its vars table and a command').toEqual([]);
  });

  it('name no workflow that does not exist', () => {
    const named = [...recipes.matchAll(/^### .*`workflows\/([\w.-]+)`/gm)].map((m) => m[1]!);
    expect(named.filter((file) => !workflowFiles.includes(file))).toEqual([]);
  });
});

describe('README against the rest of the project', () => {
  it('shows every command', () => {
    const missing = COMMANDS.map((c) => c.name).filter((name) => !readme.includes(`atlas-run ${name}`));
    expect(missing).toEqual([]);
  });

  it('names every event type of the published event schema', () => {
    const schema = JSON.parse(readFileSync(join(REPO, 'schema', 'events.schema.json'), 'utf8')) as { oneOf: { properties: { type: { const: string } } }[] };
    const types = schema.oneOf.map((event) => event.properties.type.const);
    expect(types.length).toBeGreaterThan(5);
    const events = section(readme, 'JSON events');
    expect(types.filter((type) => !events.includes(`\`${type}\``))).toEqual([]);
  });

  it('links the event documentation and every benchmark', () => {
    expect(readme).toContain('](docs/events.md)');
    expect(readme).toContain('](BENCHMARKS.md)');
    const benchmarks = section(readme, 'Benchmarks');
    const scripts = [...readFileSync(join(REPO, 'BENCHMARKS.md'), 'utf8').matchAll(/^## .*\(`(bench\/[\w./-]+)`\)/gm)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((script) => !benchmarks.includes(`\`${script}\``))).toEqual([]);
  });

  it('links only files that exist', () => {
    const links = [...readme.matchAll(/\]\(((?!https?:|#)[^)\s]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((link) => !fileExists(join(REPO, link)))).toEqual([]);
  });
});

function fileExists(path: string): boolean {
  try {
    readFileSync(path);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EISDIR';
  }
}
