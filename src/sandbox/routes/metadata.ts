/** Connector-type metadata (the catalogue's services), the account, and the old source Metadata API. */
import { namingFormat } from '../../openapi/definition-facts.js';
import { loadSubset } from '../../openapi/subset.js';
import { CONNECTION_SERVICES, connectionService } from '../catalogue/services.js';
import type { ConnectionService } from '../catalogue/services.js';
import { findConnection, param } from '../context.js';
import type { RequestContext } from '../context.js';
import { catalogueOf, liveColumns, requireSchemaConfig } from '../domain/schema-config.js';
import { listed, ok } from '../http/envelope.js';
import type { Reply } from '../http/envelope.js';
import { HttpProblem } from '../http/problem.js';
import type { JsonObject } from '../state/types.js';
import { pageOf } from './common.js';
import type { RouteDef } from './route.js';

const NAMING_KEYS = { schema: ['schema'], schema_table: ['schema', 'table'], schema_prefix: ['schema_prefix'], schema_table_group: ['schema', 'table_group_name'] };

function shortMetadata(service: ConnectionService): JsonObject {
  const slug = service.id.replace(/_/g, '-');
  return {
    id: service.id,
    name: service.name,
    type: service.category,
    icon_url: `https://fivetran.com/integrations/${service.id}/resources/${slug}.png`,
    icons: [`https://fivetran.com/integrations/${service.id}/resources/${slug}.png`, `https://fivetran.com/integrations/${service.id}/resources/${slug}.svg`],
    link_to_docs: `https://fivetran.com/docs/connectors/${slug}`,
    link_to_erd: `https://fivetran.com/docs/connectors/${slug}#schemainformation`,
    connector_class: 'standard',
    service_status: 'general_availability',
    service_status_updated_at: '2024-03-01T00:00:00.000Z',
    supported_features: [
      { id: 'API_CONFIGURABLE', notes: '' },
      { id: 'RE_SYNC', notes: 'Connection and table level' },
    ],
  };
}

/** The single-type answer adds the config JSON schema, read from the definition. */
function fullMetadata(service: ConnectionService): JsonObject {
  const schemas = loadSubset().components.schemas;
  const config = (schemas[`${service.id}_config_V1`]?.properties as Record<string, JsonObject> | undefined)?.config;
  const format = namingFormat(service.id) ?? 'schema';
  return {
    ...shortMetadata(service),
    config: {
      type: 'object',
      title: `${service.name} config object`,
      required: NAMING_KEYS[format],
      properties: structuredClone((config?.properties as JsonObject | undefined) ?? {}),
    },
    auth: { type: 'object', properties: {} },
  };
}

function details(ctx: RequestContext): Reply {
  const service = connectionService(param(ctx, 'service'));
  if (!service) throw new HttpProblem(404, 'NotFound_ConnectorType', `Connector type '${param(ctx, 'service')}' not found`);
  return ok(fullMetadata(service));
}

/** Legacy ids of the old Metadata API: URL-safe base64 of `kind:path`. */
const legacyId = (text: string): string => Buffer.from(text).toString('base64url');

function sourceMetadata(ctx: RequestContext, level: 'schemas' | 'tables' | 'columns'): Reply {
  const connection = findConnection(ctx, param(ctx, 'connectionId'));
  const config = requireSchemaConfig(connection);
  const items: JsonObject[] = [];
  for (const source of catalogueOf(connection)) {
    const schema = config.schemas[source.name];
    const schemaId = legacyId(`schema:${source.name}`);
    if (level === 'schemas') items.push({ id: schemaId, name_in_source: source.name, name_in_destination: schema?.name_in_destination ?? source.name });
    for (const table of source.tables) {
      const tableId = legacyId(`table:${source.name}.${table.name}`);
      const tableConfig = schema?.tables[table.name];
      if (level === 'tables') items.push({ id: tableId, parent_id: schemaId, name_in_source: table.name, name_in_destination: tableConfig?.name_in_destination ?? table.name });
      if (level !== 'columns' || !tableConfig) continue;
      const columns = liveColumns(connection, source.name, table.name);
      for (const column of table.columns) {
        const live = columns[column.name];
        if (!live) continue;
        items.push({
          id: legacyId(`column:${source.name}.${table.name}.${column.name}`),
          parent_id: tableId,
          name_in_source: column.name,
          name_in_destination: live.name_in_destination,
          type_in_source: column.type.charAt(0).toUpperCase() + column.type.slice(1),
          type_in_destination: column.type.toUpperCase(),
          is_primary_key: column.primaryKey,
          is_foreign_key: /^[A-Z]\w*I[dD]$/.test(column.name) && !column.primaryKey,
        });
      }
    }
  }
  return listed(pageOf(ctx, items, (item) => item));
}

export const METADATA_ROUTES: RouteDef[] = [
  { method: 'GET', path: '/v1/metadata/connector-types', handler: (ctx) => listed(pageOf(ctx, CONNECTION_SERVICES, shortMetadata)) },
  { method: 'GET', path: '/v1/metadata/connector-types/{service}', handler: details },
  {
    method: 'GET',
    path: '/v1/account/info',
    handler: (ctx) => ok({ ...ctx.sandbox.store.account }),
  },
  ...(['schemas', 'tables', 'columns'] as const).map(
    (level): RouteDef => ({
      method: 'GET',
      path: `/v1/metadata/connectors/{connectionId}/${level}`,
      spec: '/v1/metadata/connector-types',
      handler: (ctx) => sourceMetadata(ctx, level),
      legacyOnly: true,
    }),
  ),
];
