import { UsageError, WorkflowError } from '../errors.js';
import type { SourceIssue } from '../errors.js';
import { suggestionHint } from '../util/suggest.js';
import { isPlainObject } from './check-inputs.js';
import type { VarDeclaration } from './types.js';
import { coerceVarString, typeProblem } from './vars.js';
import type { YamlSource } from './yaml-source.js';

/** Where a var's value came from; shown by `--verbose` and recorded in the journal header. */
export type VarOrigin = 'var' | 'vars-file' | 'env' | 'default' | 'with';

export interface VarSources {
  /** `--var name=value` pairs, strings as typed. */
  cli?: Readonly<Record<string, string>>;
  /** A parsed `--vars-file`: typed YAML values. */
  file?: YamlSource;
  /** Values set in code (`runWorkflow(file, { vars })`) or by an including step's `with:`; typed. */
  given?: Readonly<Record<string, unknown>>;
  /** The environment, read for `ATLAS_VAR_<name>`. */
  env?: Readonly<Record<string, string | undefined>>;
}

export interface ResolvedVars {
  values: Record<string, unknown>;
  origins: Record<string, VarOrigin>;
}

/** Prefix of environment variables that set workflow vars: `ATLAS_VAR_target_group=…`. */
export const ENV_VAR_PREFIX = 'ATLAS_VAR_';

/** The values of the vars declared `secret`, for masking wherever output is written. */
export function secretVarValues(declarations: readonly VarDeclaration[], values: Readonly<Record<string, unknown>>): string[] {
  return declarations.flatMap((declaration) => {
    const value = values[declaration.name];
    return declaration.secret && typeof value === 'string' ? [value] : [];
  });
}

/**
 * Resolves every declared var with the precedence `--var` > given > `--vars-file` > `ATLAS_VAR_*` > default.
 * Unknown names, wrong types and missing required vars are all reported before anything runs.
 */
export function resolveVars(declarations: readonly VarDeclaration[], sources: VarSources): ResolvedVars {
  const byName = new Map(declarations.map((d) => [d.name, d]));
  const names = declarations.map((d) => d.name);
  const usage: string[] = [];
  const fileIssues: SourceIssue[] = [];

  for (const name of Object.keys(sources.cli ?? {})) {
    if (!byName.has(name)) usage.push(`--var ${name}: the workflow declares no var '${name}' (${names.length ? suggestionHint(name, names) : 'it declares no vars'})`);
  }
  for (const name of Object.keys(sources.given ?? {})) {
    if (!byName.has(name)) usage.push(`var '${name}' is not declared by the workflow (${names.length ? suggestionHint(name, names) : 'it declares no vars'})`);
  }
  const fileValues = readVarsFile(sources.file, byName, names, fileIssues);

  const values: Record<string, unknown> = {};
  const origins: Record<string, VarOrigin> = {};
  for (const declaration of declarations) {
    const { name } = declaration;
    const cliText = sources.cli?.[name];
    const envText = sources.env?.[`${ENV_VAR_PREFIX}${name}`];
    if (cliText !== undefined) {
      const coerced = coerceVarString(cliText, declaration.type);
      if (coerced.problem) usage.push(`--var ${name}: ${shown(coerced.problem, declaration)}`);
      else assign(declaration, coerced.value, 'var', `--var ${name}`);
    } else if (sources.given && name in sources.given) {
      assign(declaration, sources.given[name], 'with', `var '${name}'`);
    } else if (name in fileValues) {
      values[name] = fileValues[name];
      origins[name] = 'vars-file';
    } else if (envText !== undefined) {
      const coerced = coerceVarString(envText, declaration.type);
      if (coerced.problem) usage.push(`${ENV_VAR_PREFIX}${name}: ${shown(coerced.problem, declaration)}`);
      else assign(declaration, coerced.value, 'env', `${ENV_VAR_PREFIX}${name}`);
    } else if (declaration.hasDefault) {
      values[name] = declaration.default;
      origins[name] = 'default';
    } else if (declaration.required) {
      usage.push(`missing required var '${name}'${declaration.description ? ` (${declaration.description})` : ''}: pass --var ${name}=…, set it in --vars-file, or export ${ENV_VAR_PREFIX}${name}`);
    } else {
      values[name] = null;
      origins[name] = 'default';
    }
  }

  if (fileIssues.length > 0) throw new WorkflowError(fileIssues);
  if (usage.length > 0) {
    throw new UsageError(usage.join('\n'), { hint: usage.length > 1 ? `${usage.length} problems with vars; nothing was sent` : 'nothing was sent' });
  }
  return { values, origins };

  function assign(declaration: VarDeclaration, value: unknown, origin: VarOrigin, label: string): void {
    const problem = value === null ? undefined : typeProblem(value, declaration);
    if (problem) {
      usage.push(`${label} ${shown(problem, declaration)}`);
      return;
    }
    values[declaration.name] = value;
    origins[declaration.name] = origin;
  }
}

function readVarsFile(file: YamlSource | undefined, byName: Map<string, VarDeclaration>, names: string[], issues: SourceIssue[]): Record<string, unknown> {
  if (!file) return {};
  const root = file.value;
  if (root === null || root === undefined) return {};
  if (!isPlainObject(root)) {
    issues.push(file.issue([], 'a vars file must be a mapping of var names to values'));
    return {};
  }
  const values: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(root)) {
    const declaration = byName.get(name);
    if (!declaration) {
      issues.push(file.issue([name], `the workflow declares no var '${name}'`, { at: 'key', hint: names.length ? suggestionHint(name, names) : 'it declares no vars' }));
      continue;
    }
    const coerced = coerceFileValue(value, declaration);
    const problem = coerced.problem ?? (coerced.value === null ? undefined : typeProblem(coerced.value, declaration));
    if (problem) issues.push(secretSafe(file.issue([name], `var '${name}' ${shown(problem, declaration)}`), declaration));
    else values[name] = coerced.value;
  }
  return values;
}

/** A problem as it may be printed: a secret var's value is left out (every problem ends `, got <value>`). */
function shown(problem: string, declaration: VarDeclaration): string {
  return declaration.secret ? problem.replace(/, got [\s\S]*$/, ', got a value that is not shown (the var is secret)') : problem;
}

/** An issue in a vars file, without the source line when that line holds a secret var's value. */
function secretSafe(issue: SourceIssue, declaration: VarDeclaration): SourceIssue {
  if (!declaration.secret) return issue;
  const { excerpt: _excerpt, ...rest } = issue;
  return rest;
}

/** YAML types scalars itself; a string var given `123` or `true` in a vars file means the text, other types are parsed. */
function coerceFileValue(value: unknown, declaration: VarDeclaration): { value?: unknown; problem?: string } {
  if (declaration.type === 'string' && (typeof value === 'number' || typeof value === 'boolean')) return { value: String(value) };
  if (typeof value === 'string' && declaration.type !== 'string' && declaration.type !== 'any') return coerceVarString(value, declaration.type);
  return { value };
}
