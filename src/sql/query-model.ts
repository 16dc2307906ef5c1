import type { WrittenName } from './identifiers.js';

/**
 * The shape the rewriter needs from a SQL statement: which names are tables (and under what alias),
 * which are column references, and which scope each lives in. Built by `query-parser.ts`, read by
 * `name-resolver.ts`; no SQL validation happens here.
 */

/** One part of a dotted name, pointing back at its token. */
export interface NamePart extends WrittenName {
  /** Index of the token in the token array. */
  readonly token: number;
  /** For a BigQuery backtick path (`` `project.dataset.table` ``) split into parts, which part; -1 otherwise. */
  readonly segment: number;
  /** True when the name comes from a template (`{{ source('s', 't') }}`) and must never be edited. */
  readonly locked: boolean;
}

/** Where a column reference appears; ORDER BY prefers select-list aliases over input columns. */
export type Clause = 'select' | 'where' | 'group' | 'having' | 'order' | 'on' | 'other';

export interface ColumnRef {
  /** 0, 1, 2… in parse order: lets the resolver keep per-reference results in an array. */
  readonly id: number;
  readonly parts: readonly NamePart[];
  readonly clause: Clause;
  /** The table the statement itself assigns the column to (INSERT column list, UPDATE SET, USING). */
  readonly target: FromItem | null;
}

interface ItemBase {
  alias: NamePart | null;
  /** `AS alias(c1, c2)`: the item's columns are renamed, so they no longer carry the source names. */
  columnAliases: NamePart[] | null;
}

/** A table named in FROM/JOIN/INSERT/UPDATE/DELETE/MERGE. */
export interface TableItem extends ItemBase {
  readonly kind: 'table';
  readonly name: readonly NamePart[];
}

/** A parenthesised subquery in FROM. */
export interface DerivedItem extends ItemBase {
  readonly kind: 'derived';
  readonly query: Query;
}

/** A reference to a CTE by name. */
export interface CteItem extends ItemBase {
  readonly kind: 'cte';
  readonly cte: Cte;
  readonly name: NamePart;
}

/** Anything whose columns cannot be known: table functions, VALUES, `{{ ref('model') }}`, PIVOT results. */
export interface OpaqueItem extends ItemBase {
  readonly kind: 'opaque';
  /** The name an unaliased item can be qualified with (`{{ ref('stg_orders') }}` → `stg_orders`). */
  readonly implicitName: string | null;
}

export type FromItem = TableItem | DerivedItem | CteItem | OpaqueItem;

export type SelectItem =
  | { readonly kind: 'star'; readonly qualifier: readonly NamePart[] | null }
  | { readonly kind: 'expr'; readonly alias: NamePart | null; readonly ref: ColumnRef | null };

/** A join that merges columns: `USING (c, …)` or NATURAL. */
export interface MergingJoin {
  readonly left: readonly FromItem[];
  readonly right: FromItem;
  readonly using: readonly NamePart[];
  readonly natural: boolean;
}

export interface Cte {
  readonly name: NamePart;
  readonly columnAliases: NamePart[] | null;
  query: Query;
}

/** CTEs visible at a point of the text, innermost first. */
export interface CteEnv {
  readonly ctes: readonly Cte[];
  readonly parent: CteEnv | null;
}

/** One SELECT (or the body of an UPDATE/DELETE/MERGE/INSERT): its FROM items and the references inside it. */
export interface Scope {
  readonly kind: 'scope';
  readonly env: CteEnv | null;
  /** The enclosing scope a correlated subquery (or LATERAL item) can see; null otherwise. */
  readonly outer: Scope | null;
  readonly items: FromItem[];
  readonly refs: ColumnRef[];
  readonly selectItems: SelectItem[];
  readonly aliases: NamePart[];
  readonly subqueries: Query[];
  readonly joins: MergingJoin[];
}

/** A query expression: CTEs, then one or more set-operation branches; output columns come from the first. */
export interface Query {
  readonly kind: 'query';
  readonly ctes: Cte[];
  readonly branches: (Scope | Query)[];
}

export function newScope(env: CteEnv | null, outer: Scope | null): Scope {
  return { kind: 'scope', env, outer, items: [], refs: [], selectItems: [], aliases: [], subqueries: [], joins: [] };
}

/** The scope whose select list names a query's output columns. */
export function firstScope(query: Query): Scope | null {
  const first = query.branches[0];
  if (!first) return null;
  return first.kind === 'scope' ? first : firstScope(first);
}
