import { sleep } from '../api/sleep.js';
import type { ApiClient } from '../api/index.js';
import type { Reporter } from '../report/events.js';
import type { EngineOptions } from './engine-options.js';
import type { EvaluationOptions } from './expressions.js';

/** Default fan-out width when neither the step nor the workflow says: what Terraform does, a bit under. */
export const DEFAULT_CONCURRENCY = 8;

/** State shared by every step of one run (and of the workflows it includes). */
export class RunState {
  readonly options: EngineOptions;
  readonly report: Reporter;
  readonly startedAt: string;
  readonly evaluation: EvaluationOptions;
  private readonly memos = new Map<string, Promise<unknown>>();
  private readonly clients = new Map<string, ApiClient>();

  constructor(options: EngineOptions) {
    this.options = options;
    this.report = options.report;
    this.startedAt = new Date(this.now()).toISOString();
    this.evaluation = {
      env: options.env ?? {},
      now: () => this.now(),
      onSecret: (value: string, name: string) => options.onSecret?.(value, name),
    };
  }

  get aborted(): boolean {
    return this.options.signal?.aborted ?? false;
  }

  now(): number {
    return this.options.now?.() ?? Date.now();
  }

  /** Waits `ms`, or less when the run is interrupted (callers check `aborted`); never rejects. */
  sleep(ms: number): Promise<void> {
    if (this.options.sleep) return this.options.sleep(ms, this.options.signal);
    return sleep(ms, this.options.signal).catch(() => undefined);
  }

  /** The client whose requests are counted under `step`. */
  clientFor(step: string): ApiClient {
    let client = this.clients.get(step);
    if (!client) {
      client = this.options.client.withTags({ step });
      this.clients.set(step, client);
    }
    return client;
  }

  memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    const cached = this.memos.get(key);
    if (cached) return cached as Promise<T>;
    const promise = load();
    this.memos.set(key, promise);
    promise.catch(() => this.memos.delete(key));
    return promise;
  }

  forget(key: string): void {
    this.memos.delete(key);
  }
}
