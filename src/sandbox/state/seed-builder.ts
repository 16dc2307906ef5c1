/**
 * Puts records into a store the way the API would have created them (same rules, same defaults),
 * without HTTP: the seed data and generated accounts are built with it.
 */
import { isoAt } from '../clock.js';
import { connectionService } from '../catalogue/services.js';
import { sampleConfig } from '../catalogue/sample-configs.js';
import { buildConnection, connectionName } from '../domain/connections.js';
import { refreshPresented, testDestination } from '../domain/setup-tests.js';
import type { TestRun } from '../domain/setup-tests.js';
import { startSync } from '../domain/sync.js';
import { emptyTrust } from '../domain/trust.js';
import type { IdGenerator } from './ids.js';
import { SandboxStore } from './store.js';
import type { ConnectionRecord, DestinationRecord, GroupRecord, JsonObject, UserRecord } from './types.js';

/** Fixed origin of seed timestamps, so seeded data is identical on every start. */
export const SEED_EPOCH = Date.UTC(2026, 0, 5, 8, 0, 0);

export interface ConnectionSeed {
  service: string;
  group: GroupRecord;
  /** Base of the naming keys (schema, prefix). */
  name: string;
  table?: string;
  /** Extra or replacing config keys. */
  config?: JsonObject;
  paused?: boolean;
  /** Never tested: `incomplete`. */
  untested?: boolean;
  /** Has completed syncs (succeeded_at set, hence a schema config). */
  synced?: boolean;
  /** A sync is running right now. */
  syncing?: boolean;
  syncFrequency?: number;
  sdkState?: JsonObject;
}

export class SeedBuilder {
  readonly store: SandboxStore;
  private tick = 0;
  private run: TestRun | undefined;

  constructor(
    readonly ids: IdGenerator,
    private readonly now: number,
    private readonly syncDurationMs: number,
  ) {
    const ownerId = ids.next();
    this.store = new SandboxStore({ account_id: ids.next(), account_name: 'Atlas Sandbox', user_id: ownerId });
    this.addUser({ id: ownerId, email: 'sandra.box@example.com', given_name: 'Sandra', family_name: 'Box', role: 'Account Administrator' });
  }

  /** The next seed timestamp (ms): one hour after the previous one. */
  private nextTime(): number {
    return SEED_EPOCH + this.tick++ * 3_600_000;
  }

  /** Seeds run setup tests as the owner, trusting nothing; built once, it is the same for all. */
  private testRun(): TestRun {
    if (!this.run) {
      const owner = this.store.users.get(this.store.account.user_id);
      this.run = { trustCertificates: false, trustFingerprints: false, by: `${owner?.given_name} ${owner?.family_name}`, at: isoAt(SEED_EPOCH), newId: () => this.ids.next() };
    }
    return this.run;
  }

  addUser(user: Partial<UserRecord> & Pick<UserRecord, 'email' | 'given_name' | 'family_name'>): UserRecord {
    const at = isoAt(this.nextTime());
    const record: UserRecord = {
      id: user.id ?? this.ids.next(),
      email: user.email,
      given_name: user.given_name,
      family_name: user.family_name,
      verified: user.verified ?? true,
      invited: user.invited ?? false,
      active: user.active ?? true,
      picture: user.picture ?? null,
      phone: user.phone ?? null,
      role: user.role ?? 'Account Reviewer',
      logged_in_at: at,
      created_at: at,
    };
    this.store.users.add(record);
    return record;
  }

  addGroup(name: string): GroupRecord {
    const group: GroupRecord = { id: this.ids.next(), name, created_at: isoAt(this.nextTime()) };
    this.store.groups.add(group);
    return group;
  }

  addDestination(group: GroupRecord, service: string, config: JsonObject): DestinationRecord {
    const destination: DestinationRecord = {
      id: group.id,
      group_id: group.id,
      service,
      region: 'GCP_US_EAST4',
      time_zone_offset: '-5',
      daylight_saving_time_enabled: true,
      setup_status: 'incomplete',
      networking_method: 'Directly',
      private_link_id: null,
      hybrid_deployment_agent_id: null,
      proxy_agent_id: null,
      config,
      setup_tests: [],
      trust: emptyTrust(),
    };
    refreshPresented(destination.trust, config, true);
    testDestination(destination, this.testRun());
    this.store.destinations.add(destination);
    return destination;
  }

  addConnection(seed: ConnectionSeed): ConnectionRecord {
    const entry = connectionService(seed.service);
    if (!entry) throw new Error(`seed uses an unknown service ${seed.service}`);
    const config = { ...sampleConfig(seed.service, seed.name, seed.table), ...seed.config };
    const body: JsonObject = {
      service: seed.service,
      group_id: seed.group.id,
      config,
      paused: seed.paused ?? false,
      run_setup_tests: !seed.untested,
      sync_frequency: seed.syncFrequency ?? 360,
    };
    const createdAt = this.nextTime();
    const connection = buildConnection(body, connectionName(seed.service, config), entry, {
      id: this.ids.next(),
      connectedBy: this.store.account.user_id,
      createdAt: isoAt(createdAt),
      now: this.now,
      syncDurationMs: this.syncDurationMs,
      run: this.testRun(),
    });
    if (seed.synced) {
      connection.succeeded_at = isoAt(createdAt + 1_800_000);
      connection.status.is_historical_sync = false;
    }
    if (connection.status.setup_state === 'broken') connection.failed_at = isoAt(createdAt + 900_000);
    if (seed.syncing) startSync(connection, this.now - Math.min(1_000, this.syncDurationMs), this.syncDurationMs);
    if (seed.sdkState) connection.sdk_state = seed.sdkState;
    this.store.addConnection(connection);
    return connection;
  }
}
