/** An API object as the steps handle it: any JSON object (an `id` once it exists). */
export type ApiObject = Record<string, unknown>;

/**
 * The objects of one collection by natural key (a group's name, a connection's schema within its
 * group…), loaded once per run and kept up to date with what the run creates, so a fan-out of
 * creates costs one list, not one lookup per item.
 */
export class KeyedIndex {
  private readonly byKey = new Map<string, ApiObject>();
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly keyOf: (object: ApiObject) => string | undefined,
    objects: Iterable<ApiObject> = [],
  ) {
    for (const object of objects) this.add(object);
  }

  find(key: string): ApiObject | undefined {
    return this.byKey.get(key);
  }

  /** Every object held, for lookups that are not by key (a group by id). */
  values(): IterableIterator<ApiObject> {
    return this.byKey.values();
  }

  keys(): string[] {
    return [...this.byKey.keys()];
  }

  add(object: ApiObject): void {
    const key = this.keyOf(object);
    if (key !== undefined) this.byKey.set(key, object);
  }

  /**
   * Runs `task` once every earlier task for the same key has finished, so two items of one fan-out
   * that want the same object never both see it missing and both create it.
   */
  async serial<R>(key: string, task: () => Promise<R>): Promise<R> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const result = previous.then(task);
    const done = result.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(key, done);
    try {
      return await result;
    } finally {
      if (this.queues.get(key) === done) this.queues.delete(key);
    }
  }
}
