import type { Evaluator } from '../define-step.js';

/** A column of an export: its name and how to read it from an item. */
export interface Column {
  name: string;
  read(item: unknown, index: number): unknown;
}

/** Columns from `columns:` (name → expression with `item` and `index` bound). */
export function columnsFromExpressions(expressions: Readonly<Record<string, Evaluator>>): Column[] {
  return Object.entries(expressions).map(([name, evaluate]) => ({ name, read: (item, index) => evaluate({ item, index }) }));
}

/**
 * Default columns: every top-level field holding a scalar in some item, in order of first appearance
 * (nested objects such as `status` need an expression: `state: item.status.sync_state`).
 */
export function scalarColumns(items: readonly unknown[]): Column[] {
  const names = new Set<string>();
  for (const item of items) {
    if (!isRecord(item)) continue;
    // for…in without an entries array per item: this loop sees every item of exports of 100 000 rows.
    for (const name in item) {
      if (!names.has(name) && Object.hasOwn(item, name) && isScalar(item[name])) names.add(name);
    }
  }
  return [...names].map((name) => ({ name, read: (item) => (isRecord(item) ? item[name] : undefined) }));
}

/** The cells of one item, in column order. */
export function cellsOf(columns: readonly Column[], item: unknown, index: number): unknown[] {
  return columns.map((column) => column.read(item, index));
}

/** One item as an object of its columns (JSON exports with `columns:`). */
export function recordOf(columns: readonly Column[], item: unknown, index: number): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const column of columns) record[column.name] = column.read(item, index) ?? null;
  return record;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
