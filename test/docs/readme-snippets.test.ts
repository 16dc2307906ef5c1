/**
 * Every YAML and TypeScript block of the README is checked with the real tools: workflows load with
 * the real loader and step registry (includes resolved next to them), vars files resolve against the
 * workflow they are for, the GitHub Actions job has the shape Actions needs, and TypeScript blocks
 * type-check against the package entry ('atlas-run') as a user's project would see it.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readVarsFile } from '../../src/cli/vars-file.js';
import { WorkflowError } from '../../src/errors.js';
import { stepRegistry } from '../../src/steps/registry.js';
import { loadWorkflow } from '../../src/workflow/load-workflow.js';
import { resolveVars } from '../../src/workflow/resolve-vars.js';
import { REPO } from './docs-session.js';
import { codeBlocks } from './markdown.js';
import type { CodeBlock } from './markdown.js';
import { readReadme } from './readme-sections.js';

const blocks = codeBlocks(readReadme());
const dir = mkdtempSync(join(tmpdir(), 'atlas-snippets-'));
mkdirSync(join(dir, 'node_modules'));
symlinkSync(REPO, join(dir, 'node_modules', 'atlas-run'));
writeFileSync(join(dir, 'package.json'), '{ "name": "snippets", "private": true, "type": "module" }\n');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The file a block is saved as: its `file=` marker, else one named after its line. */
function fileOf(block: CodeBlock): string {
  return /(?:^|\s)file=(\S+)/.exec(block.marker ?? '')?.[1] ?? `snippet-${block.line}.${block.lang === 'ts' ? 'ts' : 'yml'}`;
}

for (const block of blocks) if (block.lang === 'yaml' || block.lang === 'ts') writeFileSync(join(dir, fileOf(block)), block.text);

const yamlBlocks = blocks.filter((b) => b.lang === 'yaml');
const workflows = yamlBlocks.filter((b) => b.marker !== 'github-actions' && !/vars-for=/.test(b.marker ?? ''));
const varsFiles = yamlBlocks.filter((b) => /vars-for=/.test(b.marker ?? ''));

describe('README YAML', () => {
  it('has only blocks in a language the checks know', () => {
    const unchecked = blocks.filter((b) => !['sh', 'yaml', 'ts', 'text'].includes(b.lang) || (b.lang === 'text' && b.marker !== 'output'));
    expect(unchecked.map((b) => `README.md:${b.line} (${b.lang || 'no language'})`)).toEqual([]);
  });

  it.each(workflows.map((b) => [`README.md:${b.line}`, b] as const))('%s is a workflow the loader accepts', (_where, block) => {
    if (/(^|\s)invalid($|\s)/.test(block.marker ?? '')) {
      // Shown to demonstrate validation: it must stay invalid.
      expect(() => loadWorkflow(fileOf(block), { types: stepRegistry, cwd: dir })).toThrow(WorkflowError);
      return;
    }
    const workflow = loadWorkflow(fileOf(block), { types: stepRegistry, cwd: dir });
    expect(workflow.steps.length).toBeGreaterThan(0);
  });

  it.each(varsFiles.map((b) => [`README.md:${b.line}`, b] as const))('%s is a vars file for its workflow', (_where, block) => {
    const target = /vars-for=(\S+)/.exec(block.marker!)![1]!;
    const workflow = loadWorkflow(target, { types: stepRegistry, cwd: dir });
    const resolved = resolveVars(workflow.vars, { file: readVarsFile(fileOf(block), dir), env: {} });
    expect(Object.values(resolved.origins)).toContain('vars-file');
  });

  it('has a GitHub Actions job with a trigger, a runner and steps that each run or use something', () => {
    const [block] = yamlBlocks.filter((b) => b.marker === 'github-actions');
    expect(block, 'the CI example is marked <!-- docs: github-actions -->').toBeDefined();
    const workflow = parse(block!.text) as { name?: unknown; on?: unknown; jobs?: Record<string, { 'runs-on'?: unknown; steps?: Record<string, unknown>[] }> };
    expect(typeof workflow.name).toBe('string');
    expect(workflow.on).toBeTypeOf('object');
    const jobs = Object.values(workflow.jobs ?? {});
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) {
      expect(typeof job['runs-on']).toBe('string');
      expect(job.steps?.length).toBeGreaterThan(0);
      for (const step of job.steps!) expect(typeof step.run === 'string' || typeof step.uses === 'string', JSON.stringify(step)).toBe(true);
    }
    const runs = jobs.flatMap((job) => job.steps!.map((step) => step.run).filter((run) => typeof run === 'string'));
    expect(runs).toContain('npm ci');
  });
});

describe('README TypeScript', () => {
  const tsBlocks = blocks.filter((b) => b.lang === 'ts');

  it('type-checks against the package entry, as installed in a project', () => {
    expect(tsBlocks.length).toBeGreaterThan(0);
    const files = tsBlocks.map((b) => join(dir, fileOf(b)));
    const program = ts.createProgram(files, {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      noUncheckedIndexedAccess: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
      typeRoots: [join(REPO, 'node_modules', '@types')],
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      return `${d.file?.fileName ?? ''}:${where ? where.line + 1 : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
  });
});
