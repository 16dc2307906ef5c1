import type { SourceIssue } from '../errors.js';
import { compileCondition, compileExpression, compileTemplate, expressionErrors, references } from '../template/index.js';
import type { Compiled, CompiledExpression, CompiledTemplate, SourceLocation } from '../template/index.js';
import { suggestionHint } from '../util/suggest.js';
import { checkInput, isPlainObject, isTemplated } from './check-inputs.js';
import { COMMON_OUTPUTS, FANOUT_OUTPUTS, checkReferences } from './check-references.js';
import type { ReferenceScope } from './check-references.js';

/** The part of a reference scope that depends on where in a step an expression is written. */
type LocalScope = Pick<ReferenceScope, 'locals' | 'item'>;
import type { StepDraft, WorkflowDraft } from './parse-structure.js';
import type { CompiledLazyInput, StepSpec, VarDeclaration, Workflow } from './types.js';
import { makeIssue } from './yaml-source.js';
import type { ValuePath, YamlSource } from './yaml-source.js';

/** Loads the workflow a `uses:` step names (or reports why it cannot). */
export type IncludeLoader = (step: StepDraft) => Workflow | undefined;

interface CompileResult {
  steps: StepSpec[];
  outputs?: Record<string, CompiledTemplate>;
  issues: SourceIssue[];
}

/**
 * Compiles every expression of a checked workflow and verifies, before anything runs, that each
 * one only names vars, steps and outputs that exist where it is written.
 */
export function compileWorkflow(source: YamlSource, draft: WorkflowDraft, vars: readonly VarDeclaration[], loadInclude: IncludeLoader): CompileResult {
  const compiler = new StepCompiler(source, vars.map((v) => v.name), draft.steps.map((step) => step.id));
  const steps: StepSpec[] = [];
  for (const step of draft.steps) {
    const spec = compiler.step(step, loadInclude);
    if (spec) steps.push(spec);
  }
  const outputs = draft.outputs ? compiler.outputs(draft.outputs, ['outputs'], { locals: [] }) : undefined;
  return { steps, ...(outputs ? { outputs } : {}), issues: compiler.issues };
}

class StepCompiler {
  readonly issues: SourceIssue[] = [];
  private readonly knownSteps = new Map<string, readonly string[]>();
  /** The step being compiled; undefined for the workflow's own outputs. */
  private current: string | undefined;

  constructor(
    private readonly source: YamlSource,
    private readonly varNames: readonly string[],
    private readonly stepIds: readonly string[],
  ) {}

  step(draft: StepDraft, loadInclude: IncludeLoader): StepSpec | undefined {
    const before = this.issues.length;
    this.current = draft.id;
    const item = draft.foreach === undefined ? undefined : draft.as;
    const itemScope: LocalScope = { locals: item ? [item, 'index'] : [], ...(item ? { item } : {}) };
    const definition = draft.definition;
    const lazyNames = new Set(
      Object.entries(definition?.inputs.properties ?? {})
        .filter(([, schema]) => schema['x-atlas'] !== undefined)
        .map(([name]) => name),
    );

    if (definition) this.checkInputs(draft);
    const uses = draft.uses !== undefined ? loadInclude(draft) : undefined;
    if (uses) this.checkIncludeInputs(draft, uses);

    const templated: Record<string, unknown> = {};
    const lazyInputs: Record<string, CompiledLazyInput> = {};
    for (const [name, value] of Object.entries(draft.inputs)) {
      if (!lazyNames.has(name)) {
        templated[name] = value;
        continue;
      }
      const lazy = this.lazy(definition!.inputs.properties[name]!['x-atlas']!, value, draft.inputPaths[name]!, { locals: [...new Set([...itemScope.locals, 'item', 'index'])], ...(item ? { item } : {}) });
      if (lazy) lazyInputs[name] = lazy;
    }
    const inputs = this.template(templated, (path) => [...draft.inputPaths[String(path[0])]!, ...path.slice(1)], itemScope);
    const when = draft.when === undefined ? undefined : this.guard(() => compileCondition(draft.when, this.stringAt([...draft.path, 'when'])), itemScope);
    const foreach = draft.foreach === undefined ? undefined : this.template(draft.foreach, (path) => [...draft.path, 'foreach', ...path], { locals: [] });
    const key = draft.key === undefined ? undefined : this.expression(String(draft.key), [...draft.path, 'key'], itemScope);
    const outputs = draft.outputs ? this.outputs(draft.outputs, [...draft.path, 'outputs'], { locals: ['result'] }) : undefined;
    this.checkOwnOutputNames(draft);

    this.knownSteps.set(draft.id, outputNames(draft, uses));
    this.current = undefined;
    if (this.issues.length > before || !inputs) return undefined;
    return {
      index: draft.index,
      id: draft.id,
      ...(draft.name ? { name: draft.name } : {}),
      path: draft.path,
      type: draft.type,
      ...(definition ? { definition } : {}),
      inputs,
      lazyInputs,
      staticInputs: staticPart(draft.inputs) as Record<string, unknown>,
      writtenInputs: draft.inputs,
      ...(when ? { when } : {}),
      ...(foreach ? { foreach } : {}),
      as: draft.as,
      ...(key ? { key } : {}),
      ...(draft.concurrency !== undefined ? { concurrency: draft.concurrency } : {}),
      ...(draft.retry ? { retry: draft.retry } : {}),
      continueOnError: draft.continueOnError,
      ...(draft.maxFailures ? { maxFailures: draft.maxFailures } : {}),
      always: draft.always,
      ...(outputs ? { outputs } : {}),
      ...(uses ? { uses } : {}),
    };
  }

