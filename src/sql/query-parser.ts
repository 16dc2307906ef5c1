import type { DialectRules } from './dialects.js';
import { sameUserName } from './identifiers.js';
import { CONTEXT_KEYWORDS, WORD } from './keywords.js';
import {
  newScope,
  type Clause,
  type ColumnRef,
  type Cte,
  type CteEnv,
  type FromItem,
  type NamePart,
  type Query,
  type Scope,
} from './query-model.js';
import { KIND, NO_NAMES, TokenCursor, type NameInterner } from './token-cursor.js';
import type { TokenStream } from './tokens.js';

/**
 * A tolerant, single-pass reader of SQL structure over significant tokens. It recognises what
 * name resolution needs (CTEs, FROM items and aliases, joins, select lists, subqueries, DML
 * targets) and steps over everything else, so unknown syntax costs precision, never a crash.
 */

interface ScanMode {
  /** Stop at a top-level comma (select-list items, SET assignments). */
  readonly stopAtComma: boolean;
  /** Stop where a select-list alias starts (`AS`, or a bare word after a complete value). */
  readonly detectAlias: boolean;
  /** Inside brackets: only the closing bracket ends the scan; clause words do not. */
  readonly group: boolean;
}

const LIST: ScanMode = { stopAtComma: false, detectAlias: false, group: false };
const ITEM: ScanMode = { stopAtComma: true, detectAlias: true, group: false };
const VALUE: ScanMode = { stopAtComma: true, detectAlias: false, group: false };
const GROUP: ScanMode = { stopAtComma: false, detectAlias: false, group: true };

type ScanStop = 'alias' | 'as' | 'comma' | 'clause' | 'close' | 'end';

interface ScanResult {
  readonly stop: ScanStop;
  /** The expression was exactly one column reference (a pass-through output column). */
  readonly singleRef: ColumnRef | null;
  readonly terms: number;
}

const SET_OPERATIONS = new Set(['union', 'intersect', 'except', 'minus']);
const INSERT_WORDS: ReadonlySet<string> = new Set(['into', 'overwrite', 'table', 'ignore']);
const MERGE_WHEN_WORDS: ReadonlySet<string> = new Set(['not', 'matched', 'by', 'source', 'target']);
const SET_QUANTIFIERS: ReadonlySet<string> = new Set(['all', 'distinct', 'corresponding']);
const CTE_HINTS: ReadonlySet<string> = new Set(['not', 'materialized']);
const TOP_WORDS: ReadonlySet<string> = new Set(['percent', 'with', 'ties']);
const FETCH_WORDS: ReadonlySet<string> = new Set(['first', 'next', 'row', 'rows', 'only', 'with', 'ties', 'percent']);
const AS_OF: ReadonlySet<string> = new Set(['as', 'of']);
const TABLE_CALL_MODIFIERS: ReadonlySet<string> = new Set(['at', 'before', 'changes', 'with']);
const SAMPLE_METHODS: ReadonlySet<string> = new Set(['bernoulli', 'system', 'block', 'row']);
const SAMPLE_SEEDS: ReadonlySet<string> = new Set(['repeatable', 'seed']);
const PIVOT_NULLS: ReadonlySet<string> = new Set(['include', 'exclude', 'nulls']);
const TIME_ZONE_WORDS: ReadonlySet<string> = new Set(['with', 'without', 'local', 'time', 'zone']);

