import type { DialectRules } from './dialects.js';
import { fivetranStyleName, matchesDestinationName, matchesSourceName, nameKey, sameUserName, type MappedName } from './identifiers.js';
import { findColumn, findSchemas, findTables, namesObject, type MappingIndex, type NameEntry, type TableEntry } from './mapping-index.js';
import { firstScope, type ColumnRef, type FromItem, type MergingJoin, type NamePart, type Query, type Scope, type TableItem } from './query-model.js';

/**
 * Decides, for every name the parser found, whether it is a mapped schema, table or column and
 * what it should become. Nothing is rewritten unless the resolution is certain: ambiguous names
 * and names the mapping does not know are reported instead.
 */

export type RenameKind = 'schema' | 'table' | 'column';

export interface NameEdit {
  readonly part: NamePart;
  readonly destination: string;
  readonly kind: RenameKind;
}

export interface AmbiguousName {
  readonly part: NamePart;
  readonly reason: string;
  readonly candidates: string[];
}

export interface UnmappedName {
  readonly part: NamePart;
  readonly kind: 'table' | 'column';
  /** `schema.table` (source names) the name was looked up in. */
  readonly table: string;
  /** What Fivetran's standard naming would call it, when that differs from the name as written. */
  readonly suggestion: string | null;
}

export interface NameResolution {
  readonly edits: NameEdit[];
  readonly ambiguous: AmbiguousName[];
  readonly unmapped: UnmappedName[];
  /** Mapped tables the SQL refers to, in order of first reference. */
  readonly tables: TableEntry[];
}

/** What a FROM item says about a column name. */
type Provision =
  | { readonly kind: 'column'; readonly entry: TableEntry; readonly column: NameEntry }
  /** The item has a column of that name, but it is not a mapped source column (an alias, a computed column). */
  | { readonly kind: 'named' }
  /** The item certainly has no such column. */
  | { readonly kind: 'none'; readonly entry: TableEntry | null }
  /** The item may or may not have it (unmapped table, partial column list, table function). */
  | { readonly kind: 'unknown'; readonly entry: TableEntry | null };

interface Candidate {
  readonly item: FromItem;
  readonly provision: Provision;
}

const NAMED: Provision = { kind: 'named' };
const UNKNOWN: Provision = { kind: 'unknown', entry: null };
const NONE: Provision = { kind: 'none', entry: null };

/** Resolves the names of parsed statements against the mapping; see {@link NameResolution}. */
export function resolveNames(roots: readonly (Scope | Query)[], index: MappingIndex, rules: DialectRules): NameResolution {
  const resolver = new NameResolver(index, rules);
  for (const root of roots) {
    if (root.kind === 'query') resolver.query(root);
    else resolver.scope(root);
  }
  return resolver.result();
}

/** One number per name position: a token, or one segment of a BigQuery path token. */
function partKey(part: NamePart): number {
  return part.token * 1024 + ((part.segment + 1) & 1023);
}

class NameResolver {
  private readonly itemTables = new Map<TableItem, TableEntry>();
  private readonly refResults: (Provision | undefined)[] = [];
  private readonly edits = new Map<number, NameEdit>();
  private readonly ambiguous = new Map<number, AmbiguousName>();
  private readonly unmapped = new Map<number, UnmappedName>();
  private readonly tables = new Set<TableEntry>();
  private readonly done = new Set<Query>();
  /** Queries whose outputs are being read, innermost last. */
  private readonly visiting: Query[] = [];

  constructor(
    private readonly index: MappingIndex,
    private readonly rules: DialectRules,
  ) {}

  result(): NameResolution {
    return {
      edits: byPosition(this.edits),
      ambiguous: byPosition(this.ambiguous),
      unmapped: byPosition(this.unmapped),
      tables: [...this.tables],
    };
  }

  // ── walking the structure ──────────────────────────────────────────────────

  query(query: Query): void {
    if (this.done.has(query)) return;
    this.done.add(query);
    for (const cte of query.ctes) this.query(cte.query);
    for (const branch of query.branches) {
      if (branch.kind === 'query') this.query(branch);
      else this.scope(branch);
    }
  }

  scope(scope: Scope): void {
    for (const item of scope.items) if (item.kind === 'table') this.tableItem(item);
    for (const item of scope.items) if (item.kind === 'derived') this.query(item.query);
    for (const join of scope.joins) for (const name of join.using) this.usingColumn(join, name);
    for (const ref of scope.refs) this.columnRef(ref, scope);
    for (const subquery of scope.subqueries) this.query(subquery);
  }

  // ── tables ─────────────────────────────────────────────────────────────────

