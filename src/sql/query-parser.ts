import type { DialectRules } from './dialects.js';
import { sameUserName, unquoteIdentifier } from './identifiers.js';
import { CLAUSE_KEYWORDS, CLAUSE_WORDS_USABLE_AS_FUNCTIONS, CONTEXT_KEYWORDS, DATE_PART_FUNCTIONS, DATE_PARTS, NON_COLUMN_WORDS } from './keywords.js';
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
import { isTrivia, type Token } from './tokens.js';

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

const JOIN_WORDS = new Set(['natural', 'inner', 'left', 'right', 'full', 'outer', 'cross', 'semi', 'anti', 'asof', 'any', 'global']);
const VALUE_WORDS = new Set(['null', 'true', 'false', 'current_date', 'current_time', 'current_timestamp', 'localtime', 'localtimestamp', 'current_user', 'session_user', 'unknown', 'default']);
const SET_OPERATIONS = new Set(['union', 'intersect', 'except', 'minus']);
/** Deeper nesting than this is stepped over unread, so hostile input cannot exhaust the stack. */
const MAX_DEPTH = 200;
const DBT_SOURCE = /^\{\{-?\s*source\s*\(\s*(['"])([^'"]*)\1\s*,\s*(['"])([^'"]*)\3\s*\)\s*-?\}\}$/;
const DBT_REF = /^\{\{-?\s*ref\s*\(\s*(?:(['"])[^'"]*\1\s*,\s*)?(['"])([^'"]*)\2\s*(?:,[^)]*)?\)\s*-?\}\}$/;

/** Parses every statement of `sql` into the scopes and queries whose names the resolver will look at. */
export function parseSqlStructure(sql: string, tokens: readonly Token[], rules: DialectRules): (Scope | Query)[] {
  return new StructureParser(sql, tokens, rules).parse();
}

class StructureParser {
  private readonly sig: number[] = [];
  private readonly lower: (string | undefined)[] = [];
  private p = 0;
  private depth = 0;
  private readonly roots: (Scope | Query)[] = [];

  constructor(
    private readonly sql: string,
    private readonly tokens: readonly Token[],
    private readonly rules: DialectRules,
  ) {
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token && !isTrivia(token, sql)) this.sig.push(i);
    }
  }

  parse(): (Scope | Query)[] {
    while (!this.eof()) {
      const before = this.p;
      this.statement();
      this.skipStatementRest();
      if (this.p === before) this.p++;
    }
    return this.roots;
  }

  // ── token helpers ──────────────────────────────────────────────────────────

  private eof(): boolean {
    return this.p >= this.sig.length;
  }

  private tok(k = 0): Token | undefined {
    const index = this.sig[this.p + k];
    return index === undefined ? undefined : this.tokens[index];
  }

  /** The lower-cased text of a bare word at offset k, or '' for any other token. */
  private word(k = 0): string {
    const at = this.p + k;
    const token = this.tok(k);
    if (!token || token.kind !== 'identifier') return '';
    let cached = this.lower[at];
    if (cached === undefined) {
      cached = this.sql.slice(token.start, token.end).toLowerCase();
      this.lower[at] = cached;
    }
    return cached;
  }

  private isPunct(k: number, ch: string): boolean {
    const token = this.tok(k);
    return token?.kind === 'punctuation' && this.sql.charCodeAt(token.start) === ch.charCodeAt(0);
  }

  private isOp(k: number, op: string): boolean {
    const token = this.tok(k);
    return token?.kind === 'operator' && token.end - token.start === op.length && this.sql.startsWith(op, token.start);
  }

  private isCloser(k = 0): boolean {
    return this.isPunct(k, ')') || this.isPunct(k, ']') || this.isPunct(k, '}');
  }

  private isNameToken(k = 0): boolean {
    const token = this.tok(k);
    return token !== undefined && (token.kind === 'identifier' || (token.kind === 'quoted_identifier' && !token.unterminated));
  }

  private expectPunct(ch: string): void {
    if (this.isPunct(0, ch)) this.p++;
  }

  private expectCloser(): void {
    if (this.isCloser()) this.p++;
  }

  private startsQuery(k: number): boolean {
    let at = k;
    while (this.isPunct(at, '(')) at++;
    const w = this.word(at);
    return w === 'select' || w === 'with';
  }

  private isClauseWord(k = 0): boolean {
    const w = this.word(k);
    return CLAUSE_KEYWORDS.has(w) && !(CLAUSE_WORDS_USABLE_AS_FUNCTIONS.has(w) && this.isPunct(k + 1, '('));
  }

  // ── names ──────────────────────────────────────────────────────────────────

  /** The name parts of one identifier token; a BigQuery backtick path yields one part per segment. */
  private partsOf(tokenIndex: number): NamePart[] {
    const token = this.tokens[tokenIndex];
    if (!token) return [];
    const raw = this.sql.slice(token.start, token.end);
    if (token.kind === 'identifier') return [{ text: raw, quoted: false, token: tokenIndex, segment: -1, locked: false }];
    const text = unquoteIdentifier(raw, this.rules);
    if (this.rules.name === 'bigquery' && text.includes('.')) {
      return text.split('.').map((segment, i) => ({ text: segment, quoted: true, token: tokenIndex, segment: i, locked: false }));
    }
    return [{ text, quoted: true, token: tokenIndex, segment: -1, locked: false }];
  }

  /** Reads `a.b.c` or `a.b.*` starting at a name token. */
  private readChain(): { parts: NamePart[]; star: boolean } {
    const parts = this.partsOf(this.sig[this.p] ?? -1);
    this.p++;
    for (;;) {
      if (!this.isPunct(0, '.')) return { parts, star: false };
      if (this.isOp(1, '*')) {
        this.p += 2;
        return { parts, star: true };
      }
      if (!this.isNameToken(1)) return { parts, star: false };
      this.p++;
      parts.push(...this.partsOf(this.sig[this.p] ?? -1));
      this.p++;
    }
  }

  /** `(a, b.c, …)` after the opening parenthesis; stops before `)`. */
  private readNameList(): NamePart[][] {
    const names: NamePart[][] = [];
    while (this.isNameToken()) {
      names.push(this.readChain().parts);
      if (!this.isPunct(0, ',')) break;
      this.p++;
    }
    return names;
  }

  private readAlias(): NamePart | null {
    const token = this.tok();
    if (!token) return null;
    if (this.isNameToken()) {
      this.p++;
      return this.partsOf(this.sig[this.p - 1] ?? -1)[0] ?? null;
    }
    if (token.kind === 'string') this.p++;
    return null;
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
    while (['into', 'overwrite', 'table', 'ignore'].includes(this.word())) this.p++;
    if (!this.isNameToken()) return;
    const scope = newScope(null, null);
    const item = this.tableOrCte(this.readChain().parts, null);
    if (this.word() === 'as') this.itemAlias(item);
    scope.items.push(item);
    if (this.isPunct(0, '(') && !this.startsQuery(1)) {
      this.p++;
      for (const parts of this.readNameList()) scope.refs.push({ parts, clause: 'other', target: item });
      this.expectPunct(')');
    }
    this.roots.push(scope);
    if (this.word() === 'values') this.valuesRows(newScope(null, null));
  }

  private update(): void {
    this.p++;
    if (this.word() === 'only') this.p++;
    if (!this.isNameToken()) return;
    const scope = newScope(null, null);
    const target = this.tableOrCte(this.readChain().parts, null);
    this.itemAlias(target);
    scope.items.push(target);
    if (this.word() === 'set') {
      this.p++;
      this.assignments(scope, target);
    }
    if (this.word() === 'from') {
      this.p++;
      this.fromList(scope);
    }
    if (this.word() === 'where') {
      this.p++;
      this.scan(scope, 'where', LIST);
    }
    this.roots.push(scope);
  }

  private deleteStatement(): void {
    this.p++;
    if (this.word() === 'from') this.p++;
    if (!this.isNameToken()) return;
    const scope = newScope(null, null);
    const target = this.tableOrCte(this.readChain().parts, null);
    this.itemAlias(target);
    scope.items.push(target);
    if (this.word() === 'using') {
      this.p++;
      this.fromList(scope);
    }
    if (this.word() === 'where') {
      this.p++;
      this.scan(scope, 'where', LIST);
    }
    this.roots.push(scope);
  }

  private merge(): void {
    this.p++;
    if (this.word() === 'into') this.p++;
    const scope = newScope(null, null);
    this.fromItem(scope);
    const target = scope.items[0];
    if (!target) return;
    if (this.word() === 'using') {
      this.p++;
      this.fromItem(scope);
    }
    if (this.word() === 'on') {
      this.p++;
      this.scan(scope, 'on', LIST);
    }
    while (this.word() === 'when') {
      this.p++;
      while (['not', 'matched', 'by', 'source', 'target'].includes(this.word())) this.p++;
      if (this.word() === 'and') {
        this.p++;
        this.scan(scope, 'where', LIST);
      }
      if (this.word() === 'then') this.p++;
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
        for (const parts of this.readNameList()) scope.refs.push({ parts, clause: 'other', target });
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
      scope.refs.push({ parts: this.readChain().parts, clause: 'other', target });
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
      if (this.word() === 'recursive') this.p++;
      inner = { ctes: query.ctes, parent: env };
      this.cteList(query, inner, outer);
    }
    query.branches.push(this.queryTerm(inner, outer));
    while (SET_OPERATIONS.has(this.word())) {
      this.p++;
      while (['all', 'distinct', 'corresponding'].includes(this.word())) this.p++;
      if (this.word() === 'by' && this.word(1) === 'name') this.p += 2;
      query.branches.push(this.queryTerm(inner, outer));
    }
  }

  private cteList(query: Query, env: CteEnv, outer: Scope | null): void {
    while (this.isNameToken()) {
      const name = this.partsOf(this.sig[this.p] ?? -1)[0];
      this.p++;
      let columnAliases: NamePart[] | null = null;
      if (this.isPunct(0, '(')) {
        this.p++;
        columnAliases = this.readNameList().flatMap((parts) => parts.slice(-1));
        this.expectPunct(')');
      }
      if (!name || this.word() !== 'as') return;
      this.p++;
      while (['not', 'materialized'].includes(this.word())) this.p++;
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
    if (this.word() === 'into') {
      this.p++;
      if (this.isNameToken()) this.readChain();
    }
    if (this.word() === 'from') {
      this.p++;
      this.fromList(scope);
    }
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
        while (['percent', 'with', 'ties'].includes(this.word())) this.p++;
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
        scope.refs.push({ parts: this.readChain().parts, clause: 'select', target: null });
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
        if (this.word() === 'by') this.p++;
        this.scan(scope, w, LIST);
      } else if (w === 'window') {
        this.p++;
        this.windowDefinitions(scope);
      } else if (w === 'limit' || w === 'offset') {
        this.p++;
        this.scan(scope, 'other', LIST);
      } else if (w === 'fetch') {
        this.p++;
        while (['first', 'next', 'row', 'rows', 'only', 'with', 'ties', 'percent'].includes(this.word()) || this.tok()?.kind === 'number') this.p++;
      } else return;
    }
  }

  private windowDefinitions(scope: Scope): void {
    for (;;) {
      if (this.isNameToken()) this.p++;
      if (this.word() === 'as') this.p++;
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
    while (JOIN_WORDS.has(this.word())) {
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
    if (this.word() === 'outer') this.p++;
    if (this.isNameToken()) this.readChain();
    if (this.isPunct(0, '(')) this.parenthesized(scope, 'other', false);
    const item: FromItem = { kind: 'opaque', implicitName: null, alias: null, columnAliases: null };
    this.itemAlias(item);
    if (this.word() === 'as') {
      this.p++;
      if (this.isNameToken()) this.p++;
    }
    scope.items.push(item);
  }

  private fromItem(scope: Scope): void {
    let lateral = false;
    if (this.word() === 'lateral') {
      lateral = true;
      this.p++;
    }
    let item: FromItem;
    const token = this.tok();
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
    } else if (token?.kind === 'template') {
      this.p++;
      item = this.templateItem(this.sig[this.p - 1] ?? -1, token);
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
  private templateItem(tokenIndex: number, token: Token): FromItem {
    const text = this.sql.slice(token.start, token.end);
    const source = DBT_SOURCE.exec(text);
    if (source) {
      const part = (name: string): NamePart => ({ text: name, quoted: false, token: tokenIndex, segment: -1, locked: true });
      return { kind: 'table', name: [part(source[2] ?? ''), part(source[4] ?? '')], alias: null, columnAliases: null };
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
        while (['as', 'of'].includes(this.word())) this.p++;
        this.scan(scope, 'other', ITEM);
      } else if ((w === 'version' || w === 'timestamp') && this.word(1) === 'as' && this.word(2) === 'of') {
        this.p += 3;
        this.scan(scope, 'other', ITEM);
      } else if (['at', 'before', 'changes', 'with'].includes(w) && this.isPunct(1, '(')) {
        this.p++;
        this.parenthesized(scope, 'other', false);
      } else if (w === 'sample' || w === 'tablesample') {
        this.p++;
        while (['bernoulli', 'system', 'block', 'row'].includes(this.word())) this.p++;
        if (this.isPunct(0, '(')) this.parenthesized(scope, 'other', false);
        if (['repeatable', 'seed'].includes(this.word()) && this.isPunct(1, '(')) {
          this.p++;
          this.parenthesized(scope, 'other', false);
        }
      } else return;
    }
  }

  private itemAlias(item: FromItem): void {
    const w = this.word();
    if (w === 'as') this.p++;
    else if (this.tok()?.kind === 'identifier' && (NON_COLUMN_WORDS.has(w) || JOIN_WORDS.has(w))) return;
    if (!this.isNameToken()) return;
    item.alias = this.partsOf(this.sig[this.p] ?? -1)[0] ?? null;
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
      while (['include', 'exclude', 'nulls'].includes(this.word())) this.p++;
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
      while (['with', 'without', 'local', 'time', 'zone'].includes(this.word())) this.p++;
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
      const token = this.tok();
      if (!token) return;
      if (token.kind === 'identifier' || token.kind === 'quoted_identifier' || token.kind === 'number' || this.isPunct(0, '.')) this.p++;
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
    const finish = (stop: ScanStop): ScanResult => ({ stop, terms, singleRef: terms === 1 && refs === 1 ? candidate : null });

    while (!this.eof()) {
      const token = this.tok();
      if (!token) break;
      const isFirst = first;
      first = false;
      const prevToken = this.tok(-1);
      if (token.kind === 'punctuation') {
        const ch = this.sql[token.start];
        if (ch === ')' || ch === ']' || ch === '}') return finish('close');
        if (ch === ';') return finish('end');
        if (ch === ',' && mode.stopAtComma) return finish('comma');
        if (ch === '(' || ch === '[' || ch === '{') this.parenthesized(scope, clause, pendingDatePart);
        else this.p++;
        lastWasTerm = ch === '(' || ch === '[' || ch === '{';
        pendingDatePart = false;
        prevWord = '';
        terms++;
        continue;
      }
      if (token.kind === 'operator') {
        this.p++;
        if (this.sql.startsWith('::', token.start)) this.skipType();
        else if (token.end - token.start === 1 && this.sql[token.start] === ':') this.skipPath();
        lastWasTerm = this.sql.startsWith('::', token.start) || this.sql[token.start] === ':';
        prevWord = '';
        terms++;
        continue;
      }
      if (token.kind === 'identifier') {
        const w = this.word();
        if (CONTEXT_KEYWORDS.get(w)?.has(prevWord)) {
          this.p++;
          prevWord = w;
          terms++;
          continue;
        }
        if (w === 'case') caseDepth++;
        if (w === 'end' && caseDepth > 0) caseDepth--;
        if (!mode.group && caseDepth === 0 && this.isClauseWord() && !(w === 'group' && prevWord === 'within') && !(w === 'from' && prevWord === 'distinct')) {
          return finish('clause');
        }
        if (w === 'as') {
          if (mode.detectAlias && caseDepth === 0) return finish('as');
          this.p++;
          if (this.isNameToken() || this.tok()?.kind === 'string') this.p++;
          lastWasTerm = true;
          prevWord = '';
          terms++;
          continue;
        }
        if (mode.detectAlias && lastWasTerm && caseDepth === 0 && !NON_COLUMN_WORDS.has(w)) return finish('alias');
        const isDatePart = DATE_PARTS.has(w) && ((isFirst && datePartFirst) || prevToken?.kind === 'number' || prevToken?.kind === 'string');
        if (NON_COLUMN_WORDS.has(w) || isDatePart || prevWord === 'over' || this.isOp(1, '=>') || this.tok(1)?.kind === 'string') {
          this.p++;
          if (this.tok()?.kind === 'string' && !NON_COLUMN_WORDS.has(w)) this.p++; // typed literal: DATE '2024-01-01'
          lastWasTerm = VALUE_WORDS.has(w) || w === 'end' || !NON_COLUMN_WORDS.has(w);
          prevWord = w;
          terms++;
          continue;
        }
      } else if (token.kind === 'quoted_identifier' && !token.unterminated) {
        if (mode.detectAlias && lastWasTerm && caseDepth === 0) return finish('alias');
      } else {
        this.p++;
        lastWasTerm = token.kind !== 'other';
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
        const fn = chain.parts.length === 1 ? (chain.parts[0]?.text.toLowerCase() ?? '') : '';
        pendingDatePart = DATE_PART_FUNCTIONS.has(fn);
        terms--; // the call counts as one term together with its parenthesised arguments
        continue;
      }
      if (chain.star || chain.parts.length === 0) continue;
      const ref: ColumnRef = { parts: chain.parts, clause, target: null };
      scope.refs.push(ref);
      refs++;
      candidate ??= ref;
    }
    return finish('end');
  }
}