/** Deeper nesting than this is stepped over unread, so hostile input cannot exhaust the stack. */
const MAX_DEPTH = 200;
const DBT_SOURCE = /^\{\{-?\s*source\s*\(\s*(['"])([^'"]*)\1\s*,\s*(['"])([^'"]*)\3\s*\)\s*-?\}\}$/;
const DBT_REF = /^\{\{-?\s*ref\s*\(\s*(?:(['"])[^'"]*\1\s*,\s*)?(['"])([^'"]*)\2\s*(?:,[^)]*)?\)\s*-?\}\}$/;

function scanResult(terms: number, refs: number, candidate: ColumnRef | null, stop: ScanStop): ScanResult {
  return { stop, terms, singleRef: terms === 1 && refs === 1 ? candidate : null };
}

/** Parses every statement of `sql` into the scopes and queries whose names the resolver will look at. */
export function parseSqlStructure(sql: string, stream: TokenStream, rules: DialectRules, names: NameInterner = NO_NAMES): (Scope | Query)[] {
  return new StructureParser(sql, stream, rules, names).parse();
}

class StructureParser extends TokenCursor {
  private refCount = 0;
  private depth = 0;
  private readonly roots: (Scope | Query)[] = [];

  parse(): (Scope | Query)[] {
    while (!this.eof()) {
      const before = this.p;
      this.statement();
      this.skipStatementRest();
      if (this.p === before) this.p++;
    }
    return this.roots;
  }

  private findCte(env: CteEnv | null, name: NamePart): Cte | null {
    for (let e = env; e; e = e.parent) {
      for (let i = e.ctes.length - 1; i >= 0; i--) {
        const cte = e.ctes[i];
        if (cte && sameUserName(cte.name, name, this.rules)) return cte;
      }
    }
    return null;
  }

  private tableOrCte(parts: NamePart[], env: CteEnv | null): FromItem {
    const first = parts[0];
    const cte = parts.length === 1 && first ? this.findCte(env, first) : null;
    if (cte && first) return { kind: 'cte', cte, name: first, alias: null, columnAliases: null };
    return { kind: 'table', name: parts, alias: null, columnAliases: null };
  }

  // ── statements ─────────────────────────────────────────────────────────────

  private statement(): void {
    const w = this.word();
    if (w === 'select' || w === 'with' || (this.isPunct(0, '(') && this.startsQuery(1))) this.roots.push(this.query(null, null));
    else if (w === 'insert') this.insert();
    else if (w === 'update') this.update();
    else if (w === 'delete') this.deleteStatement();
    else if (w === 'merge') this.merge();
  }

  /** Steps to the end of the statement, picking up any query inside it (`CREATE VIEW … AS SELECT`, `INSERT … SELECT`). */
  private skipStatementRest(): void {
    while (!this.eof()) {
      if (this.isPunct(0, ';')) {
        this.p++;
        return;
      }
      const w = this.word();
      if (w === 'select' || w === 'with') this.roots.push(this.query(null, null));
      else this.p++;
    }
  }

  private insert(): void {
    this.p++;
    while (INSERT_WORDS.has(this.word())) this.p++;
    if (!this.isNameToken()) return;
    const scope = newScope(null, null);
    const item = this.tableOrCte(this.readChain().parts, null);
    if (this.word() === 'as') this.itemAlias(item);
    scope.items.push(item);
    if (this.isPunct(0, '(') && !this.startsQuery(1)) {
      this.p++;
      for (const parts of this.readNameList()) scope.refs.push({ id: this.refCount++, parts, clause: 'other', target: item });
      this.expectPunct(')');
    }
    this.roots.push(scope);
    if (this.word() === 'values') this.valuesRows(newScope(null, null));
  }

  private update(): void {
    this.p++;
    this.accept('only');
    if (!this.isNameToken()) return;
    const scope = newScope(null, null);
    const target = this.tableOrCte(this.readChain().parts, null);
    this.itemAlias(target);
    scope.items.push(target);
    if (this.accept('set')) this.assignments(scope, target);
    if (this.accept('from')) this.fromList(scope);
    if (this.accept('where')) this.scan(scope, 'where', LIST);
    this.roots.push(scope);
  }

  private deleteStatement(): void {
    this.p++;
    this.accept('from');
    if (!this.isNameToken()) return;
    const scope = newScope(null, null);
    const target = this.tableOrCte(this.readChain().parts, null);
    this.itemAlias(target);
    scope.items.push(target);
    if (this.accept('using')) this.fromList(scope);
    if (this.accept('where')) this.scan(scope, 'where', LIST);
    this.roots.push(scope);
  }

  private merge(): void {
    this.p++;
    this.accept('into');
    const scope = newScope(null, null);
    this.fromItem(scope);
    const target = scope.items[0];
    if (!target) return;
    if (this.accept('using')) this.fromItem(scope);
    if (this.accept('on')) this.scan(scope, 'on', LIST);
    while (this.word() === 'when') {
      this.p++;
      while (MERGE_WHEN_WORDS.has(this.word())) this.p++;
      if (this.accept('and')) this.scan(scope, 'where', LIST);
      this.accept('then');
      if (!this.mergeAction(scope, target)) break;
    }
    this.roots.push(scope);
  }

  private mergeAction(scope: Scope, target: FromItem): boolean {
    const action = this.word();
    this.p++;
    if (action === 'update') {
      if (this.word() === 'set') {
        this.p++;
        this.assignments(scope, target);
      } else if (this.isOp(0, '*')) this.p++;
      return true;
    }
    if (action === 'insert') {
      if (this.isPunct(0, '(')) {
        this.p++;
        for (const parts of this.readNameList()) scope.refs.push({ id: this.refCount++, parts, clause: 'other', target });
        this.expectPunct(')');
      }
      if (this.word() === 'row' || this.isOp(0, '*')) this.p++;
      if (this.word() === 'values') this.valuesRows(scope);
      return true;
    }
    return action === 'delete';
  }

  /** `col = expr, t.col = expr, …` of UPDATE/MERGE: targets belong to the updated table. */
  private assignments(scope: Scope, target: FromItem): void {
    while (this.isNameToken()) {
      scope.refs.push({ id: this.refCount++, parts: this.readChain().parts, clause: 'other', target });
      if (this.isOp(0, '=')) this.p++;
      this.scan(scope, 'other', VALUE);
      if (!this.isPunct(0, ',')) return;
      this.p++;
    }
  }

  private valuesRows(scope: Scope): void {
    this.p++;
    while (this.isPunct(0, '(')) {
      this.parenthesized(scope, 'other', false);
      if (!this.isPunct(0, ',')) return;
      this.p++;
    }
  }

  // ── queries ────────────────────────────────────────────────────────────────

  private query(env: CteEnv | null, outer: Scope | null): Query {
    const query: Query = { kind: 'query', ctes: [], branches: [] };
    if (this.depth >= MAX_DEPTH) return query;
    this.depth++;
    try {
      this.queryBody(query, env, outer);
    } finally {
      this.depth--;
    }
    return query;
  }

  private queryBody(query: Query, env: CteEnv | null, outer: Scope | null): void {
    let inner = env;
    if (this.word() === 'with') {
      this.p++;
      this.accept('recursive');
      inner = { ctes: query.ctes, parent: env };
      this.cteList(query, inner, outer);
    }
    query.branches.push(this.queryTerm(inner, outer));
    while (SET_OPERATIONS.has(this.word())) {
      this.p++;
      while (SET_QUANTIFIERS.has(this.word())) this.p++;
      if (this.word() === 'by' && this.word(1) === 'name') this.p += 2;
      query.branches.push(this.queryTerm(inner, outer));
    }
  }

  private cteList(query: Query, env: CteEnv, outer: Scope | null): void {
    while (this.isNameToken()) {
      const name = this.firstPart(this.p);
      this.p++;
      let columnAliases: NamePart[] | null = null;
      if (this.isPunct(0, '(')) {
        this.p++;
        columnAliases = this.readNameList().flatMap((parts) => parts.slice(-1));
        this.expectPunct(')');
      }
      if (!name || this.word() !== 'as') return;
      this.p++;
      while (CTE_HINTS.has(this.word())) this.p++;
      if (!this.isPunct(0, '(')) return;
      this.p++;
      // Registered before its body is read, so a recursive CTE can refer to itself.
      const cte: Cte = { name, columnAliases, query: { kind: 'query', ctes: [], branches: [] } };
      query.ctes.push(cte);
      cte.query = this.query(env, outer);
      this.expectPunct(')');
      if (!this.isPunct(0, ',')) return;
      this.p++;
    }
  }

  private queryTerm(env: CteEnv | null, outer: Scope | null): Scope | Query {
    if (this.isPunct(0, '(') && this.startsQuery(1)) {
      this.p++;
      const inner = this.query(env, outer);
      this.expectPunct(')');
      return inner;
    }
    if (this.word() === 'select') return this.select(env, outer);
    const scope = newScope(env, outer);
    if (this.word() === 'values') this.valuesRows(scope);
    return scope;
  }

  private select(env: CteEnv | null, outer: Scope | null): Scope {
    const scope = newScope(env, outer);
    this.p++;
    this.selectModifiers(scope);
    this.selectList(scope);
    if (this.accept('into')) if (this.isNameToken()) this.readChain();
    if (this.accept('from')) this.fromList(scope);
    this.trailingClauses(scope);
    return scope;
  }

  private selectModifiers(scope: Scope): void {
    for (;;) {
      const w = this.word();
      if (w === 'distinct' || w === 'all') {
        this.p++;
        if (this.word() === 'on' && this.isPunct(1, '(')) {
          this.p++;
          this.parenthesized(scope, 'select', false);
        }
      } else if (w === 'top') {
        this.p++;
        if (this.isPunct(0, '(')) this.parenthesized(scope, 'other', false);
        else this.p++;
        while (TOP_WORDS.has(this.word())) this.p++;
      } else if (w === 'as' && (this.word(1) === 'struct' || this.word(1) === 'value')) {
        this.p += 2;
      } else return;
    }
  }

  private selectList(scope: Scope): void {
    for (;;) {
      if (this.eof() || this.isCloser() || this.isPunct(0, ';') || this.isClauseWord()) return;
      if (this.isOp(0, '*')) {
        this.p++;
        scope.selectItems.push({ kind: 'star', qualifier: null });
        this.starModifiers(scope);
      } else if (!this.qualifiedStar(scope)) {
        this.selectExpression(scope);
      }
      if (!this.isPunct(0, ',')) return;
      this.p++;
    }
  }

  private qualifiedStar(scope: Scope): boolean {
    if (!this.isNameToken()) return false;
    const save = this.p;
    const chain = this.readChain();
    if (!chain.star) {
      this.p = save;
      return false;
    }
    scope.selectItems.push({ kind: 'star', qualifier: chain.parts });
    this.starModifiers(scope);
    return true;
  }

  private selectExpression(scope: Scope): void {
    const result = this.scan(scope, 'select', ITEM);
    let alias: NamePart | null = null;
    if (result.stop === 'as') {
      this.p++;
      alias = this.readAlias();
    } else if (result.stop === 'alias') {
      alias = this.readAlias();
    }
    if (alias) scope.aliases.push(alias);
    if (result.terms > 0 || alias) scope.selectItems.push({ kind: 'expr', alias, ref: result.singleRef });
  }

  /** `* EXCEPT (a)`, `* REPLACE (x AS a)` (BigQuery), `* EXCLUDE a`, `* RENAME (a AS b)` (Snowflake). */
  private starModifiers(scope: Scope): void {
    for (;;) {
      const w = this.word();
      const parenthesised = this.isPunct(1, '(');
      if (w === 'except' || w === 'replace' ? !parenthesised : w !== 'exclude' && w !== 'rename') return;
      this.p++;
      if (parenthesised) this.parenthesized(scope, 'select', false);
      else if (this.isNameToken()) {
        scope.refs.push({ id: this.refCount++, parts: this.readChain().parts, clause: 'select', target: null });
        if (this.word() === 'as') this.p += 2;
      }
    }
  }

  private trailingClauses(scope: Scope): void {
    for (;;) {
      const w = this.word();
      if (w === 'where' || w === 'having' || w === 'qualify') {
        this.p++;
        this.scan(scope, w === 'where' ? 'where' : 'having', LIST);
      } else if (w === 'group' || w === 'order') {
        this.p++;
        this.accept('by');
        this.scan(scope, w, LIST);
      } else if (w === 'window') {
        this.p++;
        this.windowDefinitions(scope);
      } else if (w === 'limit' || w === 'offset') {
        this.p++;
        this.scan(scope, 'other', LIST);
      } else if (w === 'fetch') {
        this.p++;
        while (FETCH_WORDS.has(this.word()) || this.kindAt() === KIND.number) this.p++;
      } else return;
    }
  }

  private windowDefinitions(scope: Scope): void {
    for (;;) {
      if (this.isNameToken()) this.p++;
      this.accept('as');
      if (this.isPunct(0, '(')) this.parenthesized(scope, 'other', false);
      if (!this.isPunct(0, ',')) return;
      this.p++;
    }
  }

  // ── FROM ───────────────────────────────────────────────────────────────────

  private fromList(scope: Scope): void {
    this.fromItem(scope);
    for (;;) {
      if (this.isPunct(0, ',')) {
        this.p++;
        this.fromItem(scope);
      } else if (this.word() === 'lateral' && this.word(1) === 'view') {
        this.lateralView(scope);
      } else if (!this.join(scope)) return;
    }
  }

  private join(scope: Scope): boolean {
    const save = this.p;
    let natural = false;
    while ((this.wordFlags() & WORD.join) !== 0) {
      if (this.word() === 'natural') natural = true;
      this.p++;
    }
    if (this.word() !== 'join' && this.word() !== 'straight_join') {
      this.p = save;
      return false;
    }
    this.p++;
    const left = scope.items.slice();
    const count = scope.items.length;
    this.fromItem(scope);
    const right = scope.items[scope.items.length - 1];
    if (!right || scope.items.length === count) return true;
    if (this.word() === 'on' || this.word() === 'match_condition') {
      this.p++;
      this.scan(scope, 'on', LIST);
    } else if (this.word() === 'using' && this.isPunct(1, '(')) {
      this.p += 2;
      const using = this.readNameList().flatMap((parts) => parts.slice(-1));
      this.expectPunct(')');
      scope.joins.push({ left, right, using, natural: false });
    }
    if (natural) scope.joins.push({ left, right, using: [], natural: true });
    return true;
  }

  /** Hive/Databricks `LATERAL VIEW [OUTER] explode(x) t [AS c]`. */
  private lateralView(scope: Scope): void {
    this.p += 2;
    this.accept('outer');
    if (this.isNameToken()) this.readChain();
    if (this.isPunct(0, '(')) this.parenthesized(scope, 'other', false);
    const item: FromItem = { kind: 'opaque', implicitName: null, alias: null, columnAliases: null };
    this.itemAlias(item);
    if (this.accept('as')) if (this.isNameToken()) this.p++;
    scope.items.push(item);
  }

  private fromItem(scope: Scope): void {
    let lateral = false;
    if (this.word() === 'lateral') {
      lateral = true;
      this.p++;
    }
    let item: FromItem;
    if (this.isPunct(0, '(')) {
      if (!this.startsQuery(1)) {
        // A parenthesised join: its items join the enclosing FROM list.
        this.p++;
        this.fromList(scope);
        this.expectPunct(')');
        return;
      }
      this.p++;
      item = { kind: 'derived', query: this.query(scope.env, lateral ? scope : null), alias: null, columnAliases: null };
      this.expectPunct(')');
    } else if (this.kindAt() === KIND.template) {
      item = this.templateItem(this.p);
      this.p++;
    } else if (this.word() === 'values' && this.isPunct(1, '(')) {
      this.valuesRows(scope);
      item = { kind: 'opaque', implicitName: null, alias: null, columnAliases: null };
    } else if (this.isNameToken()) {
      const { parts } = this.readChain();
      if (this.isPunct(0, '(')) {
        this.parenthesized(scope, 'other', false); // a table function: its arguments may use earlier items
        item = { kind: 'opaque', implicitName: null, alias: null, columnAliases: null };
      } else item = this.tableOrCte(parts, scope.env);
    } else return;
    this.tableModifiers(scope);
    this.itemAlias(item);
    item = this.pivots(scope, item);
    scope.items.push(item);
  }

  /** `{{ source('s', 't') }}` names a table the mapping may know; `{{ ref('m') }}` a model it cannot. */
  private templateItem(tokenIndex: number): FromItem {
    const text = this.text(tokenIndex);
    const source = DBT_SOURCE.exec(text);
    if (source) {
      const name = [this.namePart(source[2] ?? '', false, tokenIndex, -1, true), this.namePart(source[4] ?? '', false, tokenIndex, -1, true)];
      return { kind: 'table', name, alias: null, columnAliases: null };
    }
    const ref = DBT_REF.exec(text);
    return { kind: 'opaque', implicitName: ref?.[3] ?? null, alias: null, columnAliases: null };
  }

  /** Time travel, sampling and hints between a table and its alias. */
  private tableModifiers(scope: Scope): void {
    for (;;) {
      const w = this.word();
      if (w === 'for' && this.word(1) === 'system_time') {
        this.p += 2;
        while (AS_OF.has(this.word())) this.p++;
        this.scan(scope, 'other', ITEM);
      } else if ((w === 'version' || w === 'timestamp') && this.word(1) === 'as' && this.word(2) === 'of') {
        this.p += 3;
        this.scan(scope, 'other', ITEM);
      } else if (TABLE_CALL_MODIFIERS.has(w) && this.isPunct(1, '(')) {
        this.p++;
        this.parenthesized(scope, 'other', false);
      } else if (w === 'sample' || w === 'tablesample') {
        this.p++;
        while (SAMPLE_METHODS.has(this.word())) this.p++;
        if (this.isPunct(0, '(')) this.parenthesized(scope, 'other', false);
        if (SAMPLE_SEEDS.has(this.word()) && this.isPunct(1, '(')) {
          this.p++;
          this.parenthesized(scope, 'other', false);
        }
      } else return;
    }
  }

  private itemAlias(item: FromItem): void {
    const w = this.word();
    if (w === 'as') this.p++;
    else if ((this.wordFlags() & (WORD.nonColumn | WORD.join)) !== 0) return;
    if (!this.isNameToken()) return;
    item.alias = this.firstPart(this.p);
    this.p++;
    if (this.isPunct(0, '(')) {
      this.p++;
      item.columnAliases = this.readNameList().flatMap((parts) => parts.slice(-1));
      this.expectPunct(')');
    }
  }

  private pivots(scope: Scope, item: FromItem): FromItem {
    let current = item;
    while ((this.word() === 'pivot' || this.word() === 'unpivot') && (this.isPunct(1, '(') || this.word(1) === 'include' || this.word(1) === 'exclude')) {
      scope.items.push(current);
      this.p++;
      while (PIVOT_NULLS.has(this.word())) this.p++;
      if (this.isPunct(0, '(')) this.parenthesized(scope, 'other', false);
      current = { kind: 'opaque', implicitName: null, alias: null, columnAliases: null };
      this.itemAlias(current);
    }
    return current;
  }

  // ── expressions ────────────────────────────────────────────────────────────

  /** At `(`: a subquery becomes a child query of `scope`; anything else is scanned as a bracketed group. */
  private parenthesized(scope: Scope, clause: Clause, datePartFirst: boolean): void {
    if (this.isPunct(0, '(') && this.startsQuery(1)) {
      this.p++;
      scope.subqueries.push(this.query(scope.env, scope));
      this.expectPunct(')');
      return;
    }
    if (this.depth >= MAX_DEPTH) {
      this.skipBalanced();
      return;
    }
    this.depth++;
    this.p++;
    try {
      this.scan(scope, clause, GROUP, datePartFirst);
    } finally {
      this.depth--;
    }
    this.expectCloser();
  }

  /** After `::`: one type name (`text`, `pg_catalog.int4`, `double precision`, `timestamp with time zone`, `numeric(10,2)[]`). */
  private skipType(): void {
    if (!this.isNameToken()) return;
    this.readChain();
    while (this.word() === 'precision' || this.word() === 'varying') this.p++;
    if ((this.word() === 'with' || this.word() === 'without') && (this.word(1) === 'time' || this.word(1) === 'local')) {
      while (TIME_ZONE_WORDS.has(this.word())) this.p++;
    }
    if (this.isPunct(0, '(')) this.skipBalanced();
    while (this.isPunct(0, '[') && this.isPunct(1, ']')) this.p += 2;
  }

  private skipBalanced(): void {
    let depth = 0;
    do {
      if (this.isPunct(0, '(') || this.isPunct(0, '[') || this.isPunct(0, '{')) depth++;
      else if (this.isCloser()) depth--;
      this.p++;
    } while (depth > 0 && !this.eof());
  }

  /** Snowflake semi-structured path after `:` (`payload:customer.name[0]`): keys, not columns. */
  private skipPath(): void {
    for (;;) {
      const kind = this.kindAt();
      if (kind === KIND.identifier || kind === KIND.quoted || kind === KIND.number || this.isPunct(0, '.')) this.p++;
      else if (this.isPunct(0, '[')) this.skipBalanced();
      else return;
    }
  }

  /**
   * Walks one expression (or a bracketed group), recording every column reference in `scope`.
   * Keywords, function names, types, typed literals, date parts, named arguments and path keys are
   * stepped over; subqueries become child queries.
   */
  private scan(scope: Scope, clause: Clause, mode: ScanMode, datePartFirst = false): ScanResult {
    let terms = 0;
    let refs = 0;
    let candidate: ColumnRef | null = null;
    let lastWasTerm = false;
    let caseDepth = 0;
    let prevWord = '';
    let pendingDatePart = false;
    let first = true;

    while (!this.eof()) {
      const kind = this.kindAt();
      const start = this.starts[this.p] ?? 0;
      const isFirst = first;
      first = false;
      if (kind === KIND.punctuation) {
        const ch = this.sql[start];
        if (ch === ')' || ch === ']' || ch === '}') return scanResult(terms, refs, candidate, 'close');
        if (ch === ';') return scanResult(terms, refs, candidate, 'end');
        if (ch === ',' && mode.stopAtComma) return scanResult(terms, refs, candidate, 'comma');
        if (ch === '(' || ch === '[' || ch === '{') this.parenthesized(scope, clause, pendingDatePart);
        else this.p++;
        lastWasTerm = ch === '(' || ch === '[' || ch === '{';
        pendingDatePart = false;
        prevWord = '';
        terms++;
        continue;
      }
      if (kind === KIND.operator) {
        const cast = this.sql.startsWith('::', start);
        const path = !cast && this.ends[this.p] === start + 1 && this.sql[start] === ':';
        this.p++;
        if (cast) this.skipType();
        else if (path) this.skipPath();
        lastWasTerm = cast || path;
        prevWord = '';
        terms++;
        continue;
      }
      if (kind === KIND.identifier) {
        const w = this.keyword();
        const flags = this.wordFlags();
        if ((flags & WORD.context) !== 0 && CONTEXT_KEYWORDS.get(w)?.has(prevWord)) {
          this.p++;
          prevWord = w;
          terms++;
          continue;
        }
        if (w === 'case') caseDepth++;
        if (w === 'end' && caseDepth > 0) caseDepth--;
        if (!mode.group && caseDepth === 0 && this.isClauseWord() && !(w === 'group' && prevWord === 'within') && !(w === 'from' && prevWord === 'distinct')) {
          return scanResult(terms, refs, candidate, 'clause');
        }
        const nonColumn = (flags & WORD.nonColumn) !== 0;
        if (w === 'as') {
          if (mode.detectAlias && caseDepth === 0) return scanResult(terms, refs, candidate, 'as');
          this.p++;
          if (this.isNameToken() || this.kinds[this.p] === KIND.string) this.p++;
          lastWasTerm = true;
          prevWord = '';
          terms++;
          continue;
        }
        if (mode.detectAlias && lastWasTerm && caseDepth === 0 && !nonColumn) return scanResult(terms, refs, candidate, 'alias');
        const previous = this.kinds[this.p - 1];
        const isDatePart = (flags & WORD.datePart) !== 0 && ((isFirst && datePartFirst) || previous === KIND.number || previous === KIND.string);
        const nextIsString = this.kinds[this.p + 1] === KIND.string;
        if (nonColumn || isDatePart || prevWord === 'over' || this.isOp(1, '=>') || nextIsString) {
          this.p++;
          if (nextIsString && !nonColumn) this.p++; // typed literal: DATE '2024-01-01'
          lastWasTerm = (flags & WORD.value) !== 0 || w === 'end' || !nonColumn;
          prevWord = w;
          terms++;
          continue;
        }
      } else if (kind === KIND.quoted) {
        if (mode.detectAlias && lastWasTerm && caseDepth === 0) return scanResult(terms, refs, candidate, 'alias');
      } else {
        this.p++;
        lastWasTerm = kind !== KIND.other;
        prevWord = '';
        terms++;
        continue;
      }
      // A name: a column reference, unless a `(` makes it a function call.
      const chain = this.readChain();
      terms++;
      prevWord = '';
      lastWasTerm = !this.isPunct(0, '(');
      if (this.isPunct(0, '(')) {
        pendingDatePart = chain.parts.length === 1 && (this.wordFlags(-1) & WORD.datePartFunction) !== 0;
        terms--; // the call counts as one term together with its parenthesised arguments
        continue;
      }
      if (chain.star || chain.parts.length === 0) continue;
      const ref: ColumnRef = { id: this.refCount++, parts: chain.parts, clause, target: null };
      scope.refs.push(ref);
      refs++;
      candidate ??= ref;
    }
    return scanResult(terms, refs, candidate, 'end');
  }
}
