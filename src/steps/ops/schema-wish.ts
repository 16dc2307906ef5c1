/**
 * What a `schema: patch` (or copy) asks for, as a tree of wanted values with every name checked
 * against the current config. Contradictions (`enable` and `disable` of the same table) and unknown
 * names are collected, all of them, before anything is compared or sent.
 */
import type { SchemaChangeHandling, SchemaConfig, SchemaConfigUpdate, SyncMode } from '../../api/index.js';
import { NameProblem, findSchema, resolveName, tableProblem } from './schema-names.js';
import type { SchemaPath } from './schema-names.js';

export interface ColumnWish {
  enabled?: boolean;
  hashed?: boolean;
  is_primary_key?: boolean;
}

export interface TableWish {
  enabled?: boolean;
  sync_mode?: SyncMode;
  columns: Record<string, ColumnWish>;
}

export interface SchemaWish {
  enabled?: boolean;
  tables: Record<string, TableWish>;
}

export interface ConfigWish {
  schema_change_handling?: SchemaChangeHandling;
  is_type_locked?: boolean;
  schemas: Record<string, SchemaWish>;
}

const SYNC_MODES: readonly string[] = ['SOFT_DELETE', 'HISTORY', 'LIVE'];
const HANDLING: readonly string[] = ['ALLOW_ALL', 'ALLOW_COLUMNS', 'BLOCK_ALL'];

type Fields = Record<string, unknown>;

/** `a.b.c` → schema a, table b, column c: the best guess when there is no config to resolve against. */
function splitName(dotted: string): SchemaPath {
  const [schema = dotted, table, ...column] = dotted.split('.');
  return { schema, ...(table === undefined ? {} : { table }), ...(column.length ? { column: column.join('.') } : {}) };
}

const isRecord = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Builds a ConfigWish against one config, collecting every problem. */
export class WishBuilder {
  readonly wish: ConfigWish = { schemas: {} };
  readonly problems: string[] = [];

  /** With no config (a connection a dry run only planned) names are split on dots and not checked. */
  constructor(private readonly config: SchemaConfig | undefined) {}

  /** `enable: [...]`, `disable: [...]`, `hash: [...]`: dotted names, each setting one field. */
  names(input: string, value: unknown, field: 'enabled' | 'hashed', to: boolean): void {
    if (value === undefined || value === null) return;
    if (!Array.isArray(value) || value.some((name) => typeof name !== 'string' || name === '')) {
      this.problems.push(`${input} must be a list of names like schema, schema.table or schema.table.column`);
      return;
    }
    for (const dotted of value as string[]) {
      const path = this.config ? resolveName(this.config, dotted) : splitName(dotted);
      if (path instanceof NameProblem) this.problems.push(`${input}: ${path.message}`);
      else if (field === 'hashed' && path.column === undefined) this.problems.push(`${input}: '${dotted}' is not a column (write schema.table.column)`);
      else this.set(path, field, to, `${input} ${dotted}`);
    }
  }

  /** The API's nested `schemas:` shape; `enabled` may be left out at any level to keep it as is. */
  nested(value: unknown, input = 'schemas'): void {
    if (value === undefined || value === null) return;
    if (!isRecord(value)) {
      this.problems.push(`${input} must map schema names to {enabled, tables}`);
      return;
    }
    for (const [schema, schemaValue] of Object.entries(value)) {
      const where = `${input}.${schema}`;
      const found = this.config ? findSchema(this.config, schema) : undefined;
      if (found instanceof NameProblem) {
        this.problems.push(`${input}: ${found.message}`);
        continue;
      }
      const fields = this.fields(schemaValue, where, ['enabled', 'tables']);
      this.flag({ schema }, fields, 'enabled', where);
      if (fields.tables !== undefined && !isRecord(fields.tables)) this.problems.push(`${where}.tables must map table names to settings`);
      for (const [table, tableValue] of Object.entries(isRecord(fields.tables) ? fields.tables : {})) this.table(schema, table, tableValue, `${where}.tables.${table}`, input);
    }
  }

  /** `schema_change_handling` and `is_type_locked`, when given. */
  settings(handling: unknown, typeLocked: unknown): void {
    if (handling !== undefined && handling !== null) {
      if (typeof handling === 'string' && HANDLING.includes(handling)) this.wish.schema_change_handling = handling as SchemaChangeHandling;
      else this.problems.push(`schema_change_handling must be one of ${HANDLING.join(', ')}, got ${JSON.stringify(handling)}`);
    }
    if (typeLocked !== undefined && typeLocked !== null) {
      if (typeof typeLocked === 'boolean') this.wish.is_type_locked = typeLocked;
      else this.problems.push('is_type_locked must be true or false');
    }
  }

