/**
 * Seeded, deterministic fault injection. Each request draws its fate from one PRNG stream, so the
 * same seed and the same request order give the same faults. Half of the failures and resets on
 * writes happen after the write was applied (alternating, so exactly half), which is what proves
 * that a client reconciles instead of blindly retrying a create.
 */
import { createPrng } from './prng.js';
import type { Prng } from './prng.js';

export interface FaultSettings {
  latencyMs: number;
  jitterMs: number;
  failRate: number;
  resetRate: number;
  slowRate: number;
  slowMs: number;
}

export interface FaultPlan {
  /** Delay before the request is processed. */
  delayMs: number;
  /** Answer 5xx instead of the real response. */
  fail?: { status: 500 | 503; afterWrite: boolean };
  /** Destroy the socket instead of answering. */
  reset?: { afterWrite: boolean };
  /** Extra delay after processing, before the response is written. */
  slowMs: number;
}

/** Decides the faults of each request. */
export class FaultInjector {
  private prng: Prng;
  private writeFaults = 0;

  constructor(
    private readonly settings: FaultSettings,
    private readonly seed: number,
  ) {
    this.prng = createPrng(seed);
  }

  reset(): void {
    this.prng = createPrng(this.seed);
    this.writeFaults = 0;
  }

  /** True when no fault of any kind is configured (the fast path skips planning entirely). */
  get inactive(): boolean {
    const s = this.settings;
    return s.latencyMs <= 0 && s.jitterMs <= 0 && s.failRate <= 0 && s.resetRate <= 0 && s.slowRate <= 0;
  }

  /** The fate of one request; `isWrite` for methods that change state. */
  plan(isWrite: boolean): FaultPlan {
    const s = this.settings;
    const jitter = s.jitterMs > 0 ? (this.prng.next() * 2 - 1) * s.jitterMs : 0;
    const plan: FaultPlan = { delayMs: Math.max(0, Math.round(s.latencyMs + jitter)), slowMs: 0 };
    const roll = this.prng.next();
    if (roll < s.failRate) {
      plan.fail = { status: this.prng.next() < 0.5 ? 500 : 503, afterWrite: isWrite && this.nextWriteFaultIsAfter() };
    } else if (roll < s.failRate + s.resetRate) {
      plan.reset = { afterWrite: isWrite && this.nextWriteFaultIsAfter() };
    }
    if (s.slowRate > 0 && this.prng.next() < s.slowRate) plan.slowMs = s.slowMs;
    return plan;
  }

  private nextWriteFaultIsAfter(): boolean {
    this.writeFaults += 1;
    return this.writeFaults % 2 === 0;
  }
}
