import { isMap, isScalar, LineCounter, parseDocument, type Node, type Pair } from 'yaml';
import { WorkflowError, type SourceIssue } from '../errors.js';
import type { MappingOverrides, SchemaOverride, TableOverride } from './mapping.js';

/**
 * Reads a user mapping file (YAML, or JSON since JSON is YAML). Names on the left are source
 * names; a plain string value is the destination name:
 *
 * ```yaml
 * schemas:
 *   salesforce:                  # source schema (applies to every connection that has it)
 *     destination: sf_prod       # optional: the schema's destination name
 *     tables:
 *       Account: account         # short form: table destination only
 *       Opportunity:
 *         destination: opportunity
 *         columns:
 *           Amount: amount_usd   # column source → destination
 * connections:
 *   decent_dragon:               # the same, scoped to one connection id
 *     schemas: { public: erp_pg_public }
 * ```
 *
 * Every problem is reported with its line and column in one {@link WorkflowError}.
 */
export function parseMappingOverrides(text: string, file: string): MappingOverrides {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  // Without prettyErrors the parser leaves linePos unset: the offset is turned into line and column here.
  const issues: SourceIssue[] = doc.errors.map((error) => {
    const at = lineCounter.linePos(error.pos[0]);
    return { file, line: at.line, column: at.col, message: error.message.split('\n')[0] ?? error.message };
  });
  if (issues.length > 0) throw new WorkflowError(issues);
  const result = new OverrideReader(file, lineCounter, issues).root(doc.contents);
  if (issues.length > 0) throw new WorkflowError(issues);
  return result;
}

type Entry = readonly [name: string, value: unknown, pair: Pair];

class OverrideReader {
  constructor(
    private readonly file: string,
    private readonly lines: LineCounter,
    private readonly issues: SourceIssue[],
  ) {}

  root(node: unknown): MappingOverrides {
    if (node === null || node === undefined) return {};
    const fields = this.fields(node, 'the mapping file', ['schemas', 'connections']);
    const result: { schemas?: Record<string, SchemaOverride>; connections?: Record<string, { schemas?: Record<string, SchemaOverride> }> } = {};
    if (fields.has('schemas')) result.schemas = this.schemas(fields.get('schemas'));
    if (fields.has('connections')) {
      result.connections = {};
      for (const [id, value] of this.entries(fields.get('connections'), 'connections')) {
        const scoped = this.fields(value, `connection '${id}'`, ['schemas']);
        result.connections[id] = scoped.has('schemas') ? { schemas: this.schemas(scoped.get('schemas')) } : {};
      }
    }
    return result;
  }

  private schemas(node: unknown): Record<string, SchemaOverride> {
    const result: Record<string, SchemaOverride> = {};
    for (const [name, value] of this.entries(node, 'schemas')) {
      if (isScalar(value)) {
        const destination = this.name(value, `schema '${name}'`);
        if (destination !== null) result[name] = { destination };
        continue;
      }
      const fields = this.fields(value, `schema '${name}'`, ['destination', 'tables']);
      const schema: { destination?: string; tables?: Record<string, TableOverride> } = {};
      if (fields.has('destination')) schema.destination = this.name(fields.get('destination'), `schema '${name}' destination`) ?? undefined;
      if (fields.has('tables')) schema.tables = this.tables(fields.get('tables'), name);
      result[name] = schema;
    }
    return result;
  }

  private tables(node: unknown, schema: string): Record<string, TableOverride> {
    const result: Record<string, TableOverride> = {};
    for (const [name, value] of this.entries(node, `schema '${schema}' tables`)) {
      if (isScalar(value)) {
        const destination = this.name(value, `table '${schema}.${name}'`);
        if (destination !== null) result[name] = { destination };
        continue;
      }
      const fields = this.fields(value, `table '${schema}.${name}'`, ['destination', 'columns']);
      const table: { destination?: string; columns?: Record<string, string> } = {};
      if (fields.has('destination')) table.destination = this.name(fields.get('destination'), `table '${schema}.${name}' destination`) ?? undefined;
      if (fields.has('columns')) {
        table.columns = {};
        for (const [column, destination] of this.entries(fields.get('columns'), `table '${schema}.${name}' columns`)) {
          const resolved = this.name(destination, `column '${schema}.${name}.${column}'`);
          if (resolved !== null) table.columns[column] = resolved;
        }
      }
      result[name] = table;
    }
    return result;
  }

  /** A map's entries with string keys; anything else is an issue. */
  private entries(node: unknown, what: string): Entry[] {
    if (!isMap(node)) {
      this.issue(node, `${what} must be a mapping of names`);
      return [];
    }
    const entries: Entry[] = [];
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      if (typeof key !== 'string' && typeof key !== 'number') {
        this.issue(pair.key, `${what}: every key must be a name`);
        continue;
      }
      entries.push([String(key), pair.value, pair]);
    }
    return entries;
  }

  /** The fields of an object node, reporting keys that are not allowed. */
  private fields(node: unknown, what: string, allowed: readonly string[]): Map<string, unknown> {
    const fields = new Map<string, unknown>();
    for (const [key, value, pair] of this.entries(node, what)) {
      if (allowed.includes(key)) fields.set(key, value);
      else this.issue(pair.key, `${what}: unknown key '${key}'`, `allowed keys: ${allowed.join(', ')}`);
    }
    return fields;
  }

  private name(node: unknown, what: string): string | null {
    const value = isScalar(node) ? node.value : undefined;
    if (typeof value === 'string' && value.trim() !== '') return value;
    if (typeof value === 'number') return String(value);
    this.issue(node, `${what} must be a non-empty name`);
    return null;
  }

  private issue(node: unknown, message: string, hint?: string): void {
    const offset = (node as Node | null | undefined)?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(offset);
    this.issues.push({ file: this.file, line, column: col, message, ...(hint ? { hint } : {}) });
  }
}
