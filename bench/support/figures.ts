import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A measured figure and the goal it is held against. */
export interface Figure {
  label: string;
  value: number;
  goal: number;
  /** `max`: the value must not exceed the goal; `min`: it must reach it. */
  kind: 'max' | 'min';
  /** How to print the value and the goal (e.g. `(v) => v.toFixed(2) + '×'`). */
  format: (value: number) => string;
}

/** True when the figure meets its goal. */
export function met(figure: Figure): boolean {
  return figure.kind === 'max' ? figure.value <= figure.goal : figure.value >= figure.goal;
}

/** Prints each figure against its goal; resolves to the exit code (0 when every goal is met). */
export function verdict(figures: readonly Figure[]): number {
  for (const figure of figures) {
    const sign = figure.kind === 'max' ? '≤' : '≥';
    console.log(`  ${figure.label}: ${figure.format(figure.value)} (goal ${sign} ${figure.format(figure.goal)}) ${met(figure) ? 'met' : 'NOT MET'}`);
  }
  return figures.every(met) ? 0 : 1;
}

export const ms = (value: number): string => `${Math.round(value)} ms`;
export const times = (value: number): string => `${value.toFixed(2)}×`;
export const percent = (value: number): string => `${(value * 100).toFixed(1)} %`;
export const count = (value: number): string => String(Math.round(value * 100) / 100);

/** Median of a list of numbers. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Runs `body` in a fresh temp directory (workflows, journals, CSVs) and removes it after: nothing lands in the repo. */
export async function inTempDir<T>(body: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-'));
  try {
    return await body(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs a benchmark's main and sets the exit code: 0 goals met, 1 a goal missed, 2 the benchmark broke. */
export function runBenchmark(main: () => Promise<number>): void {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 2;
    },
  );
}
