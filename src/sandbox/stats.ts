/**
 * What the sandbox saw, for tests and benchmarks: requests by method, route template and status,
 * 429s, writes applied by kind, injected faults, and in-flight requests with their peak (an
 * end-to-end test reads the peak to prove the CLI respects its concurrency cap).
 */

/** Kinds of state changes counted under `writes`. */
export type WriteKind =
  | 'group_created'
  | 'group_updated'
  | 'group_deleted'
  | 'destination_created'
  | 'destination_updated'
  | 'destination_deleted'
  | 'destination_tested'
  | 'connection_created'
  | 'connection_updated'
  | 'connection_deleted'
  | 'connection_tested'
  | 'sync_triggered'
  | 'resync_triggered'
  | 'schema_created'
  | 'schema_reloaded'
  | 'schema_patched'
  | 'columns_dropped'
  | 'state_updated'
  | 'connect_card_created'
  | 'certificate_approved'
  | 'certificate_revoked'
  | 'fingerprint_approved'
  | 'fingerprint_revoked'
  | 'user_created'
  | 'user_updated'
  | 'user_deleted'
  | 'team_created'
  | 'team_updated'
  | 'team_deleted'
  | 'membership_changed'
  | 'webhook_created'
  | 'webhook_updated'
  | 'webhook_deleted';

export type FaultKind = 'failedBeforeWrite' | 'failedAfterWrite' | 'resetBeforeWrite' | 'resetAfterWrite' | 'slow';

export interface SandboxStats {
  requests: {
    total: number;
    byMethod: Record<string, number>;
    byStatus: Record<string, number>;
    /** `"GET /v1/connections/{connectionId}"` → status → count; `reset` counts dropped connections. */
    byRoute: Record<string, Record<string, number>>;
  };
  /** Requests answered 429. */
  rateLimited: number;
  writes: { total: number; byKind: Partial<Record<WriteKind, number>> };
  faults: Record<FaultKind, number>;
  inFlight: number;
  peakInFlight: number;
}

const increment = <K extends string>(map: Partial<Record<K, number>>, key: K): void => {
  map[key] = (map[key] ?? 0) + 1;
};

/** Mutable counters behind `stats()`. */
export class StatsCollector {
  private data: SandboxStats = StatsCollector.empty();

  private static empty(): SandboxStats {
    return {
      requests: { total: 0, byMethod: {}, byStatus: {}, byRoute: {} },
      rateLimited: 0,
      writes: { total: 0, byKind: {} },
      faults: { failedBeforeWrite: 0, failedAfterWrite: 0, resetBeforeWrite: 0, resetAfterWrite: 0, slow: 0 },
      inFlight: 0,
      peakInFlight: 0,
    };
  }

  begin(): void {
    this.data.inFlight += 1;
    if (this.data.inFlight > this.data.peakInFlight) this.data.peakInFlight = this.data.inFlight;
  }

  end(): void {
    this.data.inFlight = Math.max(0, this.data.inFlight - 1);
  }

  /** Counts one answered (or dropped) request; `route` is `METHOD template`. */
  request(method: string, route: string, status: number | 'reset'): void {
    const r = this.data.requests;
    r.total += 1;
    increment(r.byMethod, method);
    increment(r.byStatus, String(status));
    increment((r.byRoute[route] ??= {}), String(status));
    if (status === 429) this.data.rateLimited += 1;
  }

  write(kind: WriteKind): void {
    this.data.writes.total += 1;
    increment(this.data.writes.byKind, kind);
  }

  fault(kind: FaultKind): void {
    this.data.faults[kind] += 1;
  }

  /** Clears the counters; requests in flight stay counted as in flight. */
  reset(): void {
    const inFlight = this.data.inFlight;
    this.data = StatsCollector.empty();
    this.data.inFlight = inFlight;
    this.data.peakInFlight = inFlight;
  }

  /** A deep copy, safe to hand out. */
  snapshot(): SandboxStats {
    return structuredClone(this.data);
  }
}
