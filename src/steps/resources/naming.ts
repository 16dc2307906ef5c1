/**
 * How a connection is named (its natural key within a group): the naming keys of its service's
 * format in the definition — `schema`, `schema_prefix`, `schema` + `table`, `schema` + `table_group_name`.
 */
import { namingFormat } from '../../openapi/definition-facts.js';
import { StepError } from '../../errors.js';

type Config = Record<string, unknown>;

/** The config key holding the destination schema name: `schema_prefix` for databases, `schema` otherwise. */
export function schemaKey(service: string): 'schema' | 'schema_prefix' {
  return namingFormat(service) === 'schema_prefix' ? 'schema_prefix' : 'schema';
}

const named = (config: Config, key: string): string | undefined => {
  const value = config[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
};

/**
 * The name the API reports as a connection's `schema` (unique within a group), or undefined when
 * the config lacks a naming key. @example connectionName('google_sheets', { schema: 'fin', table: 'budget' }) // 'fin.budget'
 */
export function connectionName(service: string, config: Config): string | undefined {
  const format = namingFormat(service);
  if (format === 'schema_prefix') return named(config, 'schema_prefix');
  const schema = named(config, 'schema');
  if (format === 'schema_table' || format === 'schema_table_group') {
    const table = format === 'schema_table' ? named(config, 'table') : (named(config, 'table_group_name') ?? named(config, 'table'));
    return schema !== undefined && table !== undefined ? `${schema}.${table}` : undefined;
  }
  return schema;
}

/** The naming keys a service needs, for messages. */
export function namingKeys(service: string): string {
  switch (namingFormat(service)) {
    case 'schema_prefix':
      return 'schema_prefix';
    case 'schema_table':
      return 'schema and table';
    case 'schema_table_group':
      return 'schema and table_group_name (or table)';
    default:
      return 'schema';
  }
}

/** `connectionName`, or a StepError saying which config keys are missing. */
export function requireConnectionName(service: string, config: Config): string {
  const name = connectionName(service, config);
  if (name === undefined) throw new StepError(`a ${service} connection is named by config.${namingKeys(service).replaceAll(' and ', ' and config.')}; it is missing`);
  return name;
}

/**
 * The naming keys of a source connection's config, filled from its reported `schema` when the
 * config does not carry them (`fin.budget` → schema `fin`, table `budget`).
 */
export function sourceNaming(service: string, config: Config, reported: unknown): Config {
  const key = schemaKey(service);
  if (named(config, key) !== undefined || typeof reported !== 'string') return {};
  const format = namingFormat(service);
  if (format !== 'schema_table' && format !== 'schema_table_group') return { [key]: reported };
  const dot = reported.indexOf('.');
  const schema = dot < 0 ? reported : reported.slice(0, dot);
  const hasTable = named(config, 'table') !== undefined || named(config, 'table_group_name') !== undefined;
  return hasTable || dot < 0 ? { schema } : { schema, table: reported.slice(dot + 1) };
}

/** The config with its schema name replaced (`name`) or extended (`suffix`); tables keep their names. */
export function renameSchema(service: string, config: Config, rename: { name?: string; suffix?: string }): Config {
  if (rename.name === undefined && rename.suffix === undefined) return config;
  const key = schemaKey(service);
  const current = named(config, key);
  if (rename.name !== undefined) return { ...config, [key]: rename.name };
  if (current === undefined) throw new StepError(`cannot add schema_suffix: config.${key} is missing`);
  return { ...config, [key]: `${current}${rename.suffix ?? ''}` };
}