  private tableItem(item: TableItem): void {
    const n = item.name.length;
    const tablePart = item.name[n - 1];
    const schemaPart = n >= 2 ? item.name[n - 2] : undefined;
    if (!tablePart) return;
    let tables: TableEntry[];
    if (schemaPart) {
      const schemas = findSchemas(this.index, schemaPart, this.rules);
      if (schemas.length === 0) return;
      tables = findTables(this.index, tablePart, this.rules, schemas);
      if (tables.length === 0) {
        this.reportUnmapped(tablePart, 'table', schemas.map((s) => s.source).join(' / '));
        return;
      }
    } else {
      tables = findTables(this.index, tablePart, this.rules);
    }
    const entry = tables[0];
    if (!entry) return;
    if (tables.length > 1) {
      this.reportAmbiguous(tablePart, 'the name matches tables of several schemas or connections', tables.map(describeEntry));
      return;
    }
    this.itemTables.set(item, entry);
    this.tables.add(entry);
    this.renameIfSource(tablePart, entry, 'table');
    if (schemaPart) this.renameIfSource(schemaPart, entry.schema, 'schema');
  }

  // ── what an item provides ──────────────────────────────────────────────────

  private provides(item: FromItem, name: NamePart): Provision {
    if (item.columnAliases) return item.columnAliases.some((a) => sameUserName(a, name, this.rules)) ? NAMED : NONE;
    switch (item.kind) {
      case 'table': {
        const entry = this.itemTables.get(item);
        if (!entry) return UNKNOWN;
        const column = findColumn(entry, name, this.rules);
        if (column) return { kind: 'column', entry, column };
        return entry.columnsComplete ? { kind: 'none', entry } : { kind: 'unknown', entry };
      }
      case 'cte':
        if (item.cte.columnAliases) return item.cte.columnAliases.some((a) => sameUserName(a, name, this.rules)) ? NAMED : NONE;
        return this.outputs(item.cte.query, name);
      case 'derived':
        return this.outputs(item.query, name);
      case 'opaque':
        return UNKNOWN;
    }
  }

  /** Finds `name` among a query's output columns; a column passed through unchanged keeps its mapping. */
  private outputs(query: Query, name: NamePart): Provision {
    const scope = firstScope(query);
    if (!scope || this.visiting.includes(query)) return UNKNOWN; // a recursive CTE reading itself
    this.visiting.push(query);
    try {
      let maybe = false;
      for (const select of scope.selectItems) {
        if (select.kind === 'expr') {
          if (select.alias) {
            if (sameUserName(select.alias, name, this.rules)) return NAMED;
            continue;
          }
          if (!select.ref) continue;
          const resolved = this.refResults[select.ref.id];
          if (resolved?.kind === 'column' && namesObject(name, resolved.column, this.rules)) return resolved;
          const last = select.ref.parts[select.ref.parts.length - 1];
          if (last && sameUserName(last, name, this.rules)) return NAMED;
          continue;
        }
        const qualifier = select.qualifier;
        const items = qualifier ? scope.items.filter((i) => this.matchesQualifier(i, qualifier, qualifier.length)) : scope.items;
        if (items.length === 0) maybe = true;
        for (const item of items) {
          const provision = this.provides(item, name);
          if (provision.kind === 'column' || provision.kind === 'named') return provision;
          if (provision.kind === 'unknown') maybe = true;
        }
      }
      return maybe ? UNKNOWN : NONE;
    } finally {
      this.visiting.pop();
    }
  }

  // ── columns ────────────────────────────────────────────────────────────────

  private columnRef(ref: ColumnRef, scope: Scope): void {
    const parts = ref.parts;
    const last = parts[parts.length - 1];
    if (!last) return;
    if (ref.target) {
      this.applyColumn(ref, parts.length - 1, this.provides(ref.target, last));
      return;
    }
    // `q.col`, `schema.table.col`, `db.schema.table.col`: the longest qualifier that names an item wins.
    for (let k = Math.min(parts.length - 1, 3); k >= 1; k--) {
      const column = parts[k];
      const item = this.findQualified(scope, parts, k);
      if (item && column) {
        this.renameQualifier(item, parts, k);
        this.applyColumn(ref, k, this.provides(item, column));
        return;
      }
    }
    this.unqualified(ref, scope);
  }

  /** The item named by the qualifier `parts[0, length)`, searching outward through correlated scopes. */
  private findQualified(scope: Scope, parts: readonly NamePart[], length: number): FromItem | null {
    for (let s: Scope | null = scope; s; s = s.outer) {
      for (const item of s.items) if (this.matchesQualifier(item, parts, length)) return item;
    }
    return null;
  }

