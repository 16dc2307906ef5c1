/**
 * Builds the starting state: the default account (or an empty one) grown to the requested numbers
 * of groups and connections. Generated connections rotate through a few common services and are
 * spread round-robin over the groups that have a destination, so 100 000 of them start in about a
 * second and every list stays realistic.
 */
import { SeedBuilder } from './seed-builder.js';
import { seedDefaultAccount } from './seed-data.js';
import type { IdGenerator } from './ids.js';
import type { SandboxStore } from './store.js';
import type { GroupRecord } from './types.js';

export interface GenerateOptions {
  data: 'default' | 'empty';
  /** At least this many groups in total. */
  groups?: number;
  /** At least this many connections in total. */
  connections?: number;
  now: number;
  syncDurationMs: number;
}

const GENERATED_SERVICES = ['postgres', 'sql_server', 'mysql', 'salesforce', 'stripe', 'hubspot', 's3', 'google_sheets', 'zendesk', 'google_ads'];
const EMPTY_GROUPS = new Set(['warehouse_new', 'staging']);

function growGroups(seed: SeedBuilder, total: number): void {
  for (let i = seed.store.groups.size; i < total; i++) {
    const group = seed.addGroup(`team_${String(i + 1).padStart(5, '0')}`);
    seed.addDestination(group, 'snowflake', { host: 'acme.snowflakecomputing.com', port: 443, database: `TEAM_${i + 1}`, user: 'FIVETRAN', password: 'pw', connection_type: 'Directly' });
  }
}

function growConnections(seed: SeedBuilder, total: number): void {
  const store = seed.store;
  let targets: GroupRecord[] = store.groups.values().filter((g) => store.destinations.has(g.id) && !EMPTY_GROUPS.has(g.name));
  if (targets.length === 0) {
    growGroups(seed, store.groups.size + 1);
    targets = store.groups.values().slice(-1);
  }
  for (let i = store.connections.size; i < total; i++) {
    const service = GENERATED_SERVICES[i % GENERATED_SERVICES.length] as string;
    seed.addConnection({
      service,
      group: targets[i % targets.length] as GroupRecord,
      name: `${service}_${String(i + 1).padStart(6, '0')}`,
      table: 'records',
      synced: true,
      paused: i % 17 === 0,
    });
  }
}

/** The initial store for these options. */
export function generateState(ids: IdGenerator, options: GenerateOptions): SandboxStore {
  const seed = new SeedBuilder(ids, options.now, options.syncDurationMs);
  if (options.data === 'default') seedDefaultAccount(seed);
  if (options.groups !== undefined) growGroups(seed, options.groups);
  if (options.connections !== undefined) growConnections(seed, options.connections);
  return seed.store;
}
