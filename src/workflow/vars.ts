import type { SourceIssue } from '../errors.js';
import { closest, suggestionHint } from '../util/suggest.js';
import { describeValue, isPlainObject } from './check-inputs.js';
import { IDENTIFIER } from './parse-structure.js';
import { VAR_TYPES } from './types.js';
import type { VarDeclaration, VarType } from './types.js';
import type { ValuePath, YamlSource } from './yaml-source.js';

/** Fields of a var declaration mapping. */
export const DECLARATION_FIELDS = ['type', 'default', 'required', 'description', 'secret', 'enum'] as const;

/**
 * Reads the `vars:` block. A var is either a bare default (`suffix: _v2`) or a declaration
 * mapping (`{ type, default, required, description, secret, enum }`).
 */
export function parseVarDeclarations(source: YamlSource, value: unknown, issues: SourceIssue[]): VarDeclaration[] {
  if (value === undefined || value === null) return [];
  if (!isPlainObject(value)) {
    issues.push(source.issue(['vars'], `'vars' must be a mapping of variable names, got ${describeValue(value)}`));
    return [];
  }
  const declarations: VarDeclaration[] = [];
  for (const [name, raw] of Object.entries(value)) {
    const path: ValuePath = ['vars', name];
    if (!IDENTIFIER.test(name)) {
      issues.push(source.issue(path, `variable name '${name}' must be a simple name (letters, digits, _)`, { at: 'key', hint: 'it is used as vars.<name> in expressions' }));
      continue;
    }
    const declaration = isPlainObject(raw) ? readDeclaration(source, name, raw, path, issues) : shorthand(name, raw, path);
    if (declaration) declarations.push(declaration);
  }
  return declarations;
}

function shorthand(name: string, value: unknown, path: ValuePath): VarDeclaration {
  const hasDefault = value !== null;
  return { name, type: hasDefault ? inferType(value) : 'any', hasDefault, ...(hasDefault ? { default: value } : {}), required: false, secret: false, path };
}

function readDeclaration(source: YamlSource, name: string, raw: Record<string, unknown>, path: ValuePath, issues: SourceIssue[]): VarDeclaration | undefined {
  const before = issues.length;
  for (const key of Object.keys(raw)) {
    if (!(DECLARATION_FIELDS as readonly string[]).includes(key)) {
      issues.push(
        source.issue([...path, key], `unknown field '${key}' in the declaration of var '${name}'`, {
          at: 'key',
          hint: `${suggestionHint(key, DECLARATION_FIELDS)} (a default that is a mapping goes under 'default:')`,
        }),
      );
    }
  }
  const hasDefault = 'default' in raw;
  const declaredType = raw.type;
  if (declaredType !== undefined && (typeof declaredType !== 'string' || !(VAR_TYPES as readonly string[]).includes(declaredType))) {
    const near = typeof declaredType === 'string' ? closest(declaredType, VAR_TYPES) : undefined;
    issues.push(source.issue([...path, 'type'], `var type must be one of ${VAR_TYPES.join(', ')}, got ${describeValue(declaredType)}`, near ? { hint: `did you mean '${near}'?` } : {}));
  }
  for (const flag of ['required', 'secret'] as const) {
    if (raw[flag] !== undefined && typeof raw[flag] !== 'boolean') issues.push(source.issue([...path, flag], `'${flag}' must be true or false, got ${describeValue(raw[flag])}`));
  }
  if (raw.description !== undefined && typeof raw.description !== 'string') {
    issues.push(source.issue([...path, 'description'], `'description' must be a string, got ${describeValue(raw.description)}`));
  }
  if (raw.enum !== undefined && (!Array.isArray(raw.enum) || raw.enum.length === 0)) {
    issues.push(source.issue([...path, 'enum'], `'enum' must be a non-empty list of allowed values, got ${describeValue(raw.enum)}`));
  }
  if (raw.required === true && hasDefault) {
    issues.push(source.issue([...path, 'required'], `var '${name}' is required but also has a default`, { at: 'key', hint: 'drop one of them: a default makes the var optional' }));
  }
  if (issues.length > before) return undefined;
  const type: VarType = (declaredType as VarType | undefined) ?? (hasDefault && raw.default !== null ? inferType(raw.default) : 'any');
  const declaration: VarDeclaration = {
    name,
    type,
    hasDefault,
    ...(hasDefault ? { default: raw.default } : {}),
    required: raw.required === true,
    ...(typeof raw.description === 'string' ? { description: raw.description } : {}),
    secret: raw.secret === true,
    ...(Array.isArray(raw.enum) ? { enum: raw.enum } : {}),
    path,
  };
  if (hasDefault && raw.default !== null) {
    const problem = typeProblem(raw.default, declaration);
    if (problem) issues.push(source.issue([...path, 'default'], `default of var '${name}' ${problem}`));
  }
  return declaration;
}

