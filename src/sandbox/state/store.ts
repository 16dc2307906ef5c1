/**
 * The sandbox's in-memory state: collections in creation order (pages are slices, O(limit)) with
 * O(1) lookups by id and by (group, schema name), which is how 100 000 connections stay fast.
 */
import type {
  AccountRecord,
  ConnectionRecord,
  DestinationRecord,
  GroupRecord,
  MembershipRecord,
  StateSnapshot,
  TeamRecord,
  UserRecord,
  WebhookRecord,
} from './types.js';

/** A Map kept in insertion order with index access for pagination. */
export class OrderedCollection<T extends { id: string }> {
  private readonly byId = new Map<string, T>();
  private readonly order: string[] = [];

  get size(): number {
    return this.order.length;
  }

  get(id: string): T | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  add(item: T): void {
    if (this.byId.has(item.id)) throw new Error(`duplicate id ${item.id}`);
    this.byId.set(item.id, item);
    this.order.push(item.id);
  }

  remove(id: string): T | undefined {
    const item = this.byId.get(id);
    if (!item) return undefined;
    this.byId.delete(id);
    this.order.splice(this.order.indexOf(id), 1);
    return item;
  }

  /** Ids in creation order; do not mutate. */
  ids(): readonly string[] {
    return this.order;
  }

  values(): T[] {
    return this.order.map((id) => this.byId.get(id) as T);
  }
}

const schemaKey = (groupId: string, schema: string): string => `${groupId}\u0000${schema}`;

export class SandboxStore {
  account: AccountRecord;
  readonly groups = new OrderedCollection<GroupRecord>();
  readonly destinations = new OrderedCollection<DestinationRecord>();
  readonly connections = new OrderedCollection<ConnectionRecord>();
  readonly users = new OrderedCollection<UserRecord>();
  readonly teams = new OrderedCollection<TeamRecord>();
  readonly webhooks = new OrderedCollection<WebhookRecord>();
  /** Keyed like `user:<id>:group`, `team:<id>:connection`, `team:<id>:user`. */
  readonly memberships = new Map<string, MembershipRecord[]>();
  private readonly connectionsByGroup = new Map<string, string[]>();
  private readonly connectionBySchema = new Map<string, string>();

  constructor(account: AccountRecord) {
    this.account = account;
  }

  addConnection(connection: ConnectionRecord): void {
    this.connections.add(connection);
    let list = this.connectionsByGroup.get(connection.group_id);
    if (!list) this.connectionsByGroup.set(connection.group_id, (list = []));
    list.push(connection.id);
    this.connectionBySchema.set(schemaKey(connection.group_id, connection.schema), connection.id);
  }

  removeConnection(id: string): ConnectionRecord | undefined {
    const connection = this.connections.remove(id);
    if (!connection) return undefined;
    const list = this.connectionsByGroup.get(connection.group_id);
    if (list) list.splice(list.indexOf(id), 1);
    this.connectionBySchema.delete(schemaKey(connection.group_id, connection.schema));
    for (const [key, members] of this.memberships) {
      if (key.endsWith(':connection')) this.memberships.set(key, members.filter((m) => m.id !== id));
    }
    return connection;
  }

  /** Connection ids of a group in creation order; do not mutate. */
  connectionIdsOfGroup(groupId: string): readonly string[] {
    return this.connectionsByGroup.get(groupId) ?? [];
  }

  /** The connection named `schema` in a group (names are unique per group). */
  connectionIdBySchema(groupId: string, schema: string): string | undefined {
    return this.connectionBySchema.get(schemaKey(groupId, schema));
  }

  removeGroup(id: string): GroupRecord | undefined {
    const group = this.groups.remove(id);
    if (!group) return undefined;
    for (const connectionId of [...this.connectionIdsOfGroup(id)]) this.removeConnection(connectionId);
    this.connectionsByGroup.delete(id);
    this.destinations.remove(id);
    for (const [key, members] of this.memberships) {
      if (key.endsWith(':group')) this.memberships.set(key, members.filter((m) => m.id !== id));
    }
    for (const webhook of this.webhooks.values()) if (webhook.group_id === id) this.webhooks.remove(webhook.id);
    return group;
  }

  /** The membership list under `key`, created empty on first use. */
  membershipList(key: string): MembershipRecord[] {
    let list = this.memberships.get(key);
    if (!list) this.memberships.set(key, (list = []));
    return list;
  }

  /** A deep copy of everything (secrets included: callers mask before it leaves the process). */
  snapshot(): StateSnapshot {
    return structuredClone({
      version: 1,
      account: this.account,
      groups: this.groups.values(),
      destinations: this.destinations.values(),
      connections: this.connections.values(),
      users: this.users.values(),
      teams: this.teams.values(),
      memberships: Object.fromEntries(this.memberships),
      webhooks: this.webhooks.values(),
    });
  }

  /** Rebuilds a store from a snapshot (the snapshot's records are taken over, not copied). */
  static fromSnapshot(snapshot: StateSnapshot): SandboxStore {
    const store = new SandboxStore(snapshot.account);
    for (const group of snapshot.groups) store.groups.add(group);
    for (const destination of snapshot.destinations) store.destinations.add(destination);
    for (const connection of snapshot.connections) store.addConnection(connection);
    for (const user of snapshot.users) store.users.add(user);
    for (const team of snapshot.teams) store.teams.add(team);
    for (const [key, members] of Object.entries(snapshot.memberships)) store.memberships.set(key, members);
    for (const webhook of snapshot.webhooks) store.webhooks.add(webhook);
    return store;
  }

  /** Every id in use, so a generator never hands one out twice. */
  allIds(): string[] {
    const ids = [this.account.account_id, this.account.user_id];
    for (const collection of [this.groups, this.connections, this.users, this.teams, this.webhooks]) ids.push(...collection.ids());
    return ids;
  }
}
