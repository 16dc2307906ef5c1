/**
 * One running sandbox's parts: state, ids, counters, rate limiter, faults and the compiled router.
 * `reset()` puts all of them back to their starting point.
 */
import type { Sandbox } from './context.js';
import { maskConfig, MASK } from './domain/secrets.js';
import { settle } from './domain/sync.js';
import { FaultInjector } from './faults.js';
import type { ResolvedOptions } from './options.js';
import { RateLimiter } from './rate-limit.js';
import { buildRouter } from './routes/index.js';
import type { RouteEntry } from './routes/index.js';
import type { PathTemplates } from '../openapi/path-template.js';
import { StatsCollector } from './stats.js';
import type { WriteKind } from './stats.js';
import { generateState } from './state/generate.js';
import { IdGenerator } from './state/ids.js';
import { SandboxStore } from './state/store.js';
import type { StateSnapshot } from './state/types.js';

export class SandboxApp implements Sandbox {
  store: SandboxStore;
  readonly ids: IdGenerator;
  readonly stats = new StatsCollector();
  readonly limiter: RateLimiter | undefined;
  readonly faults: FaultInjector;
  readonly router: PathTemplates<RouteEntry>;

  constructor(
    readonly options: ResolvedOptions,
    initial?: StateSnapshot,
  ) {
    this.ids = new IdGenerator(options.seed);
    this.store = initial ? this.adopt(initial) : this.generate();
    this.limiter = options.rateLimit === false ? undefined : new RateLimiter(options.rateLimit, options.now);
    this.faults = new FaultInjector(options, options.seed + 1);
    this.router = buildRouter(options.legacyPaths);
  }

  private generate(): SandboxStore {
    const o = this.options;
    return generateState(this.ids, { data: o.data, groups: o.groups, connections: o.connections, now: o.now(), syncDurationMs: o.syncDurationMs });
  }

  private adopt(snapshot: StateSnapshot): SandboxStore {
    const store = SandboxStore.fromSnapshot(snapshot);
    for (const id of store.allIds()) this.ids.reserve(id);
    return store;
  }

  record(kind: WriteKind): void {
    this.stats.write(kind);
  }

  /** Back to the starting state (regenerated from the options), with fresh counters and buckets. */
  reset(): void {
    this.ids.reset();
    this.store = this.generate();
    this.stats.reset();
    this.limiter?.reset();
    this.faults.reset();
  }

  /** Everything in the state, finished syncs settled, every secret masked. */
  maskedSnapshot(): StateSnapshot {
    const now = this.options.now();
    for (const connection of this.store.connections.values()) settle(connection, now);
    const snapshot = this.store.snapshot();
    for (const connection of snapshot.connections) connection.config = maskConfig('connection', connection.service, connection.config);
    for (const destination of snapshot.destinations) destination.config = maskConfig('destination', destination.service, destination.config);
    for (const webhook of snapshot.webhooks) if (webhook.secret !== null) webhook.secret = MASK;
    return snapshot;
  }
}