  private table(schema: string, table: string, value: unknown, where: string, input: string): void {
    const missing = this.config ? tableProblem(this.config, schema, table) : undefined;
    if (missing) {
      this.problems.push(`${input}: ${missing.message}`);
      return;
    }
    const fields = this.fields(value, where, ['enabled', 'sync_mode', 'columns']);
    this.flag({ schema, table }, fields, 'enabled', where);
    if (fields.sync_mode !== undefined) {
      if (typeof fields.sync_mode === 'string' && SYNC_MODES.includes(fields.sync_mode)) this.set({ schema, table }, 'sync_mode', fields.sync_mode, where);
      else this.problems.push(`${where}.sync_mode must be one of ${SYNC_MODES.join(', ')}`);
    }
    if (fields.columns !== undefined && !isRecord(fields.columns)) this.problems.push(`${where}.columns must map column names to settings`);
    for (const [column, columnValue] of Object.entries(isRecord(fields.columns) ? fields.columns : {})) {
      const columnWhere = `${where}.columns.${column}`;
      const columnFields = this.fields(columnValue, columnWhere, ['enabled', 'hashed', 'is_primary_key']);
      for (const flag of ['enabled', 'hashed', 'is_primary_key'] as const) this.flag({ schema, table, column }, columnFields, flag, columnWhere);
    }
  }

  private fields(value: unknown, where: string, allowed: readonly string[]): Fields {
    if (!isRecord(value)) {
      this.problems.push(`${where} must be a mapping of ${allowed.join(', ')}`);
      return {};
    }
    for (const key of Object.keys(value)) if (!allowed.includes(key)) this.problems.push(`${where}: unknown field '${key}' (expected ${allowed.join(', ')})`);
    return value;
  }

  private flag(path: SchemaPath, fields: Fields, name: 'enabled' | 'hashed' | 'is_primary_key', where: string): void {
    const value = fields[name];
    if (value === undefined) return;
    if (typeof value === 'boolean') this.set(path, name, value, where);
    else this.problems.push(`${where}.${name} must be true or false`);
  }

  /** Sets one wanted value; a second, different value for the same field is a contradiction. */
  private set(path: SchemaPath, field: string, value: unknown, origin: string): void {
    const schema = (this.wish.schemas[path.schema] ??= { tables: {} });
    let node: Fields = schema as unknown as Fields;
    if (path.table !== undefined) {
      const table = (schema.tables[path.table] ??= { columns: {} });
      node = table as unknown as Fields;
      if (path.column !== undefined) node = (table.columns[path.column] ??= {}) as Fields;
    }
    if (node[field] !== undefined && node[field] !== value) {
      const name = [path.schema, path.table, path.column].filter((p) => p !== undefined).join('.');
      this.problems.push(`${name}: ${field} is asked to be both ${String(node[field])} and ${String(value)} (${origin})`);
      return;
    }
    node[field] = value;
  }
}

/**
 * The wish as an update body without comparing it to anything (for a connection a dry run only
 * planned): every level it descends through is enabled, which a real run would check instead.
 */
export function wishAsBody(wish: ConfigWish): SchemaConfigUpdate {
  const schemas = Object.fromEntries(
    Object.entries(wish.schemas).map(([schema, s]) => [
      schema,
      {
        enabled: s.enabled ?? true,
        tables: Object.fromEntries(
          Object.entries(s.tables).map(([table, t]) => [
            table,
            {
              enabled: t.enabled ?? true,
              ...(t.sync_mode ? { sync_mode: t.sync_mode } : {}),
              columns: Object.fromEntries(Object.entries(t.columns).map(([column, c]) => [column, { ...c, enabled: c.enabled ?? true }])),
            },
          ]),
        ),
      },
    ]),
  );
  return {
    ...(wish.schema_change_handling ? { schema_change_handling: wish.schema_change_handling } : {}),
    ...(wish.is_type_locked === undefined ? {} : { is_type_locked: wish.is_type_locked }),
    ...(Object.keys(schemas).length ? { schemas } : {}),
  };
}
