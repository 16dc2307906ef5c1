/**
 * Facts about a service read from the committed definition, so the sandbox follows the definition
 * instead of a hand-kept copy: which naming keys a connection needs, which config keys are secrets.
 */
import { loadSubset, refName } from './subset.js';
import type { JsonSchema } from './subset.js';

/** How a connector names its destination objects (Fivetran's `schema_format_*` components). */
export type NamingFormat = 'schema' | 'schema_table' | 'schema_prefix' | 'schema_table_group';

const NAMING_COMPONENTS: Record<string, NamingFormat> = {
  schema_format_schema: 'schema',
  schema_format_schema_table: 'schema_table',
  schema_format_schema_prefix: 'schema_prefix',
  schema_format_schema_table_group: 'schema_table_group',
};

function variantParts(base: string, service: string): string[] {
  const schemas = loadSubset().components.schemas;
  const discriminator = schemas[base]?.discriminator as { mapping?: Record<string, string> } | undefined;
  const variant = refName(discriminator?.mapping?.[service]);
  const allOf = variant ? (schemas[variant]?.allOf as JsonSchema[] | undefined) : undefined;
  return (allOf ?? []).map((part) => refName(part.$ref)).filter((name): name is string => name !== undefined);
}

const namingCache = new Map<string, NamingFormat | undefined>();

/** The naming format of a connector service, e.g. `schema_prefix` for postgres; undefined if unknown. */
export function namingFormat(service: string): NamingFormat | undefined {
  if (!namingCache.has(service)) {
    const part = variantParts('NewConnectorRequestV1', service).find((name) => name in NAMING_COMPONENTS);
    namingCache.set(service, part ? NAMING_COMPONENTS[part] : undefined);
  }
  return namingCache.get(service);
}

const secretCache = new Map<string, ReadonlySet<string>>();

/** Config keys the definition marks `format: password` for a connector or destination service. */
export function passwordConfigKeys(kind: 'connection' | 'destination', service: string): ReadonlySet<string> {
  const key = `${kind}:${service}`;
  let keys = secretCache.get(key);
  if (!keys) {
    const base = kind === 'connection' ? 'NewConnectorRequestV1' : 'NewDestinationRequest';
    const schemas = loadSubset().components.schemas;
    const found = new Set<string>();
    for (const part of variantParts(base, service).filter((name) => name.endsWith('_config_V1'))) {
      const config = (schemas[part]?.properties as Record<string, JsonSchema> | undefined)?.config;
      const properties = (config?.properties ?? {}) as Record<string, JsonSchema>;
      for (const [name, property] of Object.entries(properties)) if (property.format === 'password') found.add(name);
    }
    secretCache.set(key, (keys = found));
  }
  return keys;
}
