/**
 * The smallest `PATCH …/schemas` body that turns the current config into the wished one. Only what
 * differs is sent (the API requires `enabled` at every level it descends through, so those carry the
 * current value); changes the config marks as not allowed are refused, not sent.
 */
import type { ColumnConfig, ColumnUpdate, SchemaConfig, SchemaConfigSchema, SchemaConfigUpdate, SchemaUpdate, TableConfig, TableUpdate } from '../../api/index.js';
import { closest } from '../../util/suggest.js';
import type { ColumnWish, ConfigWish, SchemaWish, TableWish } from './schema-wish.js';

export interface SchemaDiff {
  /** Empty (`{}`) when nothing differs. */
  body: SchemaConfigUpdate;
  /** One short line per change, e.g. `public.orders disabled`. */
  changes: string[];
  /** Changes the config does not allow; nothing may be sent while there are any. */
  refusals: string[];
}

/**
 * Columns of a table beyond those the config lists (configs list only the columns a user has set):
 * the live column list when it was read, undefined when unknown.
 */
export type ColumnLookup = (schema: string, table: string) => Record<string, ColumnConfig> | undefined;

const onOff = (enabled: boolean): string => (enabled ? 'enabled' : 'disabled');

function reasonOf(settings: { reason?: string | undefined; reason_code?: string | undefined } | undefined): string {
  return settings?.reason ?? settings?.reason_code ?? 'not allowed';
}

class Differ {
  readonly changes: string[] = [];
  readonly refusals: string[] = [];

  constructor(private readonly columnsOf: ColumnLookup) {}

  schema(name: string, current: SchemaConfigSchema, wish: SchemaWish): SchemaUpdate | undefined {
    const tables: Record<string, TableUpdate> = {};
    for (const [tableName, tableWish] of Object.entries(wish.tables)) {
      const table = current.tables?.[tableName];
      if (!table) continue;
      const update = this.table(`${name}.${tableName}`, name, tableName, table, tableWish);
      if (update) tables[tableName] = update;
    }
    const toggled = wish.enabled !== undefined && wish.enabled !== current.enabled;
    if (toggled) this.changes.push(`${name} ${onOff(wish.enabled!)}`);
    if (!toggled && Object.keys(tables).length === 0) return undefined;
    return { enabled: wish.enabled ?? current.enabled, ...(Object.keys(tables).length ? { tables } : {}) };
  }

  private table(label: string, schema: string, name: string, current: TableConfig, wish: TableWish): TableUpdate | undefined {
    const update: TableUpdate = { enabled: wish.enabled ?? current.enabled };
    let changed = false;
    if (wish.enabled !== undefined && wish.enabled !== current.enabled) {
      if (current.enabled_patch_settings?.allowed === false) this.refusals.push(`${label} cannot be ${onOff(wish.enabled)}: ${reasonOf(current.enabled_patch_settings)}`);
      else {
        this.changes.push(`${label} ${onOff(wish.enabled)}`);
        changed = true;
      }
    }
    if (wish.sync_mode !== undefined && wish.sync_mode !== current.sync_mode) {
      if (wish.sync_mode === 'HISTORY' && current.supports_history_mode === false) this.refusals.push(`${label} does not support history mode`);
      else {
        update.sync_mode = wish.sync_mode;
        this.changes.push(`${label} sync_mode ${wish.sync_mode}`);
        changed = true;
      }
    }
    const columns = this.columns(label, schema, name, current, wish.columns);
    if (Object.keys(columns).length) {
      update.columns = columns;
      changed = true;
    }
    return changed ? update : undefined;
  }

  private columns(label: string, schema: string, table: string, current: TableConfig, wishes: Record<string, ColumnWish>): Record<string, ColumnUpdate> {
    const out: Record<string, ColumnUpdate> = {};
    if (Object.keys(wishes).length === 0) return out;
    if (current.supports_columns_config === false) {
      this.refusals.push(`${label} does not support column settings`);
      return out;
    }
    const live = this.columnsOf(schema, table);
    for (const [name, wish] of Object.entries(wishes)) {
      const known = current.columns?.[name] ?? live?.[name];
      if (!known && live) {
        const near = closest(name, Object.keys(live));
        this.refusals.push(`no column '${name}' in ${label}${near ? ` (did you mean '${near}'?)` : ''}`);
        continue;
      }
      const update = this.column(`${label}.${name}`, known, wish);
      if (update) out[name] = update;
    }
    return out;
  }

  /** `known` is undefined when the column's state cannot be read: then what is wished is sent as is. */
  private column(label: string, known: ColumnConfig | undefined, wish: ColumnWish): ColumnUpdate | undefined {
    if (!known) return this.unknownColumn(label, wish);
    const update: ColumnUpdate = { enabled: wish.enabled ?? known.enabled };
    let changed = false;
    if (wish.enabled !== undefined && wish.enabled !== known.enabled) {
      if (known.enabled_patch_settings?.allowed === false) this.refusals.push(`${label} cannot be ${onOff(wish.enabled)}: ${reasonOf(known.enabled_patch_settings)}`);
      else {
        this.changes.push(`${label} ${onOff(wish.enabled)}`);
        changed = true;
      }
    }
    for (const flag of ['hashed', 'is_primary_key'] as const) {
      if (wish[flag] === undefined || wish[flag] === (known[flag] ?? false)) continue;
      update[flag] = wish[flag];
      this.changes.push(`${label} ${flag === 'hashed' ? (wish[flag] ? 'hashed' : 'not hashed') : `is_primary_key ${wish[flag]}`}`);
      changed = true;
    }
    return changed ? update : undefined;
  }

  private unknownColumn(label: string, wish: ColumnWish): ColumnUpdate {
    const update: ColumnUpdate = { enabled: wish.enabled ?? true, ...(wish.hashed === undefined ? {} : { hashed: wish.hashed }), ...(wish.is_primary_key === undefined ? {} : { is_primary_key: wish.is_primary_key }) };
    this.changes.push(`${label} set (${Object.entries(update).map(([k, v]) => `${k} ${v}`).join(', ')})`);
    return update;
  }
}

/** Compares a wish with the current config. */
export function diffSchemaConfig(current: SchemaConfig, wish: ConfigWish, columnsOf: ColumnLookup = () => undefined): SchemaDiff {
  const differ = new Differ(columnsOf);
  const body: SchemaConfigUpdate = {};
  const schemas: Record<string, SchemaUpdate> = {};
  for (const [name, schemaWish] of Object.entries(wish.schemas)) {
    const schema = current.schemas[name];
    if (!schema) continue;
    const update = differ.schema(name, schema, schemaWish);
    if (update) schemas[name] = update;
  }
  if (wish.schema_change_handling !== undefined && wish.schema_change_handling !== current.schema_change_handling) {
    body.schema_change_handling = wish.schema_change_handling;
    differ.changes.push(`schema_change_handling ${wish.schema_change_handling}`);
  }
  if (wish.is_type_locked !== undefined && wish.is_type_locked !== (current.is_type_locked ?? false)) {
    body.is_type_locked = wish.is_type_locked;
    differ.changes.push(`is_type_locked ${wish.is_type_locked}`);
  }
  if (Object.keys(schemas).length) body.schemas = schemas;
  return { body, changes: differ.changes, refusals: differ.refusals };
}
