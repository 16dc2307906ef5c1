/**
 * Plausible connection configs per kind of source, valid against each service's config schema in
 * the definition. Used for the seed account and for generated connections. The secrets are fake
 * and, like every stored secret, never shown.
 */
import { namingFormat } from '../../openapi/definition-facts.js';
import type { JsonObject } from '../state/types.js';
import { connectionService } from './services.js';

const DB_PORTS: Record<string, number> = { postgres: 5432, sql_server: 1433, mysql: 3306, oracle: 1521, document_db: 27017, warehouse_db: 443 };
const UPDATE_METHODS: Record<string, string> = {
  postgres: 'WAL_PGOUTPUT',
  sql_server: 'NATIVE_UPDATE',
  sql_server_rds: 'NATIVE_UPDATE',
  azure_sql_db: 'NATIVE_UPDATE',
  mysql: 'BINLOG',
};

function databaseConfig(service: string, family: string, name: string): JsonObject {
  const config: JsonObject = {
    host: `${name.replace(/_/g, '-')}.db.example.com`,
    port: DB_PORTS[family] ?? 5432,
    database: family === 'sql_server' ? 'hr' : family === 'mysql' ? 'shop' : 'erp',
    user: 'fivetran',
    password: `pw-${name}`,
    connection_type: 'Directly',
    schema_prefix: name,
  };
  const updateMethod = UPDATE_METHODS[service] ?? UPDATE_METHODS[family];
  if (updateMethod) config.update_method = updateMethod;
  if (family === 'postgres') Object.assign(config, { replication_slot: 'fivetran_slot', publication_name: 'fivetran_pub' });
  if (service === 'dynamodb') return { role_arn: 'arn:aws:iam::123456789012:role/fivetran-dynamodb', schema: name };
  return config;
}

function fileConfig(service: string, schema: string, table: string): JsonObject {
  const common = { schema, table, file_type: 'csv', delimiter: ',', compression: 'infer', on_error: 'fail', pattern: `${table}_\\d{8}\\.csv` };
  if (service === 's3') {
    return {
      ...common,
      bucket: 'acme-landing',
      prefix: `exports/${table}/`,
      auth_type: 'IAM_ROLE',
      role_arn: 'arn:aws:iam::123456789012:role/fivetran-s3',
      append_file_option: 'upsert_file',
      list_strategy: 'complete_listing',
      connection_type: 'Directly',
    };
  }
  if (service === 'sftp' || service === 'ftp') return { ...common, host: 'files.partner.example.com', port: service === 'sftp' ? 22 : 21, user: 'fivetran', password: `pw-${schema}` };
  return common;
}

/** A config for `service` whose naming keys derive from `name` (and `table` for two-part names). */
export function sampleConfig(service: string, name: string, table = 'data'): JsonObject {
  const family = connectionService(service)?.family ?? 'app';
  switch (family) {
    case 'postgres':
    case 'sql_server':
    case 'mysql':
    case 'oracle':
    case 'document_db':
    case 'warehouse_db':
      return databaseConfig(service, family, name);
    case 'file':
      return fileConfig(service, name, table);
    case 'sheet':
      return { schema: name, table, sheet_id: `https://docs.google.com/spreadsheets/d/1${name.replace(/_/g, '')}AbC/edit`, named_range: `${table}_range`, auth_type: 'ServiceAccount' };
    case 'salesforce':
      return { schema: name, api_usage_limit: 80, sync_formula_fields: true, authentication_method: 'STANDARD' };
    case 'marketing':
      return { schema: name, sync_mode: 'SpecificAccounts', accounts: ['1001', '1002'], timeframe_months: 'TWELVE' };
    case 'log':
      return { schema: name, is_account_level_connector: true };
    case 'sdk':
      return { schema: name, ...(service === 'connector_sdk' ? { python_version: '3.12' } : {}) };
    case 'app':
      return namingFormat(service) === 'schema' ? { schema: name } : { schema: name, table };
  }
}
