import { AdaptiveConcurrency } from './adaptive-concurrency.js';
import type { Sleep, Tags } from './client-types.js';
import type { WindowBudget } from './rate-limits.js';
import { RollingWindow } from './rolling-window.js';
import type { TrafficClass } from './traffic-class.js';

/** What the limiter needs; time is injected so tests step a fake clock instead of waiting. */
export interface RateLimiterOptions {
  budgets: readonly WindowBudget[];
  /** Cap on concurrent requests; unlimited when absent (the adaptive cut still applies after a 429). */
  maxInFlight?: number;
  now: () => number;
  sleep: Sleep;
  /** A request has to wait `delayMs` for `trafficClass`'s budget or pause (reported once per request). */
  onWait?: (delayMs: number, trafficClass: TrafficClass, tags: Tags) => void;
}

/** How a granted request ended, so the limiter can adapt. */
export interface PermitOutcome {
  /** HTTP status, or null when no answer came back. */
  status: number | null;
  /** Parsed `Retry-After` of a 429: the whole class pauses this long. */
  retryAfterMs?: number;
  /** `X-Rate-Limit-Remaining`, when the answer carried it. */
  remaining?: number;
}

/** The right to send one request now. Release it exactly once with how it went. */
export interface Permit {
  release(outcome: PermitOutcome): void;
}

interface Waiter {
  classes: readonly TrafficClass[];
  tags: Tags;
  resolve: (permit: Permit) => void;
  reject: (reason: unknown) => void;
  reported: boolean;
}

/**
 * One per client, shared by every view and fan-out: rolling-window budgets per traffic class, class-wide
 * pauses on `Retry-After`, and an adaptive in-flight cap. Waiters are served in arrival order, but one
 * blocked on a narrow class (setup tests) does not hold up requests that class does not cover.
 */
export class RateLimiter {
  private readonly windows = new Map<TrafficClass, RollingWindow[]>();
  private readonly pausedUntil = new Map<TrafficClass, number>();
  private readonly concurrency: AdaptiveConcurrency;
  private readonly queue: Waiter[] = [];
  private active = 0;
  private wake: { time: number; controller: AbortController } | undefined;

  constructor(private readonly options: RateLimiterOptions) {
    this.concurrency = new AdaptiveConcurrency(options.maxInFlight ?? Infinity);
    for (const budget of options.budgets) {
      const list = this.windows.get(budget.trafficClass) ?? [];
      list.push(new RollingWindow(budget.limit, budget.windowMs));
      this.windows.set(budget.trafficClass, list);
    }
  }

  /** Requests granted and not yet released. */
  get inFlight(): number {
    return this.active;
  }

  /** The in-flight limit in force now (drops after 429s, recovers on successes). */
  get inFlightLimit(): number {
    return this.concurrency.allowed;
  }

  /** Resolves when a request of these classes may be sent; rejects with the signal's reason on abort. */
  acquire(classes: readonly TrafficClass[], tags: Tags, signal?: AbortSignal): Promise<Permit> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<Permit>((resolve, reject) => {
      const waiter: Waiter = { classes, tags, resolve, reject, reported: false };
      if (signal) {
        const onAbort = (): void => {
          const index = this.queue.indexOf(waiter);
          if (index === -1) return;
          this.queue.splice(index, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', onAbort, { once: true });
        waiter.resolve = (permit) => {
          signal.removeEventListener('abort', onAbort);
          resolve(permit);
        };
      }
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** Nothing of these classes is sent for `ms` (a `Retry-After` applies to the class, not one request). */
  pause(classes: readonly TrafficClass[], ms: number): void {
    const until = this.options.now() + ms;
    for (const trafficClass of classes) {
      this.pausedUntil.set(trafficClass, Math.max(this.pausedUntil.get(trafficClass) ?? 0, until));
    }
    this.pump();
  }

  /** Grants every waiter that may go now; schedules one wake-up for the earliest blocked one. */
  private pump(): void {
    const now = this.options.now();
    let earliest = Infinity;
    for (let i = 0; i < this.queue.length; ) {
      if (this.active >= this.concurrency.allowed) return;
      const waiter = this.queue[i]!;
      const blocked = this.blockedFor(waiter.classes, now);
      if (blocked) {
        if (!waiter.reported) {
          waiter.reported = true;
          this.options.onWait?.(blocked.delayMs, blocked.trafficClass, waiter.tags);
        }
        earliest = Math.min(earliest, now + blocked.delayMs);
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      waiter.resolve(this.grant(waiter.classes, now));
    }
    if (earliest !== Infinity) this.wakeAt(earliest);
  }

  /** The longest wait any class of the request imposes, or undefined when it may go. */
  private blockedFor(classes: readonly TrafficClass[], now: number): { delayMs: number; trafficClass: TrafficClass } | undefined {
    let worst: { delayMs: number; trafficClass: TrafficClass } | undefined;
    for (const trafficClass of classes) {
      let delayMs = Math.max(0, (this.pausedUntil.get(trafficClass) ?? 0) - now);
      for (const window of this.windows.get(trafficClass) ?? []) delayMs = Math.max(delayMs, window.waitMs(now));
      if (delayMs > 0 && (!worst || delayMs > worst.delayMs)) worst = { delayMs, trafficClass };
    }
    return worst;
  }

  private grant(classes: readonly TrafficClass[], now: number): Permit {
    for (const trafficClass of classes) for (const window of this.windows.get(trafficClass) ?? []) window.record(now);
    this.active++;
    const epoch = this.concurrency.epoch;
    let released = false;
    return {
      release: (outcome) => {
        if (released) return;
        released = true;
        this.settle(classes, epoch, outcome);
      },
    };
  }

  private settle(classes: readonly TrafficClass[], epoch: number, outcome: PermitOutcome): void {
    const inFlight = this.active;
    this.active--;
    if (outcome.remaining !== undefined) this.concurrency.observeRemaining(outcome.remaining);
    if (outcome.status === 429) {
      this.concurrency.onRateLimited(epoch, inFlight);
      if (outcome.retryAfterMs !== undefined && outcome.retryAfterMs > 0) this.pause(pausedClasses(classes), outcome.retryAfterMs);
    } else if (outcome.status !== null) {
      this.concurrency.onSuccess();
    }
    this.pump();
  }

  private wakeAt(time: number): void {
    if (this.wake && this.wake.time <= time) return;
    this.wake?.controller.abort();
    const controller = new AbortController();
    this.wake = { time, controller };
    this.options.sleep(Math.max(0, time - this.options.now()), controller.signal).then(
      () => {
        if (this.wake?.controller !== controller) return;
        this.wake = undefined;
        this.pump();
      },
      () => undefined,
    );
  }
}

/**
 * The narrowest class of the request (classes run broad to narrow): a 429 on a setup test pauses setup
 * tests, one on a plain request pauses everything. If a broader budget was the one exceeded, the next
 * request of that class gets its own 429 and pauses it.
 */
function pausedClasses(classes: readonly TrafficClass[]): readonly TrafficClass[] {
  return [classes[classes.length - 1] ?? 'all'];
}
