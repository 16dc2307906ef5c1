import { createHash } from 'node:crypto';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { UsageError, WorkflowError } from '../errors.js';
import type { SourceIssue } from '../errors.js';
import { compileWorkflow } from './compile-workflow.js';
import { parseStructure } from './parse-structure.js';
import type { StepDraft, StepTypes } from './parse-structure.js';
import type { Workflow } from './types.js';
import { parseVarDeclarations } from './vars.js';
import { MAX_SOURCE_BYTES, YamlSource } from './yaml-source.js';

export interface LoadOptions {
  /** The step types known to this run (the registry). */
  types: StepTypes;
  /** Directory names in messages are relative to (the CLI's working directory). */
  cwd?: string;
  /** Directories `uses:` may reach; default: the directory of the top workflow. */
  roots?: readonly string[];
}

/**
 * Reads, validates and compiles a workflow file and everything it includes. Every problem found
 * in any of them is reported at once as a WorkflowError (exit 2); nothing has been sent by then.
 */
export function loadWorkflow(file: string, options: LoadOptions): Workflow {
  const cwd = options.cwd ?? process.cwd();
  const absolute = resolve(cwd, file);
  const text = readSource(absolute, file);
  const roots = (options.roots ?? [dirname(absolute)]).map((root) => realpathOr(resolve(cwd, root)));
  return compileFile(absolute, displayName(absolute, cwd), text, { ...options, cwd, roots }, [realpathOr(absolute)]);
}

/** Validates and compiles a workflow given as a JavaScript object (library use), under the name `<inline>`. */
export function loadWorkflowObject(value: unknown, options: LoadOptions & { name?: string }): Workflow {
  const cwd = options.cwd ?? process.cwd();
  const name = options.name ?? '<inline>';
  return compileFile(resolve(cwd, name), name, stringify(value), { ...options, cwd, roots: (options.roots ?? [cwd]).map((r) => resolve(cwd, r)) }, []);
}

function compileFile(absolute: string, name: string, text: string, options: Required<Pick<LoadOptions, 'cwd' | 'roots'>> & LoadOptions, stack: readonly string[]): Workflow {
  const parsed = YamlSource.parse(name, text);
  if (!parsed.source) throw new WorkflowError(parsed.issues);
  const source = parsed.source;
  const { draft, issues } = parseStructure(source, options.types);
  const vars = parseVarDeclarations(source, (source.value as Record<string, unknown> | null)?.vars, issues);
  if (!draft || issues.length > 0) throw new WorkflowError(sortIssues(issues));

  const included: string[] = [];
  const loadInclude = (step: StepDraft): Workflow | undefined => {
    const include = resolveInclude(source, absolute, step, options, stack, issues);
    if (!include) return undefined;
    try {
      const workflow = compileFile(include.path, displayName(include.path, options.cwd), readSource(include.path, step.uses!), options, [...stack, include.real]);
      included.push(workflow.checksum);
      return workflow;
    } catch (error) {
      if (error instanceof WorkflowError) issues.push(...error.issues);
      else if (error instanceof UsageError) issues.push(source.issue([...step.path, 'uses'], error.message, error.hint ? { hint: error.hint } : {}));
      else throw error;
      return undefined;
    }
  };
  const compiled = compileWorkflow(source, draft, vars, loadInclude);
  issues.push(...compiled.issues);
  if (issues.length > 0) throw new WorkflowError(sortIssues(issues));
  return {
    file: name,
    name: draft.name,
    ...(draft.description ? { description: draft.description } : {}),
    vars,
    ...(draft.concurrency !== undefined ? { concurrency: draft.concurrency } : {}),
    steps: compiled.steps,
    ...(compiled.outputs ? { outputs: compiled.outputs } : {}),
    checksum: createHash('sha256').update(text).update(included.join('\n')).digest('hex'),
    source,
  };
}

/** Where a `uses:` points, if it stays inside the allowed roots and does not include itself. */
function resolveInclude(
  source: YamlSource,
  from: string,
  step: StepDraft,
  { roots, cwd }: { roots: readonly string[]; cwd: string },
  stack: readonly string[],
  issues: SourceIssue[],
): { path: string; real: string } | undefined {
  const path = resolve(dirname(from), step.uses!);
  const at = [...step.path, 'uses'];
  const real = realpathOr(path);
  if (!roots.some((root) => isInside(real, root))) {
    issues.push(source.issue(at, `'uses: ${step.uses}' leaves the workflow's directory`, { hint: 'include files next to the workflow or below it (or allow the directory with --root)' }));
    return undefined;
  }
  if (!existsSync(path)) {
    issues.push(source.issue(at, `'uses: ${step.uses}': no such file (${displayName(path, cwd)})`, { hint: 'a uses: path is relative to the file that contains the step' }));
    return undefined;
  }
  if (stack.includes(real)) {
    const cycle = [...stack.slice(stack.indexOf(real)), real].map((p) => relative(dirname(stack[0]!), p) || p).join(' → ');
    issues.push(source.issue(at, `'uses: ${step.uses}' includes itself: ${cycle}`, { hint: 'an included workflow cannot include a workflow that includes it' }));
    return undefined;
  }
  return { path, real };
}

function readSource(absolute: string, shown: string): string {
  let size: number;
  try {
    const info = statSync(absolute);
    // A directory cannot be read, and a device or pipe could be read forever: only regular files.
    if (!info.isFile()) throw new UsageError(`cannot read '${shown}': not a file`, { hint: 'give the path of a workflow file' });
    size = info.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read '${shown}': no such file`, { hint: 'check the path; workflows usually live in workflows/' });
  }
  if (size > MAX_SOURCE_BYTES) throw new UsageError(`'${shown}' is ${size} bytes; workflow files are limited to ${MAX_SOURCE_BYTES} bytes`);
  const bytes = readFileSync(absolute);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\uFFFD') && !bytes.toString('latin1').includes('\uFFFD')) {
    throw new UsageError(`'${shown}' is not valid UTF-8`, { hint: 'save the file as UTF-8' });
  }
  return text;
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

function realpathOr(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function displayName(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  return rel.startsWith('..') || isAbsolute(rel) ? absolute : rel;
}

function sortIssues(issues: SourceIssue[]): SourceIssue[] {
  return [...issues].sort((a, b) => (a.file === b.file ? a.line - b.line || a.column - b.column : 0));
}