  /** Whether the qualifier `q[0, length)` (`t`, `s.t`, `db.s.t`) names the item: by alias if it has one, else by its written or mapped name. */
  private matchesQualifier(item: FromItem, q: readonly NamePart[], length: number): boolean {
    const last = q[length - 1];
    if (!last) return false;
    if (item.alias) return length === 1 && sameUserName(item.alias, last, this.rules);
    switch (item.kind) {
      case 'table': {
        const entry = this.itemTables.get(item);
        for (let i = 1; i <= length; i++) {
          const written = q[length - i];
          const own = item.name[item.name.length - i];
          const mapped = i === 1 ? entry : i === 2 ? entry?.schema : undefined;
          if (!written) return false;
          const same = (own !== undefined && sameUserName(own, written, this.rules)) || (mapped !== undefined && namesObject(written, mapped, this.rules));
          if (!same) return false;
        }
        return true;
      }
      case 'cte':
        return length === 1 && sameUserName(item.name, last, this.rules);
      case 'opaque':
        return length === 1 && item.implicitName !== null && nameKey(item.implicitName) === last.key;
      case 'derived':
        return false;
    }
  }

  /** `Account.Name` where `Account` is an unaliased mapped table: the qualifier is renamed like the table. */
  private renameQualifier(item: FromItem, qualifier: readonly NamePart[], length: number): void {
    if (item.kind !== 'table' || item.alias) return;
    const entry = this.itemTables.get(item);
    if (!entry) return;
    const table = qualifier[length - 1];
    const schema = qualifier[length - 2];
    if (table) this.renameIfSource(table, entry, 'table');
    if (schema) this.renameIfSource(schema, entry.schema, 'schema');
  }

  private applyColumn(ref: ColumnRef, k: number, provision: Provision): void {
    const part = ref.parts[k];
    if (!part) return;
    if (k === ref.parts.length - 1) this.refResults[ref.id] = provision;
    if (provision.kind === 'column') this.renameIfSource(part, provision.column, 'column');
    else if (provision.kind === 'none' && provision.entry) this.reportUnmapped(part, 'column', describeEntry(provision.entry));
    else if (provision.kind === 'unknown' && provision.entry && !looksLikeDestinationName(part)) {
      this.reportUnmapped(part, 'column', describeEntry(provision.entry));
    }
  }

  /**
   * An unqualified column: mapped only when exactly one item of the innermost scope that has it
   * provides it (or the join merged the candidates and they agree); otherwise reported as ambiguous.
   */
  private unqualified(ref: ColumnRef, scope: Scope): void {
    const part = ref.parts[0];
    if (!part) return;
    const isSelectAlias = scope.aliases.some((a) => sameUserName(a, part, this.rules));
    if (ref.clause === 'order' && isSelectAlias) return; // ORDER BY prefers the output column
    let sole: Candidate | null = null;
    for (let s: Scope | null = scope; s; s = s.outer) {
      const candidates: Candidate[] = [];
      let unknowns = 0;
      for (const item of s.items) {
        const provision = this.provides(item, part);
        if (provision.kind === 'column' || provision.kind === 'named') candidates.push({ item, provision });
        else if (provision.kind === 'unknown') unknowns++;
        if (s === scope && s.items.length === 1) sole = { item, provision };
      }
      const [first] = candidates;
      if (first && candidates.length === 1) {
        this.applyColumn(ref, 0, first.provision);
        return;
      }
      if (candidates.length > 1) {
        this.amongCandidates(ref, part, candidates, s);
        return;
      }
      if (s === scope && isSelectAlias) return; // a select-list alias reused in WHERE, GROUP BY, QUALIFY
      if (unknowns > 0) {
        if (sole) this.applyColumn(ref, 0, sole.provision);
        else if (s.outer && this.outerWouldRename(part, s.outer)) {
          this.reportAmbiguous(part, 'it may belong to a table whose columns are unknown, or to an outer query', s.items.map((i) => this.describeItem(i)));
        }
        return;
      }
    }
    if (sole) this.applyColumn(ref, 0, sole.provision);
  }

  private amongCandidates(ref: ColumnRef, part: NamePart, candidates: readonly Candidate[], scope: Scope): void {
    const targets = candidates.map((c) => this.renameTarget(part, c.provision));
    if (targets.every((t) => t === null)) return;
    const first = candidates[0];
    const merged = this.isMergedByJoin(part, candidates, scope);
    if (merged && first && targets.every((t) => t === targets[0])) {
      this.applyColumn(ref, 0, first.provision);
      return;
    }
    const reason = merged
      ? 'the joined tables map this column to different names'
      : `${candidates.length} tables in scope have this column; qualify it to rewrite it`;
    this.reportAmbiguous(part, reason, candidates.map((c) => this.describeItem(c.item)));
  }

