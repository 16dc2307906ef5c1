import { loadSubset, refName } from '../../openapi/subset.js';
import type { JsonSchema } from '../../openapi/subset.js';

const cache = new Map<string, ReadonlySet<string> | undefined>();

/**
 * The `config` keys a connection create accepts for a service, read from the service's variant of
 * `NewConnectorRequestV1` in the committed definition (its config part and its naming part);
 * undefined for a service the definition does not describe.
 */
export function createConfigKeys(service: string): ReadonlySet<string> | undefined {
  if (cache.has(service)) return cache.get(service);
  const schemas = loadSubset().components.schemas;
  const mapping = (schemas.NewConnectorRequestV1?.discriminator as { mapping?: Record<string, string> } | undefined)?.mapping;
  const variant = refName(mapping?.[service]);
  const parts = variant ? ((schemas[variant]?.allOf as JsonSchema[] | undefined) ?? []) : undefined;
  let keys: Set<string> | undefined;
  if (parts) {
    keys = new Set();
    for (const part of parts) {
      const name = refName(part.$ref);
      if (!name || name === 'NewConnectorRequestV1') continue;
      const config = (schemas[name]?.properties as Record<string, JsonSchema> | undefined)?.config;
      for (const key of Object.keys((config?.properties as Record<string, unknown> | undefined) ?? {})) keys.add(key);
    }
  }
  cache.set(service, keys);
  return keys;
}