function inferType(value: unknown): VarType {
  if (Array.isArray(value)) return 'list';
  if (isPlainObject(value)) return 'object';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean') return 'boolean';
  return 'string';
}

/** What is wrong with `value` for this declaration, or undefined when it fits. */
export function typeProblem(value: unknown, declaration: VarDeclaration): string | undefined {
  const fits: Record<VarType, (v: unknown) => boolean> = {
    string: (v) => typeof v === 'string',
    integer: (v) => typeof v === 'number' && Number.isInteger(v),
    number: (v) => typeof v === 'number' && Number.isFinite(v),
    boolean: (v) => typeof v === 'boolean',
    list: (v) => Array.isArray(v),
    object: (v) => isPlainObject(v),
    any: () => true,
  };
  if (!fits[declaration.type](value)) return `must be ${article(declaration.type)}, got ${describeValue(value)}`;
  if (declaration.enum && !declaration.enum.some((allowed) => allowed === value)) {
    return `must be one of ${declaration.enum.map(String).join(', ')}, got ${describeValue(value)}`;
  }
  return undefined;
}

function article(type: VarType): string {
  return type === 'integer' || type === 'object' || type === 'any' ? `an ${type === 'any' ? 'value' : type}` : `a ${type}`;
}

/**
 * Turns a string from the command line or the environment into the declared type:
 * `--var paused=true` is a boolean for a boolean var, `--var ids=a,b` a list for a list var.
 */
export function coerceVarString(text: string, type: VarType): { value?: unknown; problem?: string } {
  switch (type) {
    case 'string':
    case 'any':
      return { value: text };
    case 'integer':
      return /^[-+]?\d+$/.test(text.trim()) && Number.isSafeInteger(Number(text)) ? { value: Number(text) } : { problem: `expected an integer, got '${text}'` };
    case 'number': {
      const n = Number(text);
      return text.trim() !== '' && Number.isFinite(n) ? { value: n } : { problem: `expected a number, got '${text}'` };
    }
    case 'boolean': {
      const lowered = text.trim().toLowerCase();
      if (lowered === 'true' || lowered === '1') return { value: true };
      if (lowered === 'false' || lowered === '0') return { value: false };
      return { problem: `expected true or false, got '${text}'` };
    }
    case 'list':
      if (text.trim().startsWith('[')) return parseJson(text, Array.isArray, 'a JSON list');
      return { value: text.trim() === '' ? [] : text.split(',').map((part) => part.trim()) };
    case 'object':
      return parseJson(text, isPlainObject, 'a JSON object');
  }
}

function parseJson(text: string, accept: (v: unknown) => boolean, what: string): { value?: unknown; problem?: string } {
  try {
    const value: unknown = JSON.parse(text);
    return accept(value) ? { value } : { problem: `expected ${what}, got '${text}'` };
  } catch {
    return { problem: `expected ${what}, got '${text}'` };
  }
}