  /** Candidates merged into one column by `USING (name)` or a NATURAL join count as one. */
  private isMergedByJoin(part: NamePart, candidates: readonly Candidate[], scope: Scope): boolean {
    return scope.joins.some((join) => {
      const group = [...join.left, join.right];
      if (!candidates.every((c) => group.includes(c.item))) return false;
      if (join.natural) return true;
      return join.using.some(
        (u) =>
          sameUserName(u, part, this.rules) ||
          candidates.some((c) => c.provision.kind === 'column' && namesObject(u, c.provision.column, this.rules)),
      );
    });
  }

  private outerWouldRename(part: NamePart, outer: Scope): boolean {
    for (let s: Scope | null = outer; s; s = s.outer) {
      if (s.items.some((item) => this.renameTarget(part, this.provides(item, part)) !== null)) return true;
    }
    return false;
  }

  /** `USING (c)`: both sides must agree on the new name, or the join would break; otherwise report it. */
  private usingColumn(join: MergingJoin, name: NamePart): void {
    let left: Provision = NONE;
    for (const item of join.left) {
      const provision = this.provides(item, name);
      if (provision.kind === 'column' || provision.kind === 'named') {
        left = provision;
        break;
      }
      if (provision.kind === 'unknown') left = UNKNOWN;
    }
    const right = this.provides(join.right, name);
    const targets = [this.renameTarget(name, left), this.renameTarget(name, right)];
    if (targets.every((t) => t === null)) return;
    if (left.kind === 'column' && right.kind === 'column' && targets[0] === targets[1]) {
      this.renameIfSource(name, left.column, 'column');
      return;
    }
    const labels = [...join.left, join.right].map((i) => this.describeItem(i));
    this.reportAmbiguous(name, 'a USING column must keep one name on both sides, but only one side maps it (or they differ)', labels);
  }

  /** The destination name `part` would be renamed to under this provision, or null when it stays. */
  private renameTarget(part: NamePart, provision: Provision): string | null {
    if (provision.kind !== 'column') return null;
    const { column } = provision;
    if (matchesDestinationName(part, column, this.rules) || !matchesSourceName(part, column, this.rules)) return null;
    return column.destination;
  }

  // ── findings ───────────────────────────────────────────────────────────────

  private renameIfSource(part: NamePart, object: MappedName, kind: RenameKind): void {
    if (part.locked || matchesDestinationName(part, object, this.rules)) return;
    if (!matchesSourceName(part, object, this.rules)) return;
    const key = partKey(part);
    if (!this.edits.has(key)) this.edits.set(key, { part, destination: object.destination, kind });
  }

  private reportAmbiguous(part: NamePart, reason: string, candidates: string[]): void {
    const key = partKey(part);
    if (!this.ambiguous.has(key)) this.ambiguous.set(key, { part, reason, candidates });
  }

  private reportUnmapped(part: NamePart, kind: 'table' | 'column', table: string): void {
    const key = partKey(part);
    if (part.locked || this.unmapped.has(key)) return;
    const suggestion = fivetranStyleName(part.text);
    this.unmapped.set(key, { part, kind, table, suggestion: nameKey(suggestion) === nameKey(part.text) ? null : suggestion });
  }

  private describeItem(item: FromItem): string {
    const alias = item.alias ? ` AS ${item.alias.text}` : '';
    switch (item.kind) {
      case 'table': {
        const entry = this.itemTables.get(item);
        return (entry ? describeEntry(entry) : item.name.map((p) => p.text).join('.')) + alias;
      }
      case 'cte':
        return item.name.text + alias;
      case 'derived':
        return item.alias ? `(subquery)${alias}` : '(subquery)';
      case 'opaque':
        return (item.implicitName ?? '(table expression)') + alias;
    }
  }
}

/** The values of a map keyed by {@link partKey}, in text order. */
function byPosition<T>(map: ReadonlyMap<number, T>): T[] {
  const keys = [...map.keys()];
  if (!isAscending(keys)) keys.sort(compareNumbers);
  const values: T[] = [];
  for (const key of keys) {
    const value = map.get(key);
    if (value !== undefined) values.push(value);
  }
  return values;
}

function compareNumbers(a: number, b: number): number {
  return a - b;
}

function isAscending(keys: readonly number[]): boolean {
  for (let i = 1; i < keys.length; i++) if ((keys[i] ?? 0) < (keys[i - 1] ?? 0)) return false;
  return true;
}

function describeEntry(entry: TableEntry): string {
  return `${entry.schema.source}.${entry.source}`;
}

/** Whether a name is already spelled the way Fivetran names destination objects (`account_number`, not `AccountNumber`). */
function looksLikeDestinationName(part: NamePart): boolean {
  return fivetranStyleName(part.text) === part.text.toLowerCase();
}
