import type { ClientStats, RequestCounts, Tags } from './client-types.js';

function emptyCounts(): RequestCounts {
  return { requests: 0, retries: 0, rateLimited: 0, failures: 0 };
}

/** Counters of one client and all its views, kept per tag set. */
export class RequestStats {
  private readonly total = emptyCounts();
  private readonly byKey = new Map<string, { tags: Tags; counts: RequestCounts }>();

  /** One attempt went out (and, if it did, came back with `status`). */
  attempt(tags: Tags, attempt: number, status: number | null): void {
    for (const counts of [this.total, this.countsFor(tags)]) {
      counts.requests++;
      if (attempt > 1) counts.retries++;
      if (status === 429) counts.rateLimited++;
    }
  }

  /** A call failed for good. */
  failure(tags: Tags): void {
    this.total.failures++;
    this.countsFor(tags).failures++;
  }

  snapshot(): ClientStats {
    return {
      ...this.total,
      byTags: [...this.byKey.values()].map(({ tags, counts }) => ({ tags, ...counts })),
    };
  }

  private countsFor(tags: Tags): RequestCounts {
    const key = JSON.stringify(Object.entries(tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    let entry = this.byKey.get(key);
    if (!entry) {
      entry = { tags, counts: emptyCounts() };
      this.byKey.set(key, entry);
    }
    return entry.counts;
  }
}