  outputs(values: Record<string, unknown>, path: ValuePath, scope: LocalScope): Record<string, CompiledTemplate> | undefined {
    const result: Record<string, CompiledTemplate> = {};
    for (const [name, value] of Object.entries(values)) {
      const template = this.template(value, (sub) => [...path, name, ...sub], scope);
      if (template) result[name] = template;
    }
    return result;
  }

  private checkInputs(draft: StepDraft): void {
    for (const problem of checkInput(draft.inputs, draft.definition!.inputs)) {
      const [first, ...rest] = problem.path;
      const where = first === undefined ? [...draft.path, draft.type] : [...draft.inputPaths[String(first)]!, ...rest];
      const hint = problem.hint ?? (first === undefined ? `see 'atlas-run steps ${draft.type}'` : undefined);
      this.issues.push(this.source.issue(where, `step '${draft.id}' (${draft.type}): ${problem.message}`, { at: problem.at, ...(hint ? { hint } : {}) }));
    }
  }

  /**
   * The engine sets `status` and `error` on every step (and the counts on a fan-out) after the handler
   * and `outputs:` have run; an output of the same name would be silently replaced, so it is refused.
   */
  private checkOwnOutputNames(draft: StepDraft): void {
    const engineOwned: readonly string[] = draft.foreach === undefined ? ['status', 'error'] : FANOUT_OUTPUTS;
    const refuse = (path: ValuePath, name: string): void => {
      this.issues.push(this.source.issue(path, `step '${draft.id}': output '${name}' is set by the engine on every ${draft.foreach === undefined ? 'step' : 'fan-out step'}`, { at: 'key', hint: 'choose another name' }));
    };
    for (const name of Object.keys(draft.outputs ?? {})) if (engineOwned.includes(name)) refuse([...draft.path, 'outputs', name], name);
    const definition = draft.definition;
    if (draft.foreach !== undefined || !definition?.outputNames) return;
    const mainPath = draft.inputPaths[definition.main] ?? [...draft.path, draft.type];
    for (const name of definition.outputNames(staticPart(draft.inputs) as Record<string, unknown>)) if (engineOwned.includes(name)) refuse([...mainPath, name], name);
  }

  private checkIncludeInputs(draft: StepDraft, uses: Workflow): void {
    const names = uses.vars.map((v) => v.name);
    for (const name of Object.keys(draft.inputs)) {
      if (!names.includes(name)) {
        this.issues.push(this.source.issue(draft.inputPaths[name]!, `${uses.file} declares no var '${name}'`, { at: 'key', hint: names.length ? suggestionHint(name, names) : 'it declares no vars' }));
      }
    }
    for (const declaration of uses.vars) {
      if (declaration.required && !(declaration.name in draft.inputs)) {
        this.issues.push(this.source.issue([...draft.path, 'uses'], `step '${draft.id}' must give required var '${declaration.name}' of ${uses.file}`, { hint: `add it under with:` }));
      }
    }
  }

