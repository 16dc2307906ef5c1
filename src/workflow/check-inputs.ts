import type { InputSchema, JsonType } from '../steps/define-step.js';
import { suggestionHint } from '../util/suggest.js';
import type { ValuePath } from './yaml-source.js';

/** A problem with a value, located by its path below the checked root. */
export interface InputProblem {
  path: ValuePath;
  message: string;
  hint?: string;
  /** Point at the key (unknown or misspelt names) rather than the value. */
  at: 'key' | 'value';
}

const TEMPLATE = /\$\{\{/;

/** True for strings that will only be known at run time: they match any declared type. */
export function isTemplated(value: unknown): boolean {
  return typeof value === 'string' && TEMPLATE.test(value);
}

/**
 * Checks `value` against a step input schema. Templated strings are accepted wherever a value is
 * expected (they are checked again, with real values, when the step runs).
 */
export function checkInput(value: unknown, schema: InputSchema, path: ValuePath = []): InputProblem[] {
  if (isTemplated(value) && schema['x-atlas'] === undefined) return [];
  if (schema['x-atlas'] === 'expression') return checkExpressionSource(value, path);
  if (schema['x-atlas'] === 'expression-map') return checkExpressionMap(value, path);
  if (schema['x-atlas'] === 'template') return typeof value === 'string' ? [] : [{ path, at: 'value', message: `${describePath(path)} must be text, got ${describeValue(value)}` }];
  if (schema.anyOf) return checkAnyOf(value, schema.anyOf, path);

  const types = schema.type === undefined ? undefined : ([] as JsonType[]).concat(schema.type);
  if (types && !types.some((t) => matchesType(value, t))) {
    return [{ path, at: 'value', message: `${describePath(path)} must be ${typeList(types)}, got ${describeValue(value)}` }];
  }
  if (schema.enum && !schema.enum.some((allowed) => allowed === value)) {
    const names = schema.enum.map(String);
    return [
      {
        path,
        at: 'value',
        message: `${describePath(path)} must be one of ${names.join(', ')}, got ${describeValue(value)}`,
        ...(typeof value === 'string' ? { hint: suggestionHint(value, names) } : {}),
      },
    ];
  }
  return [...checkBounds(value, schema, path), ...checkObject(value, schema, path), ...checkArray(value, schema, path)];
}

function checkAnyOf(value: unknown, options: readonly InputSchema[], path: ValuePath): InputProblem[] {
  let best: InputProblem[] | undefined;
  for (const option of options) {
    const problems = checkInput(value, option, path);
    if (problems.length === 0) return [];
    if (!best || problems.length < best.length) best = problems;
  }
  return best ?? [];
}

function checkBounds(value: unknown, schema: InputSchema, path: ValuePath): InputProblem[] {
  const where = describePath(path);
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return [{ path, at: 'value', message: `${where} must be at least ${schema.minimum}, got ${value}` }];
    if (schema.maximum !== undefined && value > schema.maximum) return [{ path, at: 'value', message: `${where} must be at most ${schema.maximum}, got ${value}` }];
  }
  if (typeof value === 'string' && schema.minLength !== undefined && value.length < schema.minLength) {
    return [{ path, at: 'value', message: `${where} must not be empty` }];
  }
  if (Array.isArray(value) && schema.minItems !== undefined && value.length < schema.minItems) {
    return [{ path, at: 'value', message: `${where} needs at least ${schema.minItems} item${schema.minItems === 1 ? '' : 's'}` }];
  }
  return [];
}

function checkObject(value: unknown, schema: InputSchema, path: ValuePath): InputProblem[] {
  if (!isPlainObject(value)) return [];
  const problems: InputProblem[] = [];
  const properties = schema.properties ?? {};
  const known = Object.keys(properties);
  for (const name of schema.required ?? []) {
    if (name in value) continue;
    const message = path.length === 0 ? `missing required input '${name}'` : `${describePath(path)} is missing required field '${name}'`;
    problems.push({ path, at: 'value', message });
  }
  for (const [name, child] of Object.entries(value)) {
    const childSchema = properties[name];
    if (childSchema) {
      problems.push(...checkInput(child, childSchema, [...path, name]));
    } else if (schema.additionalProperties === false) {
      problems.push({
        path: [...path, name],
        at: 'key',
        message: `unknown ${path.length === 0 ? 'input' : 'field'} '${name}'${path.length === 0 ? '' : ` in ${describePath(path)}`}`,
        hint: suggestionHint(name, known),
      });
    } else if (typeof schema.additionalProperties === 'object') {
      problems.push(...checkInput(child, schema.additionalProperties, [...path, name]));
    }
  }
  return problems;
}

function checkArray(value: unknown, schema: InputSchema, path: ValuePath): InputProblem[] {
  if (!Array.isArray(value) || !schema.items) return [];
  return value.flatMap((element, index) => checkInput(element, schema.items!, [...path, index]));
}

function checkExpressionSource(value: unknown, path: ValuePath): InputProblem[] {
  if (typeof value === 'string' && value.trim() !== '') return [];
  if (typeof value === 'boolean') return [];
  return [{ path, at: 'value', message: `${describePath(path)} must be an expression (a string), got ${describeValue(value)}` }];
}

function checkExpressionMap(value: unknown, path: ValuePath): InputProblem[] {
  if (!isPlainObject(value)) {
    return [{ path, at: 'value', message: `${describePath(path)} must map names to expressions, got ${describeValue(value)}` }];
  }
  return Object.entries(value).flatMap(([name, source]) => checkExpressionSource(source, [...path, name]));
}

function matchesType(value: unknown, type: JsonType): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return isPlainObject(value);
    case 'null':
      return value === null;
  }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeList(types: readonly JsonType[]): string {
  const words = types.map((t) => (t === 'integer' ? 'an integer' : t === 'array' ? 'a list' : t === 'object' ? 'a mapping' : t === 'null' ? 'null' : `a ${t}`));
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

/** `input 'config.port'` style names for messages. */
export function describePath(path: ValuePath): string {
  if (path.length === 0) return 'the value';
  return `input '${path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[')}'`;
}

/** A short, safe rendering of a value for messages (never the whole of a large value). */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `string '${value.length > 40 ? `${value.slice(0, 37)}...` : value}'`;
  return `${typeof value} ${String(value)}`;
}
