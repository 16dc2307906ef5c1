/** What ordering needs to know of a write. */
export interface Orderable {
  step: string;
  key: string;
  creates?: string;
  needs?: readonly string[];
}

/**
 * The writes in recorded order, except that a write comes after the creates of the planned ids it
 * refers to, and after the earlier writes of its own item (so an item's writes keep their order).
 * Writes whose needs no write creates keep their place at the end, in order.
 */
export function orderWrites<T extends Orderable>(writes: readonly T[]): T[] {
  const creators = new Set(writes.map((w) => w.creates).filter((id): id is string => id !== undefined));
  const emitted = new Set<string>();
  const itemsBlocked = new Set<string>();
  const ordered: T[] = [];
  let waiting: T[] = [];
  const ready = (write: T): boolean => !itemsBlocked.has(itemOf(write)) && (write.needs ?? []).every((id) => emitted.has(id) || !creators.has(id));
  const emit = (write: T): void => {
    ordered.push(write);
    if (write.creates) emitted.add(write.creates);
  };
  for (const write of writes) {
    if (!ready(write)) {
      waiting.push(write);
      itemsBlocked.add(itemOf(write));
      continue;
    }
    emit(write);
    if (write.creates) waiting = release(waiting);
  }
  return [...ordered, ...waiting];

  /** Emits the waiting writes that became ready (in order, repeatedly), and returns the rest. */
  function release(pending: T[]): T[] {
    for (let progress = true; progress; ) {
      progress = false;
      itemsBlocked.clear();
      const still: T[] = [];
      for (const write of pending) {
        if (ready(write)) {
          emit(write);
          progress = true;
        } else {
          still.push(write);
          itemsBlocked.add(itemOf(write));
        }
      }
      pending = still;
    }
    return pending;
  }
}

function itemOf(write: Orderable): string {
  return `${write.step}\u0000${write.key}`;
}