  private lazy(kind: 'expression' | 'expression-map' | 'template', value: unknown, path: ValuePath, scope: LocalScope): CompiledLazyInput | undefined {
    if (kind === 'template') {
      const template = this.template(value, (sub) => [...path, ...sub], scope);
      return template ? { kind, template } : undefined;
    }
    if (kind === 'expression') {
      const expression = this.expression(String(value), path, scope);
      return expression ? { kind, expression } : undefined;
    }
    if (!isPlainObject(value)) return undefined;
    const expressions: Record<string, CompiledExpression> = {};
    for (const [name, source] of Object.entries(value)) {
      const expression = this.expression(String(source), [...path, name], scope);
      if (expression) expressions[name] = expression;
    }
    return { kind, expressions };
  }

  private expression(text: string, path: ValuePath, scope: LocalScope): CompiledExpression | undefined {
    const wrapped = /^(\s*\$\{\{)([\s\S]*)\}\}\s*$/.exec(text);
    const start = this.stringAt(path);
    const location = wrapped ? { ...start, column: start.column + wrapped[1]!.length } : start;
    return this.guard(() => compileExpression(wrapped ? wrapped[2]! : text, location), scope);
  }

  private template(value: unknown, pathOf: (sub: ValuePath) => ValuePath, scope: LocalScope): CompiledTemplate | undefined {
    return this.guard(() => compileTemplate(value, (sub) => this.stringAt(pathOf(sub))), scope);
  }

  /** Compiles, turns expression errors into located issues, and checks the names the result reads. */
  private guard<T extends Compiled>(compile: () => T, scope: LocalScope): T | undefined {
    try {
      const compiled = compile();
      const later = this.stepIds.filter((id) => id !== this.current && !this.knownSteps.has(id));
      const where = { ...(this.current === undefined ? {} : { current: this.current }), later };
      for (const issue of checkReferences(references(compiled), { ...scope, ...where, vars: this.varNames, steps: this.knownSteps })) {
        this.issues.push(this.withExcerpt(issue));
      }
      return compiled;
    } catch (error) {
      const located = expressionErrors(error);
      if (located.length === 0) throw error;
      for (const problem of located) {
        const issue = problem.toIssue();
        if (issue) this.issues.push(this.withExcerpt(issue));
      }
      return undefined;
    }
  }

  private withExcerpt(issue: SourceIssue): SourceIssue {
    return makeIssue(issue.file, this.source.text, { line: issue.line, column: issue.column }, issue.message, issue.hint);
  }

  private stringAt(path: ValuePath): SourceLocation {
    const position = this.source.stringStartAt(path);
    return { file: this.source.file, line: position.line, column: position.column };
  }
}

/** The outputs later steps may read from this step. */
function outputNames(draft: StepDraft, uses: Workflow | undefined): readonly string[] {
  const custom = Object.keys(draft.outputs ?? {});
  if (draft.foreach !== undefined) return [...FANOUT_OUTPUTS, ...custom];
  if (uses) return [...Object.keys(uses.outputs ?? {}), ...COMMON_OUTPUTS, ...custom];
  // An include that could not be loaded is reported already; its outputs are unknown, so not checked.
  if (draft.uses !== undefined) return [];
  const definition = draft.definition!;
  const declared = Object.keys(definition.outputs);
  const dynamic = definition.outputNames?.(staticPart(draft.inputs) as Record<string, unknown>) ?? [];
  return [...declared, ...dynamic, ...COMMON_OUTPUTS, ...custom];
}

/** The inputs as far as they are known before the run: templated leaves become `undefined`, keys stay. */
function staticPart(value: unknown): unknown {
  if (isTemplated(value)) return undefined;
  if (Array.isArray(value)) return value.map(staticPart);
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, staticPart(v)]));
  return value;
}
